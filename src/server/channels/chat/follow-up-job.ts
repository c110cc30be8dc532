import { sql } from "drizzle-orm";
import { z } from "zod";
import { recordEvent } from "../../events/outbox";
import { defineJob } from "../../jobs/queue";
import { newReplyToken } from "../email/address";
import { prepareEmailReply } from "../email/prepare-reply";
import { sendEmailReply } from "../email/send-reply";
import { PermanentDeliveryError } from "../types";

type Row = {
  id: string;
  account_id: string;
  conversation_id: string;
  text: string;
  created_at: Date;
  follow_up_email: string | null;
  visitor_read_at: Date | null;
  visitor_name: string | null;
  chat_inbox_name: string;
  emailed: boolean;
};

/**
 * The conversation continues by email once the visitor has left: an agent's chat reply the visitor has
 * not read by the time this job runs (RAPPORT_CHAT_FOLLOW_UP_SECONDS after it was written) goes to the
 * email they left, through the email channel's own outbound path (the account's first email inbox, a
 * reply address that threads their answer back into this conversation). Read in the widget: nothing is sent.
 */
export const chatFollowUpJob = defineJob({
  type: "chat.follow_up",
  payload: z.object({ messageId: z.uuid() }),
  maxAttempts: 6,
  async handle(p, { db, deps }) {
    const res = await db.execute(sql`
      SELECT m.id, m.account_id, m.conversation_id, m.text, m.created_at, s.follow_up_email, s.visitor_read_at,
        v.name AS visitor_name, i.name AS chat_inbox_name,
        EXISTS (SELECT 1 FROM email_messages e WHERE e.message_id = m.id) AS emailed
      FROM messages m JOIN chat_sessions s ON s.conversation_id = m.conversation_id
      JOIN chat_visitors v ON v.id = s.visitor_id JOIN inboxes i ON i.id = s.inbox_id
      WHERE m.id = ${p.messageId} AND m.kind = 'reply'`);
    const m = res.rows[0] as Row | undefined;
    if (!m?.follow_up_email) return;
    if (m.visitor_read_at && new Date(m.visitor_read_at) >= new Date(m.created_at)) return;
    if (!m.emailed) {
      const inbox = await db.execute(sql`
        SELECT id FROM inboxes WHERE account_id = ${m.account_id} AND channel = 'email' ORDER BY created_at, id LIMIT 1`);
      const emailInbox = (inbox.rows[0] as { id: string } | undefined)?.id;
      if (!emailInbox) return; // No email inbox to write from: the reply waits in the widget.
      await db.transaction(async (tx) => {
        await tx.execute(sql`
          INSERT INTO email_threads (conversation_id, account_id, inbox_id, reply_token, "to", cc, subject)
          VALUES (${m.conversation_id}, ${m.account_id}, ${emailInbox}, ${newReplyToken()},
            ${JSON.stringify([{ name: m.visitor_name, address: m.follow_up_email }])}::jsonb, '[]'::jsonb,
            ${`Your chat with ${m.chat_inbox_name}`})
          ON CONFLICT (conversation_id) DO UPDATE SET "to" = excluded."to"`);
        await prepareEmailReply(tx, { accountId: m.account_id, conversationId: m.conversation_id, messageId: m.id });
      });
    }
    try {
      await sendEmailReply(
        { db, deps },
        { accountId: m.account_id, conversationId: m.conversation_id, messageId: m.id, text: m.text, html: null },
      );
    } catch (err) {
      if (err instanceof PermanentDeliveryError) return;
      throw err;
    }
    await db.transaction(async (tx) => {
      await recordEvent(tx, {
        accountId: m.account_id,
        type: "chat.followed_up_by_email",
        conversationId: m.conversation_id,
        actor: { type: "system", id: null },
        data: { messageId: m.id, email: m.follow_up_email },
      });
    });
    deps.kick();
  },
});
