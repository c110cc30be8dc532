import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type pg from "pg";
import type { DbOrTx } from "./client";

const dialect = new PgDialect();

/**
 * Runs a hot statement as a named prepared statement, so PostgreSQL plans it once per connection instead
 * of on every call. The name must identify the SQL text. Inside a transaction it is prepared on the
 * transaction's own connection (drizzle keeps it as the session's client).
 */
export async function execPrepared<T>(db: DbOrTx, name: string, query: SQL): Promise<T[]> {
  const pool = (db as { $client?: pg.Pool }).$client;
  const txClient = (db as { session?: { client?: pg.PoolClient } }).session?.client;
  const client = pool && typeof pool.query === "function" && "totalCount" in pool ? pool : txClient && !("totalCount" in txClient) ? txClient : null;
  if (!client) return (await db.execute(query)).rows as T[];
  const { sql: text, params } = dialect.sqlToQuery(query);
  const res = await client.query({ name, text, values: params as unknown[] });
  return res.rows as T[];
}
