import { iso } from "../../lib/time";
import type { Notification } from "../../../shared/schemas";

export type NotificationRow = {
  id: string;
  type: Notification["type"];
  conversation_id: string | null;
  conversation_number: number | null;
  message_id: string | null;
  article_id: string | null;
  actor_user_id: string | null;
  actor_name: string | null;
  excerpt: string | null;
  read_at: Date | string | null;
  created_at: Date | string;
};

export const presentNotification = (n: NotificationRow): Notification => ({
  id: n.id,
  type: n.type,
  conversationId: n.conversation_id,
  conversationNumber: n.conversation_number,
  messageId: n.message_id,
  articleId: n.article_id,
  actor: n.actor_user_id ? { id: n.actor_user_id, name: n.actor_name ?? "" } : null,
  excerpt: n.excerpt,
  readAt: iso(n.read_at),
  createdAt: iso(n.created_at),
});
