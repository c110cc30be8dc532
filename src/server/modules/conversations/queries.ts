import { type SQL, sql } from "drizzle-orm";
import { type Counts, type ListConversationsQuery, type Status, UPSET_TEMPERATURE } from "../../../shared/schemas";
import type { Actor } from "../../actor";
import type { DbOrTx } from "../../db/client";
import { decodeCursor, encodeCursor } from "../../lib/cursor";
import { searchConfigFor } from "../../lib/language";
import { identityFromQuery } from "../customers/identities";
import type { ConversationRow, EventRow, MessageRow } from "./present";

const identity = (kind: string) =>
  sql.raw(
    `(SELECT i.value FROM customer_identities i WHERE i.customer_id = c.customer_id AND i.kind = '${kind}' ORDER BY i.created_at LIMIT 1)`,
  );

/**
 * The one read shape of a conversation (list, get and pushes). Filtering, ordering and the limit run in
 * the inner query on `conversations` alone, so PostgreSQL can walk an index in order and stop early; the
 * joins for names and identities then touch only the rows returned.
 */
export function conversationSelect(where: SQL, order?: SQL, limit?: number): SQL {
  return sql`
  SELECT c.id, c.number, c.channel, c.status, c.snoozed_until, c.priority, c.assignee_id, u.name AS assignee_name, c.team_id,
    c.customer_id, cu.name AS customer_name, ${identity("email")} AS customer_email, ${identity("phone")} AS customer_phone,
    c.subject, c.tags, c.language, c.temperature, c.mood, c.preview, c.preview_kind, c.message_count, c.last_message_at, c.last_activity_at,
    c.created_at, c.updated_at, c.last_activity_at::text AS cursor_t
  FROM (SELECT * FROM conversations c WHERE ${where} ${order ? sql`ORDER BY ${order}` : sql``} ${limit ? sql`LIMIT ${limit}` : sql``}) c
  JOIN customers cu ON cu.id = c.customer_id
  LEFT JOIN users u ON u.id = c.assignee_id
  ${order ? sql`ORDER BY ${order}` : sql``}`;
}

export async function getConversation(db: DbOrTx, accountId: string, id: string): Promise<ConversationRow | undefined> {
  const res = await db.execute(conversationSelect(sql`c.account_id = ${accountId} AND c.id = ${id}`));
  return res.rows[0] as ConversationRow | undefined;
}

export async function getConversationsByIds(db: DbOrTx, ids: string[]): Promise<ConversationRow[]> {
  if (ids.length === 0) return [];
  const res = await db.execute(conversationSelect(sql`c.id = ANY(${sql.param(ids)}::uuid[])`));
  return res.rows as ConversationRow[];
}

export async function listCustomerConversations(db: DbOrTx, accountId: string, customerId: string): Promise<ConversationRow[]> {
  const res = await db.execute(
    conversationSelect(sql`c.account_id = ${accountId} AND c.customer_id = ${customerId}`, sql`c.last_activity_at DESC, c.id DESC`, 200),
  );
  return res.rows as ConversationRow[];
}

/** The languages an account's customers wrote in lately, for stemming search queries. */
const languageCache = new Map<string, { languages: string[]; until: number }>();
export async function accountLanguages(db: DbOrTx, accountId: string): Promise<string[]> {
  const hit = languageCache.get(accountId);
  if (hit && hit.until > Date.now()) return hit.languages;
  const res = await db.execute(sql`
    SELECT DISTINCT coalesce(language, '') AS language FROM (
      SELECT language FROM conversations WHERE account_id = ${accountId} ORDER BY last_activity_at DESC LIMIT 2000) recent
    UNION SELECT default_language FROM accounts WHERE id = ${accountId}`);
  const languages = (res.rows as { language: string }[]).map((r) => r.language).filter(Boolean);
  if (languageCache.size > 10_000) languageCache.clear();
  languageCache.set(accountId, { languages, until: Date.now() + 5 * 60_000 });
  return languages;
}

/** A conversation in a language the cached list lacks is searchable with its stemming at once, not in 5 minutes. */
export function noteAccountLanguage(accountId: string, language: string | null): void {
  const hit = languageCache.get(accountId);
  if (hit && language && !hit.languages.includes(language)) hit.languages.push(language);
}

/**
 * Words match as typed ('simple') and stemmed in English, the account's language and the languages its
 * customers recently wrote in: a short query can't be language-detected, and customers write in many.
 * Documents are stemmed in their detected language and always in English too (a short text's language is
 * often undetected or guessed wrong), so an English query stems to something every document can hold.
 */
export function searchQuery(q: string, languages: string[]): SQL {
  const cfgs = [...new Set(["simple", "english", ...languages.map(searchConfigFor)])];
  const parts = cfgs.map((cfg) => sql`websearch_to_tsquery(${cfg}::regconfig, ${q})`);
  return sql.join(parts, sql` || `);
}

const RARE = 400;

export async function listConversations(
  db: DbOrTx,
  actor: Actor,
  query: ListConversationsQuery,
  languages: string[] = ["en"],
): Promise<{ items: ConversationRow[]; nextCursor: string | null }> {
  const where: SQL[] = [sql`c.account_id = ${actor.accountId}`];
  let text: SQL | null = null;
  const status = query.status ?? (query.q || query.customer ? "all" : "open");
  if (status !== "all") where.push(sql`c.status = ${status}`);
  if (query.assignee === "me") where.push(sql`c.assignee_id = ${actor.userId}`);
  else if (query.assignee === "none") where.push(sql`c.assignee_id IS NULL`);
  else if (query.assignee) where.push(sql`c.assignee_id = ${query.assignee}`);
  if (query.team) where.push(sql`c.team_id = ${query.team}`);
  if (query.tag) where.push(sql`c.tags @> ARRAY[${query.tag}]::text[]`);
  if (query.channel) where.push(sql`c.channel = ${query.channel}`);
  if (query.customer) where.push(sql`c.customer_id = ${query.customer}`);
  if (query.mood === "upset") where.push(sql`coalesce(c.temperature, -1) >= ${UPSET_TEMPERATURE}`);
  if (query.q) {
    // An email or phone finds that customer's conversations, "#1234" that conversation, anything else the text.
    const num = /^#(\d{1,12})$/.exec(query.q.trim());
    const ident = num ? null : identityFromQuery(query.q);
    if (num) where.push(sql`c.number = ${Number(num[1])}`);
    else if (ident) {
      where.push(sql`c.customer_id = ANY(ARRAY(SELECT customer_id FROM customer_identities
        WHERE account_id = ${actor.accountId} AND kind = ${ident.kind} AND value = ${ident.value}))`);
    } else {
      text = searchQuery(query.q, languages);
      where.push(sql`c.search @@ (${text})`);
    }
  }
  const cur = query.cursor ? decodeCursor(query.cursor) : null;
  let order: SQL;
  if (query.sort === "temperature") {
    if (cur) where.push(sql`(coalesce(c.temperature, -1), c.last_activity_at, c.id) < (${cur.p ?? -1}, ${cur.t}::timestamptz, ${cur.id}::uuid)`);
    order = sql`coalesce(c.temperature, -1) DESC, c.last_activity_at DESC, c.id DESC`;
  } else if (query.sort === "priority") {
    if (cur) where.push(sql`(c.priority, c.last_activity_at, c.id) < (${cur.p ?? 0}, ${cur.t}::timestamptz, ${cur.id}::uuid)`);
    order = sql`c.priority DESC, c.last_activity_at DESC, c.id DESC`;
  } else if (query.sort === "oldest") {
    if (cur) where.push(sql`(c.last_activity_at, c.id) > (${cur.t}::timestamptz, ${cur.id}::uuid)`);
    order = sql`c.last_activity_at ASC, c.id ASC`;
  } else {
    if (cur) where.push(sql`(c.last_activity_at, c.id) < (${cur.t}::timestamptz, ${cur.id}::uuid)`);
    order = sql`c.last_activity_at DESC, c.id DESC`;
  }
  let filter = sql.join(where, sql` AND `);
  if (text) {
    // Few matches: find them through the GIN index, then sort. Many: walking the activity index finds a
    // page of them at once. Probing the count (capped) tells which; the planner can't know in advance.
    // The probe itself must go through the GIN index: with LIMIT the planner otherwise prefers a sequential
    // scan, which reads most of the table when matches are neither rare nor frequent (~1%).
    const n = await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`);
      const probe = await tx.execute(sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM conversations c WHERE ${filter} LIMIT ${RARE}) x`);
      return (probe.rows[0] as { n: number }).n;
    });
    if (n < RARE) {
      filter = sql`c.id IN (SELECT id FROM (SELECT c.id FROM conversations c WHERE ${filter} OFFSET 0) hits)`;
    }
  }
  const res = await db.execute(conversationSelect(filter, order, query.limit + 1));
  const rows = res.rows as ConversationRow[];
  const more = rows.length > query.limit;
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      more && last ? encodeCursor({ t: last.cursor_t, id: last.id, ...(query.sort === "priority" ? { p: last.priority } : query.sort === "temperature" ? { p: last.temperature ?? -1 } : {}) }) : null,
  };
}

const STATUSES: Status[] = ["open", "pending", "snoozed", "resolved", "closed"];

/** Live counts for the inbox views: Mine / Unassigned / All / per team count open work; per status counts all. */
export async function conversationCounts(db: DbOrTx, actor: Actor): Promise<Counts> {
  const res = await db.execute(sql`
    SELECT status,
      count(*)::int AS total,
      count(*) FILTER (WHERE assignee_id = ${actor.userId})::int AS mine,
      count(*) FILTER (WHERE assignee_id IS NULL)::int AS unassigned
    FROM conversations WHERE account_id = ${actor.accountId}
    GROUP BY status`);
  const teams = await db.execute(sql`
    SELECT team_id, count(*)::int AS n FROM conversations
    WHERE account_id = ${actor.accountId} AND status = 'open' AND team_id IS NOT NULL
    GROUP BY team_id`);
  // Open conversations with an upset customer: a range of the temperature index, so it stays cheap.
  const upset = await db.execute(sql`
    SELECT count(*)::int AS n FROM conversations
    WHERE account_id = ${actor.accountId} AND coalesce(temperature, -1) >= ${UPSET_TEMPERATURE} AND status = 'open'`);
  const out: Counts = {
    mine: 0,
    upset: (upset.rows[0] as { n: number }).n,
    unassigned: 0,
    all: 0,
    status: Object.fromEntries(STATUSES.map((s) => [s, 0])) as Counts["status"],
    teams: {},
  };
  for (const r of res.rows as { status: Status; total: number; mine: number; unassigned: number }[]) {
    out.status[r.status] = r.total;
    if (r.status === "open") {
      out.all = r.total;
      out.mine = r.mine;
      out.unassigned = r.unassigned;
    }
  }
  for (const r of teams.rows as { team_id: string; n: number }[]) out.teams[r.team_id] = r.n;
  return out;
}

export const MESSAGE_SELECT = sql`
  SELECT m.id, m.conversation_id, m.kind, m.author_user_id, u.name AS author_user_name, m.author_customer_id,
    cu.name AS author_customer_name, m.text, m.html, m.mentions, m.created_at, m.created_at::text AS cursor_t,
    m.delivery_status, m.delivery_error, m.delivered_at, m.analysis, m.translation, m.sender,
    em.direction AS email_direction, em."from" AS email_from, em."to" AS email_to, em.cc AS email_cc, em.subject AS email_subject,
    em.original_text AS email_original_text, em.original_html AS email_original_html, em.remote_images AS email_remote_images,
    em.automatic AS email_automatic, em.inbound_email_id AS email_inbound_id,
    (SELECT coalesce(json_agg(json_build_object('id', a.id, 'filename', a.filename, 'contentType', a.content_type, 'size', a.size,
       'inline', a.inline) ORDER BY a.created_at, a.id), '[]'::json) FROM attachments a WHERE a.message_id = m.id) AS attachments
  FROM messages m
  LEFT JOIN users u ON u.id = m.author_user_id
  LEFT JOIN customers cu ON cu.id = m.author_customer_id
  LEFT JOIN email_messages em ON em.message_id = m.id`;

/** A conversation's messages, oldest first. */
export async function listMessages(db: DbOrTx, accountId: string, conversationId: string, opts: { cursor?: string; limit: number }) {
  const cur = opts.cursor ? decodeCursor(opts.cursor) : null;
  const res = await db.execute(sql`
    ${MESSAGE_SELECT}
    WHERE m.account_id = ${accountId} AND m.conversation_id = ${conversationId}
      ${cur ? sql`AND (m.created_at, m.id) > (${cur.t}::timestamptz, ${cur.id}::uuid)` : sql``}
    ORDER BY m.created_at, m.id LIMIT ${opts.limit + 1}`);
  const rows = res.rows as MessageRow[];
  const more = rows.length > opts.limit;
  const items = rows.slice(0, opts.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor({ t: last.cursor_t, id: last.id }) : null };
}

export async function getMessagesByIds(db: DbOrTx, ids: string[]): Promise<MessageRow[]> {
  if (ids.length === 0) return [];
  const res = await db.execute(sql`${MESSAGE_SELECT} WHERE m.id = ANY(${sql.param(ids)}::uuid[])`);
  return res.rows as MessageRow[];
}

/** The audit trail of one conversation: every event recorded for it, oldest first. */
export async function listConversationEvents(db: DbOrTx, accountId: string, conversationId: string): Promise<EventRow[]> {
  const res = await db.execute(sql`
    SELECT e.id, e.type, e.actor_type, e.actor_id, coalesce(u.name, cu.name) AS actor_name, e.data, e.created_at
    FROM events e
    LEFT JOIN users u ON e.actor_type = 'user' AND u.id = e.actor_id
    LEFT JOIN customers cu ON e.actor_type = 'customer' AND cu.id = e.actor_id
    WHERE e.account_id = ${accountId} AND e.conversation_id = ${conversationId}
      -- The language engine reads every customer message: the thread shows that on the message, not as activity.
      AND e.type <> 'message.analyzed'
    ORDER BY e.id LIMIT 1000`);
  return res.rows as EventRow[];
}
