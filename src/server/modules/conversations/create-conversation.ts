import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import type { Channel, Status } from "../../../shared/schemas";
import type { EventActor } from "../../actor";
import type { DbOrTx } from "../../db/client";
import { execPrepared } from "../../db/prepared";
import { detectLanguage, searchConfigFor } from "../../lib/language";
import type { IdentityClaim } from "../customers/find-or-create-customer";
import { type MessageContent, normalizeContent, previewOf, SEARCH_CHARS } from "./append-message";
import { type Idempotency, replayIdempotent, requestHash } from "./idempotency";
import type { ConversationRow } from "./present";
import { noteAccountLanguage } from "./queries";

/**
 * A customer starts a conversation: the customer is found by any of their identities or created, the
 * conversation and its first message are stored, and conversation.created is recorded.
 *
 * Ingest is the hottest write, so it is one statement (data-modifying CTEs, ids made here): one round
 * trip, atomic on its own. An Idempotency-Key is claimed in the same statement; a concurrent retry waits
 * on its unique index and then finds the first result.
 */
export async function createConversation(opts: {
  db: DbOrTx;
  accountId: string;
  actor: EventActor;
  channel: Channel;
  customer: { identities: IdentityClaim[]; name?: string };
  subject?: string;
  language?: string;
  message: MessageContent;
  status?: Status;
  at?: Date;
  idempotency?: Idempotency;
}): Promise<{ conversationId: string; messageId: string; customerId: string; row: ConversationRow }> {
  const { db, accountId } = opts;
  const content = normalizeContent(opts.message);
  const subject = opts.subject?.trim() || null;
  const language = opts.language ?? detectLanguage(`${subject ?? ""}\n${content.text}`);
  const cfg = searchConfigFor(language);
  const kinds = opts.customer.identities.map((c) => c.kind);
  const values = opts.customer.identities.map((c) => c.value);
  const emailClaim = opts.customer.identities.find((c) => c.kind === "email")?.value ?? null;
  const phoneClaim = opts.customer.identities.find((c) => c.kind === "phone")?.value ?? null;
  const ids = { conversation: crypto.randomUUID(), message: crypto.randomUUID(), customer: crypto.randomUUID() };
  const at = opts.at ?? null;
  const idem = opts.idempotency;
  const hash = idem ? requestHash(idem.body) : null;
  const searchText = content.text.slice(0, SEARCH_CHARS);
  const eventActor = opts.actor.type === "api" || opts.actor.type === "system" ? null : opts.actor;

  const [out] = await execPrepared<ConversationRow & { claimed: number; found: number; idents_added: number }>(
    db,
    idem ? "create_conversation_idem" : "create_conversation",
    sql`
    WITH idem AS (
      ${
        idem
          ? sql`INSERT INTO idempotency_keys (account_id, scope, key, resource_id, response)
                VALUES (${accountId}, ${idem.scope}, ${idem.key}, ${ids.conversation}, ${JSON.stringify({ hash })}::jsonb)
                ON CONFLICT DO NOTHING RETURNING 1 AS ok`
          : sql`SELECT 1 AS ok`
      }
    ), found AS (
      SELECT i.customer_id, c.name FROM customer_identities i JOIN customers c ON c.id = i.customer_id
      WHERE i.account_id = ${accountId}
        AND (i.kind, i.value) IN (SELECT * FROM unnest(${sql.param(kinds)}::text[], ${sql.param(values)}::text[]))
      ORDER BY i.created_at LIMIT 1
    ), new_customer AS (
      INSERT INTO customers (id, account_id, name)
      SELECT ${ids.customer}, ${accountId}, ${opts.customer.name ?? null}
      WHERE NOT EXISTS (SELECT 1 FROM found) AND EXISTS (SELECT 1 FROM idem)
      RETURNING id
    ), cust AS (
      SELECT coalesce((SELECT customer_id FROM found), ${ids.customer}::uuid) AS id
    ), idents AS (
      INSERT INTO customer_identities (account_id, customer_id, kind, value)
      SELECT ${accountId}, (SELECT id FROM cust), k, v
      FROM unnest(${sql.param(kinds)}::text[], ${sql.param(values)}::text[]) AS t(k, v)
      WHERE EXISTS (SELECT 1 FROM idem)
      ON CONFLICT (account_id, kind, value) DO NOTHING
      RETURNING 1
    ), named AS (
      UPDATE customers SET name = ${opts.customer.name ?? null}, updated_at = now()
      WHERE id = (SELECT customer_id FROM found) AND name IS NULL AND ${opts.customer.name ?? null}::text IS NOT NULL
        AND EXISTS (SELECT 1 FROM idem)
      RETURNING 1
    ), conv AS (
      INSERT INTO conversations (id, account_id, channel, customer_id, subject, language, status, message_count,
        preview, preview_kind, last_message_at, last_activity_at, created_at, updated_at, search)
      SELECT ${ids.conversation}, ${accountId}, ${opts.channel}, (SELECT id FROM cust), ${subject}, ${language},
        ${opts.status ?? "open"}, 1, ${previewOf(content.text)}, 'incoming',
        coalesce(${at}::timestamptz, now()), coalesce(${at}::timestamptz, now()), coalesce(${at}::timestamptz, now()), now(),
        to_tsvector('simple', coalesce(${subject}, '') || ' ' || ${searchText})
          || to_tsvector(${cfg}::regconfig, coalesce(${subject}, '') || ' ' || ${searchText})
          || CASE WHEN ${cfg}::regconfig = 'english'::regconfig THEN ''::tsvector
             ELSE to_tsvector('english', coalesce(${subject}, '') || ' ' || ${searchText}) END
      WHERE EXISTS (SELECT 1 FROM idem)
      RETURNING *
    ), msg AS (
      INSERT INTO messages (id, account_id, conversation_id, kind, author_customer_id, text, html, created_at)
      SELECT ${ids.message}, ${accountId}, id, 'incoming', customer_id, ${content.text}, ${content.html}, created_at FROM conv
      RETURNING id
    ), ev AS (
      INSERT INTO events (account_id, type, conversation_id, actor_type, actor_id, data, created_at)
      SELECT ${accountId}, 'conversation.created', id, ${eventActor?.type ?? "customer"}, coalesce(${eventActor?.id ?? null}::uuid, customer_id),
        jsonb_build_object('messageId', ${ids.message}::text, 'channel', channel, 'customerId', customer_id), created_at
      FROM conv RETURNING 1
    )
    SELECT (SELECT count(*) FROM idem)::int AS claimed,
      (SELECT count(*) FROM found)::int AS found,
      (SELECT count(*) FROM idents)::int AS idents_added,
      (SELECT count(*) FROM msg)::int + (SELECT count(*) FROM ev)::int + (SELECT count(*) FROM named)::int AS writes,
      conv.id, conv.number, conv.channel, conv.status, conv.snoozed_until, conv.priority, conv.assignee_id, NULL::text AS assignee_name,
      conv.team_id, conv.customer_id, coalesce((SELECT name FROM found), ${opts.customer.name ?? null}) AS customer_name,
      coalesce((SELECT i.value FROM customer_identities i, found f WHERE i.customer_id = f.customer_id AND i.kind = 'email' ORDER BY i.created_at LIMIT 1), ${emailClaim}) AS customer_email,
      coalesce((SELECT i.value FROM customer_identities i, found f WHERE i.customer_id = f.customer_id AND i.kind = 'phone' ORDER BY i.created_at LIMIT 1), ${phoneClaim}) AS customer_phone,
      conv.subject, conv.tags, conv.language, conv.preview, conv.preview_kind, conv.message_count, conv.last_message_at,
      conv.last_activity_at, conv.created_at, conv.updated_at, conv.last_activity_at::text AS cursor_t
    FROM (SELECT 1) one LEFT JOIN conv ON true`,
  );

  if (out.claimed === 0 && idem) {
    await replayIdempotent(db, accountId, idem);
  }
  if (out.found === 0 && out.idents_added === 0 && kinds.length > 0) {
    // A concurrent first contact claimed these identities first: move the conversation to that customer.
    await adoptWinningCustomer(db, accountId, ids.customer, ids.conversation, kinds[0], values[0]);
    const winner = await db.execute(sql`
      SELECT customer_id FROM customer_identities WHERE account_id = ${accountId} AND kind = ${kinds[0]} AND value = ${values[0]}`);
    out.customer_id = (winner.rows[0] as { customer_id: string }).customer_id;
  }
  noteAccountLanguage(accountId, language);
  return { conversationId: out.id, messageId: ids.message, customerId: out.customer_id, row: out };
}

async function adoptWinningCustomer(db: DbOrTx, accountId: string, loser: string, conversationId: string, kind: string, value: string) {
  await db.transaction(async (tx) => {
    const w = await tx.execute(sql`
      SELECT customer_id FROM customer_identities WHERE account_id = ${accountId} AND kind = ${kind} AND value = ${value}`);
    const winner = (w.rows[0] as { customer_id: string }).customer_id;
    await tx.execute(sql`UPDATE conversations SET customer_id = ${winner} WHERE id = ${conversationId}`);
    await tx.execute(
      sql`UPDATE messages SET author_customer_id = ${winner} WHERE conversation_id = ${conversationId} AND author_customer_id = ${loser}`,
    );
    await tx.execute(sql`
      UPDATE events SET data = data || jsonb_build_object('customerId', ${winner}::text),
        actor_id = CASE WHEN actor_type = 'customer' THEN ${winner}::uuid ELSE actor_id END
      WHERE conversation_id = ${conversationId}`);
    await tx.execute(sql`DELETE FROM customers WHERE id = ${loser} AND account_id = ${accountId}`);
  });
}
