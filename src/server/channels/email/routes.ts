import type { FastifyInstance, FastifyReply } from "fastify";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { EmailAddress, IdParams, Message } from "../../../shared/schemas";
import type { ZodTypeProvider } from "../../http/zod";
import { enqueue } from "../../jobs/queue";
import { badRequest, forbidden, notFound } from "../../lib/errors";
import { getMessagesByIds } from "../../modules/conversations/queries";
import { presentMessage } from "../../modules/conversations/present";
import { recordEvent } from "../../events/outbox";
import { eventActorOf } from "../../actor";
import { policies } from "../../policies";
import { deliverMessageJob } from "../deliver-job";
import { replyAddress } from "./address";

type AttachmentRow = { id: string; account_id: string; filename: string; content_type: string; storage_key: string; size: number };

/** Types a browser may show inline from the sandboxed message frame; SVG and HTML never are. */
const INLINE_IMAGES = new Set(["image/png", "image/gif", "image/jpeg", "image/webp"]);

const asciiName = (name: string) => name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");

/** Files are always downloads: never rendered by the browser, whatever the sender claimed they are. */
function sendDownload(reply: FastifyReply, data: Buffer, filename: string, contentType: string) {
  const safeType = /^(text\/html|image\/svg|application\/xhtml|text\/xml|application\/xml)/i.test(contentType)
    ? "application/octet-stream"
    : contentType;
  return reply
    .header("content-type", safeType)
    .header("content-disposition", `attachment; filename="${asciiName(filename)}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header("content-security-policy", "default-src 'none'; sandbox")
    .header("cache-control", "private, max-age=300")
    .send(data);
}

const EmailThread = z
  .object({
    inbox: z.object({ id: z.string(), name: z.string(), address: z.string() }).nullable(),
    to: z.array(EmailAddress),
    cc: z.array(EmailAddress),
    replyAddress: z.string().nullable(),
    subject: z.string().nullable(),
  })
  .meta({ id: "EmailThread" });

export async function emailRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  async function attachment(id: string, accountId: string | null): Promise<AttachmentRow> {
    const res = await ctx.db.execute(sql`
      SELECT id, account_id, filename, content_type, storage_key, size FROM attachments
      WHERE id = ${id} ${accountId ? sql`AND account_id = ${accountId}` : sql``}`);
    const row = res.rows[0] as AttachmentRow | undefined;
    if (!row) throw notFound("Attachment");
    return row;
  }

  r.get(
    "/api/v1/attachments/:id",
    { schema: { tags: ["messages"], summary: "Download an attachment", params: IdParams } },
    async (req, reply) => {
      const a = await attachment(req.params.id, req.actor.accountId);
      return sendDownload(reply, await ctx.storage.get(a.storage_key), a.filename, a.content_type);
    },
  );

  // Inline images of a mail, for the sandboxed message frame (no cookie there): the URL carries a signature.
  r.get(
    "/api/v1/attachments/:id/inline",
    { config: { public: true }, schema: { hide: true, params: IdParams, querystring: z.object({ sig: z.string().max(100) }) } },
    async (req, reply) => {
      if (!ctx.box.verify(`attachment:${req.params.id}`, req.query.sig)) throw notFound("Attachment");
      const a = await attachment(req.params.id, null);
      if (!INLINE_IMAGES.has(a.content_type)) throw notFound("Attachment");
      return reply
        .header("content-type", a.content_type)
        .header("content-disposition", "inline")
        .header("cache-control", "private, max-age=86400, immutable")
        .send(await ctx.storage.get(a.storage_key));
    },
  );

  r.get(
    "/api/v1/messages/:id/raw",
    { schema: { tags: ["messages"], summary: "Download the original mail (.eml)", params: IdParams } },
    async (req, reply) => {
      const res = await ctx.db.execute(sql`
      SELECT i.raw, i.message_id_header FROM email_messages e JOIN inbound_emails i ON i.id = e.inbound_email_id
      WHERE e.message_id = ${req.params.id} AND e.account_id = ${req.actor.accountId}`);
      const row = res.rows[0] as { raw: Buffer; message_id_header: string } | undefined;
      if (!row) throw notFound("Original mail");
      return sendDownload(reply, row.raw, `message-${req.params.id.slice(0, 8)}.eml`, "message/rfc822");
    },
  );

  r.get(
    "/api/v1/inbound-emails/:id/raw",
    {
      schema: {
        tags: ["inboxes"],
        summary: "Download an inbound mail as received (admins)",
        params: z.object({ id: z.coerce.number().int().positive() }),
      },
    },
    async (req, reply) => {
      if (!policies.manageInboxes(req.actor)) throw forbidden("Only admins and owners can read raw inbound mail");
      const res = await ctx.db.execute(
        sql`SELECT raw FROM inbound_emails WHERE id = ${req.params.id} AND account_id = ${req.actor.accountId}`,
      );
      const row = res.rows[0] as { raw: Buffer } | undefined;
      if (!row) throw notFound("Inbound mail");
      return sendDownload(reply, row.raw, `inbound-${req.params.id}.eml`, "message/rfc822");
    },
  );

  r.post(
    "/api/v1/messages/:id/retry",
    { schema: { tags: ["messages"], summary: "Send a failed reply again", params: IdParams, response: { 200: Message } } },
    async (req) => {
      await ctx.write(req.actor, async (tx) => {
        const res = await tx.execute(sql`
          SELECT m.id, m.conversation_id, m.delivery_status, c.status FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE m.id = ${req.params.id} AND m.account_id = ${req.actor.accountId} FOR UPDATE OF m`);
        const m = res.rows[0] as { id: string; conversation_id: string; delivery_status: string | null; status: string } | undefined;
        if (!m) throw notFound("Message");
        if (m.delivery_status !== "failed") throw badRequest("Only a reply whose delivery failed can be sent again");
        if (!policies.reply(req.actor, m.status)) throw forbidden("This conversation is closed");
        await tx.execute(sql`UPDATE messages SET delivery_status = 'pending', delivery_error = NULL WHERE id = ${m.id}`);
        await enqueue(tx, deliverMessageJob, { messageId: m.id }, { accountId: req.actor.accountId });
        await recordEvent(tx, {
          accountId: req.actor.accountId,
          type: "message.delivery_retried",
          conversationId: m.conversation_id,
          actor: eventActorOf(req.actor),
          data: { messageId: m.id },
        });
      });
      const [row] = await getMessagesByIds(ctx.db, [req.params.id]);
      return presentMessage(row);
    },
  );

  r.get(
    "/api/v1/conversations/:id/email-thread",
    {
      schema: {
        tags: ["conversations"],
        summary: "Who an email reply goes to (To, Cc) and from which inbox",
        params: IdParams,
        response: { 200: EmailThread },
      },
    },
    async (req) => {
      const res = await ctx.db.execute(sql`
        SELECT t."to", t.cc, t.subject, t.reply_token, i.id AS inbox_id, i.name, i.address
        FROM email_threads t LEFT JOIN inboxes i ON i.id = t.inbox_id
        WHERE t.conversation_id = ${req.params.id} AND t.account_id = ${req.actor.accountId}`);
      const t = res.rows[0] as
        | {
            to: EmailAddress[];
            cc: EmailAddress[];
            subject: string | null;
            reply_token: string;
            inbox_id: string | null;
            name: string;
            address: string;
          }
        | undefined;
      if (!t) throw notFound("Email thread");
      return {
        inbox: t.inbox_id ? { id: t.inbox_id, name: t.name, address: t.address } : null,
        to: t.to,
        cc: t.cc,
        replyAddress: t.address ? replyAddress(t.address, t.reply_token) : null,
        subject: t.subject,
      };
    },
  );
}
