import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { AppError } from "../../lib/errors";
import { verifyPassword } from "../../lib/secrets";
import { createSession } from "./create-session";

export async function login(opts: { tx: Tx; email: string; password: string; sessionDays: number }) {
  const res = await opts.tx.execute(sql`
    SELECT id, account_id, password_hash, active FROM users WHERE lower(email) = ${opts.email.toLowerCase()}`);
  const user = res.rows[0] as { id: string; account_id: string; password_hash: string | null; active: boolean } | undefined;
  const ok = await verifyPassword(opts.password, user?.password_hash ?? null);
  if (!user || !ok || !user.active) throw new AppError(401, "invalid_credentials", "Email or password is wrong");
  const session = await createSession({ tx: opts.tx, userId: user.id, accountId: user.account_id, days: opts.sessionDays });
  return { userId: user.id, accountId: user.account_id, ...session };
}
