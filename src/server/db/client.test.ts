import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, dropTestDatabase } from "../../../test/helpers/db";
import { createPool } from "./client";

let url: string;
beforeAll(async () => {
  url = await createTestDatabase();
});
afterAll(async () => dropTestDatabase(url));

it("survives the database killing a connection that is checked out between two statements", async () => {
  const pool = createPool(url, 2);
  const uncaught: unknown[] = [];
  const onUncaught = (err: unknown) => uncaught.push(err);
  process.prependListener("uncaughtException", onUncaught);
  try {
    const held = await pool.connect(); // like a transaction awaiting storage or an SMTP server
    const pid = (await held.query("SELECT pg_backend_pid() AS pid")).rows[0].pid as number;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend($1)", [pid]);
    await admin.end();
    await new Promise((r) => setTimeout(r, 300));
    expect(uncaught).toEqual([]);
    await expect(held.query("SELECT 1")).rejects.toThrow();
    held.release(true);
    // The pool hands out a working connection again.
    expect((await pool.query("SELECT 1 AS ok")).rows[0].ok).toBe(1);
  } finally {
    process.removeListener("uncaughtException", onUncaught);
    await pool.end();
  }
});
