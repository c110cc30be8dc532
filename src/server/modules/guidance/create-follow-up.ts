import { sql } from "drizzle-orm";
import type { Actor } from "../../actor";
import { eventActorOf } from "../../actor";
import type { Tx } from "../../db/client";
import { recordEvent } from "../../events/outbox";
import { enqueue } from "../../jobs/queue";
import { badRequest, forbidden, notFound } from "../../lib/errors";
import { policies } from "../../policies";
import { remindFollowUpJob } from "./follow-up-job";

/** Provide responsible follow-up: a task with a due time, assigned to its creator unless said otherwise. */
export async function createFollowUp(opts: {
  tx: Tx;
  actor: Actor;
  conversationId: string;
  input: { title: string; dueAt: string; assigneeId?: string | null; notifyCustomer: boolean };
}): Promise<{ id: string }> {
  const { tx, actor, input } = opts;
  const conv = await tx.execute(sql`SELECT id FROM conversations WHERE id = ${opts.conversationId} AND account_id = ${actor.accountId}`);
  if (!conv.rows.length) throw notFound("Conversation");
  if (!policies.createFollowUp(actor)) throw forbidden();
  const assigneeId = input.assigneeId === undefined || input.assigneeId === null ? actor.userId : input.assigneeId;
  if (assigneeId !== actor.userId) {
    const u = await tx.execute(sql`SELECT 1 FROM users WHERE id = ${assigneeId} AND account_id = ${actor.accountId} AND active`);
    if (!u.rows.length) throw badRequest("body.assigneeId: no such agent in this account", "body.assigneeId");
  }
  const dueAt = new Date(input.dueAt);
  const ins = await tx.execute(sql`
    INSERT INTO follow_ups (account_id, conversation_id, title, due_at, assignee_id, created_by, notify_customer)
    VALUES (${actor.accountId}, ${opts.conversationId}, ${input.title}, ${dueAt}, ${assigneeId}, ${actor.userId}, ${input.notifyCustomer})
    RETURNING id, due_at::text AS due_at`);
  const row = ins.rows[0] as { id: string; due_at: string };
  await enqueue(tx, remindFollowUpJob, { followUpId: row.id, dueAt: row.due_at }, { accountId: actor.accountId, runAt: dueAt });
  await recordEvent(tx, {
    accountId: actor.accountId,
    type: "follow_up.created",
    conversationId: opts.conversationId,
    actor: eventActorOf(actor),
    data: { followUpId: row.id, title: input.title, dueAt: dueAt.toISOString(), assigneeId },
  });
  return { id: row.id };
}
