import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../db/client";
import { recordEvent } from "../../events/outbox";
import { defineJob, enqueue } from "../../jobs/queue";
import type { EmailInboxSettings } from "../../modules/inboxes/settings";
import { PermanentDeliveryError } from "../types";
import { replyAddress } from "./address";
import { replySubject } from "./compose";
import { ackMessageId, loopStamp } from "./own-mail";
import type { ParsedEmail } from "./parse";
import { deliveryError, transportFor } from "./transport";

const MACHINE_SENDER = /^(no-?reply|do-?not-?reply|mailer-daemon|postmaster|bounces?|notifications?)([+.-].*)?@/i;

/**
 * Whether Rapport may send automatic mail to an address (RFC 3834 §2): never to the null sender, to
 * machine senders, to anyone seen auto-replying, or more than `limit` times an hour to one address.
 */
export async function mayAutoReply(tx: Tx, accountId: string, address: string | null, limit: number): Promise<boolean> {
  if (!address || MACHINE_SENDER.test(address) || limit <= 0) return false;
  const res = await tx.execute(sql`
    SELECT count(*) FILTER (WHERE kind = 'auto_replied' AND created_at > now() - interval '30 days')::int AS auto,
      count(*) FILTER (WHERE kind = 'sent' AND created_at > now() - interval '1 hour')::int AS sent
    FROM email_auto_log WHERE account_id = ${accountId} AND address = ${address}`);
  const r = res.rows[0] as { auto: number; sent: number };
  return r.auto === 0 && r.sent < limit;
}

/** Queues the inbox's acknowledgement of a new conversation, when it is on and loop safety allows it. */
export async function queueAcknowledgement(
  tx: Tx,
  o: {
    accountId: string;
    inboxId: string;
    conversationId: string;
    settings: Record<string, unknown>;
    to: string;
    mail: ParsedEmail;
    limit: number;
  },
): Promise<void> {
  const ack = (o.settings as EmailInboxSettings).acknowledgement;
  if (!ack?.enabled) return;
  // Check-then-insert of the hourly limit, serialised per address: concurrent mails can't both pass it.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`ack:${o.accountId}:${o.to}`}, 0))`);
  if (!(await mayAutoReply(tx, o.accountId, o.to, o.limit))) return;
  await tx.execute(sql`INSERT INTO email_auto_log (account_id, address, kind) VALUES (${o.accountId}, ${o.to}, 'sent')`);
  await enqueue(tx, autoMailJob, { conversationId: o.conversationId, to: o.to, inReplyTo: o.mail.messageId }, { accountId: o.accountId });
  await recordEvent(tx, {
    accountId: o.accountId,
    type: "email.acknowledged",
    conversationId: o.conversationId,
    actor: { type: "system", id: null },
    data: { to: o.to },
  });
}

/** Rapport's own automatic mail: marked Auto-Submitted so well-behaved systems never answer it. */
export const autoMailJob = defineJob({
  type: "email.auto",
  payload: z.object({ conversationId: z.uuid(), to: z.string(), inReplyTo: z.string().nullable() }),
  maxAttempts: 5,
  async handle(p, { db, deps }) {
    const res = await db.execute(sql`
      SELECT t.reply_token, t.subject, c.number, c.account_id, i.address, i.name, i.settings
      FROM email_threads t JOIN conversations c ON c.id = t.conversation_id JOIN inboxes i ON i.id = t.inbox_id
      WHERE t.conversation_id = ${p.conversationId}`);
    const r = res.rows[0] as
      | {
          reply_token: string;
          subject: string | null;
          number: number;
          account_id: string;
          address: string;
          name: string;
          settings: EmailInboxSettings;
        }
      | undefined;
    if (!r) return;
    const ack = r.settings.acknowledgement;
    const transport = await transportFor(r.settings, deps).catch((err) => {
      if (err instanceof PermanentDeliveryError) return null;
      throw err;
    });
    if (!transport) return;
    const messageId = ackMessageId(deps.box, r.account_id, p.conversationId, r.address);
    try {
      await transport.sendMail({
        from: { name: r.name, address: r.address },
        replyTo: replyAddress(r.address, r.reply_token),
        to: p.to,
        subject: replySubject(ack.subject || r.subject, r.number),
        messageId: `<${messageId}>`,
        inReplyTo: p.inReplyTo ? `<${p.inReplyTo}>` : undefined,
        references: p.inReplyTo ? [`<${p.inReplyTo}>`] : undefined,
        text: `${ack.text}\n\n${r.settings.signature ? `-- \n${r.settings.signature}` : ""}`.trim(),
        headers: {
          "Auto-Submitted": "auto-replied",
          "X-Auto-Response-Suppress": "All",
          "X-Rapport-Loop": loopStamp(deps.box, r.account_id, messageId),
        },
      });
    } catch (err) {
      const e = deliveryError(err);
      if (e instanceof PermanentDeliveryError) return;
      throw e;
    } finally {
      transport.close();
    }
  },
});
