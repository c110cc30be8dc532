import { useState } from "react";
import type { Guidance } from "../../../shared/schemas";
import { languageApi } from "../../api/language";
import { useCapabilities } from "./useCapabilities";
import { errorText } from "./useGuidance";
import { safeUrl } from "./words";

type Draft = NonNullable<Guidance["draft"]>;

/** "Draft a reply" with the language model: the draft with the articles it cites, and one click into the composer. */
export function DraftReply({ conversationId, onInsert }: { conversationId: string; onInsert: (text: string) => void }) {
  const caps = useCapabilities();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (caps === null) return null;
  if (!caps.drafting)
    return (
      <p className="muted small" data-testid="draft-unavailable">
        Drafting a reply needs a language model, and none is configured on this server.
      </p>
    );

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const g = await languageApi.guidance(conversationId, true);
      if (!g.draft) setError("The language model gave no draft this time; try again.");
      setDraft(g.draft);
    } catch (e) {
      setError(errorText(e, "Drafting"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="draft" data-testid="draft">
      <button
        type="button"
        className="btn"
        data-testid="draft-button"
        disabled={busy}
        onClick={() => void run()}
        aria-describedby="draft-note"
      >
        {busy ? "Drafting…" : draft ? "Draft again" : "Draft a reply"}
      </button>
      <p id="draft-note" className="muted small">
        Written by the language model from your articles; read it before you send.
      </p>
      {error && (
        <p className="form-error small" role="alert">
          {error}
        </p>
      )}
      {draft && (
        <div className="draft-body" aria-live="polite">
          <p className="draft-text" data-testid="draft-text">
            {draft.text}
          </p>
          {draft.citations.length > 0 && (
            <ul className="draft-citations" aria-label="Sources">
              {draft.citations.map((c) => (
                <li key={`${c.articleId}:${c.locale}`}>
                  <a href={safeUrl(c.url)} target="_blank" rel="noopener noreferrer">
                    {c.title}
                  </a>
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="btn primary" data-testid="draft-insert" onClick={() => onInsert(draft.text)}>
            Insert draft
          </button>
        </div>
      )}
    </div>
  );
}
