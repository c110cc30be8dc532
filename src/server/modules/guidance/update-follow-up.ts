import { sql } from "drizzle-orm";
import type { Actor } from "../../actor";
import { eventActorOf } from "../../actor";
import { resolvedMessage } from "../../ai/guidance/compose";
import type { Tx } from "../../db/client";
import { recordEvent } from "../../events/outbox";
import { enqueue } from "../../jobs/queue";
import { forbidden, notFound } from "../../lib/errors";
import { policies } from "../../policies";
import { postMessage } from "../conversations/post-message";
import { remindFollowUpJob } from "./follow-up-job";

export type FollowUpChanges = {
  status?: "open" | "done" | "cancelled";
  title?: string;
  dueAt?: string;
  customerMessage?: string;
};

/**
 * Renames, moves, completes or cancels a follow-up. Done with notifyCustomer: the customer gets a reply in
 * their language through the conversation's channel (or the agent's own words), posted like any reply; it
 * never quotes the task's title, which is written for the team.
 */
export async function updateFollowUp(opts: { tx: Tx; actor: Actor; id: string; changes: FollowUpChanges }): Promise<{ messageId: string | null }> {
  const { tx, actor, changes: ch } = opts;
  const res = await tx.execute(sql`
    SELECT f.id, f.conversation_id, f.title, f.status, f.due_at::text AS due_at, f.assignee_id, f.created_by, f.notify_customer,
      c.language, c.status AS conversation_status,
      (SELECT m.analysis->>'language' FROM messages m WHERE m.conversation_id = c.id AND m.kind = 'incoming' AND m.analysis IS NOT NULL
       ORDER BY m.created_at DESC LIMIT 1) AS customer_language
    FROM follow_ups f JOIN conversations c ON c.id = f.conversation_id
    WHERE f.id = ${opts.id} AND f.account_id = ${actor.accountId} FOR UPDATE OF f`);
  const f = res.rows[0] as
    | {
        id: string;
        conversation_id: string;
        title: string;
        status: "open" | "done" | "cancelled";
        due_at: string;
        assignee_id: string | null;
        created_by: string | null;
        notify_customer: boolean;
        language: string | null;
        conversation_status: string;
        customer_language: string | null;
      }
    | undefined;
  if (!f) throw notFound("Follow-up");
  if (!policies.updateFollowUp(actor, { assigneeId: f.assignee_id, createdBy: f.created_by })) {
    throw forbidden("Only the follow-up's assignee, its creator or a supervisor can change it");
  }
  const sets: ReturnType<typeof sql>[] = [];
  if (ch.title !== undefined && ch.title !== f.title) sets.push(sql`title = ${ch.title}`);
  const status = ch.status ?? f.status;
  let dueChanged = false;
  if (ch.dueAt !== undefined && new Date(ch.dueAt).getTime() !== new Date(f.due_at).getTime()) {
    sets.push(sql`due_at = ${new Date(ch.dueAt)}`, sql`reminded_at = NULL`);
    dueChanged = true;
  }
  if (status !== f.status) {
    sets.push(sql`status = ${status}`, status === "done" ? sql`done_at = now()` : sql`done_at = NULL`);
    if (status === "open") sets.push(sql`reminded_at = NULL`);
  }
  if (!sets.length) return { messageId: null };
  const upd = await tx.execute(sql`UPDATE follow_ups SET ${sql.join(sets, sql`, `)} WHERE id = ${f.id} RETURNING due_at::text AS due_at, due_at <= now() AS past`);
  const after = upd.rows[0] as { due_at: string; past: boolean };
  // A new due time (or a task reopened) gets its own reminder; the old job finds nothing to do.
  if (status === "open" && (dueChanged || f.status !== "open")) {
    await enqueue(tx, remindFollowUpJob, { followUpId: f.id, dueAt: after.due_at }, { accountId: actor.accountId, runAt: new Date(after.due_at) });
  }
  const ev = eventActorOf(actor);
  await recordEvent(tx, {
    accountId: actor.accountId,
    type: "follow_up.updated",
    conversationId: f.conversation_id,
    actor: ev,
    data: { followUpId: f.id, changes: Object.keys(ch) },
  });

  let messageId: string | null = null;
  if (status === "done" && f.status !== "done") {
    // A closed conversation takes no replies; the task is still done.
    if (f.notify_customer && f.conversation_status !== "closed") {
      const text = ch.customerMessage?.trim() || resolvedMessage(f.customer_language ?? f.language);
      ({ messageId } = await postMessage({ tx, actor, conversationId: f.conversation_id, kind: "reply", content: { text } }));
    }
    await recordEvent(tx, {
      accountId: actor.accountId,
      type: "follow_up.done",
      conversationId: f.conversation_id,
      actor: ev,
      data: { followUpId: f.id, messageId },
    });
  }
  return { messageId };
}
