import { type KeyboardEvent, useEffect, useId, useState } from "react";
import { type AiAgentSettings, DEFAULT_AI_AGENT } from "../../../shared/schemas";
import { type AgentMetrics, languageApi } from "../../api/language";
import { errorText } from "./useGuidance";

const REASON_LABEL: Record<string, string> = {
  asked_for_human: "Customer asked for a person",
  emotion: "Customer upset",
  low_confidence: "Not sure enough",
  unhelpful_answers: "Answers didn't help",
  no_article: "No article answers it",
  unsafe_input: "Unsafe input",
};

function Metrics({ m }: { m: AgentMetrics }) {
  const reasons = Object.entries(m.handoverReasons).sort((a, b) => b[1] - a[1]);
  return (
    <div className="ai-metrics" data-testid="ai-agent-metrics">
      <dl className="ai-metric-row">
        <div>
          <dt>Answered</dt>
          <dd>{m.answered}</dd>
        </div>
        <div>
          <dt>Resolved</dt>
          <dd>{m.resolved}</dd>
        </div>
        <div>
          <dt>Handed over</dt>
          <dd>{m.handedOver}</dd>
        </div>
      </dl>
      {reasons.length > 0 && (
        <ul className="ai-reasons" aria-label="Why it handed over">
          {reasons.map(([k, n]) => (
            <li key={k}>
              {REASON_LABEL[k] ?? k}: {n}
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">Since {new Date(m.since).toLocaleDateString(undefined, { dateStyle: "medium" })}.</p>
    </div>
  );
}

/**
 * The AI answer agent of one inbox: on/off, how sure it must be to answer, the name customers see, and what it did.
 * Saved on its own (its own endpoint), so it sits in the inbox form without being part of the inbox's submit.
 */
export function AiAgentSection({ inboxId }: { inboxId: string | null }) {
  const id = useId();
  const [s, setS] = useState<AiAgentSettings | null>(null);
  const [metrics, setMetrics] = useState<AgentMetrics | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState("");

  useEffect(() => {
    if (!inboxId) return;
    let live = true;
    languageApi.aiAgent(inboxId).then(
      (x) => live && setS(x),
      (e) => live && setError(errorText(e, "The AI assistant")),
    );
    languageApi.aiAgentMetrics(inboxId).then(
      (x) => live && setMetrics(x),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [inboxId]);

  const save = async () => {
    if (!inboxId || !s) return;
    setBusy(true);
    setError(null);
    setSaved("");
    try {
      setS(
        await languageApi.updateAiAgent(inboxId, { enabled: s.enabled, confidenceThreshold: s.confidenceThreshold, name: s.name.trim() }),
      );
      setSaved("AI assistant settings saved");
    } catch (e) {
      setError(errorText(e, "The AI assistant"));
    } finally {
      setBusy(false);
    }
  };
  // Enter here saves this section, not the whole inbox form around it.
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Enter") {
      e.preventDefault();
      void save();
    }
  };

  const v = s ?? DEFAULT_AI_AGENT;
  return (
    <fieldset className="ai-agent" data-testid="ai-agent-settings">
      <legend>AI answer assistant</legend>
      <p className="muted small">
        Answers customers from your published articles, in their language, citing them. It hands over to a person at once when the customer
        asks for one, is upset, or it isn't sure enough.
      </p>
      {!inboxId && <p className="muted small">Save the inbox first; then you can turn the assistant on here.</p>}
      {inboxId && !s && !error && <p className="muted small">Loading…</p>}
      {inboxId && s && (
        <>
          <label className="check">
            <input
              type="checkbox"
              checked={v.enabled}
              onChange={(e) => setS({ ...v, enabled: e.target.checked })}
              data-testid="ai-agent-enabled"
            />{" "}
            Let the assistant answer new messages in this inbox
          </label>
          <div className="form-grid">
            <label htmlFor={`${id}-threshold`}>Answer only when at least this sure</label>
            <span className="ai-threshold">
              <input
                id={`${id}-threshold`}
                type="range"
                min={0}
                max={1}
                step={0.05}
                value={v.confidenceThreshold}
                disabled={!v.enabled}
                onChange={(e) => setS({ ...v, confidenceThreshold: Number(e.target.value) })}
                onKeyDown={onKey}
                aria-valuetext={`${Math.round(v.confidenceThreshold * 100)} percent`}
              />
              <output htmlFor={`${id}-threshold`}>{Math.round(v.confidenceThreshold * 100)}%</output>
            </span>
            <label htmlFor={`${id}-name`}>Name customers see</label>
            <input
              id={`${id}-name`}
              maxLength={80}
              value={v.name}
              disabled={!v.enabled}
              onChange={(e) => setS({ ...v, name: e.target.value })}
              onKeyDown={onKey}
            />
          </div>
          <div className="form-actions">
            <span className="help-notice" role="status" data-testid="ai-agent-notice">
              {saved}
            </span>
            <button type="button" className="btn" data-testid="ai-agent-save" disabled={busy || !v.name.trim()} onClick={() => void save()}>
              {busy ? "Saving…" : "Save assistant settings"}
            </button>
          </div>
        </>
      )}
      {error && (
        <p className="form-error small" role="alert">
          {error}
        </p>
      )}
      {metrics && <Metrics m={metrics} />}
    </fieldset>
  );
}
