import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { recordEvent } from "../../events/outbox";
import type { CryptoBox } from "../../lib/crypto-box";
import type { Bounce } from "./classify";
import { ackConversation } from "./own-mail";

/**
 * A delivery status notification attaches to the conversation of the reply it is about: that reply is
 * marked failed with the server's reason, and the trail shows the failed delivery (for an acknowledgement,
 * the conversation its signed Message-ID names). Null when the bounce is about no mail this account sent.
 */
export async function attachBounce(
  tx: Tx,
  box: CryptoBox,
  accountId: string,
  bounce: Bounce,
): Promise<{ conversationId: string; messageId: string | null } | null> {
  if (!bounce.originalMessageId) return null;
  const res = await tx.execute(sql`
    SELECT message_id, conversation_id FROM email_messages
    WHERE account_id = ${accountId} AND header_message_id = ${bounce.originalMessageId} AND direction = 'out' LIMIT 1`);
  const row = res.rows[0] as { message_id: string; conversation_id: string } | undefined;
  const failed = bounce.recipients.filter((r) => !r.status || r.status.startsWith("5") || r.status.startsWith("4"));
  const reason =
    failed
      .map((r) => `${r.address}: ${r.diagnostic ?? r.status ?? "delivery failed"}`)
      .join("; ")
      .slice(0, 1000) || "The receiving mail server returned the message as undeliverable";
  if (!row) return attachAckBounce(tx, box, accountId, bounce.originalMessageId, reason, failed);
  await tx.execute(sql`
    UPDATE messages SET delivery_status = 'failed', delivery_error = ${`Bounced: ${reason}`}, delivered_at = now()
    WHERE id = ${row.message_id}`);
  await recordEvent(tx, {
    accountId,
    type: "message.delivery_failed",
    conversationId: row.conversation_id,
    actor: { type: "system", id: null },
    data: { messageId: row.message_id, reason: `Bounced: ${reason}`, recipients: failed.map((r) => r.address) },
  });
  return { conversationId: row.conversation_id, messageId: row.message_id };
}

/** A bounced acknowledgement (never stored): its signed Message-ID names the conversation the trail shows it on. */
async function attachAckBounce(
  tx: Tx,
  box: CryptoBox,
  accountId: string,
  originalMessageId: string,
  reason: string,
  failed: Bounce["recipients"],
): Promise<{ conversationId: string; messageId: null } | null> {
  const conversationId = ackConversation(box, accountId, originalMessageId);
  if (!conversationId) return null;
  const res = await tx.execute(sql`SELECT id FROM conversations WHERE id = ${conversationId} AND account_id = ${accountId}`);
  if (!res.rows.length) return null;
  await recordEvent(tx, {
    accountId,
    type: "email.acknowledgement_bounced",
    conversationId,
    actor: { type: "system", id: null },
    data: { reason: `Bounced: ${reason}`, recipients: failed.map((r) => r.address) },
  });
  return { conversationId, messageId: null };
}
