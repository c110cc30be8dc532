import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import type { FetchMessageObject } from "imapflow";
import type { Db } from "../../db/client";
import type { InboxRow } from "../../modules/inboxes/present";
import { cleanMessageId } from "./raw-headers";

type Envelope = NonNullable<FetchMessageObject["envelope"]>;

const oneLine = (v: unknown) =>
  [...String(v ?? "")]
    .map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? " " : c))
    .join("")
    .trim()
    .slice(0, 500);

const addressList = (list: Envelope["from"]) =>
  (list ?? []).map((a) => (a.name ? `${oneLine(a.name)} <${oneLine(a.address)}>` : oneLine(a.address))).join(", ");

/**
 * Records an IMAP mail Rapport did not import (over the size limit, or failing to fetch again and again)
 * as unprocessable, so admins see it with the reason and it no longer holds up the mail behind it. What is
 * known (envelope, size) goes into a placeholder .eml; the mail itself stays in the mailbox. The same mail
 * recorded twice (after a restart or a new UIDVALIDITY) is stored once.
 */
export async function recordUnfetched(
  db: Db,
  o: {
    inbox: Pick<InboxRow, "id" | "account_id" | "address">;
    /** user@host of the IMAP account, for the admin reading the placeholder. */
    mailbox: string;
    folder: string;
    validity: number;
    uid: number;
    size: number | null;
    envelope: Envelope | null;
    error: string;
  },
): Promise<void> {
  const e = o.envelope;
  const where = crypto.createHash("sha256").update(`${o.inbox.id}\n${o.folder}\n${o.validity}`).digest("hex").slice(0, 16);
  const messageId = cleanMessageId(e?.messageId) ?? `unfetched.${o.uid}.${where}@rapport.invalid`;
  const raw = Buffer.from(
    [
      `From: ${addressList(e?.from) || "unknown"}`,
      `To: ${addressList(e?.to) || o.inbox.address}`,
      ...(e?.cc?.length ? [`Cc: ${addressList(e.cc)}`] : []),
      `Subject: ${oneLine(e?.subject)}`,
      ...(e?.date ? [`Date: ${new Date(e.date).toUTCString()}`] : []),
      `Message-ID: <${messageId}>`,
      `X-Rapport-Unfetched: folder="${oneLine(o.folder)}"; uid=${o.uid}; size=${o.size ?? "unknown"}`,
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Rapport did not import this mail; it is still in the mailbox, untouched.",
      `Mailbox: ${oneLine(o.mailbox)}, folder ${oneLine(o.folder)}, UID ${o.uid}.`,
      `Reason: ${oneLine(o.error)}`,
      "",
    ].join("\r\n"),
    "utf8",
  );
  const bodyHash = crypto.createHash("sha256").update("unfetched\n").update(raw).digest("hex");
  const accountId = o.inbox.account_id;
  await db.execute(sql`
    INSERT INTO inbound_emails (account_id, inbox_id, via, mail_from, rcpt_to, message_id_header, body_hash, conflict, raw, size,
      status, error, processed_at)
    SELECT ${accountId}, ${o.inbox.id}, 'imap', NULL, ${sql.param([o.inbox.address])}::text[], ${messageId}, ${bodyHash},
      EXISTS (SELECT 1 FROM inbound_emails WHERE account_id = ${accountId} AND message_id_header = ${messageId} AND body_hash <> ${bodyHash}),
      ${raw}, ${o.size ?? raw.length}, 'unprocessable', ${o.error.slice(0, 2000)}, now()
    ON CONFLICT (account_id, message_id_header, body_hash) DO NOTHING`);
}
