import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { enqueue } from "../../jobs/queue";
import { ingestEmailJob } from "./ingest-job";
import { mailIdentity } from "./raw-headers";

export type InboundTarget = { accountId: string; inboxId: string; rcptTo: string[] };

/**
 * Commits a raw inbound mail, once per account it is for, and queues its processing in the same
 * transaction. Only after this returns may the SMTP receiver answer 250 or the IMAP fetcher mark the mail
 * seen. A copy already stored (same Message-ID and body) is not stored again; the same Message-ID with
 * another body is kept and flagged as a conflict.
 */
export async function storeInbound(
  db: Db,
  opts: { raw: Buffer; via: "smtp" | "imap"; mailFrom: string | null; targets: InboundTarget[] },
): Promise<{ stored: number[]; duplicates: number }> {
  const { messageId, bodyHash } = mailIdentity(opts.raw);
  return db.transaction(async (tx) => {
    const stored: number[] = [];
    let duplicates = 0;
    for (const t of opts.targets) {
      const res = await tx.execute(sql`
        INSERT INTO inbound_emails (account_id, inbox_id, via, mail_from, rcpt_to, message_id_header, body_hash, conflict, raw, size)
        SELECT ${t.accountId}, ${t.inboxId}, ${opts.via}, ${opts.mailFrom}, ${sql.param(t.rcptTo)}::text[], ${messageId}, ${bodyHash},
          EXISTS (SELECT 1 FROM inbound_emails WHERE account_id = ${t.accountId} AND message_id_header = ${messageId} AND body_hash <> ${bodyHash}),
          ${opts.raw}, ${opts.raw.length}
        ON CONFLICT (account_id, message_id_header, body_hash) DO NOTHING
        RETURNING id`);
      const id = (res.rows[0] as { id: number } | undefined)?.id;
      if (id === undefined) {
        duplicates++;
        continue;
      }
      stored.push(Number(id));
      await enqueue(tx, ingestEmailJob, { inboundId: Number(id) }, { accountId: t.accountId });
    }
    return { stored, duplicates };
  });
}
