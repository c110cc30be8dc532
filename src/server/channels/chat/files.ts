import crypto from "node:crypto";
import { AppError, badRequest } from "../../lib/errors";
import type { BlobStorage } from "../../storage/blob-storage";
import type { StoredAttachment } from "../email/attachments";

/** What a visitor may send: images, PDFs, plain text and common office documents. No SVG, HTML or scripts. */
export const ALLOWED_TYPES: Record<string, { ext: string[]; magic?: (b: Buffer) => boolean }> = {
  "image/png": { ext: ["png"], magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  "image/jpeg": { ext: ["jpg", "jpeg"], magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  "image/gif": { ext: ["gif"], magic: (b) => b.subarray(0, 4).toString("latin1") === "GIF8" },
  "image/webp": {
    ext: ["webp"],
    magic: (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP",
  },
  "application/pdf": { ext: ["pdf"], magic: (b) => b.subarray(0, 5).toString("latin1") === "%PDF-" },
  "text/plain": { ext: ["txt", "log"], magic: isText },
  "text/csv": { ext: ["csv"], magic: isText },
  "application/msword": { ext: ["doc"], magic: isOle },
  "application/vnd.ms-excel": { ext: ["xls"], magic: isOle },
  "application/vnd.ms-powerpoint": { ext: ["ppt"], magic: isOle },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { ext: ["docx"], magic: isZip },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { ext: ["xlsx"], magic: isZip },
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": { ext: ["pptx"], magic: isZip },
  "application/vnd.oasis.opendocument.text": { ext: ["odt"], magic: isZip },
  "application/vnd.oasis.opendocument.spreadsheet": { ext: ["ods"], magic: isZip },
};
export const ALLOWED_TYPE_LIST = Object.keys(ALLOWED_TYPES);

function isZip(b: Buffer) {
  return b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}
function isOle(b: Buffer) {
  return b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
}
function isText(b: Buffer) {
  if (b.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** A file name safe to show and to put in Content-Disposition: no path, no control characters, bounded. */
export function cleanFilename(raw: string | undefined, contentType: string): string {
  const last = (raw ?? "").split(/[\\/]/).pop() ?? "";
  const base = [...last]
    .filter((c) => c.charCodeAt(0) >= 32 && c.charCodeAt(0) !== 127 && c !== '"')
    .join("")
    .trim()
    .slice(0, 120);
  return base || `file.${ALLOWED_TYPES[contentType]?.ext[0] ?? "bin"}`;
}

/**
 * Checks a visitor's upload against the inbox's limits and what its bytes really are (a "PNG" must start
 * like one), then writes it to storage under a key Rapport makes.
 */
export async function storeVisitorFile(opts: {
  storage: BlobStorage;
  accountId: string;
  contentType: string | undefined;
  filename: string | undefined;
  data: Buffer;
  maxBytes: number;
}): Promise<StoredAttachment> {
  const type = (opts.contentType ?? "").split(";")[0].trim().toLowerCase();
  const spec = ALLOWED_TYPES[type];
  if (!spec) {
    throw new AppError(415, "unsupported_file_type", "Send an image (PNG, JPEG, GIF, WebP), a PDF, a text file or an office document");
  }
  if (opts.data.length === 0) throw badRequest("body: the file is empty", "body");
  if (opts.data.length > opts.maxBytes) {
    throw new AppError(413, "file_too_large", `The file is larger than ${Math.floor(opts.maxBytes / 1024 / 1024) || 1} MB`);
  }
  if (spec.magic && !spec.magic(opts.data)) throw badRequest(`body: the file's content is not ${type}`, "body");
  const filename = cleanFilename(opts.filename, type);
  const id = crypto.randomUUID();
  const storageKey = `${opts.accountId}/${new Date().toISOString().slice(0, 7)}/${id}`;
  await opts.storage.put(storageKey, opts.data, type);
  return {
    id,
    storageKey,
    sha256: crypto.createHash("sha256").update(opts.data).digest("hex"),
    part: { filename, contentType: type, content: opts.data, contentId: null, inline: false } as StoredAttachment["part"],
  };
}
