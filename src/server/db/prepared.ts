import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type pg from "pg";
import type { DbOrTx } from "./client";

const dialect = new PgDialect();

/**
 * Runs a hot statement as a named prepared statement, so PostgreSQL plans it once per connection instead
 * of on every call. The name must identify the SQL text; inside a transaction it runs as a plain query.
 */
export async function execPrepared<T>(db: DbOrTx, name: string, query: SQL): Promise<T[]> {
  const client = (db as { $client?: pg.Pool }).$client;
  if (!client || typeof client.query !== "function" || !("totalCount" in client)) {
    return (await db.execute(query)).rows as T[];
  }
  const { sql: text, params } = dialect.sqlToQuery(query);
  const res = await client.query({ name, text, values: params as unknown[] });
  return res.rows as T[];
}
