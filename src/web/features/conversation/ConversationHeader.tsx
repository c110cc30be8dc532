import type { RefObject } from "react";
import type { Conversation, Me, Priority, Team, User } from "../../../shared/schemas";
import type { ConversationPatch } from "../../api/client";
import { ChannelBadge } from "../../components/ChannelBadge";
import { Icon } from "../../components/Icon";
import { TemperatureBar } from "../empathy/TemperatureBar";
import { StatusControl } from "./StatusControl";
import { TagEditor } from "./TagEditor";

type Props = {
  conv: Conversation;
  me: Me;
  users: User[];
  teams: Team[];
  onUpdate: (p: ConversationPatch) => void;
  onBack: () => void;
  assigneeRef: RefObject<HTMLSelectElement | null>;
  customerOpen: boolean;
  onToggleCustomer: () => void;
};

export function ConversationHeader(props: Props) {
  const { conv, me, onUpdate } = props;
  const teammates = props.users.filter((u) => u.id !== me.user.id && (u.active || u.id === conv.assignee?.id));
  const mine = conv.assignee?.id === me.user.id;
  return (
    <header className="pane-head">
      <div className="pane-title">
        <button type="button" className="btn link back" onClick={props.onBack} aria-label="Back to the list">
          ←
        </button>
        <h1 title={conv.subject ?? undefined}>
          {conv.subject ?? (conv.channel === "chat" ? `Chat with ${conv.customer.name ?? "a visitor"}` : "(no subject)")}{" "}
          <span className="muted">#{conv.number}</span>
        </h1>
        <ChannelBadge channel={conv.channel} />
        <span className="spacer" />
        <TemperatureBar conv={conv} />
        <button
          type="button"
          className="btn customer-toggle"
          aria-expanded={props.customerOpen}
          aria-controls="customer-sidebar"
          onClick={props.onToggleCustomer}
        >
          <Icon name="user" size={14} />
          <span className="btn-text">Customer</span>
        </button>
      </div>
      <div className="controls">
        <StatusControl conv={conv} onUpdate={onUpdate} />
        <label>
          <span>Priority</span>
          <select value={conv.priority} disabled={!conv.can.update} onChange={(e) => onUpdate({ priority: e.target.value as Priority })}>
            <option value="low">Low</option>
            <option value="normal">Normal</option>
            <option value="high">High</option>
            <option value="urgent">Urgent</option>
          </select>
        </label>
        <div className="control">
          <span className="control-head">
            <label htmlFor="assignee">Assignee</label>
            {!mine && conv.can.assign && (
              <button type="button" className="btn link tiny" onClick={() => onUpdate({ assigneeId: me.user.id })}>
                Assign to me
              </button>
            )}
          </span>
          <select
            id="assignee"
            ref={props.assigneeRef}
            data-testid="assignee-select"
            value={conv.assignee?.id ?? ""}
            disabled={!conv.can.assign}
            onChange={(e) => onUpdate({ assigneeId: e.target.value || null })}
          >
            <option value="">Unassigned</option>
            <option value={me.user.id}>Me ({me.user.name})</option>
            {teammates.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <label>
          <span>Team</span>
          <select value={conv.teamId ?? ""} disabled={!conv.can.update} onChange={(e) => onUpdate({ teamId: e.target.value || null })}>
            <option value="">No team</option>
            {props.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <TagEditor tags={conv.tags} disabled={!conv.can.update} onChange={(tags) => onUpdate({ tags })} />
    </header>
  );
}
