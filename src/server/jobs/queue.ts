import os from "node:os";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db, DbOrTx } from "../db/client";
import { jobs } from "../db/schema";

/** A job type: a name, a payload schema and a handler. Registered by name; never looked up by class. */
export type JobDefinition<S extends z.ZodType> = {
  type: string;
  payload: S;
  maxAttempts?: number;
  handle: (payload: z.output<S>, ctx: { db: Db; jobId: number; attempt: number }) => Promise<void>;
};

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}

export async function enqueue<S extends z.ZodType>(
  tx: DbOrTx,
  def: JobDefinition<S>,
  payload: z.input<S>,
  opts: { accountId?: string; runAt?: Date } = {},
): Promise<void> {
  await tx.insert(jobs).values({
    type: def.type,
    payload: def.payload.parse(payload) as object,
    accountId: opts.accountId ?? null,
    runAt: opts.runAt ?? new Date(),
    maxAttempts: def.maxAttempts ?? 8,
  });
}

/** Exponential backoff with jitter: 2s, 4s, 8s … capped at one hour. */
export const backoffMs = (attempt: number) =>
  Math.min(3_600_000, 1000 * 2 ** attempt) * (0.75 + Math.random() * 0.5);

/**
 * Claims due jobs with FOR UPDATE SKIP LOCKED so any number of nodes can work the same table.
 * A job whose worker died (running, lock older than the lease) is claimed again.
 */
export class JobWorker {
  private defs = new Map<string, JobDefinition<z.ZodType>>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private busy = false;
  readonly workerId = `${os.hostname()}:${process.pid}`;

  constructor(
    private db: Db,
    private onError: (err: unknown, jobType: string) => void,
    private pollMs = 500,
    private leaseMs = 5 * 60_000,
  ) {}

  register(def: JobDefinition<z.ZodType>): void {
    this.defs.set(def.type, def);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.busy) await new Promise((r) => setTimeout(r, 10));
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.loop(), ms);
  }

  private async loop(): Promise<void> {
    this.busy = true;
    let worked = false;
    try {
      worked = await this.runOne();
    } catch (err) {
      this.onError(err, "claim");
    } finally {
      this.busy = false;
      this.schedule(worked ? 0 : this.pollMs);
    }
  }

  /** Claims and runs one due job; true when there was one. */
  async runOne(): Promise<boolean> {
    const claimed = await this.db.execute(sql`
      UPDATE jobs SET status = 'running', locked_at = now(), locked_by = ${this.workerId}, attempts = attempts + 1
      WHERE id = (
        SELECT id FROM jobs
        WHERE (status = 'queued' AND run_at <= now())
           OR (status = 'running' AND locked_at < now() - make_interval(secs => ${this.leaseMs / 1000}))
        ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id, type, payload, attempts, max_attempts`);
    const row = claimed.rows[0] as
      | { id: number; type: string; payload: unknown; attempts: number; max_attempts: number }
      | undefined;
    if (!row) return false;
    const id = Number(row.id);
    const def = this.defs.get(row.type);
    try {
      if (!def) throw new Error(`no handler for job type ${row.type}`);
      await def.handle(def.payload.parse(row.payload), { db: this.db, jobId: id, attempt: row.attempts });
      await this.db.execute(sql`UPDATE jobs SET status = 'done', finished_at = now(), last_error = NULL WHERE id = ${id}`);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const final = row.attempts >= row.max_attempts;
      await this.db.execute(sql`
        UPDATE jobs SET status = ${final ? "failed" : "queued"}, last_error = ${message.slice(0, 2000)},
          run_at = now() + make_interval(secs => ${backoffMs(row.attempts) / 1000}), locked_at = NULL, locked_by = NULL,
          finished_at = ${final ? sql`now()` : null}
        WHERE id = ${id}`);
      this.onError(err, row.type);
    }
    return true;
  }
}
