import { sql } from "drizzle-orm";
import type { Actor } from "../../actor";
import { eventActorOf } from "../../actor";
import type { Tx } from "../../db/client";
import { teams } from "../../db/schema";
import { recordEvent } from "../../events/outbox";
import { conflict } from "../../lib/errors";
import { addTeamMember } from "./add-team-member";

export async function createTeam(opts: { tx: Tx; actor: Actor; input: { name: string; memberIds?: string[] } }) {
  const { tx, actor, input } = opts;
  const dup = await tx.execute(sql`SELECT 1 FROM teams WHERE account_id = ${actor.accountId} AND lower(name) = ${input.name.toLowerCase()}`);
  if (dup.rows.length) throw conflict("A team with this name already exists", "body.name");
  const [team] = await tx.insert(teams).values({ accountId: actor.accountId, name: input.name }).returning();
  for (const userId of new Set(input.memberIds ?? [])) await addTeamMember({ tx, actor, teamId: team.id, userId });
  await recordEvent(tx, { accountId: actor.accountId, type: "team.created", actor: eventActorOf(actor), data: { teamId: team.id } });
  return team;
}
