import type { CryptoBox } from "../../lib/crypto-box";

const MAX_AGE_MS = 24 * 3600_000;

/** A token for the help center's contact form: time-stamped and signed with the instance secret. */
export function contactToken(box: CryptoBox, accountId: string, now = Date.now()): string {
  const ts = Math.floor(now / 1000).toString(36);
  return `${ts}.${box.sign(`contact:${accountId}:${ts}`)}`;
}

/** True for a token this server signed for this account within the last day. */
export function checkContactToken(box: CryptoBox, accountId: string, token: string, now = Date.now()): boolean {
  const [ts, sig] = token.split(".");
  if (!ts || !sig || !/^[0-9a-z]{1,10}$/.test(ts)) return false;
  const at = Number.parseInt(ts, 36) * 1000;
  if (!(at <= now + 60_000 && now - at <= MAX_AGE_MS)) return false;
  return box.verify(`contact:${accountId}:${ts}`, sig);
}
