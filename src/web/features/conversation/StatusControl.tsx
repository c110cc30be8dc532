import { useState } from "react";
import type { Conversation, Status } from "../../../shared/schemas";
import type { ConversationPatch } from "../../api/client";

function at(daysAhead: number, hour: number): Date {
  const d = new Date();
  d.setDate(d.getDate() + daysAhead);
  d.setHours(hour, 0, 0, 0);
  return d;
}
function nextMonday(): Date {
  const d = at(1, 9);
  while (d.getDay() !== 1) d.setDate(d.getDate() + 1);
  return d;
}
/** A value for <input type="datetime-local"> in the agent's own time zone. */
function localInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

const QUICK: [string, () => Date][] = [
  ["1 hour", () => new Date(Date.now() + 3_600_000)],
  ["Tomorrow 9:00", () => at(1, 9)],
  ["Monday 9:00", nextMonday],
];

/** Status select; "Snooze…" opens quick choices and a date-time picker, since snoozing needs a time. */
export function StatusControl({ conv, onUpdate }: { conv: Conversation; onUpdate: (p: ConversationPatch) => void }) {
  const [snoozing, setSnoozing] = useState(false);
  const [until, setUntil] = useState(() => localInput(at(1, 9)));
  const snooze = (d: Date) => {
    setSnoozing(false);
    onUpdate({ status: "snoozed", snoozedUntil: d.toISOString() });
  };
  const snoozedLabel =
    conv.status === "snoozed" && conv.snoozedUntil
      ? `Snoozed until ${new Date(conv.snoozedUntil).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}`
      : "Snoozed";
  return (
    <>
      <label>
        <span>Status</span>
        <select
          data-testid="status-select"
          value={snoozing ? "snooze" : conv.status}
          disabled={!conv.can.update}
          onChange={(e) => {
            const v = e.target.value as Status | "snooze";
            if (v === "snooze") return setSnoozing(true);
            setSnoozing(false);
            if (v !== conv.status) onUpdate({ status: v });
          }}
        >
          <option value="open">Open</option>
          <option value="pending">Pending</option>
          {conv.status === "snoozed" && <option value="snoozed">{snoozedLabel}</option>}
          <option value="snooze">{conv.status === "snoozed" ? "Snooze until another time…" : "Snooze…"}</option>
          <option value="resolved">Resolved</option>
          <option value="closed">Closed</option>
        </select>
      </label>
      {snoozing && (
        <fieldset className="snooze">
          <legend className="visually-hidden">Snooze until</legend>
          {QUICK.map(([label, when]) => (
            <button key={label} type="button" className="btn small-btn" onClick={() => snooze(when())}>
              {label}
            </button>
          ))}
          <label className="visually-hidden" htmlFor="snooze-until">
            Snooze until a date and time
          </label>
          <input
            id="snooze-until"
            type="datetime-local"
            value={until}
            min={localInput(new Date())}
            onChange={(e) => setUntil(e.target.value)}
          />
          <button
            type="button"
            className="btn primary small-btn"
            disabled={!until || new Date(until) <= new Date()}
            onClick={() => snooze(new Date(until))}
          >
            Snooze
          </button>
          <button type="button" className="btn link small-btn" onClick={() => setSnoozing(false)}>
            Cancel
          </button>
        </fieldset>
      )}
    </>
  );
}
