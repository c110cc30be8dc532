import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import type { Actor } from "../../actor";
import type { DbOrTx } from "../../db/client";
import { execPrepared } from "../../db/prepared";
import { AppError, notFound } from "../../lib/errors";
import { searchConfigSql } from "../../lib/language";
import { type MessageContent, normalizeContent, previewOf, SEARCH_CHARS } from "./append-message";
import { type Idempotency, replayIdempotent, requestHash } from "./idempotency";

const SEARCH_MAX_MESSAGES = 500;

/**
 * The API channel appends the customer's next message. A customer writing again reopens a pending,
 * snoozed or resolved conversation; a closed one refuses (409) so the integration starts a new one.
 * One prepared statement, like conversation creation: the channel's hot path.
 */
export async function receiveMessage(opts: {
  db: DbOrTx;
  actor: Actor;
  conversationId: string;
  content: MessageContent;
  idempotency?: Idempotency;
}): Promise<{ messageId: string }> {
  const { db, actor } = opts;
  const content = normalizeContent(opts.content);
  const messageId = crypto.randomUUID();
  const idem = opts.idempotency;
  const hash = idem ? requestHash(idem.body) : null;
  const searchText = content.text.slice(0, SEARCH_CHARS);
  const cfg = sql.raw(searchConfigSql("c.language"));
  const [out] = await execPrepared<{ claimed: number; found: number; message_id: string | null }>(
    db,
    idem ? "receive_message_idem" : "receive_message",
    sql`
    WITH idem AS (
      ${
        idem
          ? sql`INSERT INTO idempotency_keys (account_id, scope, key, resource_id, response)
                VALUES (${actor.accountId}, ${idem.scope}, ${idem.key}, ${messageId}, ${JSON.stringify({ hash })}::jsonb)
                ON CONFLICT DO NOTHING RETURNING 1 AS ok`
          : sql`SELECT 1 AS ok`
      }
    ), conv AS (
      SELECT c.id, c.status, c.customer_id FROM conversations c
      WHERE c.id = ${opts.conversationId} AND c.account_id = ${actor.accountId} AND c.status <> 'closed'
        AND EXISTS (SELECT 1 FROM idem)
      FOR UPDATE
    ), msg AS (
      INSERT INTO messages (id, account_id, conversation_id, kind, author_customer_id, text, html)
      SELECT ${messageId}, ${actor.accountId}, id, 'incoming', customer_id, ${content.text}, ${content.html} FROM conv
      RETURNING id, created_at
    ), upd AS (
      UPDATE conversations c SET
        message_count = c.message_count + 1,
        preview = ${previewOf(content.text)}, preview_kind = 'incoming',
        last_message_at = msg.created_at, last_activity_at = msg.created_at, updated_at = now(),
        status = CASE WHEN c.status IN ('pending', 'snoozed', 'resolved') THEN 'open' ELSE c.status END,
        snoozed_until = CASE WHEN c.status IN ('pending', 'snoozed', 'resolved') THEN NULL ELSE c.snoozed_until END,
        search = CASE WHEN c.message_count < ${SEARCH_MAX_MESSAGES}
          THEN coalesce(c.search, ''::tsvector) || to_tsvector(${cfg}, ${searchText}) || to_tsvector('simple', ${searchText})
            || CASE WHEN ${cfg} = 'english'::regconfig THEN ''::tsvector ELSE to_tsvector('english', ${searchText}) END
          ELSE c.search END
      FROM msg WHERE c.id = ${opts.conversationId}
      RETURNING c.id
    ), ev AS (
      INSERT INTO events (account_id, type, conversation_id, actor_type, actor_id, data, created_at)
      SELECT ${actor.accountId}::uuid, 'message.created', conv.id, 'customer', conv.customer_id,
        jsonb_build_object('messageId', msg.id::text, 'kind', 'incoming'), msg.created_at
      FROM conv, msg
      UNION ALL
      SELECT ${actor.accountId}::uuid, 'conversation.status_changed', conv.id, 'customer', conv.customer_id,
        jsonb_build_object('from', conv.status, 'to', 'open', 'reason', 'customer_replied'), msg.created_at
      FROM conv, msg WHERE conv.status IN ('pending', 'snoozed', 'resolved')
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM idem)::int AS claimed, (SELECT count(*) FROM upd)::int + (SELECT count(*) FROM ev)::int AS found,
      (SELECT id FROM msg) AS message_id`,
  );
  if (out.claimed === 0 && idem) {
    await replayIdempotent(db, actor.accountId, idem);
  }
  if (!out.message_id) {
    // Nothing was written; the key (if any) was claimed in the same statement, so release it.
    if (idem)
      await db.execute(
        sql`DELETE FROM idempotency_keys WHERE account_id = ${actor.accountId} AND scope = ${idem.scope} AND key = ${idem.key}`,
      );
    const exists = await db.execute(
      sql`SELECT status FROM conversations WHERE id = ${opts.conversationId} AND account_id = ${actor.accountId}`,
    );
    if (!exists.rows.length) throw notFound("Conversation");
    throw new AppError(409, "conversation_closed", "This conversation is closed; start a new conversation for the customer's message");
  }
  return { messageId: out.message_id };
}
