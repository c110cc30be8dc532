import crypto from "node:crypto";

const HEADER_SCAN = 256 * 1024;

/** The header block of a raw message (up to the first empty line, at most 256 KiB), unfolded. */
export function rawHeaderBlock(raw: Buffer): { headers: string; bodyStart: number } {
  const head = raw.subarray(0, HEADER_SCAN).toString("latin1");
  const m = /\r?\n\r?\n/.exec(head);
  const end = m ? m.index : head.length;
  return { headers: head.slice(0, end).replace(/\r?\n[ \t]+/g, " "), bodyStart: m ? m.index + m[0].length : raw.length };
}

export function rawHeader(headers: string, name: string): string | null {
  const re = new RegExp(`^${name}:[ \\t]*(.*)$`, "im");
  return re.exec(headers)?.[1]?.trim() ?? null;
}

/** A Message-ID without <>, or null. */
export function cleanMessageId(v: string | null | undefined): string | null {
  const m = /<([^<>\s\0]{1,900})>/.exec(v ?? "") ?? /^([^<>\s@]{1,450}@[^<>\s]{1,450})$/.exec((v ?? "").trim());
  return m ? m[1] : null;
}

/**
 * What identifies one mail however it came (SMTP, IMAP, a retry): its Message-ID and a hash of what
 * transport doesn't change (body, From, Date, Subject; not Received or Delivered-To). A mail without a
 * Message-ID gets a synthetic one from that hash, so it is still stored once.
 */
export function mailIdentity(raw: Buffer): { messageId: string; bodyHash: string; synthetic: boolean } {
  const { headers, bodyStart } = rawHeaderBlock(raw);
  const body = raw
    .subarray(bodyStart)
    .toString("latin1")
    .replace(/\r\n/g, "\n")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\s+$/, "");
  const h = crypto.createHash("sha256");
  for (const name of ["From", "Date", "Subject"]) h.update(`${(rawHeader(headers, name) ?? "").replace(/\s+/g, " ")}\n`);
  h.update(body, "latin1");
  const bodyHash = h.digest("hex");
  const id = cleanMessageId(rawHeader(headers, "Message-ID"));
  return id
    ? { messageId: id, bodyHash, synthetic: false }
    : { messageId: `${bodyHash.slice(0, 32)}@synthetic.rapport`, bodyHash, synthetic: true };
}
