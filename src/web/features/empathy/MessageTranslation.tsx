import { useEffect, useRef, useState } from "react";
import type { Message } from "../../../shared/schemas";
import { languageApi } from "../../api/language";
import { TRANSLATION_UNAVAILABLE, useCapabilities } from "./useCapabilities";
import { agentLanguage, languageName } from "./words";

/** Messages translated on sight this page load: tried once each; after a failure the button is the way to retry. */
const autoTried = new Set<string>();
/** Two translations at a time, so opening a long foreign thread does not fire one model call per message at once. */
const AUTO_SLOTS = 2;
let running = 0;
const waiting: (() => void)[] = [];
async function inSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= AUTO_SLOTS) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/**
 * Under a message: its translation when it has one ("Translated from Danish" under an incoming message,
 * "Original in English" under a reply sent in the customer's language), and a Translate action on incoming ones.
 * With a language model configured, an incoming message in another language than the agent's is translated as
 * soon as it is shown (stored on the message, so once for the whole team); the original stays above it.
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

  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  const translate = async (auto = false) => {
    setBusy(true);
    setError(null);
    try {
      const call = () => languageApi.translateMessage(m.id, target);
      const translated = (await (auto ? inSlot(call) : call())).translation;
      if (!live.current) return;
      setLocal(translated);
      setShown(true);
    } catch (e) {
      if (live.current) setError(e instanceof Error ? e.message : "Translation failed");
    } finally {
      if (live.current) setBusy(false);
    }
  };

  // Known to be in another language, not yet translated, and a model to do it: translate without being asked.
  const foreign = incoming && !!m.analysis?.language && !sameLanguage && !!m.text.trim();
  useEffect(() => {
    if (!caps?.translation || !foreign || t || autoTried.has(m.id)) return;
    autoTried.add(m.id);
    void translate(true);
  });

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
