import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Channel } from "../../shared/schemas";
import { defineJob } from "../jobs/queue";
import { channelAdapter } from "./registry";

/** Sends an agent's reply through its conversation's channel; retried with backoff by the job queue. */
export const deliverMessageJob = defineJob({
  type: "message.deliver",
  payload: z.object({ messageId: z.uuid() }),
  maxAttempts: 10,
  async handle(p, { db }) {
    const res = await db.execute(sql`
      SELECT m.id, m.account_id, m.conversation_id, m.text, m.html, c.channel
      FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.id = ${p.messageId}`);
    const m = res.rows[0] as { id: string; account_id: string; conversation_id: string; text: string; html: string | null; channel: Channel } | undefined;
    if (!m) return;
    const adapter = channelAdapter(m.channel);
    if (!adapter?.capabilities.outbound) return;
    await adapter.send(db, { accountId: m.account_id, conversationId: m.conversation_id, messageId: m.id, text: m.text, html: m.html });
  },
});
