import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { type EmbeddedHandle, startEmbeddedPostgres } from "../src/server/db/embedded";
import { createPool } from "../src/server/db/client";
import { runMigrations } from "../src/server/db/migrate";

export const TEMPLATE_DB = "rapport_test_template";

/**
 * One PostgreSQL for the whole run: DATABASE_URL when set (CI's PostgreSQL 15), otherwise an embedded one
 * in a temporary directory. A migrated template database is made once; each test file clones it.
 */
export default async function setup(project: TestProject) {
  let handle: EmbeddedHandle | null = null;
  let tmp: string | null = null;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-test-"));
    handle = await startEmbeddedPostgres(tmp);
    adminUrl = handle.url("postgres");
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // Databases left by an earlier run against the same server (CI reuses PostgreSQL 15).
  const stale = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'rapport_t_%' OR datname = $1", [TEMPLATE_DB]);
  for (const r of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  const u = new URL(adminUrl);
  u.pathname = `/${TEMPLATE_DB}`;
  const pool = createPool(u.toString(), 2);
  await runMigrations(pool);
  await pool.end();
  await admin.end();
  project.provide("pgAdminUrl", adminUrl);

  return async () => {
    if (handle) await handle.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
