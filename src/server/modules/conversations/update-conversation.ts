import { sql } from "drizzle-orm";
import type { Priority, Status } from "../../../shared/schemas";
import type { Actor } from "../../actor";
import { eventActorOf } from "../../actor";
import type { Tx } from "../../db/client";
import { recordEvent } from "../../events/outbox";
import { enqueue } from "../../jobs/queue";
import { AppError, badRequest, forbidden, notFound } from "../../lib/errors";
import { policies } from "../../policies";
import { toDate } from "../../lib/time";
import { notifyUsers } from "../notifications/notify";
import { priorityFromNumber, priorityToNumber } from "./present";
import { unsnoozeJob } from "./unsnooze-job";

export type ConversationChanges = {
  status?: Status;
  snoozedUntil?: string | null;
  priority?: Priority;
  assigneeId?: string | null;
  teamId?: string | null;
  tags?: string[];
};

/** Status, snooze, priority, assignee, team and tags; each change that happens is one trail event. */
export async function updateConversation(opts: { tx: Tx; actor: Actor; id: string; changes: ConversationChanges }) {
  const { tx, actor, changes: ch } = opts;
  const res = await tx.execute(sql`
    SELECT c.status, c.snoozed_until, c.priority, c.assignee_id, c.team_id, c.tags FROM conversations c
    WHERE c.id = ${opts.id} AND c.account_id = ${actor.accountId} FOR UPDATE`);
  const cur = res.rows[0] as
    | { status: Status; snoozed_until: Date | string | null; priority: number; assignee_id: string | null; team_id: string | null; tags: string[] }
    | undefined;
  if (!cur) throw notFound("Conversation");
  if (!policies.updateConversation(actor)) throw forbidden();
  // The effective status: a bare snoozedUntil snoozes too (and a snooze ends in "open"), so it can't reopen a closed one.
  let status = ch.status ?? cur.status;
  if (ch.snoozedUntil !== undefined && ch.snoozedUntil !== null && ch.status === undefined) status = "snoozed";
  if (cur.status === "closed" && status !== "closed" && !policies.reopenClosed(actor)) {
    throw forbidden("Only supervisors can reopen a closed conversation");
  }
  const curSnooze = cur.snoozed_until === null ? null : toDate(cur.snoozed_until);
  const ev = eventActorOf(actor);
  const record = (type: string, data: Record<string, unknown>) =>
    recordEvent(tx, { accountId: actor.accountId, type, conversationId: opts.id, actor: ev, data });
  const sets: ReturnType<typeof sql>[] = [];

  let snoozedUntil: Date | null = curSnooze;
  if (status === "snoozed") {
    const until = ch.snoozedUntil !== undefined ? ch.snoozedUntil : curSnooze?.toISOString() ?? null;
    if (!until) throw badRequest("body.snoozedUntil: is required to snooze", "body.snoozedUntil");
    snoozedUntil = new Date(until);
    if (snoozedUntil.getTime() <= Date.now()) throw badRequest("body.snoozedUntil: must be in the future", "body.snoozedUntil");
  } else {
    snoozedUntil = null;
  }
  if (status !== cur.status || snoozedUntil?.getTime() !== curSnooze?.getTime()) {
    sets.push(sql`status = ${status}`, sql`snoozed_until = ${snoozedUntil}`);
    await record("conversation.status_changed", { from: cur.status, to: status, snoozedUntil: snoozedUntil?.toISOString() ?? null });
    if (status === "snoozed" && snoozedUntil) {
      await enqueue(tx, unsnoozeJob, { conversationId: opts.id, until: snoozedUntil.toISOString() }, { accountId: actor.accountId, runAt: snoozedUntil });
    }
  }

  if (ch.priority !== undefined && priorityToNumber(ch.priority) !== cur.priority) {
    sets.push(sql`priority = ${priorityToNumber(ch.priority)}`);
    await record("conversation.priority_changed", { from: priorityFromNumber(cur.priority), to: ch.priority });
  }

  if (ch.assigneeId !== undefined && ch.assigneeId !== cur.assignee_id) {
    if (!policies.assignConversation(actor, ch.assigneeId, cur.assignee_id)) {
      throw forbidden("Agents can assign conversations only to themselves; ask a supervisor to route it");
    }
    let assigneeName: string | null = null;
    if (ch.assigneeId) {
      const u = await tx.execute(sql`SELECT name FROM users WHERE id = ${ch.assigneeId} AND account_id = ${actor.accountId} AND active`);
      if (!u.rows.length) throw new AppError(400, "invalid_request", "body.assigneeId: no such agent in this account", "body.assigneeId");
      assigneeName = (u.rows[0] as { name: string }).name;
    }
    sets.push(sql`assignee_id = ${ch.assigneeId}`);
    await record("conversation.assigned", { assigneeId: ch.assigneeId, assigneeName, previousAssigneeId: cur.assignee_id });
    if (ch.assigneeId) {
      await notifyUsers({ tx, accountId: actor.accountId, userIds: [ch.assigneeId], type: "assigned", conversationId: opts.id, actorUserId: actor.userId });
    }
  }

  if (ch.teamId !== undefined && ch.teamId !== cur.team_id) {
    let teamName: string | null = null;
    if (ch.teamId) {
      const t = await tx.execute(sql`SELECT name FROM teams WHERE id = ${ch.teamId} AND account_id = ${actor.accountId}`);
      if (!t.rows.length) throw new AppError(400, "invalid_request", "body.teamId: no such team in this account", "body.teamId");
      teamName = (t.rows[0] as { name: string }).name;
    }
    sets.push(sql`team_id = ${ch.teamId}`);
    await record("conversation.team_changed", { teamId: ch.teamId, teamName, previousTeamId: cur.team_id });
  }

  if (ch.tags !== undefined) {
    const next = [...new Set(ch.tags)];
    const added = next.filter((t) => !cur.tags.includes(t));
    const removed = cur.tags.filter((t) => !next.includes(t));
    if (added.length || removed.length) {
      sets.push(sql`tags = ${sql.param(next)}::text[]`);
      await record("conversation.tagged", { added, removed });
    }
  }

  if (sets.length) {
    sets.push(sql`updated_at = now()`, sql`last_activity_at = now()`);
    await tx.execute(sql`UPDATE conversations SET ${sql.join(sets, sql`, `)} WHERE id = ${opts.id}`);
  }
}
