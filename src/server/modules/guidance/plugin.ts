import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { llmFromConfig } from "../../ai/providers";
import type { RelayedEvent } from "../../events/relay";
import { defineJob, enqueue } from "../../jobs/queue";
import type { DbOrTx } from "../../db/client";
import { AppError } from "../../lib/errors";
import { draftHandoffSummary, writeHandoffSummary } from "./create-handoff-summary";
import { remindFollowUpJob } from "./follow-up-job";

/** Writes the hand-off summary for a reassignment or escalation, once per change however often the event is relayed. */
export const handoffSummaryJob = defineJob({
  type: "handoff.summarize",
  payload: z.object({
    accountId: z.uuid(),
    conversationId: z.uuid(),
    reason: z.enum(["reassigned", "escalated"]),
    eventAt: z.string(),
    actorUserId: z.uuid().nullable(),
  }),
  maxAttempts: 4,
  async handle(p, { db, deps }) {
    // One summary per hand-off: a later one (another event of the same change, or a redelivery) is enough.
    const doneSince = async (q: DbOrTx) =>
      (
        await q.execute(sql`
        SELECT 1 FROM handoff_summaries WHERE account_id = ${p.accountId} AND conversation_id = ${p.conversationId}
          AND created_at >= ${p.eventAt}::timestamptz LIMIT 1`)
      ).rows.length > 0;
    if (await doneSince(db)) return;
    // The model is asked before the transaction: neither a connection nor the hand-off lock waits on it.
    try {
      const draft = await draftHandoffSummary({ db, accountId: p.accountId, conversationId: p.conversationId, llm: llmFromConfig(deps.config) });
      const wrote = await db.transaction(async (tx) => {
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`handoff:${p.conversationId}`}))`);
        if (await doneSince(tx)) return false;
        await writeHandoffSummary({ tx, accountId: p.accountId, conversationId: p.conversationId, reason: p.reason, actorUserId: p.actorUserId, draft });
        return true;
      });
      if (wrote) deps.kick();
    } catch (err) {
      // The conversation was deleted since the hand-off: nothing to summarize.
      if (!(err instanceof AppError && err.status === 404)) throw err;
    }
  },
});

/** Which changes hand a conversation to someone new: another person, a team, or urgent priority. */
export function handoffReason(e: RelayedEvent): "reassigned" | "escalated" | null {
  const d = e.data ?? {};
  if (e.type === "conversation.assigned" && d.previousAssigneeId && d.assigneeId && d.previousAssigneeId !== d.assigneeId) return "reassigned";
  if (e.type === "conversation.team_changed" && d.teamId && d.teamId !== d.previousTeamId) return "escalated";
  if (e.type === "conversation.priority_changed" && d.to === "urgent") return "escalated";
  return null;
}

export async function guidancePlugin(app: FastifyInstance): Promise<void> {
  const { db, worker, relay } = app.ctx;
  worker.register(remindFollowUpJob);
  worker.register(handoffSummaryJob);
  relay.listen(async (batch) => {
    for (const e of batch) {
      const reason = e.conversationId ? handoffReason(e) : null;
      if (!reason || !e.conversationId) continue;
      await enqueue(
        db,
        handoffSummaryJob,
        {
          accountId: e.accountId,
          conversationId: e.conversationId,
          reason,
          eventAt: new Date(e.createdAt).toISOString(),
          actorUserId: e.actorType === "user" ? e.actorId : null,
        },
        { accountId: e.accountId },
      );
    }
  });
}
