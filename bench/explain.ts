import { drizzle } from "drizzle-orm/node-postgres";
import type pg from "pg";
import type { Actor } from "../src/server/actor";
import * as schema from "../src/server/db/schema";
import { accountLanguages, conversationCounts, listConversations } from "../src/server/modules/conversations/queries";
import { ListConversationsQuery } from "../src/shared/schemas";

/**
 * EXPLAIN (ANALYZE, BUFFERS) of exactly the SQL a list/counts request runs: the app's own query functions
 * are called with a database handle that records each statement and its parameters, and every recorded
 * statement is then explained with the same parameters.
 */
export async function explainRoute(pool: pg.Pool, actor: Actor, url: string): Promise<{ sql: string; params: unknown[]; plan: string; ms: number }[]> {
  const captured: { sql: string; params: unknown[] }[] = [];
  const db = drizzle(pool, { schema, logger: { logQuery: (sql, params) => captured.push({ sql, params }) } });
  const u = new URL(url, "http://x");
  if (u.pathname.endsWith("/counts")) {
    await conversationCounts(db, actor);
  } else {
    const query = ListConversationsQuery.parse(Object.fromEntries(u.searchParams));
    const languages = query.q ? await accountLanguages(db, actor.accountId) : [];
    await listConversations(db, actor, query, languages);
  }
  const out = [];
  for (const c of captured) {
    if (/FROM conversations WHERE account_id = \$1 ORDER BY last_activity_at DESC LIMIT 2000/.test(c.sql.replace(/\s+/g, " "))) continue; // the cached language lookup
    const res = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${c.sql}`, c.params);
    const plan = res.rows.map((r) => r["QUERY PLAN"] as string).join("\n");
    const ms = Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? Number.NaN);
    out.push({ sql: c.sql.replace(/\s+/g, " ").trim(), params: c.params, plan, ms });
  }
  return out;
}
