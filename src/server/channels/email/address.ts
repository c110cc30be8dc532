import crypto from "node:crypto";

const TOKEN = /^r([a-z2-7]{16})$/;
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

/** An unguessable reply token (80 bits, base32): knowing it is what proves a mail belongs to the thread. */
export function newReplyToken(): string {
  const bytes = crypto.randomBytes(16);
  let out = "";
  for (let i = 0; i < 16; i++) out += ALPHABET[bytes[i] & 31];
  return out;
}

/** support@acme.com + token → support+r<token>@acme.com: plus addressing reaches the same mailbox everywhere. */
export function replyAddress(inboxAddress: string, token: string): string {
  const at = inboxAddress.lastIndexOf("@");
  return `${inboxAddress.slice(0, at)}+r${token}${inboxAddress.slice(at)}`;
}

/** Splits a recipient into the inbox address it is for and, when present, a reply token. */
export function parseRecipient(address: string): { base: string; token: string | null; plain: string } {
  const plain = address.trim().toLowerCase();
  const at = plain.lastIndexOf("@");
  if (at < 1) return { base: plain, token: null, plain };
  const local = plain.slice(0, at);
  const domain = plain.slice(at);
  const plus = local.lastIndexOf("+");
  if (plus < 1) return { base: plain, token: null, plain };
  const tag = local.slice(plus + 1);
  const m = TOKEN.exec(tag);
  return { base: local.slice(0, plus) + domain, token: m ? m[1] : null, plain };
}

/** Lower-cased bare address, or null when it isn't one (null sender <>, garbage). */
export function normalizeAddress(a: string | null | undefined): string | null {
  const s = (a ?? "").trim().toLowerCase();
  return /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(s) ? s : null;
}
