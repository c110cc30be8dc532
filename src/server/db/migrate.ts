import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type pg from "pg";
import { createDb } from "./client";

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** Applies committed migrations; an advisory lock keeps two starting nodes from racing. */
export async function runMigrations(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock(724301)");
    await migrate(createDb(pool), { migrationsFolder });
  } finally {
    await client.query("SELECT pg_advisory_unlock(724301)").catch(() => {});
    client.release();
  }
}
