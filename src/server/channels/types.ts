import type { Channel } from "../../shared/schemas";
import type { Db, Tx } from "../db/client";
import type { JobDeps } from "../jobs/queue";

/** What a channel can carry, so the workspace offers only what will arrive at the customer. */
export type ChannelCapabilities = {
  html: boolean;
  subject: boolean;
  attachments: boolean;
  /** Replies go out through the channel (email, SMS…); false when the integration fetches them itself. */
  outbound: boolean;
};

export type OutboundMessage = {
  accountId: string;
  conversationId: string;
  messageId: string;
  text: string;
  html: string | null;
};

/** A reply being written: the channel records what it needs to send it (recipients, thread ids). */
export type PreparedReply = { accountId: string; conversationId: string; messageId: string; cc?: string[] };

/** Thrown by `send` when retrying cannot help (recipient refused, no outgoing server): fails at once. */
export class PermanentDeliveryError extends Error {}

/**
 * One adapter per channel, in its own folder, registered with one line in registry.ts. Inbound work is
 * acknowledged only once it is committed; outbound delivery runs as a durable job.
 */
export interface ChannelAdapter {
  kind: Channel;
  capabilities: ChannelCapabilities;
  /** Runs in the reply's transaction; false: nothing to deliver to (e.g. an email conversation made by the API). */
  prepareReply?(tx: Tx, reply: PreparedReply): Promise<boolean>;
  /** Delivers an agent's reply; throwing makes the job retry with backoff. */
  send(ctx: { db: Db; deps: JobDeps }, message: OutboundMessage): Promise<{ externalId?: string } | undefined>;
}
