import { useState } from "react";
import type { Message } from "../../../shared/schemas";
import { languageApi } from "../../api/language";
import { TRANSLATION_UNAVAILABLE, useCapabilities } from "./useCapabilities";
import { agentLanguage, languageName } from "./words";

/**
 * Under a message: its translation when it has one ("Translated from Danish" under an incoming message,
 * "Original in English" under a reply sent in the customer's language), and a Translate action on incoming ones.
 */
export function MessageTranslation({ m }: { m: Message }) {
  const caps = useCapabilities();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState(true);
  // The message.updated push brings the translation too; until it does, show the one we were answered with.
  const [local, setLocal] = useState<Message["translation"]>(null);
  const t = m.translation ?? local;
  const target = agentLanguage();
  const incoming = m.kind === "incoming";
  // Nothing to offer on a message already in the agent's language.
  const sameLanguage = incoming && m.analysis?.language === target;

  const translate = async () => {
    setBusy(true);
    setError(null);
    try {
      setLocal((await languageApi.translateMessage(m.id, target)).translation);
      setShown(true);
    } catch (e) {
      setError(e instanceof Error ? e.message : "Translation failed");
    } finally {
      setBusy(false);
    }
  };

  if (t) {
    const label = incoming
      ? `Translated from ${languageName(t.from)}`
      : `Sent in ${languageName(t.to)} · original in ${languageName(t.from)}`;
    return (
      <div className="msg-translation" data-testid="message-translation" lang={incoming ? t.to : (t.from ?? undefined)}>
        <p className="msg-translation-head">
          <span className="chip">{label}</span>
          <button type="button" className="btn link tiny" aria-expanded={shown} onClick={() => setShown(!shown)}>
            {shown ? "Hide" : "Show"}
          </button>
        </p>
        {shown && <div className="msg-text">{t.text}</div>}
      </div>
    );
  }
  if (!incoming || sameLanguage || !m.text.trim()) return null;
  const unavailable = caps !== null && !caps.translation;
  return (
    <p className="msg-translate">
      <button
        type="button"
        className="btn link tiny"
        data-testid="translate-message"
        disabled={busy || caps === null || unavailable}
        aria-describedby={unavailable ? `tr-why-${m.id}` : undefined}
        onClick={() => void translate()}
      >
        {busy ? "Translating…" : `Translate to ${languageName(target)}`}
      </button>
      {unavailable && (
        <span id={`tr-why-${m.id}`} className="muted small">
          {TRANSLATION_UNAVAILABLE}
        </span>
      )}
      {error && (
        <span className="form-error small" role="alert">
          {error}
        </span>
      )}
    </p>
  );
}
