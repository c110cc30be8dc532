import type { ConversationEvent } from "../../../shared/schemas";
import { STATUS_LABEL } from "../inbox/views";

const status = (s: unknown) =>
  typeof s === "string" && s in STATUS_LABEL ? STATUS_LABEL[s as keyof typeof STATUS_LABEL].toLowerCase() : String(s);
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

/** One line of the trail ("Ana assigned to Ben"), or null for events the thread already shows or doesn't need. */
export function describeEvent(e: ConversationEvent): string | null {
  const who = e.actor.name ?? (e.actor.type === "system" ? "Rapport" : e.actor.type === "customer" ? "The customer" : "Someone");
  const d = e.data;
  switch (e.type) {
    case "conversation.assigned":
      if (!d.assigneeId) return `${who} unassigned`;
      if (d.assigneeId === e.actor.id) return `${who} took the conversation`;
      return `${who} assigned to ${String(d.assigneeName ?? "a teammate")}`;
    case "conversation.status_changed":
      if (d.reason === "customer_replied") return "Reopened: the customer wrote again";
      if (d.reason === "snooze_ended") return "Snooze ended, back to open";
      if (d.to === "snoozed" && d.snoozedUntil) {
        return `${who} snoozed until ${new Date(String(d.snoozedUntil)).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}`;
      }
      return `Status changed to ${status(d.to)} by ${who}`;
    case "conversation.priority_changed":
      return `${who} set priority to ${String(d.to)}`;
    case "conversation.team_changed":
      return d.teamId ? `${who} moved to team ${String(d.teamName ?? "")}` : `${who} removed the team`;
    case "conversation.tagged": {
      const parts = [];
      const added = list(d.added);
      const removed = list(d.removed);
      if (added.length) parts.push(`tagged ${added.join(", ")}`);
      if (removed.length) parts.push(`removed tag${removed.length > 1 ? "s" : ""} ${removed.join(", ")}`);
      return parts.length ? `${who} ${parts.join(" and ")}` : null;
    }
    default:
      // conversation.created and message.created: the messages themselves show those.
      return null;
  }
}
