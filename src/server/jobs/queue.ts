import os from "node:os";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { Config } from "../config";
import type { Db, DbOrTx } from "../db/client";
import type { CryptoBox } from "../lib/crypto-box";
import type { BlobStorage } from "../storage/blob-storage";
import { jobs } from "../db/schema";

/** A job type: a name, a payload schema and a handler. Registered by name; never looked up by class. */
export type JobDefinition<S extends z.ZodType> = {
  type: string;
  payload: S;
  maxAttempts?: number;
  handle: (payload: z.output<S>, ctx: JobContext) => Promise<void>;
};

/** What a handler may use besides the database: settings, the credential box, file storage. */
export type JobDeps = {
  config: Config;
  box: CryptoBox;
  storage: BlobStorage;
  /** Wakes the outbox relay after a job committed events, so they are pushed at once. */
  kick: () => void;
};

export type JobContext = { db: Db; jobId: number; attempt: number; maxAttempts: number; deps: JobDeps };

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
export const backoffMs = (attempt: number) => Math.min(3_600_000, 1000 * 2 ** attempt) * (0.75 + Math.random() * 0.5);

/**
 * Claims due jobs with FOR UPDATE SKIP LOCKED so any number of nodes can work the same table.
 * A job whose worker died (running, lock older than the lease) is put back in the queue by `reclaimExpired`.
 */
export class JobWorker {
  private defs = new Map<string, JobDefinition<z.ZodType>>();
  private timers = new Set<NodeJS.Timeout>();
  /** Loops waiting for their next poll because the queue was empty. */
  private idle = new Set<NodeJS.Timeout>();
  private stopped = true;
  private busy = 0;
  readonly workerId = `${os.hostname()}:${process.pid}`;

  constructor(
    private db: Db,
    private deps: JobDeps,
    private onError: (err: unknown, jobType: string) => void,
    private pollMs = 500,
    private leaseMs = 5 * 60_000,
    /** Loops claiming jobs side by side: mail parsing and delivery wait on I/O, not on each other. */
    private concurrency = 4,
  ) {}

  register(def: JobDefinition<z.ZodType>): void {
    this.defs.set(def.type, def);
  }

  start(): void {
    this.stopped = false;
    void this.recoverOrphans()
      .catch((err) => this.onError(err, "recover"))
      .finally(() => {
        for (let i = 0; i < this.concurrency; i++) this.schedule(i * 25);
      });
    const every = Math.max(1000, Math.min(30_000, this.leaseMs / 4));
    const reclaim = () => {
      if (this.stopped) return;
      const t = setTimeout(() => {
        this.timers.delete(t);
        void this.reclaimExpired()
          .catch((err) => this.onError(err, "reclaim"))
          .finally(reclaim);
      }, every);
      this.timers.add(t);
    };
    reclaim();
  }

  /**
   * Jobs a crashed process on this host was running go back to the queue at once, instead of after the
   * lease: a kill -9 mid-burst must not leave accepted mail waiting minutes. Other hosts' jobs wait for
   * the lease, since their process can't be checked from here.
   */
  async recoverOrphans(): Promise<number> {
    const host = os.hostname();
    const res = await this.db.execute(sql`SELECT DISTINCT locked_by FROM jobs WHERE status = 'running' AND locked_by LIKE ${`${host}:%`}`);
    const dead = (res.rows as { locked_by: string }[])
      .map((r) => r.locked_by)
      .filter((id) => id !== this.workerId && !alive(Number(id.slice(host.length + 1))));
    if (!dead.length) return 0;
    const upd = await this.db.execute(sql`
      UPDATE jobs SET status = 'queued', locked_at = NULL, locked_by = NULL, run_at = now()
      WHERE status = 'running' AND locked_by = ANY(${sql.param(dead)}::text[])`);
    return upd.rowCount ?? 0;
  }

  /**
   * Jobs whose worker died (running, lock older than the lease) go back to the queue. Kept out of the claim
   * itself: an OR there defeats the queued-jobs index and makes every claim scan and sort the whole table.
   */
  async reclaimExpired(): Promise<number> {
    const upd = await this.db.execute(sql`
      UPDATE jobs SET status = 'queued', locked_at = NULL, locked_by = NULL, run_at = now()
      WHERE status = 'running' AND locked_at < now() - make_interval(secs => ${this.leaseMs / 1000})`);
    return upd.rowCount ?? 0;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    while (this.busy > 0) await new Promise((r) => setTimeout(r, 10));
  }

  private schedule(ms: number, idle = false): void {
    if (this.stopped) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.idle.delete(t);
      void this.loop();
    }, ms);
    this.timers.add(t);
    if (idle) this.idle.add(t);
  }

  /** A job was just enqueued in this process: one idle loop claims now instead of at its next poll. */
  wake(): void {
    const [t] = this.idle;
    if (this.stopped || !t) return;
    clearTimeout(t);
    this.timers.delete(t);
    this.idle.delete(t);
    this.schedule(0);
  }

  private async loop(): Promise<void> {
    this.busy++;
    let worked = false;
    try {
      worked = await this.runOne();
    } catch (err) {
      this.onError(err, "claim");
    } finally {
      this.busy--;
      this.schedule(worked ? 0 : this.pollMs, !worked);
    }
  }

  /** Claims and runs one due job; true when there was one. */
  async runOne(): Promise<boolean> {
    // Job bookkeeping commits without waiting for the WAL flush: a claim or a "done" lost in a crash only
    // means the job runs again, and every handler is idempotent. The work itself decides its own durability.
    const claimed = await this.db.execute(sql`
      WITH async AS (SELECT set_config('synchronous_commit', 'off', true))
      UPDATE jobs SET status = 'running', locked_at = now(), locked_by = ${this.workerId}, attempts = attempts + 1
      WHERE id = (
        SELECT id FROM jobs WHERE status = 'queued' AND run_at <= now()
        ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
        AND EXISTS (SELECT 1 FROM async)
      RETURNING id, type, payload, attempts, max_attempts`);
    const row = claimed.rows[0] as { id: number; type: string; payload: unknown; attempts: number; max_attempts: number } | undefined;
    if (!row) return false;
    const id = Number(row.id);
    const def = this.defs.get(row.type);
    try {
      if (!def) throw new Error(`no handler for job type ${row.type}`);
      await def.handle(def.payload.parse(row.payload), {
        db: this.db,
        jobId: id,
        attempt: row.attempts,
        maxAttempts: row.max_attempts,
        deps: this.deps,
      });
      await this.db.execute(sql`
        WITH async AS (SELECT set_config('synchronous_commit', 'off', true))
        UPDATE jobs SET status = 'done', finished_at = now(), last_error = NULL WHERE id = ${id} AND EXISTS (SELECT 1 FROM async)`);
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

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
