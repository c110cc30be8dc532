import { and, eq, isNotNull } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { users } from "../../db/schema";
import { recordEvent } from "../../events/outbox";
import { AppError } from "../../lib/errors";
import { hashPassword, sha256 } from "../../lib/secrets";
import { createSession } from "./create-session";

/** An invited agent sets a password with the one-time token and is signed in. */
export async function acceptInvite(opts: { tx: Tx; token: string; name?: string; password: string; sessionDays: number }) {
  const [user] = await opts.tx
    .update(users)
    .set({
      passwordHash: await hashPassword(opts.password),
      inviteTokenHash: null,
      ...(opts.name ? { name: opts.name } : {}),
    })
    .where(and(eq(users.inviteTokenHash, sha256(opts.token)), isNotNull(users.inviteTokenHash)))
    .returning();
  if (!user) throw new AppError(404, "invite_not_found", "This invite link is invalid or was already used");
  await recordEvent(opts.tx, { accountId: user.accountId, type: "user.joined", actor: { type: "user", id: user.id }, data: {} });
  const session = await createSession({ tx: opts.tx, userId: user.id, accountId: user.accountId, days: opts.sessionDays });
  return { userId: user.id, accountId: user.accountId, ...session };
}
