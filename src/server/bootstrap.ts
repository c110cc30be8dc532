import { sql } from "drizzle-orm";
import type { Config } from "./config";
import type { Db } from "./db/client";
import { createAccount } from "./modules/accounts/create-account";

/** First start with RAPPORT_ADMIN_EMAIL/PASSWORD: create that owner and a first account, once. */
export async function bootstrapAdmin(db: Db, config: Config): Promise<"created" | "exists" | "skipped"> {
  const admin = config.admin;
  if (!admin) return "skipped";
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(724302)`);
    const any = await tx.execute(sql`SELECT 1 FROM users LIMIT 1`);
    if (any.rows.length) return "exists";
    await createAccount({
      tx,
      input: { accountName: admin.accountName, name: admin.email.split("@")[0], email: admin.email, password: admin.password },
    });
    return "created";
  });
}
