import { sql } from "drizzle-orm";
import { z } from "zod";
import { llmFromConfig } from "../../ai/providers";
import type { RelayedEvent } from "../../events/relay";
import type { Db } from "../../db/client";
import { defineJob, enqueue } from "../../jobs/queue";

/** An answer the customer neither confirmed nor called unhelpful within this long counts as resolved. */
export const SETTLE_AFTER_MS = 24 * 3600_000;

/** Where links in the agent's answers point when RAPPORT_PUBLIC_URL is not set (jobs have no request). */
const FALLBACK_BASE = "";

/** The agent's turn on one analysed customer message; idempotent (one ai_answers row per message). */
export const aiAgentAnswerJob = defineJob({
  type: "ai_agent.answer",
  payload: z.object({ accountId: z.uuid(), messageId: z.uuid() }),
  maxAttempts: 4,
  async handle(p, ctx) {
    // Imported here: run-agent imports this file for the settle job.
    const { runAgent } = await import("./run-agent");
    const outcome = await runAgent(ctx.db, {
      accountId: p.accountId,
      messageId: p.messageId,
      llm: llmFromConfig(ctx.deps.config),
      publicBase: ctx.deps.config.publicUrl ?? FALLBACK_BASE,
    });
    if (outcome !== "skipped") ctx.deps.kick();
  },
});

/** 24 h after an answer: still waiting for the customer's judgement means it did its job. */
export const aiAnswerSettleJob = defineJob({
  type: "ai_agent.settle",
  payload: z.object({ aiAnswerId: z.uuid() }),
  maxAttempts: 6,
  async handle(p, ctx) {
    await ctx.db.execute(
      sql`UPDATE ai_answers SET outcome = 'resolved', settled_at = now() WHERE id = ${p.aiAnswerId} AND outcome = 'answered'`,
    );
  },
});

/**
 * message.analyzed for a customer message → one agent job. The listener only reads the event; whether the
 * inbox has the agent on is decided by the job, against current settings.
 */
export function aiAgentListener(db: Db, wake: () => void = () => {}) {
  return async (batch: RelayedEvent[]) => {
    const analysed = batch.filter((e) => e.type === "message.analyzed" && e.data.messageId);
    if (!analysed.length) return;
    // Most accounts have no agent on: one query per batch spares them a job per message.
    const res = await db.execute(sql`
      SELECT DISTINCT account_id FROM inboxes
      WHERE account_id = ANY(${sql.param([...new Set(analysed.map((e) => e.accountId))])}::uuid[])
        AND settings->'aiAgent'->>'enabled' = 'true'`);
    const on = new Set((res.rows as { account_id: string }[]).map((r) => r.account_id));
    for (const e of analysed) {
      if (!on.has(e.accountId)) continue;
      await enqueue(db, aiAgentAnswerJob, { accountId: e.accountId, messageId: String(e.data.messageId) }, { accountId: e.accountId });
      wake();
    }
  };
}
