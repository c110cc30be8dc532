import { sql } from "drizzle-orm";
import { z } from "zod";
import { llmFromConfig } from "../../ai/providers";
import type { RelayedEvent } from "../../events/relay";
import type { Db } from "../../db/client";
import { defineJob, enqueue } from "../../jobs/queue";

/** An answer the customer neither confirmed nor called unhelpful within this long counts as resolved. */
export const SETTLE_AFTER_MS = 24 * 3600_000;

/**
 * Links when RAPPORT_PUBLIC_URL is not set (jobs have no request): relative, so customers get the article's
 * title without a link unless the help center has its own domain (see compose.sourceLine).
 */
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
      autoMailLimit: ctx.deps.config.email.autoLimitPerHour,
    });
    if (outcome !== "skipped") ctx.deps.kick();
  },
});

/**
 * 24 h after an answer: still waiting for the customer's judgement means it did its job, but only when the
 * customer wrote nothing after it and no person took over (then it was handed over, not resolved).
 */
export const aiAnswerSettleJob = defineJob({
  type: "ai_agent.settle",
  payload: z.object({ aiAnswerId: z.uuid() }),
  maxAttempts: 6,
  async handle(p, ctx) {
    await ctx.db.execute(sql`
      UPDATE ai_answers a SET settled_at = now(), outcome = CASE
          WHEN c.assignee_id IS NOT NULL OR c.team_id IS NOT NULL
            OR EXISTS (SELECT 1 FROM messages r WHERE r.conversation_id = a.conversation_id AND r.kind = 'reply' AND r.sender IS NULL
              AND r.author_user_id IS NOT NULL AND r.created_at > a.created_at)
            OR EXISTS (SELECT 1 FROM ai_answers h WHERE h.conversation_id = a.conversation_id AND h.outcome = 'handed_over' AND h.created_at > a.created_at)
          THEN 'handed_over' ELSE 'resolved' END
      FROM conversations c
      WHERE a.id = ${p.aiAnswerId} AND a.outcome = 'answered' AND c.id = a.conversation_id AND c.account_id = a.account_id
        AND NOT (c.assignee_id IS NULL AND c.team_id IS NULL AND EXISTS (
          SELECT 1 FROM messages q WHERE q.conversation_id = a.conversation_id AND q.kind = 'incoming' AND q.created_at > a.created_at))`);
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
