import { iso } from "../../lib/time";
import type { Analysis, Conversation, ConversationEvent, EmailAddress, Message, Priority } from "../../../shared/schemas";
import { conversationAbilities } from "../../policies";
import type { Actor } from "../../actor";
import { presentCustomerSummary } from "../customers/present";

export const PRIORITIES: Priority[] = ["low", "normal", "high", "urgent"];
export const priorityToNumber = (p: Priority) => PRIORITIES.indexOf(p);
export const priorityFromNumber = (n: number): Priority => PRIORITIES[n] ?? "normal";

export type ConversationRow = {
  id: string;
  number: number;
  channel: Conversation["channel"];
  status: Conversation["status"];
  snoozed_until: Date | string | null;
  priority: number;
  assignee_id: string | null;
  assignee_name: string | null;
  team_id: string | null;
  customer_id: string;
  customer_name: string | null;
  customer_email: string | null;
  customer_phone: string | null;
  subject: string | null;
  tags: string[];
  language: string | null;
  temperature: number | null;
  mood: string | null;
  preview: string | null;
  preview_kind: Conversation["previewKind"];
  message_count: number;
  last_message_at: Date | string | null;
  last_activity_at: Date | string;
  created_at: Date | string;
  updated_at: Date | string;
  cursor_t: string;
};

/** The one JSON shape of a conversation: HTTP, WebSocket pushes and (later) webhooks alike. */
export function presentConversation(c: ConversationRow, viewer: Pick<Actor, "role" | "userId">): Conversation {
  return {
    id: c.id,
    number: c.number,
    channel: c.channel,
    status: c.status,
    snoozedUntil: iso(c.snoozed_until),
    priority: priorityFromNumber(c.priority),
    assignee: c.assignee_id ? { id: c.assignee_id, name: c.assignee_name ?? "" } : null,
    teamId: c.team_id,
    customer: presentCustomerSummary({ id: c.customer_id, name: c.customer_name, email: c.customer_email, phone: c.customer_phone }),
    subject: c.subject,
    tags: c.tags,
    language: c.language,
    temperature: c.temperature ?? null,
    mood: (c.mood as Conversation["mood"]) ?? null,
    preview: c.preview,
    previewKind: c.preview_kind,
    messageCount: c.message_count,
    lastMessageAt: iso(c.last_message_at),
    lastActivityAt: iso(c.last_activity_at),
    createdAt: iso(c.created_at),
    updatedAt: iso(c.updated_at),
    can: conversationAbilities(viewer as Actor, c),
  };
}

export type MessageRow = {
  id: string;
  conversation_id: string;
  kind: Message["kind"];
  author_user_id: string | null;
  author_user_name: string | null;
  author_customer_id: string | null;
  author_customer_name: string | null;
  text: string;
  html: string | null;
  mentions: string[];
  created_at: Date | string;
  cursor_t: string;
  delivery_status: "pending" | "sent" | "failed" | null;
  delivery_error: string | null;
  delivered_at: Date | string | null;
  email_direction: "in" | "out" | null;
  email_from: EmailAddress | null;
  email_to: EmailAddress[] | null;
  email_cc: EmailAddress[] | null;
  email_subject: string | null;
  email_original_text: string | null;
  email_original_html: string | null;
  email_remote_images: number | null;
  email_automatic: "auto-reply" | "bounce" | null;
  email_inbound_id: number | null;
  attachments: { id: string; filename: string; contentType: string; size: number; inline: boolean }[];
  analysis: Analysis | null;
  translation: Message["translation"];
  sender: "ai_agent" | null;
  /** The AI agent's name in its inbox (only read when sender is ai_agent). */
  sender_name?: string | null;
};

export function presentMessage(m: MessageRow): Message {
  const author: Message["author"] = m.author_user_id
    ? { type: "user", id: m.author_user_id, name: m.author_user_name }
    : m.sender === "ai_agent"
      ? { type: "assistant", id: null, name: m.sender_name ?? null }
      : m.author_customer_id
      ? { type: "customer", id: m.author_customer_id, name: m.author_customer_name }
      : { type: "system", id: null, name: null };
  return {
    id: m.id,
    conversationId: m.conversation_id,
    kind: m.kind,
    author,
    text: m.text,
    html: m.html,
    mentions: m.mentions,
    delivery: m.delivery_status
      ? { status: m.delivery_status, error: m.delivery_error, at: m.delivered_at ? iso(m.delivered_at) : null }
      : null,
    email: m.email_direction
      ? {
          from: m.email_from,
          to: m.email_to ?? [],
          cc: m.email_cc ?? [],
          subject: m.email_subject,
          originalText: m.email_original_text,
          originalHtml: m.email_original_html,
          remoteImages: m.email_remote_images ?? 0,
          automatic: m.email_automatic,
          rawUrl: m.email_inbound_id ? `/api/v1/messages/${m.id}/raw` : null,
        }
      : null,
    attachments: (m.attachments ?? []).map((a) => ({ ...a, url: `/api/v1/attachments/${a.id}` })),
    analysis: m.analysis ?? null,
    translation: m.translation ?? null,
    createdAt: iso(m.created_at),
  };
}

export type EventRow = {
  id: number;
  type: string;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  data: Record<string, unknown>;
  created_at: Date | string;
};

export function presentEvent(e: EventRow): ConversationEvent {
  const type = e.actor_type === "api" ? "system" : (e.actor_type as "user" | "customer" | "system");
  return {
    id: e.id,
    type: e.type,
    actor: { type, id: e.actor_id, name: e.actor_name },
    data: e.data,
    createdAt: iso(e.created_at),
  };
}
