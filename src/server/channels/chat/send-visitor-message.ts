import { sql } from "drizzle-orm";
import type { SendInput, VisitorContext } from "../../../shared/schemas";
import type { Actor } from "../../actor";
import type { Tx } from "../../db/client";
import { AppError, notFound } from "../../lib/errors";
import { createConversation } from "../../modules/conversations/create-conversation";
import { receiveMessage } from "../../modules/conversations/receive-message";
import { insertAttachments, type StoredAttachment } from "../email/attachments";
import { type ChatInboxRow, type VisitorRow, visibleTo } from "./visitors";

export type SendOutcome = { messageId: string; conversationId: string; replayed: boolean; started: boolean };

/** Customer-side writes carry the account only; events name the customer as their actor. */
const customerSide = (accountId: string): Actor => ({
  accountId,
  userId: "00000000-0000-0000-0000-000000000000",
  name: "Visitor",
  role: "agent",
  via: "token",
});

/**
 * A visitor's message, exactly once: the visitor's client id is claimed in the same transaction as the
 * message, and a visitor's sends are serialised (advisory lock), so a resend after a reconnect, an HTTP
 * retry racing the socket, or a duplicate from a flaky network returns the first message and adds nothing.
 * Without a conversation (or when it was closed) a new one starts: a normal Rapport conversation on the
 * chat channel, made with the same use-cases as every other channel.
 */
export async function sendVisitorMessage(opts: {
  tx: Tx;
  inbox: ChatInboxRow;
  visitor: VisitorRow;
  input: Pick<SendInput, "clientId" | "conversationId" | "startedBy"> & { text: string };
  context?: VisitorContext;
  files?: StoredAttachment[];
}): Promise<SendOutcome> {
  const { tx, inbox, visitor: v, input } = opts;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`chat-visitor:${v.id}`}, 0))`);
  const seen = await tx.execute(sql`
    SELECT ccm.message_id, m.conversation_id FROM chat_client_messages ccm JOIN messages m ON m.id = ccm.message_id
    WHERE ccm.visitor_id = ${v.id} AND ccm.client_id = ${input.clientId}`);
  const first = seen.rows[0] as { message_id: string; conversation_id: string } | undefined;
  if (first) return { messageId: first.message_id, conversationId: first.conversation_id, replayed: true, started: false };

  let target: { id: string; status: string } | undefined;
  if (input.conversationId) {
    const res = await tx.execute(sql`
      SELECT c.id, c.status FROM chat_sessions s JOIN conversations c ON c.id = s.conversation_id
      WHERE s.conversation_id = ${input.conversationId} AND s.account_id = ${v.account_id} AND ${visibleTo(v)}`);
    target = res.rows[0] as typeof target;
    if (!target) throw notFound("Conversation");
  } else if (input.startedBy) {
    const res = await tx.execute(sql`
      SELECT c.id, c.status FROM chat_client_messages ccm JOIN messages m ON m.id = ccm.message_id JOIN conversations c ON c.id = m.conversation_id
      WHERE ccm.visitor_id = ${v.id} AND ccm.client_id = ${input.startedBy}`);
    target = res.rows[0] as typeof target;
    if (!target) throw notFound("Conversation (startedBy)");
  }

  let messageId: string;
  let conversationId: string;
  const started = !target || target.status === "closed";
  if (!started && target) {
    conversationId = target.id;
    ({ messageId } = await receiveMessage({ db: tx, actor: customerSide(v.account_id), conversationId, content: { text: input.text } }));
  } else {
    if (inbox.settings.preChatForm === "required" && !v.verified && !(v.name && v.email)) {
      throw new AppError(400, "prechat_required", "This chat asks for your name and email before the first message", "body.prechat");
    }
    const identities =
      v.verified && v.external_id ? [{ kind: "external" as const, value: v.external_id }] : [{ kind: "chat" as const, value: v.id }];
    const out = await createConversation({
      db: tx,
      accountId: v.account_id,
      actor: { type: "customer", id: null },
      channel: "chat",
      // An anonymous visitor still needs a name agents can say and tell apart: "Visitor 3F2A".
      customer: { identities, name: v.name ?? `Visitor ${v.id.slice(0, 4).toUpperCase()}` },
      message: { text: input.text },
    });
    ({ messageId, conversationId } = out);
    await tx.execute(sql`
      INSERT INTO chat_sessions (conversation_id, account_id, inbox_id, visitor_id, context, follow_up_email)
      VALUES (${conversationId}, ${v.account_id}, ${inbox.id}, ${v.id}, ${JSON.stringify(opts.context ?? {})}::jsonb, ${v.email})`);
    if (!v.customer_id || !v.verified) {
      await tx.execute(sql`UPDATE chat_visitors SET customer_id = ${out.customerId} WHERE id = ${v.id} AND customer_id IS NULL`);
      if (!v.verified && v.email) {
        await tx.execute(sql`
          UPDATE customers SET attributes = attributes || jsonb_build_object('unverifiedEmail', ${v.email}::text)
          WHERE id = ${out.customerId} AND NOT attributes ? 'unverifiedEmail'`);
      }
    }
  }
  await tx.execute(
    sql`INSERT INTO chat_client_messages (visitor_id, client_id, message_id) VALUES (${v.id}, ${input.clientId}, ${messageId})`,
  );
  if (opts.files?.length) await insertAttachments(tx, v.account_id, messageId, opts.files);
  return { messageId, conversationId, replayed: false, started };
}
