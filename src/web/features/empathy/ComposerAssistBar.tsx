import type { ComposerAssist } from "./useComposerAssist";
import { TRANSLATION_UNAVAILABLE, useCapabilities } from "./useCapabilities";
import { languageName } from "./words";

/** Acknowledge first (B): two or three openings in the customer's language; a click (or Enter) puts one at the start. */
export function AcknowledgementChips({ assist }: { assist: ComposerAssist }) {
  // While the nudge is up it carries the suggestion; one prompt at a time.
  if (assist.acknowledgements.length === 0 || assist.nudge) return null;
  return (
    <fieldset className="ack-chips" data-testid="ack-chips">
      <legend className="visually-hidden">Acknowledge first: openings for your reply</legend>
      <span className="ack-chips-label" aria-hidden="true">
        Acknowledge first:
      </span>
      {assist.acknowledgements.map((a) => (
        <button key={a} type="button" className="chip ack-chip" data-testid="ack-chip" onClick={() => assist.insertOpening(a)} title={a}>
          {a}
        </button>
      ))}
    </fieldset>
  );
}

/** The one-time nudge: a reply to an upset customer that doesn't acknowledge how they feel. Never blocks: "Send anyway" sends. */
export function AcknowledgementNudge({ assist, onSendAnyway, busy }: { assist: ComposerAssist; onSendAnyway: () => void; busy: boolean }) {
  const n = assist.nudge;
  return (
    <div className="ack-nudge-region" role="status" aria-live="polite">
      {n && (
        <div className="ack-nudge" data-testid="ack-nudge">
          <p>
            <strong>This customer is upset.</strong> A line that acknowledges how they feel usually helps before the solution
            {n.suggestion ? ", for example:" : "."}
          </p>
          {n.suggestion && <blockquote data-testid="ack-nudge-suggestion">{n.suggestion}</blockquote>}
          <div className="ack-nudge-actions">
            {n.suggestion && (
              <button
                type="button"
                className="btn"
                data-testid="ack-nudge-add"
                onClick={() => n.suggestion && assist.insertOpening(n.suggestion)}
              >
                Add acknowledgement
              </button>
            )}
            <button type="button" className="btn primary" data-testid="ack-nudge-send" disabled={busy} onClick={onSendAnyway}>
              Send anyway
            </button>
            <button type="button" className="btn link" onClick={assist.dismissNudge} aria-label="Dismiss the suggestion">
              Dismiss
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

/** "Send in the customer's language": offered when they write in another language; disabled, with the reason, without a model. */
export function SendInLanguage({ assist }: { assist: ComposerAssist }) {
  const caps = useCapabilities();
  const t = assist.translate;
  if (!t.offered || !t.language) return null;
  const unavailable = caps !== null && !caps.translation;
  return (
    <span className="send-in-language">
      <label className="inline-check" title={unavailable ? TRANSLATION_UNAVAILABLE : undefined}>
        <input
          type="checkbox"
          data-testid="send-in-language"
          checked={t.on && !unavailable}
          disabled={caps === null || unavailable}
          aria-describedby={unavailable ? "send-in-language-why" : undefined}
          onChange={(e) => t.set(e.target.checked)}
        />{" "}
        Send in {languageName(t.language)}
      </label>
      {unavailable && (
        <span id="send-in-language-why" className="muted small">
          {" "}
          ({TRANSLATION_UNAVAILABLE})
        </span>
      )}
    </span>
  );
}

/**
 * Sending in the customer's language: the translation is shown to the agent before it goes, editable, with
 * their original beside it; "Send in …" sends exactly this text.
 */
export function TranslationPreview({ assist, busy, onSend }: { assist: ComposerAssist; busy: boolean; onSend: () => void }) {
  const p = assist.translate.preview;
  if (!p) return null;
  const lang = languageName(p.target);
  return (
    <section className="translation-preview" data-testid="translation-preview" aria-label={`Your reply in ${lang}`}>
      <label htmlFor="translation-preview-text">
        <strong>Your reply in {lang}</strong>: read it, edit it if needed, then send. The customer sees only this text.
      </label>
      <textarea
        id="translation-preview-text"
        data-testid="translation-preview-text"
        value={p.text}
        rows={Math.min(8, Math.max(3, p.text.split("\n").length + 1))}
        lang={p.target}
        onChange={(e) => assist.translate.editPreview(e.target.value)}
      />
      <div className="translation-preview-actions">
        <button
          type="button"
          className="btn primary"
          data-testid="translation-preview-send"
          disabled={busy || !p.text.trim()}
          onClick={onSend}
        >
          Send in {lang}
        </button>
        <button type="button" className="btn link" data-testid="translation-preview-discard" onClick={assist.translate.discardPreview}>
          Back to my text
        </button>
      </div>
    </section>
  );
}
