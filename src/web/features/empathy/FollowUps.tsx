import { useId, useState } from "react";
import type { FollowUp } from "../../../shared/schemas";
import { languageApi } from "../../api/language";
import { useConversationItems } from "./useConversationItems";
import { errorText } from "./useGuidance";

/** Tomorrow at 10:00 in the agent's own time zone. */
export function tomorrowAtTen(now = new Date()): Date {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  d.setHours(10, 0, 0, 0);
  return d;
}
/** A Date as the value of an <input type="datetime-local"> (local time, minutes). */
const localValue = (d: Date) => {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
};
const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

/** Provide responsible follow-up: one click for tomorrow 10:00, or a time of the agent's choosing; the open tasks below. */
export function FollowUps({ conversationId, defaultTitle }: { conversationId: string; defaultTitle: string }) {
  const id = useId();
  const { items, setItems, error, setError, live } = useConversationItems<FollowUp>(conversationId, languageApi.followUps, "Follow-ups");
  const [busy, setBusy] = useState(false);
  const [custom, setCustom] = useState(false);
  const [title, setTitle] = useState(defaultTitle);
  const [due, setDue] = useState(localValue(tomorrowAtTen()));
  const [notice, setNotice] = useState("");

  const create = async (dueAt: Date, t: string) => {
    if (Number.isNaN(dueAt.getTime())) return setError("Pick a date and time for the follow-up.");
    setBusy(true);
    setError(null);
    try {
      const f = await languageApi.createFollowUp(conversationId, { title: t.trim() || defaultTitle, dueAt: dueAt.toISOString() });
      if (!live.current) return;
      setItems((cur) => [f, ...(cur ?? []).filter((x) => x.id !== f.id)]);
      setNotice(`Follow-up set for ${when(f.dueAt)}`);
      setCustom(false);
    } catch (e) {
      if (live.current) setError(errorText(e, "Follow-ups"));
    } finally {
      if (live.current) setBusy(false);
    }
  };

  const change = async (f: FollowUp, status: "done" | "cancelled") => {
    setBusy(true);
    try {
      const next = await languageApi.updateFollowUp(f.id, { status });
      if (!live.current) return;
      setItems((cur) => (cur ?? []).map((x) => (x.id === next.id ? next : x)));
      setNotice(
        status === "done" ? `Done: ${f.title}${f.notifyCustomer ? " — the customer is told it's resolved" : ""}` : `Cancelled: ${f.title}`,
      );
    } catch (e) {
      if (live.current) setError(errorText(e, "Follow-ups"));
    } finally {
      if (live.current) setBusy(false);
    }
  };

  const open = (items ?? []).filter((f) => f.status === "open").sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return (
    <div className="followups" data-testid="follow-ups">
      <div className="help-actions">
        <button
          type="button"
          className="btn"
          data-testid="follow-up-tomorrow"
          disabled={busy}
          onClick={() => void create(tomorrowAtTen(), defaultTitle)}
        >
          Follow up tomorrow 10:00
        </button>
        <button type="button" className="btn link" aria-expanded={custom} aria-controls={`${id}-form`} onClick={() => setCustom(!custom)}>
          Other time…
        </button>
      </div>
      {custom && (
        <form
          id={`${id}-form`}
          className="followup-form"
          onSubmit={(e) => {
            e.preventDefault();
            void create(new Date(due), title);
          }}
        >
          <label htmlFor={`${id}-title`}>What to do</label>
          <input id={`${id}-title`} required maxLength={500} value={title} onChange={(e) => setTitle(e.target.value)} />
          <label htmlFor={`${id}-due`}>When</label>
          <input
            id={`${id}-due`}
            type="datetime-local"
            required
            value={due}
            onChange={(e) => setDue(e.target.value)}
            data-testid="follow-up-due"
          />
          <button type="submit" className="btn primary" disabled={busy}>
            Set follow-up
          </button>
        </form>
      )}
      <p className="help-notice" role="status" aria-live="polite">
        {notice}
      </p>
      {error && (
        <p className="form-error small" role="alert">
          {error}
        </p>
      )}
      {items === null && !error && <p className="muted small">Loading follow-ups…</p>}
      {items && open.length === 0 && <p className="muted small">No open follow-ups.</p>}
      {open.length > 0 && (
        <ul className="followup-list" aria-label="Open follow-ups">
          {open.map((f) => (
            <li key={f.id} data-testid="follow-up" className={new Date(f.dueAt) < new Date() ? "overdue" : ""}>
              <span className="followup-title">{f.title}</span>
              <span className="muted small">
                <time dateTime={f.dueAt}>{when(f.dueAt)}</time>
                {f.assignee ? ` · ${f.assignee.name}` : ""}
                {new Date(f.dueAt) < new Date() ? " · overdue" : ""}
              </span>
              <span className="followup-actions">
                <button
                  type="button"
                  className="btn small-btn"
                  disabled={busy}
                  onClick={() => void change(f, "done")}
                  aria-label={`Mark done: ${f.title}`}
                >
                  Done
                </button>
                <button
                  type="button"
                  className="btn link tiny"
                  disabled={busy}
                  onClick={() => void change(f, "cancelled")}
                  aria-label={`Cancel follow-up: ${f.title}`}
                >
                  Cancel
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
