import { DEFAULT_AI_AGENT } from "../../../shared/schemas";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import type { ChatInfoRow, WidgetConversationRow, WidgetMessageRow } from "./present";
import { type VisitorRow, visibleTo } from "./visitors";

const CONVERSATION_SELECT = sql`
  SELECT c.id, c.status, c.preview, c.last_message_at, c.created_at, s.agent_read_at, s.follow_up_email,
    (SELECT count(*)::int FROM messages m WHERE m.conversation_id = c.id AND m.kind = 'reply'
       AND m.created_at > coalesce(s.visitor_read_at, '-infinity'::timestamptz)) AS unread
  FROM chat_sessions s JOIN conversations c ON c.id = s.conversation_id`;

/** The visitor's conversations, latest activity first. */
export async function visitorConversations(db: DbOrTx, v: VisitorRow, limit = 20): Promise<WidgetConversationRow[]> {
  const res = await db.execute(sql`
    ${CONVERSATION_SELECT}
    WHERE s.account_id = ${v.account_id} AND ${visibleTo(v)}
    ORDER BY c.last_activity_at DESC LIMIT ${limit}`);
  return res.rows as WidgetConversationRow[];
}

/** One conversation if this visitor may see it; undefined is a 404 (never "exists but not yours"). */
export async function visitorConversation(db: DbOrTx, v: VisitorRow, id: string): Promise<WidgetConversationRow | undefined> {
  const res = await db.execute(
    sql`${CONVERSATION_SELECT} WHERE s.conversation_id = ${id} AND s.account_id = ${v.account_id} AND ${visibleTo(v)}`,
  );
  return res.rows[0] as WidgetConversationRow | undefined;
}

export async function widgetConversationById(db: DbOrTx, id: string): Promise<WidgetConversationRow | undefined> {
  const res = await db.execute(sql`${CONVERSATION_SELECT} WHERE s.conversation_id = ${id}`);
  return res.rows[0] as WidgetConversationRow | undefined;
}

export const WIDGET_MESSAGE_SELECT = sql`
  SELECT m.id, m.conversation_id, m.kind, m.text, m.created_at, ccm.client_id,
    -- The AI answer agent signs with the name its inbox gives it.
    coalesce(u.name, CASE WHEN m.sender = 'ai_agent' THEN (SELECT coalesce(i.settings->'aiAgent'->>'name', ${DEFAULT_AI_AGENT.name})
      FROM chat_sessions cs JOIN inboxes i ON i.id = cs.inbox_id WHERE cs.conversation_id = m.conversation_id) END) AS author_name,
    (SELECT json_agg(json_build_object('id', a.id, 'filename', a.filename, 'contentType', a.content_type, 'size', a.size)
       ORDER BY a.created_at, a.id) FROM attachments a WHERE a.message_id = m.id) AS attachments
  FROM messages m
  LEFT JOIN users u ON u.id = m.author_user_id
  LEFT JOIN chat_client_messages ccm ON ccm.message_id = m.id`;

/** A conversation's messages as the visitor sees them: the latest `limit`, oldest first; private notes never. */
export async function widgetMessages(db: DbOrTx, conversationId: string, limit = 200): Promise<WidgetMessageRow[]> {
  const res = await db.execute(sql`
    SELECT * FROM (
      ${WIDGET_MESSAGE_SELECT}
      WHERE m.conversation_id = ${conversationId} AND m.kind <> 'note'
      ORDER BY m.created_at DESC, m.id DESC LIMIT ${limit}) x
    ORDER BY created_at, id`);
  return res.rows as WidgetMessageRow[];
}

export async function widgetMessagesByIds(db: DbOrTx, ids: string[]): Promise<(WidgetMessageRow & PushTarget)[]> {
  if (!ids.length) return [];
  const res = await db.execute(sql`
    SELECT x.*, s.account_id, s.visitor_id, v.customer_id, v.verified FROM (
      ${WIDGET_MESSAGE_SELECT} WHERE m.id = ANY(${sql.param(ids)}::uuid[]) AND m.kind <> 'note') x
    JOIN chat_sessions s ON s.conversation_id = x.conversation_id
    JOIN chat_visitors v ON v.id = s.visitor_id
    ORDER BY x.created_at, x.id`);
  return res.rows as (WidgetMessageRow & PushTarget)[];
}

/** Who a push about a conversation goes to: the visitor who started it and, when verified, their customer. */
export type PushTarget = { account_id: string; visitor_id: string; customer_id: string | null; verified: boolean };

export async function pushTargets(db: DbOrTx, conversationIds: string[]): Promise<(PushTarget & { conversation_id: string })[]> {
  if (!conversationIds.length) return [];
  const res = await db.execute(sql`
    SELECT s.conversation_id, s.account_id, s.visitor_id, v.customer_id, v.verified
    FROM chat_sessions s JOIN chat_visitors v ON v.id = s.visitor_id
    WHERE s.conversation_id = ANY(${sql.param(conversationIds)}::uuid[])`);
  return res.rows as (PushTarget & { conversation_id: string })[];
}

export async function chatInfo(db: DbOrTx, accountId: string, conversationId: string): Promise<ChatInfoRow | undefined> {
  const res = await db.execute(sql`
    SELECT s.conversation_id, s.inbox_id, i.name AS inbox_name, v.id AS visitor_id, v.name, v.email, v.external_id, v.verified,
      v.context AS visitor_context, s.context AS session_context, v.last_seen_at, s.visitor_read_at, s.agent_read_at, s.follow_up_email
    FROM chat_sessions s JOIN chat_visitors v ON v.id = s.visitor_id LEFT JOIN inboxes i ON i.id = s.inbox_id
    WHERE s.conversation_id = ${conversationId} AND s.account_id = ${accountId}`);
  return res.rows[0] as ChatInfoRow | undefined;
}

/** Median time to the first reply of an inbox's chats over the last 14 days (needs a few to be honest). */
export async function medianFirstReplyMinutes(db: DbOrTx, inboxId: string): Promise<number | null> {
  const res = await db.execute(sql`
    SELECT count(*)::int AS n,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.first_reply - c.created_at)) AS median
    FROM chat_sessions s
    JOIN conversations c ON c.id = s.conversation_id
    CROSS JOIN LATERAL (SELECT min(m.created_at) AS first_reply FROM messages m WHERE m.conversation_id = c.id AND m.kind = 'reply') r
    WHERE s.inbox_id = ${inboxId} AND s.created_at > now() - interval '14 days' AND r.first_reply IS NOT NULL`);
  const row = res.rows[0] as { n: number; median: number | null };
  if (row.n < 3 || row.median === null) return null;
  return Math.max(1, Math.round(Number(row.median) / 60));
}
