import { sql } from "drizzle-orm";
import { mayAutoReply } from "../../channels/email/acknowledge";
import { rawHeader, rawHeaderBlock } from "../../channels/email/raw-headers";
import type { Db, Tx } from "../../db/client";

/** Enough of a raw mail to hold its header block. */
const HEAD_BYTES = 256 * 1024;

/**
 * Why a customer email must not get an automatic answer (RFC 3834 §2, as the acknowledgement does): it was
 * written by a machine (auto-reply, bounce), is list or bulk mail, or came from the null sender. Null for
 * mail a person wrote (or a message that is not an email).
 */
export async function machineMail(db: Db | Tx, accountId: string, messageId: string): Promise<string | null> {
  const res = await db.execute(sql`
    SELECT em.automatic, ie.via, ie.mail_from, substring(ie.raw FROM 1 FOR ${HEAD_BYTES}) AS head
    FROM email_messages em LEFT JOIN inbound_emails ie ON ie.id = em.inbound_email_id AND ie.account_id = em.account_id
    WHERE em.message_id = ${messageId} AND em.account_id = ${accountId} AND em.direction = 'in'`);
  const r = res.rows[0] as { automatic: string | null; via: string | null; mail_from: string | null; head: Buffer | null } | undefined;
  if (!r) return null;
  if (r.automatic) return r.automatic;
  if (!r.head) return null;
  const headers = rawHeaderBlock(Buffer.from(r.head)).headers;
  const h = (name: string) => rawHeader(headers, name);
  const precedence = (h("Precedence") ?? "").trim().toLowerCase();
  if (h("List-Id") !== null || h("List-Unsubscribe") !== null || ["list", "bulk", "junk"].includes(precedence)) return "bulk";
  const autoSubmitted = (h("Auto-Submitted") ?? "").toLowerCase().split(";")[0].trim();
  if (autoSubmitted !== "" && autoSubmitted !== "no") return "auto-reply";
  const nullSender = r.via === "smtp" ? !r.mail_from : /^<\s*>$/.test(h("Return-Path") ?? "");
  return nullSender ? "null-sender" : null;
}

/**
 * The agent's email reply is automatic mail: at most `limit` an hour to one address, never to machine
 * senders or addresses seen auto-replying; logged like an acknowledgement. False: send nothing.
 */
export async function claimAutoMail(tx: Tx, accountId: string, conversationId: string, limit: number): Promise<boolean> {
  const res = await tx.execute(sql`
    SELECT "to" FROM email_threads WHERE conversation_id = ${conversationId} AND account_id = ${accountId}`);
  const to = (res.rows[0] as { to: { address: string }[] } | undefined)?.to[0]?.address ?? null;
  if (!to) return false;
  // Serialised per address with the acknowledgement, so the two can't both pass the hourly limit.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`ack:${accountId}:${to}`}, 0))`);
  if (!(await mayAutoReply(tx, accountId, to, limit))) return false;
  await tx.execute(sql`INSERT INTO email_auto_log (account_id, address, kind) VALUES (${accountId}, ${to}, 'sent')`);
  return true;
}
