import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import type { RelayedEvent } from "../../events/relay";
import { defineJob, enqueue } from "../../jobs/queue";
import { llmFromConfig } from "../../ai/providers";
import { analyzeMessages } from "./analyze-messages";

const BATCH = 200;

/** Customer messages to read with the language engine; never on the ingest path, so arrival stays fast. */
export const analyzeMessagesJob = defineJob({
  type: "language.analyze",
  payload: z.object({ messageIds: z.array(z.uuid()).min(1).max(BATCH) }),
  maxAttempts: 6,
  async handle({ messageIds }, ctx) {
    const llm = ctx.deps.config.llm?.analysis ? llmFromConfig(ctx.deps.config) : null;
    if ((await analyzeMessages(ctx.db, messageIds, { llm })) > 0) ctx.deps.kick();
  },
});

/** Every new customer message (a conversation's first one included) gets one analysis job per relayed batch. */
export function analysisListener(db: Db, wake: () => void = () => {}) {
  return async (batch: RelayedEvent[]) => {
    const ids: string[] = [];
    for (const e of batch) {
      if (e.type === "conversation.created" && e.data.messageId) ids.push(String(e.data.messageId));
      else if (e.type === "message.created" && e.data.kind === "incoming") ids.push(String(e.data.messageId));
    }
    for (let i = 0; i < ids.length; i += BATCH) await enqueue(db, analyzeMessagesJob, { messageIds: ids.slice(i, i + BATCH) });
    if (ids.length) wake();
  };
}

/**
 * Relay listeners are at most once (a failed enqueue is only logged), so a sweep picks up customer messages
 * still unread minutes after arrival, unless a job for them is still waiting or running. Bounded to the last day.
 */
export async function sweepUnanalysed(db: Db, olderThanSeconds = 300): Promise<number> {
  const res = await db.execute(sql`
    WITH waiting AS (
      SELECT jsonb_array_elements_text(payload->'messageIds') AS id FROM jobs
      WHERE type = 'language.analyze' AND status IN ('queued', 'running'))
    SELECT id FROM messages
    WHERE kind = 'incoming' AND analysis IS NULL
      AND created_at < now() - make_interval(secs => ${olderThanSeconds}) AND created_at > now() - interval '1 day'
      AND id::text NOT IN (SELECT id FROM waiting)
    ORDER BY created_at LIMIT ${BATCH * 5}`);
  const ids = (res.rows as { id: string }[]).map((r) => r.id);
  for (let i = 0; i < ids.length; i += BATCH) await enqueue(db, analyzeMessagesJob, { messageIds: ids.slice(i, i + BATCH) });
  return ids.length;
}
