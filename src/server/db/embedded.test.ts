import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir, startEmbeddedPostgres } from "./embedded";

const parent = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-private-"));
afterAll(() => fs.rmSync(parent, { recursive: true, force: true }));

describe("embedded PostgreSQL", () => {
  it("starts under a data dir whose parent folder is private (0700), as root and as a normal user", async () => {
    // As root PostgreSQL runs as the postgres user, which must be let through the private parent (/root is 0700).
    fs.chmodSync(parent, 0o700);
    const dataDir = path.join(parent, "home", "data");
    const handle = await startEmbeddedPostgres(dataDir);
    try {
      const client = new pg.Client({ connectionString: handle.url("rapport") });
      await client.connect();
      const res = await client.query("SELECT current_setting('fsync') AS fsync");
      await client.end();
      expect(res.rows[0].fsync).toBe("on");
      const isRoot = process.getuid?.() === 0;
      // Only the traverse bit is added for others: nobody may list the private folder.
      const mode = fs.statSync(parent).mode & 0o777;
      expect(mode).toBe(isRoot ? 0o701 : 0o700);
    } finally {
      await handle.stop();
    }
  }, 120_000);

  it("refuses a second lock on the same data dir while the first holder lives", () => {
    const dir = path.join(parent, "locked");
    const release = lockDataDir(dir);
    try {
      expect(() => lockDataDir(dir)).not.toThrow(); // the same process may re-take its own lock
    } finally {
      release();
    }
    fs.writeFileSync(path.join(dir, "rapport.lock"), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
  });
});
