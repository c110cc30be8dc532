import type { Db } from "../db/client";
import type { RelayedEvent } from "../events/relay";
import { presentConversation, presentMessage } from "../modules/conversations/present";
import { getConversationsByIds, getMessagesByIds } from "../modules/conversations/queries";
import { presentNotification } from "../modules/notifications/present";
import { getNotificationsByIds } from "../modules/notifications/queries";
import type { RealtimeHub } from "./hub";

/** Pushes are presented for the most limited viewer; the workspace refetches a conversation it opens. */
const PUSH_VIEWER = { role: "agent" as const, userId: "" };

/**
 * Turns a batch of committed events into WebSocket pushes: the entities are loaded once per batch and
 * presented with the same presenters as the HTTP API.
 */
export function realtimeListener(db: Db, hub: RealtimeHub) {
  return async (batch: RelayedEvent[]) => {
    const convIds = new Set<string>();
    const created = new Set<string>();
    const messageIds: string[] = [];
    const updatedIds = new Set<string>();
    const notificationIds: string[] = [];
    for (const e of batch) {
      if (e.type === "notification.created") notificationIds.push(String(e.data.notificationId));
      if (!e.conversationId) continue;
      convIds.add(e.conversationId);
      if (e.type === "conversation.created") {
        created.add(e.conversationId);
        if (e.data.messageId) messageIds.push(String(e.data.messageId));
      }
      if (e.type === "message.created") messageIds.push(String(e.data.messageId));
      // Delivery news (sent, retrying, failed, bounced) changes how a reply shows in the thread.
      // So does what the language engine read in it, or a translation.
      if (e.type.startsWith("message.deliver") || e.type === "message.analyzed" || e.type === "message.translated") {
        updatedIds.add(String(e.data.messageId));
        messageIds.push(String(e.data.messageId));
      }
    }
    const [convs, msgs, notes] = await Promise.all([
      getConversationsByIds(db, [...convIds]),
      getMessagesByIds(db, messageIds),
      getNotificationsByIds(db, notificationIds),
    ]);
    const accountOf = new Map(batch.filter((e) => e.conversationId).map((e) => [e.conversationId as string, e.accountId]));
    const pushes: Promise<void>[] = [];
    for (const c of convs) {
      const accountId = accountOf.get(c.id);
      if (!accountId) continue;
      const type = created.has(c.id) ? "conversation.created" : "conversation.updated";
      pushes.push(hub.broadcast(accountId, { type, data: presentConversation(c, PUSH_VIEWER) }));
    }
    for (const m of msgs) {
      const accountId = accountOf.get(m.conversation_id);
      if (accountId)
        pushes.push(
          hub.broadcast(accountId, { type: updatedIds.has(m.id) ? "message.updated" : "message.created", data: presentMessage(m) }),
        );
    }
    const recipients = new Map(batch.filter((e) => e.type === "notification.created").map((e) => [String(e.data.notificationId), e]));
    for (const n of notes) {
      const e = recipients.get(n.id);
      if (e) pushes.push(hub.broadcast(e.accountId, { type: "notification.created", data: presentNotification(n) }, String(e.data.userId)));
    }
    await Promise.all(pushes);
  };
}
