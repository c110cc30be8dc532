import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createDb, createPool, type Db } from "../db/client";
import { createTestDatabase, dropTestDatabase } from "../../../test/helpers/db";
import { defineJob, enqueue, JobWorker, type JobDeps } from "./queue";

let url: string;
let pool: ReturnType<typeof createPool>;
let db: Db;

beforeAll(async () => {
  url = await createTestDatabase();
  pool = createPool(url, 4);
  db = createDb(pool);
});
afterAll(async () => {
  await pool.end();
  await dropTestDatabase(url);
});

const deps = {} as JobDeps;
const row = async (type: string) =>
  (await db.execute(sql`SELECT status, attempts, last_error, run_at > now() + interval '1 second' AS later, finished_at FROM jobs WHERE type = ${type}`))
    .rows[0] as { status: string; attempts: number; last_error: string | null; later: boolean; finished_at: string | null };
const makeDue = (type: string) => db.execute(sql`UPDATE jobs SET run_at = now() WHERE type = ${type}`);

describe("durable job queue", () => {
  it("retries a failing job later with backoff, keeps the error, and finishes it once it succeeds", async () => {
    let calls = 0;
    const flaky = defineJob({
      type: "test.flaky",
      payload: z.object({ n: z.number() }),
      async handle(p, ctx) {
        calls++;
        expect(p.n).toBe(7);
        if (ctx.attempt < 3) throw new Error(`try ${ctx.attempt} failed`);
      },
    });
    const errors: string[] = [];
    const worker = new JobWorker(db, deps, (err) => errors.push(String(err)));
    worker.register(flaky);
    await enqueue(db, flaky, { n: 7 });

    expect(await worker.runOne()).toBe(true);
    let r = await row("test.flaky");
    expect(r).toMatchObject({ status: "queued", attempts: 1, last_error: "try 1 failed", later: true });
    // Not due yet: backoff keeps it out of the next claim.
    expect(await worker.runOne()).toBe(false);

    await makeDue("test.flaky");
    expect(await worker.runOne()).toBe(true);
    r = await row("test.flaky");
    expect(r).toMatchObject({ status: "queued", attempts: 2, last_error: "try 2 failed", later: true });

    await makeDue("test.flaky");
    expect(await worker.runOne()).toBe(true);
    r = await row("test.flaky");
    expect(r).toMatchObject({ status: "done", attempts: 3, last_error: null });
    expect(calls).toBe(3);
    expect(errors).toHaveLength(2);
  });

  it("gives up after maxAttempts and marks the job failed with its last error", async () => {
    const doomed = defineJob({
      type: "test.doomed",
      payload: z.object({}),
      maxAttempts: 2,
      async handle() {
        throw new Error("always broken");
      },
    });
    const worker = new JobWorker(db, deps, () => {});
    worker.register(doomed);
    await enqueue(db, doomed, {});
    await worker.runOne();
    await makeDue("test.doomed");
    await worker.runOne();
    const r = await row("test.doomed");
    expect(r.status).toBe("failed");
    expect(r.attempts).toBe(2);
    expect(r.last_error).toBe("always broken");
    expect(r.finished_at).not.toBeNull();
    await makeDue("test.doomed");
    expect(await worker.runOne()).toBe(false);
  });

  it("claims a job again when the worker running it died and its lease ran out", async () => {
    let ran = 0;
    const job = defineJob({ type: "test.lease", payload: z.object({}), async handle() { ran++; } });
    await enqueue(db, job, {});
    // A worker on another host claimed it and vanished an hour ago.
    await db.execute(sql`UPDATE jobs SET status = 'running', locked_by = 'elsewhere:1', locked_at = now() - interval '1 hour', attempts = 1 WHERE type = 'test.lease'`);
    const worker = new JobWorker(db, deps, () => {}, 500, 60_000);
    worker.register(job);
    expect(await worker.runOne()).toBe(false);
    expect(await worker.reclaimExpired()).toBe(1);
    expect(await worker.runOne()).toBe(true);
    expect(ran).toBe(1);
    expect(await row("test.lease")).toMatchObject({ status: "done", attempts: 2 });
  });
});
