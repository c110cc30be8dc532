import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { newReplyToken } from "../../channels/email/address";
import { detectLanguage } from "../../lib/language";
import { createConversation } from "../conversations/create-conversation";
import { claimsFrom } from "../customers/find-or-create-customer";
import { clip } from "./text";

/**
 * A visitor's message from the help center's contact form becomes a normal conversation. With an email
 * inbox it is an email conversation (agents' replies go to the visitor's address); otherwise an API one.
 */
export async function submitContact(opts: {
  db: Db;
  accountId: string;
  name?: string;
  email: string;
  message: string;
  locale: string;
  page?: string;
}): Promise<{ conversationId: string; channel: "email" | "api" }> {
  const { db, accountId } = opts;
  const identities = claimsFrom({ email: opts.email }, "body");
  const subject = clip(opts.message.split("\n")[0] ?? "", 80) || "Help center";
  const text = opts.page ? `${opts.message}\n\n— Sent from the help center: ${opts.page}` : opts.message;
  const language = detectLanguage(opts.message) ?? opts.locale.slice(0, 2);
  return db.transaction(async (tx) => {
    const inbox = (
      await tx.execute(sql`SELECT id FROM inboxes WHERE account_id = ${accountId} AND channel = 'email' ORDER BY created_at LIMIT 1`)
    ).rows[0] as { id: string } | undefined;
    const channel = inbox ? "email" : "api";
    const out = await createConversation({
      db: tx,
      accountId,
      actor: { type: "customer", id: null },
      channel,
      customer: { identities, name: opts.name || undefined },
      subject,
      language,
      message: { text },
    });
    if (inbox) {
      await tx.execute(sql`
        INSERT INTO email_threads (conversation_id, account_id, inbox_id, reply_token, "to", cc, subject)
        VALUES (${out.conversationId}, ${accountId}, ${inbox.id}, ${newReplyToken()},
          ${JSON.stringify([{ name: opts.name || null, address: identities[0].value }])}::jsonb, '[]'::jsonb, ${subject})`);
    }
    return { conversationId: out.conversationId, channel };
  });
}
