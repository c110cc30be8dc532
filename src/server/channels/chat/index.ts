import { sql } from "drizzle-orm";
import { enqueue } from "../../jobs/queue";
import type { ChannelAdapter } from "../types";
import { chatFollowUpJob } from "./follow-up-job";

/** Seconds before an unread reply follows the visitor by email: RAPPORT_CHAT_FOLLOW_UP_SECONDS, set when the app starts. */
export const followUp = { seconds: 120 };

/**
 * The chat channel: visitors write through the widget (its socket or HTTP), agents' replies reach the
 * visitor's sockets on any node through the bus the moment they are committed (the outbox relay hands
 * them to this channel's listener, see listener.ts), and a reply the visitor doesn't read in time
 * continues by email when they left an address (follow-up-job.ts). No delivery job is needed for the
 * widget itself: its history is the conversation.
 */
export const chatChannel: ChannelAdapter = {
  kind: "chat",
  capabilities: { html: false, subject: false, attachments: true, outbound: true },
  async prepareReply(tx, r) {
    const res = await tx.execute(sql`SELECT follow_up_email FROM chat_sessions WHERE conversation_id = ${r.conversationId}`);
    const session = res.rows[0] as { follow_up_email: string | null } | undefined;
    if (session?.follow_up_email) {
      await enqueue(
        tx,
        chatFollowUpJob,
        { messageId: r.messageId },
        { accountId: r.accountId, runAt: new Date(Date.now() + followUp.seconds * 1000) },
      );
    }
    return false;
  },
  // Nothing is queued for delivery (prepareReply answers false): the relay listener pushes replies live.
  async send() {
    return undefined;
  },
};
