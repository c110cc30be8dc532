import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { AiAgentSettings, UpdateAiAgentInput } from "../../../shared/schemas";
import { type Actor, eventActorOf } from "../../actor";
import type { Tx } from "../../db/client";
import { recordEvent } from "../../events/outbox";
import { badRequest, notFound } from "../../lib/errors";
import { aiAgentOf } from "./settings";

/** Turns an inbox's AI answer agent on or off and sets its threshold and name (chat and email inboxes). */
export async function updateAiAgent(opts: {
  tx: Tx;
  actor: Actor;
  inboxId: string;
  input: z.infer<typeof UpdateAiAgentInput>;
}): Promise<AiAgentSettings> {
  const { tx, actor } = opts;
  const res = await tx.execute(sql`
    SELECT channel, settings FROM inboxes WHERE id = ${opts.inboxId} AND account_id = ${actor.accountId} FOR UPDATE`);
  const row = res.rows[0] as { channel: string; settings: Record<string, unknown> } | undefined;
  if (!row) throw notFound("Inbox");
  if (row.channel !== "chat" && row.channel !== "email") {
    throw badRequest("The AI answer agent works in chat and email inboxes only", "params.id");
  }
  const next = { ...aiAgentOf(row.settings), ...opts.input };
  await tx.execute(sql`
    UPDATE inboxes SET settings = jsonb_set(settings, '{aiAgent}', ${JSON.stringify(next)}::jsonb, true), updated_at = now()
    WHERE id = ${opts.inboxId} AND account_id = ${actor.accountId}`);
  await recordEvent(tx, {
    accountId: actor.accountId,
    type: "inbox.updated",
    actor: eventActorOf(actor),
    data: { inboxId: opts.inboxId, aiAgent: next },
  });
  return next;
}
