import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { remindVerificationDue } from "../modules/knowledge/remind-verification";

/**
 * Housekeeping every 10 minutes, on one node at a time (advisory lock): completed jobs after 7 days (failed ones stay for inspection),
 * expired sessions, idempotency keys after 24 h; owners of knowledge articles past their verify-every interval are
 * notified (once per interval). Events are the audit trail and are kept.
 */
export function startMaintenance(db: Db, onError: (err: unknown) => void, everyMs = 10 * 60_000): () => void {
  const run = async () => {
    try {
      await db.transaction(async (tx) => {
        const lock = await tx.execute(sql`SELECT pg_try_advisory_xact_lock(724303) AS ok`);
        if (!(lock.rows[0] as { ok: boolean }).ok) return;
        await tx.execute(sql`DELETE FROM jobs WHERE status = 'done' AND finished_at < now() - interval '7 days'`);
        await tx.execute(sql`DELETE FROM sessions WHERE expires_at < now()`);
        await tx.execute(sql`DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours'`);
        await remindVerificationDue(tx);
      });
    } catch (err) {
      onError(err);
    }
  };
  const first = setTimeout(run, 30_000);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
