import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import type { InboundEmailRow, InboxRow } from "./present";

const INBOX_SELECT = sql`SELECT id, account_id, channel, name, address, settings, imap_status, imap_error, imap_checked_at, created_at FROM inboxes`;

export async function listInboxes(db: DbOrTx, accountId: string): Promise<InboxRow[]> {
  const res = await db.execute(sql`${INBOX_SELECT} WHERE account_id = ${accountId} ORDER BY created_at, id`);
  return res.rows as InboxRow[];
}

export async function getInbox(db: DbOrTx, accountId: string, id: string): Promise<InboxRow | undefined> {
  const res = await db.execute(sql`${INBOX_SELECT} WHERE account_id = ${accountId} AND id = ${id}`);
  return res.rows[0] as InboxRow | undefined;
}

/** Inboxes whose mailbox is fetched over IMAP, across accounts (the fetcher's work list). */
export async function listImapInboxes(db: DbOrTx): Promise<InboxRow[]> {
  const res = await db.execute(
    sql`${INBOX_SELECT} WHERE channel = 'email' AND settings->'imap' IS NOT NULL AND settings->'imap' <> 'null'::jsonb`,
  );
  return res.rows as InboxRow[];
}

/** Inbound mail of an account by state, newest first: admins look at what could not be processed. */
export async function listInboundEmails(
  db: DbOrTx,
  accountId: string,
  status: string | undefined,
  limit: number,
): Promise<InboundEmailRow[]> {
  const res = await db.execute(sql`
    SELECT id, inbox_id, via, mail_from, message_id_header, size, status, outcome, error, conflict, conversation_id, created_at
    FROM inbound_emails WHERE account_id = ${accountId} ${status ? sql`AND status = ${status}` : sql``}
    ORDER BY id DESC LIMIT ${limit}`);
  return res.rows as InboundEmailRow[];
}
