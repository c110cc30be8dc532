import type { Conversation } from "../../../shared/schemas";
import { ChannelBadge } from "../../components/ChannelBadge";
import { relativeTime } from "../../components/format";
import { STATUS_LABEL } from "../inbox/views";

/** Every conversation of the customer, on any channel, newest first; one click opens one. */
export function ConversationHistory({
  conversations,
  currentId,
  onOpen,
}: {
  conversations: Conversation[];
  currentId: string;
  onOpen: (id: string) => void;
}) {
  const sorted = [...conversations].sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt));
  return (
    <>
      <h3>Conversations ({conversations.length})</h3>
      <ul className="history">
        {sorted.map((x) => (
          <li key={x.id}>
            <button
              type="button"
              className={`history-item ${x.id === currentId ? "current" : ""}`}
              onClick={() => onOpen(x.id)}
              aria-current={x.id === currentId ? "page" : undefined}
              data-testid="history-item"
              data-id={x.id}
            >
              <span className="history-subject">
                {x.subject ?? x.preview ?? "(no subject)"} <span className="muted">#{x.number}</span>
              </span>
              <span className="history-meta">
                <ChannelBadge channel={x.channel} />
                <span className={`chip status-${x.status}`}>{STATUS_LABEL[x.status]}</span>
                <span className="muted small">{relativeTime(x.lastActivityAt)}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
