import { sql } from "drizzle-orm";
import type { Channel } from "../../../shared/schemas";
import { deliverMessageJob } from "../../channels/deliver-job";
import { channelAdapter } from "../../channels/registry";
import type { Tx } from "../../db/client";
import { enqueue } from "../../jobs/queue";
import { appendMessage } from "../conversations/append-message";

/**
 * A reply written by the AI answer agent (sender ai_agent, no author), delivered through the
 * conversation's channel exactly like an agent's reply: the chat widget gets it live, email goes out by SMTP.
 */
export async function postAgentReply(opts: {
  tx: Tx;
  accountId: string;
  conversationId: string;
  language: string | null;
  channel: Channel;
  text: string;
}): Promise<{ messageId: string }> {
  const { tx } = opts;
  const msg = await appendMessage({
    tx,
    accountId: opts.accountId,
    conversationId: opts.conversationId,
    language: opts.language,
    kind: "reply",
    author: {},
    content: { text: opts.text, html: null },
    actor: { type: "system", id: null },
  });
  await tx.execute(sql`UPDATE messages SET sender = 'ai_agent' WHERE id = ${msg.id}`);
  const adapter = channelAdapter(opts.channel);
  const deliver =
    !!adapter?.capabilities.outbound &&
    (adapter.prepareReply
      ? await adapter.prepareReply(tx, { accountId: opts.accountId, conversationId: opts.conversationId, messageId: msg.id })
      : true);
  if (deliver) {
    await tx.execute(sql`UPDATE messages SET delivery_status = 'pending' WHERE id = ${msg.id}`);
    await enqueue(tx, deliverMessageJob, { messageId: msg.id }, { accountId: opts.accountId });
  }
  return { messageId: msg.id };
}
