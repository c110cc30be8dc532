import { htmlToText } from "../../lib/sanitize";
import type { CryptoBox } from "../../lib/crypto-box";
import { signedAttachmentUrl, type StoredAttachment } from "./attachments";
import type { ParsedEmail } from "./parse";
import { trimReplyHtml, trimReplyText } from "./reply-trim";
import { sanitizeEmailHtml } from "./sanitize";

export type EmailContent = {
  text: string;
  html: string | null;
  /** The whole mail before folding; null when nothing was folded away. */
  originalText: string | null;
  originalHtml: string | null;
  remoteImages: number;
};

const MAX_TEXT = 512 * 1024;
// PostgreSQL text can't hold NUL; a broken mail's stray NULs are dropped rather than failing the mail.
const noNul = (s: string) => s.replaceAll(String.fromCharCode(0), "");

/**
 * What the agent sees of a mail: only its new part (quoted history, reply headers and signature folded,
 * still viewable as the original), HTML sanitized with remote images held back and cid: images pointing at
 * the stored files.
 */
export function emailContent(mail: ParsedEmail, files: StoredAttachment[], box: CryptoBox): EmailContent {
  const byCid = new Map(files.filter((f) => f.part.contentId).map((f) => [f.part.contentId as string, signedAttachmentUrl(box, f.id)]));
  const resolveCid = (cid: string) => byCid.get(cid);
  const fullHtml = mail.html ? sanitizeEmailHtml(noNul(mail.html.slice(0, 5 * 1024 * 1024)), { resolveCid }) : null;
  const plain = noNul(mail.text ?? (fullHtml ? htmlToText(fullHtml.html) : ""))
    .replace(/\r\n?/g, "\n")
    .slice(0, MAX_TEXT);
  const trimmed = trimReplyText(plain);
  const folded = trimmed.quoted !== null || trimmed.signature !== null;
  let html: string | null = null;
  let htmlFolded = false;
  if (fullHtml?.html.trim()) {
    const t = trimReplyHtml(fullHtml.html);
    html = t.trimmed ? sanitizeEmailHtml(t.visible, { resolveCid }).html : fullHtml.html;
    htmlFolded = t.trimmed;
  }
  const text = trimmed.visible.trim() ? trimmed.visible : plain;
  return {
    text: text.trim() ? text : mail.subject || "(no text)",
    html: html?.trim() ? html : null,
    originalText: folded || htmlFolded ? plain : null,
    originalHtml: htmlFolded && fullHtml ? fullHtml.html : null,
    remoteImages: fullHtml?.remoteImages ?? 0,
  };
}
