import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "../../db/client";
import { AppError } from "../../lib/errors";

export type Idempotency = { scope: string; key: string; body: unknown };

export const requestHash = (body: unknown) => crypto.createHash("sha256").update(JSON.stringify(body)).digest("hex");

export class IdempotentReplay {
  constructor(readonly resourceId: string) {}
}

/**
 * Claims an Idempotency-Key inside the creating transaction. A concurrent request with the same key
 * waits on the unique index until the first commits, then replays its result; if the first rolled
 * back, the key was never taken and this request proceeds.
 */
export async function claimIdempotencyKey(tx: Tx, accountId: string, scope: string, key: string, body: unknown): Promise<void> {
  if (key.length > 200) throw new AppError(400, "invalid_request", "Idempotency-Key header: at most 200 characters", "header.idempotency-key");
  const hash = requestHash(body);
  const ins = await tx.execute(sql`
    INSERT INTO idempotency_keys (account_id, scope, key, response) VALUES (${accountId}, ${scope}, ${key}, ${JSON.stringify({ hash })}::jsonb)
    ON CONFLICT DO NOTHING RETURNING key`);
  if (ins.rows.length) return;
  return replayIdempotent(tx, accountId, { scope, key, body });
}

export async function completeIdempotencyKey(tx: Tx, accountId: string, scope: string, key: string, resourceId: string): Promise<void> {
  await tx.execute(sql`
    UPDATE idempotency_keys SET resource_id = ${resourceId} WHERE account_id = ${accountId} AND scope = ${scope} AND key = ${key}`);
}

/** After a claim lost to an earlier request with the same key: replay its result, or explain the conflict. */
export async function replayIdempotent(db: DbOrTx, accountId: string, idem: Idempotency): Promise<never> {
  const prev = await db.execute(sql`
    SELECT resource_id, response FROM idempotency_keys WHERE account_id = ${accountId} AND scope = ${idem.scope} AND key = ${idem.key}`);
  const row = prev.rows[0] as { resource_id: string | null; response: { hash?: string } } | undefined;
  if (!row?.resource_id) throw new AppError(409, "idempotency_conflict", "A request with this Idempotency-Key is still in progress");
  if (row.response?.hash !== requestHash(idem.body)) {
    throw new AppError(422, "idempotency_mismatch", "This Idempotency-Key was used with a different request body");
  }
  throw new IdempotentReplay(row.resource_id);
}
