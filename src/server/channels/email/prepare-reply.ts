import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import type { EmailAddress } from "../../../shared/schemas";
import type { Tx } from "../../db/client";
import { badRequest } from "../../lib/errors";
import type { PreparedReply } from "../types";

type Thread = { inbox_id: string; to: EmailAddress[]; cc: EmailAddress[]; subject: string | null; address: string | null };

/** The domain of our Message-IDs: the inbox's, so replies look like mail from the company. */
export const messageIdFor = (inboxAddress: string | null) => `${crypto.randomUUID()}@${inboxAddress?.split("@")[1] ?? "rapport.invalid"}`;

/**
 * Records who an email reply goes to, before it is queued: To is the thread's customer, Cc what the agent
 * saw and chose (the thread's people unless changed), plus the Message-ID and threading headers, so a
 * bounce or the customer's answer finds this reply even before it is sent.
 */
export async function prepareEmailReply(tx: Tx, r: PreparedReply): Promise<boolean> {
  const res = await tx.execute(sql`
    SELECT t.inbox_id, t."to", t.cc, t.subject, i.address FROM email_threads t LEFT JOIN inboxes i ON i.id = t.inbox_id
    WHERE t.conversation_id = ${r.conversationId} AND t.account_id = ${r.accountId} FOR UPDATE OF t`);
  const t = res.rows[0] as Thread | undefined;
  if (!t) {
    if (r.cc?.length) throw badRequest("cc: this conversation has no email thread to copy people on", "body.cc");
    return false;
  }
  const toSet = new Set(t.to.map((a) => a.address));
  let cc = t.cc;
  if (r.cc) {
    const names = new Map(t.cc.map((a) => [a.address, a.name]));
    cc = [...new Set(r.cc)].filter((a) => !toSet.has(a)).map((address) => ({ address, name: names.get(address) ?? null }));
    await tx.execute(sql`UPDATE email_threads SET cc = ${JSON.stringify(cc)}::jsonb WHERE conversation_id = ${r.conversationId}`);
  }
  // Threading: answer the latest mail of the thread, carrying its chain of references.
  const last = await tx.execute(sql`
    SELECT header_message_id, "references" FROM email_messages WHERE conversation_id = ${r.conversationId}
    ORDER BY created_at DESC LIMIT 1`);
  const prev = last.rows[0] as { header_message_id: string; references: string[] } | undefined;
  const references = prev ? [...prev.references.slice(-19), prev.header_message_id] : [];
  await tx.execute(sql`
    INSERT INTO email_messages (message_id, account_id, conversation_id, inbox_id, direction, header_message_id, in_reply_to, "references",
      "from", "to", cc, subject)
    VALUES (${r.messageId}, ${r.accountId}, ${r.conversationId}, ${t.inbox_id}, 'out', ${messageIdFor(t.address)},
      ${prev?.header_message_id ?? null}, ${sql.param(references)}::text[],
      ${JSON.stringify(t.address ? { name: null, address: t.address } : null)}::jsonb, ${JSON.stringify(t.to)}::jsonb, ${JSON.stringify(cc)}::jsonb,
      ${t.subject})`);
  return true;
}
