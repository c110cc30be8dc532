import type { Conversation } from "../../../shared/schemas";
import { Avatar } from "../../components/Avatar";
import { ChannelBadge } from "../../components/ChannelBadge";
import { relativeTime } from "../../components/format";
import { TemperatureDot } from "../empathy/TemperatureBar";
import { STATUS_LABEL } from "./views";

const PREVIEW_PREFIX = { incoming: "", reply: "You: ", note: "Note: " } as const;

export function customerName(c: Conversation["customer"]): string {
  return c.name ?? c.email ?? c.phone ?? "Unknown customer";
}

export function ConversationRow({ c, selected, onSelect }: { c: Conversation; selected: boolean; onSelect: (id: string) => void }) {
  const preview = c.preview ? `${c.previewKind ? PREVIEW_PREFIX[c.previewKind] : ""}${c.preview}` : "";
  // The customer wrote last: the ball is in our court.
  const waiting = c.previewKind === "incoming" && (c.status === "open" || c.status === "pending");
  return (
    <button
      type="button"
      className={`row ${selected ? "selected" : ""}`}
      data-testid="conversation-row"
      data-id={c.id}
      aria-current={selected ? "true" : undefined}
      onClick={() => onSelect(c.id)}
    >
      <span className="row-top">
        <span className="row-name">
          {waiting && <span className="dot" title="Waiting for a reply" />}
          {customerName(c.customer)}
          <TemperatureDot t={c.temperature} />
        </span>
        <time dateTime={c.lastActivityAt} title={new Date(c.lastActivityAt).toLocaleString()}>
          {relativeTime(c.lastActivityAt)}
        </time>
      </span>
      <span className="row-subject">
        {c.subject ? (
          <>
            <span className="row-subject-text">{c.subject}</span>
            {preview && <span className="muted"> — {preview}</span>}
          </>
        ) : (
          <span>{preview || "(no messages)"}</span>
        )}
      </span>
      <span className="row-meta">
        <ChannelBadge channel={c.channel} />
        {(c.priority === "high" || c.priority === "urgent") && (
          <span className={`chip prio-${c.priority}`}>{c.priority === "urgent" ? "Urgent" : "High"}</span>
        )}
        {c.status !== "open" && <span className={`chip status-${c.status}`}>{STATUS_LABEL[c.status]}</span>}
        <span className="muted small">#{c.number}</span>
        <span className="spacer" />
        {c.assignee ? (
          <span className="assignee" title={`Assigned to ${c.assignee.name}`}>
            <Avatar id={c.assignee.id} name={c.assignee.name} size={20} />
            <span className="visually-hidden">Assigned to {c.assignee.name}</span>
          </span>
        ) : (
          <span className="muted small">Unassigned</span>
        )}
      </span>
    </button>
  );
}
