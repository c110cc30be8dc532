import { sql } from "drizzle-orm";
import type { Actor } from "../../actor";
import { eventActorOf } from "../../actor";
import type { Tx } from "../../db/client";
import { users } from "../../db/schema";
import { recordEvent } from "../../events/outbox";
import { conflict } from "../../lib/errors";
import { hashPassword, randomToken, sha256 } from "../../lib/secrets";
import type { Role } from "../../../shared/schemas";

export async function createUser(opts: {
  tx: Tx;
  actor: Actor | null;
  accountId: string;
  input: { name: string; email: string; role: Role; password?: string };
}): Promise<{ user: typeof users.$inferSelect; inviteToken?: string }> {
  const { tx, input } = opts;
  const exists = await tx.execute(sql`SELECT 1 FROM users WHERE lower(email) = ${input.email.toLowerCase()}`);
  if (exists.rows.length > 0) throw conflict("A user with this email already exists", "body.email");
  const inviteToken = input.password ? undefined : randomToken(24);
  const [user] = await tx
    .insert(users)
    .values({
      accountId: opts.accountId,
      name: input.name,
      email: input.email.toLowerCase(),
      role: input.role,
      passwordHash: input.password ? await hashPassword(input.password) : null,
      inviteTokenHash: inviteToken ? sha256(inviteToken) : null,
    })
    .returning();
  await recordEvent(tx, {
    accountId: opts.accountId,
    type: "user.created",
    actor: opts.actor ? eventActorOf(opts.actor) : { type: "system", id: null },
    data: { userId: user.id, role: user.role },
  });
  return { user, inviteToken };
}
