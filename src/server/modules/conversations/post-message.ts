import { sql } from "drizzle-orm";
import type { Actor } from "../../actor";
import { eventActorOf } from "../../actor";
import type { Tx } from "../../db/client";
import { badRequest, forbidden, notFound } from "../../lib/errors";
import { policies } from "../../policies";
import type { Channel } from "../../../shared/schemas";
import { deliverMessageJob } from "../../channels/deliver-job";
import { channelAdapter } from "../../channels/registry";
import { enqueue } from "../../jobs/queue";
import { notifyUsers } from "../notifications/notify";
import { appendMessage, normalizeContent } from "./append-message";
import { resolveMentions } from "./mentions";

/** An agent replies to the customer or writes a private note (with @mentions) for teammates. */
export async function postMessage(opts: {
  tx: Tx;
  actor: Actor;
  conversationId: string;
  kind: "reply" | "note";
  content: { text?: string; html?: string };
  /** Email replies: the Cc the agent chose (undefined keeps the thread's). */
  cc?: string[];
  /** A translated reply's original (the agent's own words), kept beside the text the customer gets. */
  translation?: { text: string; from: string | null; to: string };
}): Promise<{ messageId: string }> {
  const { tx, actor, kind } = opts;
  const res = await tx.execute(sql`
    SELECT id, status, customer_id, language, channel FROM conversations
    WHERE id = ${opts.conversationId} AND account_id = ${actor.accountId} FOR UPDATE`);
  const conv = res.rows[0] as { id: string; status: string; customer_id: string; language: string | null; channel: Channel } | undefined;
  if (!conv) throw notFound("Conversation");
  if (kind === "reply" && !policies.reply(actor, conv.status)) {
    throw forbidden("This conversation is closed; reopen it (supervisors) or start a new one to reply");
  }
  const content = normalizeContent(opts.content);
  const mentions = await resolveMentions(tx, actor.accountId, content.text);
  const eventActor = eventActorOf(actor);
  const msg = await appendMessage({
    tx,
    accountId: actor.accountId,
    conversationId: conv.id,
    language: conv.language,
    kind,
    author: { userId: actor.userId },
    content,
    mentions,
    actor: eventActor,
  });
  if (opts.translation) {
    if (kind !== "reply") throw badRequest("translation: only replies are sent translated", "body.translation");
    await tx.execute(sql`UPDATE messages SET translation = ${JSON.stringify(opts.translation)}::jsonb WHERE id = ${msg.id}`);
  }
  const adapter = channelAdapter(conv.channel);
  if (opts.cc?.length && !adapter?.prepareReply) throw badRequest("cc: only email conversations have people to copy", "body.cc");
  const deliver =
    kind === "reply" &&
    !!adapter?.capabilities.outbound &&
    (adapter.prepareReply
      ? await adapter.prepareReply(tx, { accountId: actor.accountId, conversationId: conv.id, messageId: msg.id, cc: opts.cc })
      : true);
  if (deliver) {
    await tx.execute(sql`UPDATE messages SET delivery_status = 'pending' WHERE id = ${msg.id}`);
    await enqueue(tx, deliverMessageJob, { messageId: msg.id }, { accountId: actor.accountId });
  }
  if (mentions.length) {
    await notifyUsers({
      tx,
      accountId: actor.accountId,
      userIds: mentions,
      type: "mention",
      conversationId: conv.id,
      messageId: msg.id,
      actorUserId: actor.userId,
    });
  }
  return { messageId: msg.id };
}
