import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Actor } from "../../actor";
import { sha256 } from "../../lib/secrets";

/**
 * Resolves a session cookie or API token to an actor. Results are cached for a few seconds so hot
 * integrations don't pay a lookup per request; revocation and logout take effect within that time
 * (logout also evicts the entry locally).
 */
const TTL_MS = 5_000;
const cache = new Map<string, { actor: Actor | null; until: number }>();

function cached(key: string): Actor | null | undefined {
  const hit = cache.get(key);
  if (!hit) return undefined;
  if (hit.until < Date.now()) {
    cache.delete(key);
    return undefined;
  }
  return hit.actor;
}
function remember(key: string, actor: Actor | null) {
  if (cache.size > 10_000) cache.clear();
  cache.set(key, { actor, until: Date.now() + TTL_MS });
}

export function forgetCredential(token: string): void {
  cache.delete(`s:${sha256(token)}`);
  cache.delete(`t:${sha256(token)}`);
}

export async function actorFromSession(db: Db, token: string): Promise<Actor | null> {
  const hash = sha256(token);
  const key = `s:${hash}`;
  const hit = cached(key);
  if (hit !== undefined) return hit;
  const res = await db.execute(sql`
    SELECT s.id AS session_id, s.csrf_token, u.id AS user_id, u.account_id, u.name, u.role
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = ${hash} AND s.expires_at > now() AND u.active`);
  const row = res.rows[0] as Record<string, string> | undefined;
  const actor: Actor | null = row
    ? {
        accountId: row.account_id,
        userId: row.user_id,
        name: row.name,
        role: row.role as Actor["role"],
        via: "session",
        sessionId: row.session_id,
        csrfToken: row.csrf_token,
      }
    : null;
  remember(key, actor);
  return actor;
}

export async function actorFromApiToken(db: Db, token: string): Promise<Actor | null> {
  const hash = sha256(token);
  const key = `t:${hash}`;
  const hit = cached(key);
  if (hit !== undefined) return hit;
  const res = await db.execute(sql`
    UPDATE api_tokens t SET last_used_at = now()
    FROM users u
    WHERE t.token_hash = ${hash} AND t.revoked_at IS NULL AND u.id = t.user_id AND u.active
    RETURNING u.id AS user_id, u.account_id, u.name, u.role`);
  const row = res.rows[0] as Record<string, string> | undefined;
  const actor: Actor | null = row
    ? { accountId: row.account_id, userId: row.user_id, name: row.name, role: row.role as Actor["role"], via: "token" }
    : null;
  remember(key, actor);
  return actor;
}
