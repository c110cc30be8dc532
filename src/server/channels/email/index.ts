import type { ChannelAdapter } from "../types";
import { prepareEmailReply } from "./prepare-reply";
import { sendEmailReply } from "./send-reply";

/**
 * The email channel: mail arrives through the built-in SMTP receiver or IMAP fetch (committed raw, then
 * processed by a job); replies leave by SMTP through the durable job queue.
 */
export const emailChannel: ChannelAdapter = {
  kind: "email",
  capabilities: { html: true, subject: true, attachments: true, outbound: true },
  prepareReply: prepareEmailReply,
  send: sendEmailReply,
};
