import type { Channel } from "../../shared/schemas";
import type { Db } from "../db/client";

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

/**
 * One adapter per channel, in its own folder, registered with one line in registry.ts. Inbound work is
 * acknowledged only once it is committed; outbound delivery runs as a durable job.
 */
export interface ChannelAdapter {
  kind: Channel;
  capabilities: ChannelCapabilities;
  /** Delivers an agent's reply; throwing makes the job retry with backoff. */
  send(db: Db, message: OutboundMessage): Promise<{ externalId?: string } | undefined>;
}
