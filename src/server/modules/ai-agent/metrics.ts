import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { AiAgentMetrics } from "../../../shared/schemas";
import type { DbOrTx } from "../../db/client";
import { iso } from "../../lib/time";

/**
 * What the inbox's agent did since `since`: answers given (whatever became of them), those resolved
 * (confirmed or left alone for 24 h), hand-overs and why (each question the agent declined counts once; an
 * answer a person later took over is counted as answered, not again as a hand-over).
 */
export async function aiAgentMetrics(db: DbOrTx, accountId: string, inboxId: string, since: Date): Promise<z.infer<typeof AiAgentMetrics>> {
  const res = await db.execute(sql`
    SELECT
      count(*) FILTER (WHERE answer_message_id IS NOT NULL)::int AS answered,
      count(*) FILTER (WHERE outcome = 'resolved')::int AS resolved,
      count(*) FILTER (WHERE outcome = 'handed_over' AND answer_message_id IS NULL)::int AS handed_over
    FROM ai_answers WHERE account_id = ${accountId} AND inbox_id = ${inboxId} AND created_at >= ${since}`);
  const reasons = await db.execute(sql`
    SELECT coalesce(handoff_reason, 'unknown') AS reason, count(*)::int AS n
    FROM ai_answers WHERE account_id = ${accountId} AND inbox_id = ${inboxId} AND created_at >= ${since} AND outcome = 'handed_over'
      AND answer_message_id IS NULL
    GROUP BY 1 ORDER BY 1`);
  const r = res.rows[0] as { answered: number; resolved: number; handed_over: number };
  return {
    answered: r.answered,
    resolved: r.resolved,
    handedOver: r.handed_over,
    handoverReasons: Object.fromEntries((reasons.rows as { reason: string; n: number }[]).map((x) => [x.reason, x.n])),
    since: iso(since) as string,
  };
}
