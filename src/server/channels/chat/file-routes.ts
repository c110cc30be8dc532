import type { FastifyInstance } from "fastify";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { ClientId, IdParams, Message } from "../../../shared/schemas";
import type { ZodTypeProvider } from "../../http/zod";
import { AppError, notFound } from "../../lib/errors";
import { postMessage } from "../../modules/conversations/post-message";
import { presentMessage } from "../../modules/conversations/present";
import { getMessagesByIds } from "../../modules/conversations/queries";
import { insertAttachments } from "../email/attachments";
import { storeVisitorFile } from "./files";
import { RASTER_IMAGES } from "./present";
import { limit, visitorOf } from "./routes-helpers";
import type { ChatRuntime } from "./runtime";

const asciiName = (name: string) => name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");

/**
 * Files in chat, both ways. A visitor uploads the raw bytes (Content-Type: the file's type); the file
 * becomes a message of its own. Files are served by capability URL (the widget's <img> carries no
 * credentials) as downloads, except raster images, which may show inline; never sniffed, never scripts.
 */
export async function widgetFileRoutes(app: FastifyInstance, rt: ChatRuntime) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  // Only this plugin takes non-JSON bodies, as raw bytes; checked against the inbox's limits below.
  app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: 26 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  r.post(
    "/api/v1/widget/files",
    {
      config: { public: true },
      bodyLimit: 26 * 1024 * 1024,
      schema: {
        hide: true,
        querystring: z.strictObject({
          clientId: ClientId,
          conversationId: z.uuid().optional(),
          startedBy: ClientId.optional(),
          name: z.string().max(300).optional(),
        }),
      },
    },
    async (req, reply) => {
      const { visitor, inbox } = await visitorOf(rt, req, reply);
      limit(reply, rt.limits.send, visitor.id);
      if (!inbox.settings.files.enabled) throw new AppError(403, "files_disabled", "This chat does not take files");
      if (!Buffer.isBuffer(req.body)) throw new AppError(415, "unsupported_file_type", "Send the file's bytes with its Content-Type");
      const file = await storeVisitorFile({
        storage: ctx.storage,
        accountId: visitor.account_id,
        contentType: req.headers["content-type"],
        filename: req.query.name,
        data: req.body,
        maxBytes: inbox.settings.files.maxBytes,
      });
      const { name: _n, ...target } = req.query;
      reply.status(201);
      return rt.send(visitor, inbox, { ...target, text: file.part.filename }, { files: [file] });
    },
  );

  // Agents send files into a chat: the file is a reply of its own, pushed to the visitor like any other.
  r.post(
    "/api/v1/conversations/:id/files",
    {
      bodyLimit: 26 * 1024 * 1024,
      schema: {
        hide: true,
        params: IdParams,
        querystring: z.strictObject({ name: z.string().max(300).optional() }),
        response: { 201: Message },
      },
    },
    async (req, reply) => {
      const chat = await ctx.db.execute(
        sql`SELECT 1 FROM chat_sessions WHERE conversation_id = ${req.params.id} AND account_id = ${req.actor.accountId}`,
      );
      if (!chat.rows.length) throw notFound("Chat conversation");
      if (!Buffer.isBuffer(req.body)) throw new AppError(415, "unsupported_file_type", "Send the file's bytes with its Content-Type");
      const file = await storeVisitorFile({
        storage: ctx.storage,
        accountId: req.actor.accountId,
        contentType: req.headers["content-type"],
        filename: req.query.name,
        data: req.body,
        maxBytes: 25 * 1024 * 1024,
      });
      const { messageId } = await ctx.write(req.actor, async (tx) => {
        const out = await postMessage({
          tx,
          actor: req.actor,
          conversationId: req.params.id,
          kind: "reply",
          content: { text: file.part.filename },
        });
        await insertAttachments(tx, req.actor.accountId, out.messageId, [file]);
        return out;
      });
      reply.status(201);
      return presentMessage((await getMessagesByIds(ctx.db, [messageId]))[0]);
    },
  );

  r.get(
    "/api/v1/widget/files/:id",
    { config: { public: true }, schema: { hide: true, params: IdParams, querystring: z.object({ sig: z.string().max(100) }) } },
    async (req, reply) => {
      limit(reply, rt.limits.ip, req.ip);
      if (!ctx.box.verify(`widget-file:${req.params.id}`, req.query.sig)) throw notFound("File");
      const res = await ctx.db.execute(sql`SELECT filename, content_type, storage_key FROM attachments WHERE id = ${req.params.id}`);
      const a = res.rows[0] as { filename: string; content_type: string; storage_key: string } | undefined;
      if (!a) throw notFound("File");
      const inline = RASTER_IMAGES.has(a.content_type);
      return reply
        .header(
          "content-type",
          inline || !/^(text\/html|image\/svg|application\/xhtml|text\/xml|application\/xml)/i.test(a.content_type)
            ? a.content_type
            : "application/octet-stream",
        )
        .header(
          "content-disposition",
          `${inline ? "inline" : "attachment"}; filename="${asciiName(a.filename)}"; filename*=UTF-8''${encodeURIComponent(a.filename)}`,
        )
        .header("content-security-policy", "default-src 'none'; sandbox")
        .header("cross-origin-resource-policy", "same-origin")
        .header("cache-control", "private, max-age=86400, immutable")
        .send(await ctx.storage.get(a.storage_key));
    },
  );
}
