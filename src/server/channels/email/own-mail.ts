import type { CryptoBox } from "../../lib/crypto-box";
import type { ParsedEmail } from "./parse";

/**
 * Rapport's signatures on its own mail. Mail Rapport sends without storing it (acknowledgements) carries
 * a Message-ID that names its conversation and is MACed with the account, so a reply to it, or its bounce,
 * threads without a stored row and a forged or foreign id never does. Every sent mail carries a loop stamp
 * bound to its own Message-ID, so a stamp copied onto other mail proves nothing.
 */

const ACK_ID = /^rapport-ack\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{32})@/;

/** The Message-ID (without <>) of a conversation's acknowledgement: the same on every retry of the send. */
export function ackMessageId(box: CryptoBox, accountId: string, conversationId: string, inboxAddress: string): string {
  const domain = inboxAddress.split("@")[1] ?? "rapport.invalid";
  return `rapport-ack.${conversationId}.${box.sign(`ack-id:${accountId}:${conversationId}`)}@${domain}`;
}

/** The conversation an acknowledgement Message-ID names, when this account's key signed it; else null. */
export function ackConversation(box: CryptoBox, accountId: string, messageId: string): string | null {
  const m = ACK_ID.exec(messageId);
  if (!m) return null;
  return box.verify(`ack-id:${accountId}:${m[1]}`, m[2]) ? m[1] : null;
}

/** X-Rapport-Loop for one outgoing mail: a MAC over the account and that mail's Message-ID. */
export function loopStamp(box: CryptoBox, accountId: string, messageId: string): string {
  return box.sign(`loop:${accountId}:${messageId}`);
}

/**
 * What a mail's X-Rapport-Loop says: "own" when it is a mail Rapport sent coming back (the stamp matches
 * its own Message-ID), "echo" when a machine answered one of ours and copied the stamp (it matches the mail
 * it answers), null when absent or matching neither (a copied stamp on other mail).
 */
export function loopVerdict(box: CryptoBox, accountId: string, mail: ParsedEmail): "own" | "echo" | null {
  const stamp = mail.headers.get("x-rapport-loop")?.trim();
  if (!stamp) return null;
  if (mail.messageId && box.verify(`loop:${accountId}:${mail.messageId}`, stamp)) return "own";
  const answered = [mail.inReplyTo, ...mail.references].filter((x): x is string => !!x);
  return answered.some((id) => box.verify(`loop:${accountId}:${id}`, stamp)) ? "echo" : null;
}
