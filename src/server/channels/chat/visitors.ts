import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import type { VisitorProfile, VisitorSession } from "../../../shared/schemas";
import type { Db, DbOrTx } from "../../db/client";
import type { CryptoBox } from "../../lib/crypto-box";
import { randomToken, sha256 } from "../../lib/secrets";
import { type ChatInboxSettings, chatSettingsOf } from "./settings";

export type ChatInboxRow = { id: string; account_id: string; name: string; settings: ChatInboxSettings };

export type VisitorRow = {
  id: string;
  account_id: string;
  inbox_id: string;
  customer_id: string | null;
  external_id: string | null;
  verified: boolean;
  name: string | null;
  email: string | null;
};

const VISITOR_COLUMNS = sql`id, account_id, inbox_id, customer_id, external_id, verified, name, email`;

/**
 * Chat inboxes by id, cached for a few seconds: every widget request and socket needs its inbox's settings
 * (allowed origins, limits), and they change rarely. A changed setting applies within CACHE_MS.
 */
export class InboxCache {
  private cache = new Map<string, { row: ChatInboxRow | null; until: number }>();
  constructor(
    private db: Db,
    private ttlMs = 5_000,
  ) {}

  async get(id: string): Promise<ChatInboxRow | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const hit = this.cache.get(id);
    if (hit && hit.until > Date.now()) return hit.row;
    const res = await this.db.execute(sql`SELECT id, account_id, name, settings FROM inboxes WHERE id = ${id} AND channel = 'chat'`);
    const raw = res.rows[0] as (Omit<ChatInboxRow, "settings"> & { settings: Partial<ChatInboxSettings> }) | undefined;
    const row = raw ? { ...raw, settings: chatSettingsOf(raw.settings) } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(id, { row, until: Date.now() + this.ttlMs });
    return row;
  }
}

/** A new anonymous visitor: the token is returned once; only its SHA-256 is kept. */
export async function createVisitor(db: DbOrTx, inbox: ChatInboxRow): Promise<VisitorSession> {
  const token = `rv_${randomToken(32)}`;
  const res = await db.execute(sql`
    INSERT INTO chat_visitors (account_id, inbox_id, token_hash) VALUES (${inbox.account_id}, ${inbox.id}, ${sha256(token)}) RETURNING id`);
  return { visitorId: (res.rows[0] as { id: string }).id, token };
}

export async function visitorByToken(db: DbOrTx, token: string | undefined): Promise<VisitorRow | null> {
  if (!token || token.length > 100 || !token.startsWith("rv_")) return null;
  const res = await db.execute(sql`SELECT ${VISITOR_COLUMNS} FROM chat_visitors WHERE token_hash = ${sha256(token)}`);
  return (res.rows[0] as VisitorRow | undefined) ?? null;
}

export async function visitorById(db: DbOrTx, id: string): Promise<VisitorRow | null> {
  const res = await db.execute(sql`SELECT ${VISITOR_COLUMNS} FROM chat_visitors WHERE id = ${id}`);
  return (res.rows[0] as VisitorRow | undefined) ?? null;
}

export const presentVisitor = (v: VisitorRow): VisitorProfile => ({
  id: v.id,
  name: v.name,
  email: v.email,
  externalId: v.external_id,
  verified: v.verified,
});

/** hex HMAC-SHA256(secret, user id), compared in constant time. */
export function verifyIdentityHmac(box: CryptoBox, inbox: ChatInboxRow, userId: string, hmac: string | undefined): boolean {
  if (!hmac || !/^[0-9a-fA-F]{64}$/.test(hmac) || !inbox.settings.identitySecret) return false;
  const secret = box.open(inbox.settings.identitySecret);
  const want = crypto.createHmac("sha256", secret).update(userId).digest();
  return crypto.timingSafeEqual(want, Buffer.from(hmac, "hex"));
}

/**
 * Which conversations a visitor may read: those they started from this browser and, once verified, every
 * chat of their customer in this inbox (their history from other devices). Anything else is a 404.
 */
export function visibleTo(v: VisitorRow) {
  return v.verified && v.customer_id
    ? sql`(s.visitor_id = ${v.id} OR (c.customer_id = ${v.customer_id} AND s.inbox_id = ${v.inbox_id}))`
    : sql`s.visitor_id = ${v.id}`;
}
