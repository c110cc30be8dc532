import { sql } from "drizzle-orm";
import type { Actor } from "../../actor";
import { eventActorOf } from "../../actor";
import type { Tx } from "../../db/client";
import { recordEvent } from "../../events/outbox";
import { AppError, notFound } from "../../lib/errors";

/** Adds an agent of the same account to a team; adding twice is a no-op. */
export async function addTeamMember(opts: { tx: Tx; actor: Actor; teamId: string; userId: string }) {
  const { tx, actor } = opts;
  const team = await tx.execute(sql`SELECT 1 FROM teams WHERE id = ${opts.teamId} AND account_id = ${actor.accountId}`);
  if (!team.rows.length) throw notFound("Team");
  const user = await tx.execute(sql`SELECT 1 FROM users WHERE id = ${opts.userId} AND account_id = ${actor.accountId}`);
  if (!user.rows.length) throw new AppError(400, "invalid_request", "body.userId: no such user in this account", "body.userId");
  await tx.execute(sql`
    INSERT INTO team_members (account_id, team_id, user_id) VALUES (${actor.accountId}, ${opts.teamId}, ${opts.userId})
    ON CONFLICT DO NOTHING`);
  await recordEvent(tx, {
    accountId: actor.accountId,
    type: "team.member_added",
    actor: eventActorOf(actor),
    data: { teamId: opts.teamId, userId: opts.userId },
  });
}
