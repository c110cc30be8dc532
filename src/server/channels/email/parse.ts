import { type AddressObject, type ParsedMail, simpleParser } from "mailparser";
import type { EmailAddress } from "../../../shared/schemas";
import { normalizeAddress } from "./address";
import { limitMime, type MimeCut } from "./mime-limits";
import { cleanMessageId, rawHeaderBlock } from "./raw-headers";
import { decodeUtf7, rewriteUtf7Words, textIsUtf7 } from "./utf7";

export type ParsedAttachment = { filename: string; contentType: string; content: Buffer; contentId: string | null; inline: boolean };

export type ParsedEmail = {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  from: EmailAddress | null;
  replyTo: EmailAddress | null;
  to: EmailAddress[];
  cc: EmailAddress[];
  subject: string | null;
  date: Date | null;
  text: string | null;
  html: string | null;
  attachments: ParsedAttachment[];
  /** Lower-cased header name → first value as text. */
  headers: Map<string, string>;
  /** The top-level header block as received, unfolded: for headers mailparser restructures (List-*). */
  rawHeaders: string;
  /** What was left out (parts or attachments over the caps), to show on the message; null when nothing. */
  notice: string | null;
};

const MAX_PARTS = 500;
const MAX_DEPTH = 30;
const MAX_ATTACHMENTS = 100;

const headerText = (v: unknown): string => {
  if (v == null) return "";
  if (typeof v === "string") return v;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(headerText).join(", ");
  if (typeof v === "object" && "value" in (v as object)) {
    const o = v as { value: unknown; params?: Record<string, string> };
    const params = o.params
      ? Object.entries(o.params)
          .map(([k, p]) => `; ${k}=${p}`)
          .join("")
      : "";
    return typeof o.value === "string" ? o.value + params : headerText(o.value);
  }
  if (typeof v === "object" && "text" in (v as object)) return String((v as { text: unknown }).text);
  return String(v);
};

function addresses(v: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const out: EmailAddress[] = [];
  const walk = (list: AddressObject["value"]) => {
    for (const a of list) {
      if (a.group) walk(a.group);
      const address = normalizeAddress(a.address);
      // Header injection can't survive a round trip: names lose control characters here.
      if (address) out.push({ name: a.name?.replace(/[\r\n\0\t]+/g, " ").trim() || null, address });
    }
  };
  for (const o of Array.isArray(v) ? v : v ? [v] : []) walk(o.value);
  return out;
}

/** A display name only (never a path): control characters and slashes become "_". */
function safeFilename(name: string | undefined): string {
  let out = "";
  for (const ch of name ?? "") out += ch.charCodeAt(0) < 32 || ch === "\x7f" || ch === "/" || ch === "\\" ? "_" : ch;
  return out.trim().slice(0, 255) || "attachment";
}

const ids = (v: string | string[] | undefined): string[] =>
  (Array.isArray(v) ? v : (v ?? "").split(/\s+/)).map((x) => cleanMessageId(x)).filter((x): x is string => !!x);

const PARSER_OPTIONS = {
  skipImageLinks: true,
  skipTextLinks: true,
  skipTextToHtml: true,
  keepCidLinks: true,
  // Above the scan's cap: parts the scan and mailparser count differently never fail the mail.
  maxChildNodes: MAX_PARTS * 2,
} as Parameters<typeof simpleParser>[1];

const isPartLimit = (err: unknown) => err instanceof Error && /child nodes/i.test(err.message);

/** Parts over the caps are not imported; the message says so, and the original .eml keeps them. */
function notices(cut: MimeCut | null, attachments: ParsedMail["attachments"], bodyDropped: boolean): string | null {
  const out: string[] = [];
  if (bodyDropped) out.push("partially processed: the body is over the MIME limits and kept in the original .eml");
  else if (cut) out.push(`partially processed: ${cut.droppedParts} parts over the limit kept in the original .eml`);
  const over = attachments.slice(MAX_ATTACHMENTS).map((a) => safeFilename(a.filename));
  const files = (cut?.droppedFiles ?? 0) + over.length;
  if (files) {
    const names = [...(cut?.droppedNames ?? []), ...over].slice(0, 10);
    out.push(`${files} attachment${files === 1 ? "" : "s"} not imported (${names.join(", ")}${files > names.length ? ", …" : ""})`);
  }
  return out.length ? out.join("; ") : null;
}

/**
 * Parses a raw mail with mailparser (charsets via iconv-lite, encoded words, RFC 2231) into what the
 * channel needs. Part counts and nesting are capped by a scan first: past them the mail is parsed without
 * the excess parts and says so. A mislabelled charset degrades to replacement characters.
 */
export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  const { headers: top } = rawHeaderBlock(raw);
  // RFC 5322 §2.1: a message starts with header fields; bytes without any are not a mail to answer.
  if (!/^[!-9;-~]+[ \t]*:/m.test(top)) throw new Error("not an email: no header fields");
  const cut = limitMime(raw, { maxParts: MAX_PARTS, maxDepth: MAX_DEPTH });
  let bodyDropped = false;
  let m: ParsedMail;
  try {
    m = await simpleParser(rewriteUtf7Words(cut ? cut.raw : raw), PARSER_OPTIONS);
  } catch (err) {
    if (!isPartLimit(err)) throw err;
    // The scan and mailparser disagreed on the structure: keep the headers, the body stays in the .eml.
    m = await simpleParser(rewriteUtf7Words(Buffer.from(`${top}\r\n\r\n`, "latin1")), PARSER_OPTIONS);
    bodyDropped = true;
  }
  const headers = new Map<string, string>();
  for (const [k, v] of m.headers) headers.set(k.toLowerCase(), headerText(v));
  const from = addresses(m.from)[0] ?? null;
  const utf7 = textIsUtf7(raw);
  return {
    messageId: cleanMessageId(m.messageId),
    inReplyTo: ids(m.inReplyTo)[0] ?? null,
    references: ids(m.references).slice(-50),
    from,
    replyTo: addresses(m.replyTo)[0] ?? null,
    to: addresses(m.to),
    cc: addresses(m.cc),
    subject: m.subject?.replace(/[\r\n\0]+/g, " ").trim() || null,
    date: m.date && !Number.isNaN(m.date.getTime()) ? m.date : null,
    text: m.text == null ? null : utf7 ? decodeUtf7(m.text) : m.text,
    html: typeof m.html === "string" ? (utf7 ? decodeUtf7(m.html) : m.html) : null,
    attachments: m.attachments.slice(0, MAX_ATTACHMENTS).map((a) => ({
      filename: safeFilename(a.filename),
      contentType: (a.contentType || "application/octet-stream").toLowerCase(),
      content: a.content,
      contentId: cleanMessageId(a.contentId) ?? a.cid ?? null,
      inline: a.contentDisposition === "inline" || (!!a.cid && a.related === true),
    })),
    headers,
    rawHeaders: top,
    notice: notices(cut, m.attachments, bodyDropped),
  };
}
