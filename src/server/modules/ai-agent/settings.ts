import { sql } from "drizzle-orm";
import { AiAgentSettings, DEFAULT_AI_AGENT, type AiAgentSettings as Settings } from "../../../shared/schemas";
import type { DbOrTx } from "../../db/client";

/** An inbox's AI answer agent settings: what is stored under settings.aiAgent over the defaults (off). */
export function aiAgentOf(settings: Record<string, unknown> | null | undefined): Settings {
  const stored = (settings?.aiAgent ?? {}) as Record<string, unknown>;
  const parsed = AiAgentSettings.safeParse({ ...DEFAULT_AI_AGENT, ...stored });
  return parsed.success ? parsed.data : DEFAULT_AI_AGENT;
}

export type InboxAgent = { inboxId: string; channel: string; agent: Settings };

/** The inbox a chat or email conversation came through, with its agent settings; null for other channels. */
export async function conversationInbox(db: DbOrTx, accountId: string, conversationId: string): Promise<InboxAgent | null> {
  const res = await db.execute(sql`
    SELECT i.id, i.channel, i.settings FROM inboxes i
    WHERE i.account_id = ${accountId} AND i.id = coalesce(
      (SELECT inbox_id FROM chat_sessions WHERE conversation_id = ${conversationId} AND account_id = ${accountId}),
      (SELECT inbox_id FROM email_threads WHERE conversation_id = ${conversationId} AND account_id = ${accountId}))`);
  const r = res.rows[0] as { id: string; channel: string; settings: Record<string, unknown> } | undefined;
  return r ? { inboxId: r.id, channel: r.channel, agent: aiAgentOf(r.settings) } : null;
}

export async function inboxAgent(db: DbOrTx, accountId: string, inboxId: string): Promise<InboxAgent | null> {
  const res = await db.execute(sql`SELECT id, channel, settings FROM inboxes WHERE id = ${inboxId} AND account_id = ${accountId}`);
  const r = res.rows[0] as { id: string; channel: string; settings: Record<string, unknown> } | undefined;
  return r ? { inboxId: r.id, channel: r.channel, agent: aiAgentOf(r.settings) } : null;
}
