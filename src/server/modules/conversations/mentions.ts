import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";

/**
 * Teammates named in a message: "@Full Name" (case-insensitive) or "@emaillocalpart". The longest
 * name wins, so "@Ana Maria" mentions Ana Maria, not Ana.
 */
export async function resolveMentions(tx: Tx, accountId: string, text: string): Promise<string[]> {
  if (!text.includes("@")) return [];
  const res = await tx.execute(sql`SELECT id, name, email FROM users WHERE account_id = ${accountId} AND active`);
  const lower = text.toLowerCase();
  const found = new Set<string>();
  const boundary = (s: string, end: number) => end >= s.length || !/[\p{L}\p{N}_]/u.test(s[end]);
  for (const u of res.rows as { id: string; name: string; email: string }[]) {
    for (const handle of [u.name.toLowerCase(), u.email.split("@")[0].toLowerCase()]) {
      let i = lower.indexOf(`@${handle}`);
      while (i >= 0) {
        const before = i === 0 || !/[\p{L}\p{N}_.]/u.test(lower[i - 1]);
        if (before && boundary(lower, i + 1 + handle.length)) {
          found.add(u.id);
          break;
        }
        i = lower.indexOf(`@${handle}`, i + 1);
      }
    }
  }
  return [...found];
}
