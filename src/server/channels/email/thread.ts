import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import type { CryptoBox } from "../../lib/crypto-box";
import { parseRecipient } from "./address";
import { ackConversation } from "./own-mail";
import type { ParsedEmail } from "./parse";

export type ThreadMatch = { conversationId: string; status: string; rule: "reply-address" | "references" | "subject-token" };

/** Reply tokens a mail carries: in its envelope recipients or, when fetched by IMAP, its To/Cc/Delivered-To. */
export function replyTokens(mail: ParsedEmail, rcptTo: string[]): string[] {
  const candidates = [
    ...rcptTo,
    ...mail.to.map((a) => a.address),
    ...mail.cc.map((a) => a.address),
    ...["delivered-to", "x-original-to", "envelope-to"].flatMap((h) => (mail.headers.get(h) ?? "").split(/[\s,;<>]+/)),
  ];
  return [...new Set(candidates.map((a) => parseRecipient(a).token).filter((t): t is string => !!t))];
}

/**
 * Finds the conversation an inbound mail continues, in this order and never across accounts: the
 * per-conversation reply address; In-Reply-To/References naming a mail Rapport stored or sent
 * (acknowledgements by their signed Message-ID); a subject token [#1234] only when the sender is on that
 * conversation. Null: a new conversation.
 */
export async function findThread(
  tx: Tx,
  box: CryptoBox,
  accountId: string,
  mail: ParsedEmail,
  rcptTo: string[],
): Promise<ThreadMatch | null> {
  const tokens = replyTokens(mail, rcptTo);
  if (tokens.length) {
    const res = await tx.execute(sql`
      SELECT c.id, c.status FROM email_threads t JOIN conversations c ON c.id = t.conversation_id
      WHERE t.account_id = ${accountId} AND t.reply_token = ANY(${sql.param(tokens)}::text[]) LIMIT 1`);
    const row = res.rows[0] as { id: string; status: string } | undefined;
    if (row) return { conversationId: row.id, status: row.status, rule: "reply-address" };
  }
  const refs = [...new Set([mail.inReplyTo, ...mail.references].filter((x): x is string => !!x))];
  if (refs.length) {
    const res = await tx.execute(sql`
      SELECT c.id, c.status FROM email_messages e JOIN conversations c ON c.id = e.conversation_id
      WHERE e.account_id = ${accountId} AND e.header_message_id = ANY(${sql.param(refs)}::text[])
      ORDER BY e.created_at DESC LIMIT 1`);
    const row = res.rows[0] as { id: string; status: string } | undefined;
    if (row) return { conversationId: row.id, status: row.status, rule: "references" };
    // Acknowledgements are not stored: their Message-ID names the conversation, signed for this account.
    const acked = refs.map((id) => ackConversation(box, accountId, id)).find((id) => id !== null);
    if (acked) {
      const ack = await tx.execute(sql`SELECT id, status FROM conversations WHERE id = ${acked} AND account_id = ${accountId}`);
      const conv = ack.rows[0] as { id: string; status: string } | undefined;
      if (conv) return { conversationId: conv.id, status: conv.status, rule: "references" };
    }
  }
  const number = /\[#(\d{1,12})\]/.exec(mail.subject ?? "")?.[1];
  const sender = mail.from?.address;
  if (number && sender) {
    const res = await tx.execute(sql`
      SELECT c.id, c.status FROM conversations c LEFT JOIN email_threads t ON t.conversation_id = c.id
      WHERE c.account_id = ${accountId} AND c.number = ${Number(number)}
        AND (EXISTS (SELECT 1 FROM customer_identities i WHERE i.customer_id = c.customer_id AND i.kind = 'email' AND i.value = ${sender})
          OR t."to" @> ${JSON.stringify([{ address: sender }])}::jsonb OR t.cc @> ${JSON.stringify([{ address: sender }])}::jsonb)
      LIMIT 1`);
    const row = res.rows[0] as { id: string; status: string } | undefined;
    if (row) return { conversationId: row.id, status: row.status, rule: "subject-token" };
  }
  return null;
}
