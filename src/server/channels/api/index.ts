import type { ChannelAdapter } from "../types";

/**
 * The API channel: an integration posts customer messages through the REST API and reads agents' replies
 * from it (GET …/messages or the realtime socket), so there is nothing to deliver here.
 */
export const apiChannel: ChannelAdapter = {
  kind: "api",
  capabilities: { html: true, subject: true, attachments: false, outbound: false },
  async send() {
    return undefined;
  },
};
