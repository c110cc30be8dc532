/**
 * UTF-7 for mailparser. mailparser (libmime) deliberately reads UTF-7 as if it were UTF-8, because decoded
 * UTF-7 can smuggle markup past filters that look at the raw text. Rapport sanitizes HTML after decoding,
 * so it decodes UTF-7 itself: encoded words in the top-level headers are rewritten as UTF-8 before parsing,
 * and the body text is decoded after parsing when every text part of the mail is labelled UTF-7 (UTF-7 is
 * plain ASCII, so mailparser hands it over unchanged).
 */

const UTF7 = "(?:unicode-1-1-)?utf-7";
const WORD = new RegExp(`=\\?${UTF7}(?:\\*[^?]*)?\\?([bq])\\?([^?\\s]*)\\?=`, "gi");
const TEXT_TYPE = /^Content-Type:[ \t]*text\/[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*/gim;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;
const HEAD_SCAN = 256 * 1024;

/** RFC 2152: "+" opens base64 of UTF-16BE up to a "-" (absorbed) or any other character; "+-" is "+". */
export function decodeUtf7(text: string): string {
  return text.replace(/\+([A-Za-z0-9/]*)-?/g, (m: string, b64: string) => {
    if (!b64) return m === "+-" ? "+" : m;
    const units = Buffer.from(b64, "base64");
    let out = "";
    for (let i = 0; i + 1 < units.length; i += 2) out += String.fromCharCode((units[i] << 8) | units[i + 1]);
    return out;
  });
}

function wordBytes(encoding: string, text: string): Buffer {
  if (encoding.toLowerCase() === "b") return Buffer.from(text, "base64");
  const q = text.replace(/_/g, " ").replace(/=([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  return Buffer.from(q, "latin1");
}

/** The raw mail with UTF-7 encoded words of its top-level header block rewritten as UTF-8 ones. */
export function rewriteUtf7Words(raw: Buffer): Buffer {
  const head = raw.subarray(0, HEAD_SCAN).toString("latin1");
  const end = /\r?\n\r?\n/.exec(head)?.index ?? head.length;
  const block = head.slice(0, end);
  if (!new RegExp(`=\\?${UTF7}`, "i").test(block)) return raw;
  const rewritten = block.replace(WORD, (_, enc: string, text: string) => {
    return `=?utf-8?B?${Buffer.from(decodeUtf7(wordBytes(enc, text).toString("latin1")), "utf8").toString("base64")}?=`;
  });
  return Buffer.concat([Buffer.from(rewritten, "latin1"), raw.subarray(end)]);
}

/** Whether every text part of the mail is labelled UTF-7 (then its text needs decoding after parsing). */
export function textIsUtf7(raw: Buffer): boolean {
  // Most mail never names UTF-7: a byte search spares the copy of a large mail as a string.
  if (!["utf-7", "UTF-7", "Utf-7"].some((n) => raw.includes(n))) return false;
  const s = raw.toString("latin1");
  const types = s.match(TEXT_TYPE) ?? [];
  return types.length > 0 && types.every((t) => new RegExp(`^${UTF7}$`, "i").test(CHARSET.exec(t)?.[1] ?? ""));
}
