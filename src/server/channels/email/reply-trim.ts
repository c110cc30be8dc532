import {
  FORWARDED,
  OUTLOOK_FIELD_WORDS,
  OUTLOOK_FROM_WORDS,
  isReplyHeader,
  MOBILE_SIGNATURE,
  ORIGINAL_MESSAGE,
  OUTLOOK_FIELD,
  OUTLOOK_FROM,
  RULE_LINE,
  SENT_FROM_DEVICE,
  SIGNATURE_DELIMITER,
  UNDERSCORE_RULE,
} from "./reply-patterns";

export type TrimmedText = { visible: string; quoted: string | null; signature: string | null };

const isQuoted = (l: string) => /^\s*>/.test(l);
const isBlank = (l: string) => l.trim() === "";

/** The header block just above a cut ("-----", "Message du : …") goes with it. */
function backOverRules(lines: string[], i: number): number {
  let j = i;
  while (
    j > 0 &&
    (RULE_LINE.test(lines[j - 1]) ||
      isBlank(lines[j - 1]) ||
      (/^\s*\S{1,30}( \S{1,30})?\s*:\s*\S.{0,60}$/.test(lines[j - 1]) && RULE_LINE.test(lines[j - 2] ?? "")))
  )
    j--;
  return lines.slice(0, j).some((l) => !isBlank(l)) ? j : i;
}

/** Where quoted history starts in these lines, or -1. */
function quoteStart(lines: string[]): number {
  const i = findQuote(lines);
  // A forward is what the customer wants us to read: it is never folded away.
  if (i >= 0 && lines.slice(Math.max(0, i - 3), i + 1).some((l) => FORWARDED.test(l))) return -1;
  return i > 0 ? backOverRules(lines, i) : i;
}

function findQuote(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (ORIGINAL_MESSAGE.test(l)) return i;
    if (UNDERSCORE_RULE.test(l) && lines.slice(i + 1, i + 3).some((x) => OUTLOOK_FROM.test(x))) return i;
    if (OUTLOOK_FROM.test(l)) {
      const fields = lines.slice(i + 1, i + 6).filter((x) => OUTLOOK_FIELD.test(x)).length;
      if (fields >= 2 || (fields >= 1 && /@/.test(l))) return i;
    }
    // "Sent from my iPhone" ends what was written; mobile clients put the original right under it.
    if (SENT_FROM_DEVICE.test(l) && lines.slice(i + 1).some((x) => !isBlank(x))) return i + 1;
    if (!isQuoted(l) && l.length < 400) {
      for (let n = 1; n <= 3 && i + n <= lines.length; n++) {
        const joined = lines.slice(i, i + n).join(" ");
        if (isReplyHeader(joined)) {
          // The header may start on a later line of the group ("Hello" + a two-line header).
          for (let k = 1; k < n; k++) if (isReplyHeader(lines.slice(i + k, i + n).join(" "))) return i + k;
          return i;
        }
        if (n < 3 && isBlank(lines[i + n] ?? "")) break;
      }
    }
    // A quote that runs to the end (only blank lines or more quotes after it) is history; quotes with
    // answers written between them (inline replies) stay visible.
    if (isQuoted(l) && lines.slice(i).every((x) => isQuoted(x) || isBlank(x))) return i;
  }
  return -1;
}

/** Where the signature starts in the new part: an RFC 3676 "-- " line, or a mobile "Sent from my…". */
function signatureStart(lines: string[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if (SIGNATURE_DELIMITER.test(lines[i]) && lines.length - i <= 15) return i;
  const content = lines.map((l, i) => [l, i] as const).filter(([l]) => !isBlank(l));
  for (const [l, i] of content.slice(-2)) if (MOBILE_SIGNATURE.test(l) && l.length < 120) return i;
  return -1;
}

/** Plain text body → the new part, the quoted history (from the first reply header or quote on), the signature. */
export function trimReplyText(text: string): TrimmedText {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const q = quoteStart(lines);
  if (q === 0) return bottomPosted(text, lines);
  let visibleLines = q >= 0 ? lines.slice(0, q) : lines;
  const quoted = q >= 0 ? lines.slice(q).join("\n").trim() || null : null;
  let signature: string | null = null;
  const s = signatureStart(visibleLines);
  if (s > 0 && visibleLines.slice(0, s).some((l) => !isBlank(l))) {
    signature = visibleLines.slice(s).join("\n").trim() || null;
    visibleLines = visibleLines.slice(0, s);
  }
  const visible = visibleLines.join("\n").trim();
  // Everything looked quoted (a forward without a comment): show it all rather than nothing.
  if (!visible) return { visible: text.trim(), quoted: null, signature: null };
  return { visible, quoted, signature };
}

/** History first, answer below it (bottom-posting): the answer is what follows the quote block. */
function bottomPosted(text: string, lines: string[]): TrimmedText {
  let end = 1;
  while (end < lines.length && (isQuoted(lines[end]) || isBlank(lines[end]))) end++;
  const after = lines.slice(end).join("\n").trim();
  if (!after || end < 2) return { visible: text.trim(), quoted: null, signature: null };
  const rest = trimReplyText(after);
  return { visible: rest.visible, quoted: lines.slice(0, end).join("\n").trim(), signature: rest.signature };
}

// Where clients put quoted history in HTML: Gmail, Apple Mail, Outlook (desktop, web, mobile),
// Thunderbird, Yahoo, and the plain "-----Original Message-----" line.
const HTML_MARKERS = [
  /<div[^>]*class="[^"]*\bgmail_quote\b/i,
  /<blockquote[^>]*class="[^"]*\bgmail_quote\b/i,
  /<blockquote[^>]*type="?cite/i,
  /<div[^>]*id="?divRplyFwdMsg/i,
  /<div[^>]*id="?appendonsend/i,
  /<hr[^>]*id="?stopSpelling/i,
  /<div[^>]*class="?moz-cite-prefix/i,
  /<div[^>]*class="[^"]*\byahoo_quoted\b/i,
  /<div[^>]*class="?OutlookMessageHeader/i,
  /<div[^>]*style=["'][^"']*border-top:\s*solid\s+#(?:E1E1E1|B5C4DF)/i,
  /-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Oryginalna wiadomość)\s*-{2,}/i,
];

const HTML_FROM = new RegExp(`>\\s*(?:<[^>]{0,300}>\\s*){0,4}(?:${OUTLOOK_FROM_WORDS})\\s*:`, "gi");
const HTML_FIELD = new RegExp(`>\\s*(?:<[^>]{0,300}>\\s*){0,4}(?:${OUTLOOK_FIELD_WORDS})\\s*:`, "i");

/** An Outlook-style "From: … Sent: … To:" block in HTML (Windows Mail, older Outlooks): cut at its block. */
function outlookHeaderBlock(html: string): number {
  HTML_FROM.lastIndex = 0;
  for (let m = HTML_FROM.exec(html); m; m = HTML_FROM.exec(html)) {
    if (!HTML_FIELD.test(html.slice(m.index + m[0].length, m.index + m[0].length + 800))) continue;
    const before = html.slice(0, m.index + 1).toLowerCase();
    const start = Math.max(before.lastIndexOf("<div"), before.lastIndexOf("<p"), before.lastIndexOf("<hr"), before.lastIndexOf("<table"));
    if (start > 0 && textOf(html.slice(0, start)).trim()) return start;
  }
  return -1;
}

const textOf = (html: string) =>
  html
    .replace(/<(br|\/p|\/div)[^>]*>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/gi, " ")
    .replace(/&lt;/gi, "<")
    .replace(/&gt;/gi, ">")
    .replace(/&amp;/gi, "&");

/**
 * HTML body → the HTML of the new part only, or the input when nothing was recognised. Works on the
 * markup with bounded regexes (no DOM); the result is sanitized afterwards, which closes open tags.
 */
export function trimReplyHtml(html: string): { visible: string; trimmed: boolean } {
  let cut = -1;
  for (const re of HTML_MARKERS) {
    const m = re.exec(html);
    if (m && (cut < 0 || m.index < cut)) cut = m.index;
  }
  if (cut < 0) cut = outlookHeaderBlock(html);
  if (cut < 0) {
    // A plain <blockquote> that nothing but closing tags follows is the quoted history.
    const bq = html.search(/<blockquote\b/i);
    if (bq >= 0) {
      const end = html.toLowerCase().lastIndexOf("</blockquote>");
      if (end > bq && !textOf(html.slice(end + 13)).trim()) cut = bq;
    }
  }
  if (cut < 0) return { visible: html, trimmed: false };
  let visible = html.slice(0, cut);
  // The attribution line ("On … wrote:") just before the quote goes with it.
  const tail = visible.slice(-600);
  const tailLines = textOf(tail)
    .split("\n")
    .filter((l) => l.trim());
  const last = tailLines.slice(-2).join(" ");
  if (tailLines.length && isReplyHeader(last)) {
    const blockStart = Math.max(
      visible.toLowerCase().lastIndexOf("<div"),
      visible.toLowerCase().lastIndexOf("<p"),
      visible.toLowerCase().lastIndexOf("<br"),
    );
    const anchor = tailLines[Math.max(0, tailLines.length - 2)].trim().slice(0, 20);
    const at = anchor ? visible.lastIndexOf(anchor.split(/[<&]/)[0]) : -1;
    const start = at >= 0 && blockStart >= 0 && blockStart < at ? blockStart : at;
    if (start > 0) visible = visible.slice(0, start);
  }
  if (!textOf(visible).trim()) return { visible: html, trimmed: false };
  return { visible, trimmed: true };
}
