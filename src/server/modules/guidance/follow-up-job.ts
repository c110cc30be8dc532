import { sql } from "drizzle-orm";
import { z } from "zod";
import { recordEvent } from "../../events/outbox";
import { defineJob } from "../../jobs/queue";
import { notifyUsers } from "../notifications/notify";

/**
 * At a follow-up's due time, reminds its assignee (the creator when nobody is assigned). Skipped when the
 * task was done, cancelled or moved since: each due time has its own job, and only the current one fires.
 */
export const remindFollowUpJob = defineJob({
  type: "follow_up.remind",
  payload: z.object({ followUpId: z.uuid(), dueAt: z.string() }),
  async handle(p, { db, deps }) {
    const fired = await db.transaction(async (tx) => {
      const res = await tx.execute(sql`
        UPDATE follow_ups SET reminded_at = now()
        WHERE id = ${p.followUpId} AND status = 'open' AND reminded_at IS NULL
          AND due_at = ${p.dueAt}::timestamptz AND due_at <= now()
        RETURNING account_id, conversation_id, assignee_id, created_by`);
      const row = res.rows[0] as { account_id: string; conversation_id: string; assignee_id: string | null; created_by: string | null } | undefined;
      if (!row) return false;
      const userId = row.assignee_id ?? row.created_by;
      if (userId) {
        await notifyUsers({ tx, accountId: row.account_id, userIds: [userId], type: "follow_up.due", conversationId: row.conversation_id, actorUserId: null });
      }
      await recordEvent(tx, {
        accountId: row.account_id,
        type: "follow_up.reminded",
        conversationId: row.conversation_id,
        actor: { type: "system", id: null },
        data: { followUpId: p.followUpId },
      });
      return true;
    });
    if (fired) deps.kick();
  },
});
