import { type AddressObject, type ParsedMail, simpleParser } from "mailparser";
import type { EmailAddress } from "../../../shared/schemas";
import { normalizeAddress } from "./address";
import { cleanMessageId, rawHeaderBlock } from "./raw-headers";

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
};

const MAX_PARTS = 500;
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

/**
 * Parses a raw mail with mailparser (charsets via iconv-lite, encoded words, RFC 2231) into what the
 * channel needs. Part counts are capped; a mislabelled charset degrades to replacement characters.
 */
export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  const m: ParsedMail = await simpleParser(raw, {
    skipImageLinks: true,
    skipTextLinks: true,
    skipTextToHtml: true,
    keepCidLinks: true,
    maxChildNodes: MAX_PARTS,
  } as Parameters<typeof simpleParser>[1]);
  const headers = new Map<string, string>();
  for (const [k, v] of m.headers) headers.set(k.toLowerCase(), headerText(v));
  const from = addresses(m.from)[0] ?? null;
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
    text: m.text ?? null,
    html: typeof m.html === "string" ? m.html : null,
    attachments: m.attachments.slice(0, MAX_ATTACHMENTS).map((a) => ({
      filename: safeFilename(a.filename),
      contentType: (a.contentType || "application/octet-stream").toLowerCase(),
      content: a.content,
      contentId: cleanMessageId(a.contentId) ?? a.cid ?? null,
      inline: a.contentDisposition === "inline" || (!!a.cid && a.related === true),
    })),
    headers,
    rawHeaders: rawHeaderBlock(raw).headers,
  };
}
