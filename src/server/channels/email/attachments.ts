import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import type { CryptoBox } from "../../lib/crypto-box";
import type { BlobStorage } from "../../storage/blob-storage";
import type { ParsedAttachment } from "./parse";

export type StoredAttachment = { id: string; storageKey: string; sha256: string; part: ParsedAttachment };

/** Parts that are the mail's structure, not files the customer sent. */
const STRUCTURAL = new Set(["message/delivery-status", "text/rfc822-headers", "message/rfc822-headers"]);

/** A signed same-origin URL: works from the sandboxed message frame, which sends no cookie. */
export const signedAttachmentUrl = (box: CryptoBox, id: string) => `/api/v1/attachments/${id}/inline?sig=${box.sign(`attachment:${id}`)}`;

/** Writes the files to storage under keys Rapport makes (a sender's filename never becomes a path). */
export async function storeAttachments(storage: BlobStorage, accountId: string, parts: ParsedAttachment[]): Promise<StoredAttachment[]> {
  const out: StoredAttachment[] = [];
  const month = new Date().toISOString().slice(0, 7);
  for (const part of parts) {
    if (STRUCTURAL.has(part.contentType)) continue;
    const id = crypto.randomUUID();
    const storageKey = `${accountId}/${month}/${id}`;
    await storage.put(storageKey, part.content, part.contentType);
    out.push({ id, storageKey, sha256: crypto.createHash("sha256").update(part.content).digest("hex"), part });
  }
  return out;
}

/** Rows keep the mail's order: clock_timestamp() differs per row where now() is the transaction's. */
export async function insertAttachments(tx: Tx, accountId: string, messageId: string, files: StoredAttachment[]): Promise<void> {
  for (const f of files) {
    await tx.execute(sql`
      INSERT INTO attachments (id, account_id, message_id, filename, content_type, size, content_id, inline, storage_key, sha256, created_at)
      VALUES (${f.id}, ${accountId}, ${messageId}, ${f.part.filename}, ${f.part.contentType}, ${f.part.content.length},
        ${f.part.contentId}, ${f.part.inline}, ${f.storageKey}, ${f.sha256}, clock_timestamp())`);
  }
}
