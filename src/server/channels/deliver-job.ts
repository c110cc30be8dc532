import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Channel } from "../../shared/schemas";
import { recordEvent } from "../events/outbox";
import { defineJob } from "../jobs/queue";
import { channelAdapter } from "./registry";
import { PermanentDeliveryError } from "./types";

/**
 * Sends an agent's reply through its conversation's channel; retried with backoff by the job queue. The
 * message shows pending until sent; when retries are exhausted or the failure is permanent it shows
 * failed with the reason (and the workspace offers a retry): never silently dropped.
 */
export const deliverMessageJob = defineJob({
  type: "message.deliver",
  payload: z.object({ messageId: z.uuid() }),
  maxAttempts: 8,
  async handle(p, { db, deps, attempt, maxAttempts }) {
    const res = await db.execute(sql`
      SELECT m.id, m.account_id, m.conversation_id, m.text, m.html, m.delivery_status, c.channel
      FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.id = ${p.messageId}`);
    const m = res.rows[0] as
      | {
          id: string;
          account_id: string;
          conversation_id: string;
          text: string;
          html: string | null;
          delivery_status: string | null;
          channel: Channel;
        }
      | undefined;
    if (!m || m.delivery_status === "sent") return;
    const adapter = channelAdapter(m.channel);
    if (!adapter?.capabilities.outbound) return;
    try {
      await adapter.send(
        { db, deps },
        { accountId: m.account_id, conversationId: m.conversation_id, messageId: m.id, text: m.text, html: m.html },
      );
    } catch (err) {
      const reason = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
      const final = err instanceof PermanentDeliveryError || attempt >= maxAttempts;
      await db.transaction(async (tx) => {
        await tx.execute(sql`
          UPDATE messages SET delivery_status = ${final ? "failed" : "pending"}, delivery_error = ${reason}, delivered_at = NULL
          WHERE id = ${m.id}`);
        await recordEvent(tx, {
          accountId: m.account_id,
          type: final ? "message.delivery_failed" : "message.delivery_retrying",
          conversationId: m.conversation_id,
          actor: { type: "system", id: null },
          data: { messageId: m.id, reason, attempt },
        });
      });
      deps.kick();
      if (final) return;
      throw err;
    }
    await db.transaction(async (tx) => {
      await tx.execute(sql`UPDATE messages SET delivery_status = 'sent', delivery_error = NULL, delivered_at = now() WHERE id = ${m.id}`);
      await recordEvent(tx, {
        accountId: m.account_id,
        type: "message.delivered",
        conversationId: m.conversation_id,
        actor: { type: "system", id: null },
        data: { messageId: m.id },
      });
    });
    deps.kick();
  },
});
