import { useState } from "react";
import type { HandoffSummary } from "../../../shared/schemas";
import { EmotionFace } from "./EmotionFace";
import type { SummariesState } from "./useHandoffSummaries";
import { EMOTION_WORD, temperatureWord } from "./words";

const REASON: Record<HandoffSummary["reason"], string> = {
  reassigned: "after reassignment",
  escalated: "after escalation",
  ai_handoff: "from the AI assistant's hand-over",
  requested: "on request",
};
const TREND = { calmer: "calmer than before", steady: "steady", hotter: "getting more upset" } as const;

/** "a · b · c" on one line, or what is missing in words. */
function Inline({ label, items, empty }: { label: string; items: string[]; empty: string }) {
  return (
    <p className="hs-line">
      <strong>{label}:</strong> {items.length ? items.join(" · ") : <span className="muted">{empty}</span>}
    </p>
  );
}

/** Pinned above the thread: what the next person needs so the customer never repeats the story. */
export function HandoffSummaryCard({ state }: { state: SummariesState }) {
  const [open, setOpen] = useState(true);
  const s = state.current;
  if (!s) return null;
  const facts = [
    ...s.facts.orderNumbers.map((x) => ({ k: "Order", v: x })),
    ...s.facts.dates.map((x) => ({ k: "Date", v: x })),
    ...s.facts.amounts.map((x) => ({ k: "Amount", v: x })),
  ];
  const at = new Date(s.createdAt);
  return (
    <section className="handoff-card" aria-labelledby="hs-title" data-testid="handoff-summary" data-id={s.id}>
      <header>
        <h3 id="hs-title">Hand-off summary</h3>
        <span className="muted small">
          {REASON[s.reason]} ·{" "}
          <time dateTime={s.createdAt} title={at.toLocaleString()}>
            {at.toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" })}
          </time>{" "}
          · {s.engine === "llm" ? "written by the language model" : "extracted offline"}
        </span>
        <span className="spacer" />
        <button type="button" className="btn link tiny" disabled={state.busy} onClick={() => void state.summarize()}>
          {state.busy ? "Summarizing…" : "Update"}
        </button>
        <button type="button" className="btn link tiny" aria-expanded={open} aria-controls="hs-body" onClick={() => setOpen(!open)}>
          {open ? "Collapse" : "Expand"}
        </button>
      </header>
      <div id="hs-body" hidden={!open}>
        <p className="hs-line">
          <strong>Wants:</strong> {s.wants || "—"}
        </p>
        <p className="hs-line hs-mood">
          <strong>Mood:</strong> <EmotionFace emotion={s.mood.emotion} size={14} /> {EMOTION_WORD[s.mood.emotion]} ·{" "}
          {temperatureWord(s.mood.temperature)} ({s.mood.temperature}/100), {TREND[s.mood.trend]}
          {facts.length > 0 && (
            <span className="hs-facts">
              {" "}
              <strong>Facts:</strong>{" "}
              {facts.map((f) => (
                <span key={`${f.k}:${f.v}`} className="chip" title={f.k}>
                  <span className="visually-hidden">{f.k} </span>
                  {f.v}
                </span>
              ))}
            </span>
          )}
        </p>
        <Inline label="Tried" items={s.tried} empty="nothing yet" />
        <Inline label="Promised" items={s.promises} empty="no promises made" />
      </div>
    </section>
  );
}
