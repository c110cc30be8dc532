import { type Ref, useImperativeHandle, useRef, useState } from "react";
import type { Conversation, Me, Team, User } from "../../../shared/schemas";
import type { Realtime } from "../../api/realtime";
import { ChatStatusLine } from "../chat/ChatStatusLine";
import { ChatVisitorCard } from "../chat/ChatVisitorCard";
import { CustomerSidebar } from "../customer/CustomerSidebar";
import { HandoffSummaryCard } from "../empathy/HandoffSummaryCard";
import { HelpPanel } from "../empathy/HelpPanel";
import { useHandoffSummaries } from "../empathy/useHandoffSummaries";
import { useGuidance } from "../empathy/useGuidance";
import { ArticlesPanel } from "../knowledge/ArticlesPanel";
import { Composer, type ComposerHandle } from "./Composer";
import { ConversationHeader } from "./ConversationHeader";
import { PresenceBar } from "./PresenceBar";
import { Thread } from "./Thread";
import { useConversation } from "./useConversation";

export type PaneHandle = { compose: (kind: "reply" | "note") => void; resolve: () => void; focusAssignee: () => void };

type Props = {
  ref: Ref<PaneHandle>;
  id: string;
  me: Me;
  users: User[];
  teams: Team[];
  realtime: Realtime;
  onChanged: (c: Conversation) => void;
  onOpen: (id: string) => void;
  onBack: () => void;
};

export function ConversationPane({ ref, id, me, users, teams, realtime, onChanged, onOpen, onBack }: Props) {
  const c = useConversation(id, realtime, me.user.id, onChanged);
  const { conv } = c;
  const guidance = useGuidance(id, c.messages);
  const summaries = useHandoffSummaries(id);
  // Below the widest layout the customer panel is a drawer the agent opens from the header.
  const [customerOpen, setCustomerOpen] = useState(false);
  const composer = useRef<ComposerHandle>(null);
  const assigneeRef = useRef<HTMLSelectElement>(null);

  useImperativeHandle(ref, () => ({
    compose: (kind) => composer.current?.focus(kind),
    resolve: () => {
      if (!conv) return;
      if (!conv.can.update) c.setNotice("You can't change this conversation's status.");
      else if (conv.status !== "resolved") void c.update({ status: "resolved" });
    },
    focusAssignee: () => assigneeRef.current?.focus(),
  }));

  if (c.error) {
    return (
      <main className="pane">
        <div className="empty" role="alert">
          <p className="empty-title">Couldn't open this conversation</p>
          <p className="muted">{c.error}</p>
          <button type="button" className="btn" onClick={() => void c.load()}>
            Try again
          </button>
          <button type="button" className="btn link" onClick={onBack}>
            Back to the list
          </button>
        </div>
      </main>
    );
  }
  if (!conv) {
    return (
      <main className="pane" aria-busy="true">
        <div className="center-screen">
          <div className="spinner" role="status" aria-label="Loading conversation" />
        </div>
      </main>
    );
  }
  return (
    <>
      <main className="pane" aria-label={`Conversation #${conv.number}`}>
        <ConversationHeader
          conv={conv}
          me={me}
          users={users}
          teams={teams}
          onUpdate={c.update}
          onBack={onBack}
          assigneeRef={assigneeRef}
          customerOpen={customerOpen}
          onToggleCustomer={() => setCustomerOpen(!customerOpen)}
        />
        <PresenceBar viewers={c.viewers} />
        <HandoffSummaryCard state={summaries} />
        <Thread messages={c.messages} events={c.events} meId={me.user.id} />
        {conv.channel === "chat" && <ChatStatusLine conversationId={conv.id} messages={c.messages} />}
        <div className="toast-region" role="status">
          {c.notice && (
            <p className="toast">
              <span>{c.notice}</span>
              <button type="button" className="btn link" onClick={() => c.setNotice(null)} aria-label="Dismiss">
                ×
              </button>
            </p>
          )}
        </div>
        <Composer ref={composer} conv={conv} me={me} users={users} onTyping={(t) => realtime.typing(id, t)} onSent={c.sent} guidance={guidance} />
      </main>
      <CustomerSidebar
        customerId={conv.customer.id}
        currentId={conv.id}
        onOpen={onOpen}
        open={customerOpen}
        onClose={() => setCustomerOpen(false)}
        visitor={conv.channel === "chat" ? <ChatVisitorCard conversationId={conv.id} /> : undefined}
        help={
          <HelpPanel
            conv={conv}
            guidance={guidance}
            summaries={summaries}
            onInsert={(text) => {
              setCustomerOpen(false);
              composer.current?.insert(text);
            }}
            onOpening={(text) => {
              setCustomerOpen(false);
              composer.current?.opening(text);
            }}
          />
        }
        articles={
          <ArticlesPanel
            conversationId={conv.id}
            language={conv.language}
            revision={c.messages.filter((m) => m.kind === "incoming").length}
            onInsert={(text) => {
              setCustomerOpen(false);
              composer.current?.insert(text);
            }}
          />
        }
      />
    </>
  );
}
