import { sql } from "drizzle-orm";
import { z } from "zod";
import { recordEvent } from "../../events/outbox";
import { defineJob } from "../../jobs/queue";

/** Wakes a snoozed conversation when its time comes, unless it was re-snoozed or changed since. */
export const unsnoozeJob = defineJob({
  type: "conversation.unsnooze",
  payload: z.object({ conversationId: z.uuid(), until: z.string() }),
  async handle(p, { db }) {
    await db.transaction(async (tx) => {
      const res = await tx.execute(sql`
        UPDATE conversations SET status = 'open', snoozed_until = NULL, updated_at = now(), last_activity_at = now()
        WHERE id = ${p.conversationId} AND status = 'snoozed' AND snoozed_until = ${p.until}::timestamptz AND snoozed_until <= now()
        RETURNING account_id`);
      const row = res.rows[0] as { account_id: string } | undefined;
      if (!row) return;
      await recordEvent(tx, {
        accountId: row.account_id,
        type: "conversation.status_changed",
        conversationId: p.conversationId,
        actor: { type: "system", id: null },
        data: { from: "snoozed", to: "open", reason: "snooze_ended" },
      });
    });
  },
});
