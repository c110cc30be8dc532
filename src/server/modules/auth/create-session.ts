import type { Tx } from "../../db/client";
import { sessions } from "../../db/schema";
import { randomToken, sha256 } from "../../lib/secrets";

/** A browser session: the cookie holds a random token, the database only its hash. */
export async function createSession(opts: { tx: Tx; userId: string; accountId: string; days: number }) {
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const expiresAt = new Date(Date.now() + opts.days * 86_400_000);
  await opts.tx.insert(sessions).values({
    tokenHash: sha256(token),
    userId: opts.userId,
    accountId: opts.accountId,
    csrfToken,
    expiresAt,
  });
  return { token, csrfToken, expiresAt };
}
