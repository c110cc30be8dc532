import { sql } from "drizzle-orm";
import type { Analysis, Channel } from "../../../shared/schemas";
import type { ThreadMessage } from "../../ai/guidance/summary";
import type { DbOrTx } from "../../db/client";
import type { FollowUpRow, SummaryRow } from "./present";

export type ConversationFacts = {
  id: string;
  channel: Channel;
  subject: string | null;
  language: string | null;
  temperature: number | null;
  status: string;
  customer_id: string;
};

/** The conversation in the actor's account (404 otherwise), with what guidance needs. */
export async function getConversationFacts(db: DbOrTx, accountId: string, id: string): Promise<ConversationFacts | undefined> {
  const res = await db.execute(sql`
    SELECT id, channel, subject, language, temperature, status, customer_id FROM conversations
    WHERE id = ${id} AND account_id = ${accountId}`);
  return res.rows[0] as ConversationFacts | undefined;
}

export type ThreadRow = ThreadMessage & { id: string; createdAt: string };

/** The conversation's latest messages (notes included), oldest first. */
export async function loadThread(db: DbOrTx, accountId: string, conversationId: string, limit = 60): Promise<ThreadRow[]> {
  const res = await db.execute(sql`
    SELECT id, kind, text, analysis, sender, author_user_id, author_customer_id, created_at::text AS created_at FROM messages
    WHERE account_id = ${accountId} AND conversation_id = ${conversationId}
    ORDER BY created_at DESC, id DESC LIMIT ${limit}`);
  type Row = {
    id: string;
    kind: ThreadMessage["kind"];
    text: string;
    analysis: Analysis | null;
    sender: string | null;
    author_user_id: string | null;
    author_customer_id: string | null;
    created_at: string;
  };
  return (res.rows as Row[]).reverse().map((r) => ({
    id: r.id,
    kind: r.kind,
    text: r.text ?? "",
    analysis: r.analysis,
    createdAt: r.created_at,
    from:
      r.kind === "incoming"
        ? "customer"
        : r.sender === "ai_agent"
          ? "assistant"
          : r.author_user_id
            ? "agent"
            : "system",
  }));
}

export async function listSummaries(db: DbOrTx, accountId: string, conversationId: string): Promise<SummaryRow[]> {
  const res = await db.execute(sql`
    SELECT id, conversation_id, reason, content, language, engine, pinned, created_at FROM handoff_summaries
    WHERE account_id = ${accountId} AND conversation_id = ${conversationId}
    ORDER BY created_at DESC, id DESC LIMIT 50`);
  return res.rows as SummaryRow[];
}

export async function getSummary(db: DbOrTx, accountId: string, id: string): Promise<SummaryRow | undefined> {
  const res = await db.execute(sql`
    SELECT id, conversation_id, reason, content, language, engine, pinned, created_at FROM handoff_summaries
    WHERE account_id = ${accountId} AND id = ${id}`);
  return res.rows[0] as SummaryRow | undefined;
}

const FOLLOW_UP_SELECT = sql`
  SELECT f.id, f.conversation_id, f.title, f.due_at, f.status, f.assignee_id, u.name AS assignee_name, f.created_by,
    f.notify_customer, f.reminded_at, f.done_at, f.created_at
  FROM follow_ups f LEFT JOIN users u ON u.id = f.assignee_id`;

export async function listFollowUps(db: DbOrTx, accountId: string, conversationId: string): Promise<FollowUpRow[]> {
  const res = await db.execute(sql`${FOLLOW_UP_SELECT}
    WHERE f.account_id = ${accountId} AND f.conversation_id = ${conversationId} ORDER BY f.due_at, f.id LIMIT 200`);
  return res.rows as FollowUpRow[];
}

export async function getFollowUp(db: DbOrTx, accountId: string, id: string): Promise<FollowUpRow | undefined> {
  const res = await db.execute(sql`${FOLLOW_UP_SELECT} WHERE f.account_id = ${accountId} AND f.id = ${id}`);
  return res.rows[0] as FollowUpRow | undefined;
}
