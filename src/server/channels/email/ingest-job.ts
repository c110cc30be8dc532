import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "../../db/client";
import { defineJob, type JobContext } from "../../jobs/queue";
import { createConversation } from "../../modules/conversations/create-conversation";
import { receiveMessage } from "../../modules/conversations/receive-message";
import { findOrCreateCustomer } from "../../modules/customers/find-or-create-customer";
import { queueAcknowledgement } from "./acknowledge";
import { newReplyToken } from "./address";
import { insertAttachments, storeAttachments } from "./attachments";
import { attachBounce } from "./bounce";
import { classify } from "./classify";
import { type EmailContent, emailContent } from "./content";
import { loopVerdict } from "./own-mail";
import { type ParsedEmail, parseEmail } from "./parse";
import { rawHeader, rawHeaderBlock } from "./raw-headers";
import { findThread } from "./thread";

type InboundRow = {
  id: number;
  account_id: string;
  inbox_id: string;
  via: "smtp" | "imap";
  mail_from: string | null;
  rcpt_to: string[];
  raw: Buffer;
  status: string;
  message_id_header: string;
};
type InboxRow = { id: string; address: string; settings: Record<string, unknown> };

const PARSE_TIMEOUT_MS = 60_000;

/** Turns a committed raw mail into a conversation or a reply: the part of email that may fail and retry. */
export const ingestEmailJob = defineJob({
  type: "email.ingest",
  payload: z.object({ inboundId: z.number().int() }),
  maxAttempts: 6,
  async handle(p, ctx) {
    const { db } = ctx;
    const res = await db.execute(sql`
      SELECT id, account_id, inbox_id, via, mail_from, rcpt_to, raw, status, message_id_header FROM inbound_emails WHERE id = ${p.inboundId}`);
    const row = res.rows[0] as InboundRow | undefined;
    if (row?.status !== "received") return;
    let mail: ParsedEmail;
    try {
      mail = await withTimeout(parseEmail(row.raw), PARSE_TIMEOUT_MS);
    } catch (err) {
      // A mail that can't be parsed is kept raw for admins, and never holds up the mail behind it.
      return markUnprocessable(db, row.id, `could not parse: ${err instanceof Error ? err.message : String(err)}`);
    }
    try {
      await processMail(ctx, row, mail);
    } catch (err) {
      if (ctx.attempt >= ctx.maxAttempts) return markUnprocessable(db, row.id, err instanceof Error ? err.message : String(err));
      throw err;
    }
    ctx.deps.kick();
  },
});

async function processMail(ctx: JobContext, row: InboundRow, mail: ParsedEmail) {
  const { db, deps } = ctx;
  // The null sender (MAIL FROM:<>, or Return-Path: <> when fetched) marks mail no one may answer automatically.
  const nullSender = row.via === "smtp" ? !row.mail_from : /^<\s*>$/.test(rawHeader(rawHeaderBlock(row.raw).headers, "Return-Path") ?? "");
  const classified = classify(mail, nullSender);
  const loop = loopVerdict(deps.box, row.account_id, mail);
  // A machine that answered one of our mails and copied its stamp is an auto-reply: recorded, never answered.
  const kind = { ...classified, autoReply: classified.autoReply || loop === "echo" };
  // Files go to storage first; a retry after a failed transaction writes new keys (orphans are harmless).
  const files = kind.bounce ? [] : await storeAttachments(deps.storage, row.account_id, mail.attachments);
  const content = withNotice(emailContent(mail, files, deps.box), mail.notice);
  await db.transaction(async (tx) => {
    // The raw mail and this job were committed durably before the 250; if this transaction is lost in a
    // crash the job simply runs again, so it need not wait for the WAL flush.
    await tx.execute(sql`SET LOCAL synchronous_commit = off`);
    // Mails of one thread are processed one at a time, so a quick reply finds the mail it answers.
    const root = mail.references[0] ?? mail.inReplyTo ?? mail.messageId ?? row.message_id_header;
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${row.account_id}:${root}`}, 0))`);
    const inboxRes = await tx.execute(sql`SELECT id, address, settings FROM inboxes WHERE id = ${row.inbox_id}`);
    const inbox = inboxRes.rows[0] as InboxRow | undefined;
    // A partly imported mail keeps its notice as the error, for admins looking at inbound mail.
    const done = (outcome: string, conversationId: string | null = null, messageId: string | null = null) =>
      tx.execute(sql`
        UPDATE inbound_emails SET status = 'processed', outcome = ${outcome}, conversation_id = ${conversationId},
          message_id = ${messageId}, processed_at = now(), error = ${mail.notice}
        WHERE id = ${row.id}`);
    if (!inbox) return done("inbox-removed");

    if (kind.bounce) {
      const hit = await attachBounce(tx, deps.box, row.account_id, kind.bounce);
      const outcome = !hit ? "bounce-unmatched" : hit.messageId ? "bounce" : "bounce-acknowledgement";
      return done(outcome, hit?.conversationId ?? null, hit?.messageId ?? null);
    }
    const sender = mail.from?.address ?? null;
    if (sender && (await isOwnAddress(tx, row.account_id, sender))) return done("loop-own-address");
    if (loop === "own") return done("loop-own-mail");
    if (kind.autoReply && sender) {
      await tx.execute(sql`INSERT INTO email_auto_log (account_id, address, kind) VALUES (${row.account_id}, ${sender}, 'auto_replied')`);
    }

    const match = await findThread(tx, deps.box, row.account_id, mail, row.rcpt_to);
    if (!match) await waitForEarlierMail(tx, row, mail);
    const htmlContent = { text: content.text, html: content.html ?? undefined, htmlSanitized: true };
    let conversationId: string;
    let messageId: string;
    let created = false;
    if (match && match.status !== "closed") {
      conversationId = match.conversationId;
      const author = sender
        ? await findOrCreateCustomer({
            tx,
            accountId: row.account_id,
            identities: [{ kind: "email", value: sender }],
            name: mail.from?.name ?? undefined,
          })
        : null;
      ({ messageId } = await receiveMessage({ db: tx, actor: systemActor(row.account_id), conversationId, content: htmlContent }));
      if (author) await tx.execute(sql`UPDATE messages SET author_customer_id = ${author.customerId} WHERE id = ${messageId}`);
      await mergeParticipants(tx, conversationId, mail, inbox.address);
    } else {
      const identities = sender
        ? [{ kind: "email" as const, value: sender }]
        : [{ kind: "email" as const, value: `unknown+${row.id}@invalid.rapport` }];
      const out = await createConversation({
        db: tx,
        accountId: row.account_id,
        actor: { type: "system", id: null },
        channel: "email",
        customer: { identities, name: mail.from?.name ?? undefined },
        subject: mail.subject ?? undefined,
        message: htmlContent,
      });
      ({ conversationId, messageId } = out);
      created = true;
      const others = [...mail.to, ...mail.cc].filter((a) => a.address !== sender && !sameInbox(a.address, inbox.address));
      await tx.execute(sql`
        INSERT INTO email_threads (conversation_id, account_id, inbox_id, reply_token, "to", cc, subject)
        VALUES (${conversationId}, ${row.account_id}, ${inbox.id}, ${newReplyToken()},
          ${JSON.stringify(mail.from ? [mail.replyTo ?? mail.from] : [])}::jsonb, ${JSON.stringify(dedupe(others))}::jsonb, ${mail.subject})`);
    }
    await tx.execute(sql`
      INSERT INTO email_messages (message_id, account_id, conversation_id, inbox_id, direction, header_message_id, in_reply_to, "references",
        "from", "to", cc, subject, original_text, original_html, remote_images, automatic, inbound_email_id)
      VALUES (${messageId}, ${row.account_id}, ${conversationId}, ${inbox.id}, 'in', ${row.message_id_header}, ${mail.inReplyTo},
        ${sql.param(mail.references)}::text[], ${JSON.stringify(mail.from)}::jsonb, ${JSON.stringify(mail.to)}::jsonb, ${JSON.stringify(mail.cc)}::jsonb,
        ${mail.subject}, ${content.originalText}, ${content.originalHtml}, ${content.remoteImages}, ${kind.autoReply ? "auto-reply" : null}, ${row.id})`);
    await insertAttachments(tx, row.account_id, messageId, files);
    if (created && sender && !nullSender && !kind.autoReply && !kind.bulk) {
      await queueAcknowledgement(tx, {
        accountId: row.account_id,
        inboxId: inbox.id,
        conversationId,
        settings: inbox.settings,
        to: mail.replyTo?.address ?? sender,
        mail,
        limit: deps.config.email.autoLimitPerHour,
      });
    }
    await done(
      created ? (kind.autoReply ? "new-conversation-auto-reply" : "new-conversation") : `reply-${match?.rule}`,
      conversationId,
      messageId,
    );
  });
}

/** Job-made writes are attributed to the account, not to an agent. */
const systemActor = (accountId: string) => ({
  accountId,
  userId: "00000000-0000-0000-0000-000000000000",
  name: "Rapport",
  role: "agent" as const,
  via: "token" as const,
});

const sameInbox = (address: string, inboxAddress: string) => address === inboxAddress || address.replace(/\+[^@]*@/, "@") === inboxAddress;

function dedupe<T extends { address: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((a) => !seen.has(a.address) && seen.add(a.address));
}

async function isOwnAddress(tx: Tx, accountId: string, address: string): Promise<boolean> {
  const base = address.replace(/\+[^@]*@/, "@");
  const res = await tx.execute(sql`SELECT 1 FROM inboxes WHERE account_id = ${accountId} AND address IN (${address}, ${base}) LIMIT 1`);
  return res.rows.length > 0;
}

/** People the customer added on their reply join the thread's Cc (shown to the agent before any reply). */
async function mergeParticipants(tx: Tx, conversationId: string, mail: ParsedEmail, inboxAddress: string) {
  const res = await tx.execute(sql`SELECT "to", cc FROM email_threads WHERE conversation_id = ${conversationId} FOR UPDATE`);
  const t = res.rows[0] as { to: { address: string }[]; cc: { address: string; name: string | null }[] } | undefined;
  if (!t) return;
  const known = new Set([...t.to, ...t.cc].map((a) => a.address));
  const added = [...mail.to, ...mail.cc].filter(
    (a) => !known.has(a.address) && !sameInbox(a.address, inboxAddress) && a.address !== mail.from?.address,
  );
  if (added.length) {
    await tx.execute(
      sql`UPDATE email_threads SET cc = ${JSON.stringify(dedupe([...t.cc, ...added]))}::jsonb WHERE conversation_id = ${conversationId}`,
    );
  }
}

/**
 * Jobs run side by side: a reply must not become a new conversation because the mail it answers, which
 * arrived first, is still being processed. Retrying shortly (the job queue's backoff) lets that one finish.
 */
async function waitForEarlierMail(tx: Tx, row: InboundRow, mail: ParsedEmail) {
  const refs = [mail.inReplyTo, ...mail.references].filter((x): x is string => !!x);
  if (!refs.length) return;
  const res = await tx.execute(sql`
    SELECT 1 FROM inbound_emails WHERE account_id = ${row.account_id} AND status = 'received' AND id < ${row.id}
      AND message_id_header = ANY(${sql.param(refs)}::text[]) LIMIT 1`);
  if (res.rows.length) throw new Error("the mail this one answers is still being processed; trying again shortly");
}

/** What was left out of a mail shows on its message, after the folding, so it is never folded away. */
function withNotice(c: EmailContent, notice: string | null): EmailContent {
  if (!notice) return c;
  const esc = notice.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return { ...c, text: `${c.text}\n\n[${notice}]`, html: c.html === null ? null : `${c.html}<p><em>[${esc}]</em></p>` };
}

async function markUnprocessable(db: Db, id: number, error: string) {
  await db.execute(
    sql`UPDATE inbound_emails SET status = 'unprocessable', error = ${error.slice(0, 2000)}, processed_at = now() WHERE id = ${id}`,
  );
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`parsing took longer than ${ms / 1000} s`)), ms);
    }),
  ]);
}
