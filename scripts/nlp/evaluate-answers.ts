/**
 * npm run eval:answers [-- --verbose] [-- --dir <path>]: answer quality on the committed question sets (eval/answers, or
 * the set in --dir, e.g. eval/answers-fresh) against the
 * demo knowledge base, in a throw-away embedded PostgreSQL (or DATABASE_URL's server, in a new database).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { evaluate, formatReport, loadEvalSets, seedDemoKnowledge } from "../../src/server/ai/answers/evaluate";
import { retrieveCitations } from "../../src/server/ai/answers/retrieve";
import { createDb, createPool } from "../../src/server/db/client";
import { startEmbeddedPostgres } from "../../src/server/db/embedded";
import { runMigrations } from "../../src/server/db/migrate";

const verbose = process.argv.includes("--verbose");
const dirArg = process.argv.indexOf("--dir");
const dir =
  dirArg > 0 ? path.resolve(process.argv[dirArg + 1]) : path.join(path.dirname(new URL(import.meta.url).pathname), "../../eval/answers");

async function main() {
  let tmp: string | null = null;
  let stop = async () => {};
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-eval-"));
    const h = await startEmbeddedPostgres(tmp);
    adminUrl = h.url("postgres");
    stop = h.stop;
  }
  const name = `rapport_eval_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const pool = createPool(u.toString(), 4);
  try {
    await runMigrations(pool);
    const db = createDb(pool);
    const accountId = await seedDemoKnowledge(db);
    const qi = process.argv.indexOf("--q");
    if (qi > 0) {
      // Look at one question: what each article scored and which passage it would quote.
      const li = process.argv.indexOf("--locale");
      const r = await retrieveCitations(db, {
        accountId,
        question: process.argv[qi + 1],
        locale: li > 0 ? process.argv[li + 1] : null,
        limit: 5,
        publicBase: "https://help.example.com",
      });
      console.log(JSON.stringify(r, null, 2));
      return;
    }
    const sets = loadEvalSets(dir);
    const report = await evaluate(db, accountId, [...sets.same, ...[sets.cross, sets.typos].filter((x) => x !== null)], sets.negatives);
    console.log(formatReport(report, verbose));
    const di = process.argv.indexOf("--dump");
    if (di > 0) fs.writeFileSync(process.argv[di + 1], report.dump.map((d) => JSON.stringify(d)).join("\n"));
  } finally {
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
