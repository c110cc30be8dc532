import type { FastifyInstance } from "fastify";
import { sql } from "drizzle-orm";
import { z } from "zod";
import {
  CreateVisitorInput,
  DeflectionInput,
  FollowUpInput,
  IdentifyInput,
  IdentifyResult,
  IdParams,
  ProfileInput,
  SendInput,
  SendResult,
  VisitorProfile,
  VisitorSession,
  WidgetArticle,
  WidgetArticleHit,
  WidgetConfig,
  WidgetConversation,
  WidgetMessage,
  WidgetSearchQuery,
} from "../../../shared/schemas";
import type { ZodTypeProvider } from "../../http/zod";
import { AppError, notFound } from "../../lib/errors";
import { normalizeIdentity } from "../../modules/customers/identities";
import { articleExists, suggestArticles, widgetArticle } from "./articles";
import { ALLOWED_TYPE_LIST } from "./files";
import { identifyVisitor } from "./identify-visitor";
import { presentWidgetConversation, presentWidgetMessage } from "./present";
import { visitorConversation, visitorConversations, widgetMessages } from "./queries";
import { checkOrigin, limit, visitorOf } from "./routes-helpers";
import type { ChatRuntime } from "./runtime";
import { type ChatInboxRow, createVisitor, presentVisitor } from "./visitors";

const JSON_LIMIT = 32 * 1024;
const tags = ["widget"];

export async function widgetConfig(rt: ChatRuntime, inbox: ChatInboxRow): Promise<WidgetConfig> {
  const s = inbox.settings;
  return {
    inboxId: inbox.id,
    name: inbox.name,
    primaryColor: s.primaryColor,
    position: s.position,
    greeting: s.greeting as Record<string, string>,
    languages: s.languages,
    preChatForm: s.preChatForm,
    requireVerifiedIdentity: s.requireVerifiedIdentity,
    files: { enabled: s.files.enabled, maxBytes: s.files.maxBytes, types: ALLOWED_TYPE_LIST },
    availability: await rt.availability(inbox),
  };
}

/**
 * The widget's public API: no agent session, a visitor token instead (x-rapport-visitor), each request
 * rate-limited per IP and per visitor and refused from origins the inbox doesn't allow. A visitor only
 * ever reaches their own conversations; anything else is a 404.
 */
export async function widgetRoutes(app: FastifyInstance, rt: ChatRuntime) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const pub = { public: true };

  r.get(
    "/api/v1/widget/config",
    {
      config: pub,
      schema: {
        tags,
        summary: "The chat's look, languages and availability (for the loader)",
        querystring: z.object({ inbox: z.uuid() }),
        response: { 200: WidgetConfig },
      },
    },
    async (req, reply) => {
      // Readable from any site (the answer may be "not allowed here"), so the loader can say why it stops.
      if (req.headers.origin) reply.header("access-control-allow-origin", req.headers.origin).header("vary", "origin");
      limit(reply, rt.limits.ip, req.ip);
      const inbox = await rt.inboxes.get(req.query.inbox);
      if (!inbox) throw notFound("Chat");
      checkOrigin(req, inbox, ctx.publicUrl(req));
      reply.header("cache-control", "no-store");
      return widgetConfig(rt, inbox);
    },
  );

  r.post(
    "/api/v1/widget/visitors",
    {
      config: pub,
      bodyLimit: JSON_LIMIT,
      schema: {
        tags,
        summary: "A new anonymous visitor (the token is shown once)",
        body: CreateVisitorInput,
        response: { 201: VisitorSession },
      },
    },
    async (req, reply) => {
      limit(reply, rt.limits.ip, req.ip);
      limit(reply, rt.limits.newVisitor, req.ip);
      const inbox = await rt.inboxes.get(req.body.inboxId);
      if (!inbox) throw notFound("Chat");
      checkOrigin(req, inbox, ctx.publicUrl(req));
      reply.status(201);
      return createVisitor(ctx.db, inbox);
    },
  );

  r.get(
    "/api/v1/widget/me",
    {
      config: pub,
      schema: {
        tags,
        summary: "The visitor and their conversations",
        response: { 200: z.object({ visitor: VisitorProfile, conversations: z.array(WidgetConversation) }) },
      },
    },
    async (req, reply) => {
      const { visitor } = await visitorOf(rt, req, reply);
      return {
        visitor: presentVisitor(visitor),
        conversations: (await visitorConversations(ctx.db, visitor)).map(presentWidgetConversation),
      };
    },
  );

  r.patch(
    "/api/v1/widget/me",
    {
      config: pub,
      bodyLimit: JSON_LIMIT,
      schema: { tags, summary: "The pre-chat form: the visitor's name and email", body: ProfileInput, response: { 200: VisitorProfile } },
    },
    async (req, reply) => {
      const { visitor } = await visitorOf(rt, req, reply);
      const email = req.body.email ? normalizeIdentity("email", req.body.email, "body.email") : null;
      // A verified identity's name and email come from the site, not from the form.
      const res = await ctx.db.execute(sql`
        UPDATE chat_visitors SET name = CASE WHEN verified THEN name ELSE coalesce(${req.body.name ?? null}, name) END,
          email = CASE WHEN verified THEN email ELSE coalesce(${email}, email) END
        WHERE id = ${visitor.id} RETURNING id, account_id, inbox_id, customer_id, external_id, verified, name, email`);
      const next = res.rows[0] as typeof visitor;
      // The visitor's own (unverified) customer takes the name they gave; a verified customer's name is the site's.
      if (!next.verified && next.customer_id && req.body.name) {
        await ctx.db.execute(sql`UPDATE customers SET name = ${req.body.name}, updated_at = now() WHERE id = ${next.customer_id}`);
      }
      return presentVisitor(next);
    },
  );

  r.post(
    "/api/v1/widget/identify",
    {
      config: pub,
      bodyLimit: JSON_LIMIT,
      schema: {
        tags,
        summary: "Rapport.identify: the site's signed-in user, verified by HMAC-SHA256(secret, id)",
        body: IdentifyInput,
        response: { 200: IdentifyResult },
      },
    },
    async (req, reply) => {
      const { visitor, inbox } = await visitorOf(rt, req, reply);
      const out = await ctx.write(null, (tx) => identifyVisitor({ tx, box: ctx.box, inbox, visitor, input: req.body }));
      return { visitor: presentVisitor(out.visitor), session: out.session };
    },
  );

  r.get(
    "/api/v1/widget/conversations/:id/messages",
    {
      config: pub,
      schema: {
        tags,
        summary: "A conversation of this visitor and its messages (HTTP fallback of the socket)",
        params: IdParams,
        response: { 200: z.object({ conversation: WidgetConversation, items: z.array(WidgetMessage) }) },
      },
    },
    async (req, reply) => {
      const { visitor } = await visitorOf(rt, req, reply);
      const conv = await visitorConversation(ctx.db, visitor, req.params.id);
      if (!conv) throw notFound("Conversation");
      const items = await widgetMessages(ctx.db, conv.id);
      return { conversation: presentWidgetConversation(conv), items: items.map((m) => presentWidgetMessage(m, ctx.box)) };
    },
  );

  r.post(
    "/api/v1/widget/messages",
    {
      config: pub,
      bodyLimit: JSON_LIMIT,
      schema: {
        tags,
        summary: "Send a message (HTTP fallback of the socket); the client id makes a retry return the first message",
        body: SendInput,
        response: { 201: SendResult },
      },
    },
    async (req, reply) => {
      const { visitor, inbox } = await visitorOf(rt, req, reply);
      limit(reply, rt.limits.send, visitor.id);
      reply.status(201);
      return rt.send(visitor, inbox, req.body);
    },
  );

  r.post(
    "/api/v1/widget/conversations/:id/read",
    { config: pub, schema: { tags, summary: "The visitor read the conversation (agents see Seen)", params: IdParams } },
    async (req, reply) => {
      const { visitor } = await visitorOf(rt, req, reply);
      if (!(await rt.markVisitorRead(visitor, req.params.id))) throw notFound("Conversation");
      reply.status(204);
    },
  );

  r.post(
    "/api/v1/widget/conversations/:id/follow-up",
    {
      config: pub,
      bodyLimit: JSON_LIMIT,
      schema: {
        tags,
        summary: "Where replies go by email once the visitor has left",
        params: IdParams,
        body: FollowUpInput,
        response: { 200: WidgetConversation },
      },
    },
    async (req, reply) => {
      const { visitor } = await visitorOf(rt, req, reply);
      const email = normalizeIdentity("email", req.body.email, "body.email");
      if (!(await visitorConversation(ctx.db, visitor, req.params.id))) throw notFound("Conversation");
      await rt.setFollowUpEmail(visitor, req.params.id, email);
      return presentWidgetConversation((await visitorConversation(ctx.db, visitor, req.params.id))!);
    },
  );

  r.get(
    "/api/v1/widget/articles",
    {
      config: pub,
      schema: {
        tags,
        summary: "Help-center articles matching what the visitor types",
        querystring: WidgetSearchQuery,
        response: { 200: z.object({ items: z.array(WidgetArticleHit) }) },
      },
    },
    async (req, reply) => {
      const { visitor } = await visitorOf(rt, req, reply);
      limit(reply, rt.limits.search, visitor.id);
      if (!req.query.q.trim()) return { items: [] };
      return { items: await suggestArticles(ctx.db, visitor.account_id, req.query.q, req.query.locale, ctx.publicUrl(req)) };
    },
  );

  r.get(
    "/api/v1/widget/articles/:id",
    {
      config: pub,
      schema: {
        tags,
        summary: "A published article, to read inside the widget",
        params: IdParams,
        querystring: z.object({ locale: z.string().max(35).optional() }),
        response: { 200: WidgetArticle },
      },
    },
    async (req, reply) => {
      const { visitor } = await visitorOf(rt, req, reply);
      const article = await widgetArticle(ctx.db, visitor.account_id, req.params.id, req.query.locale, ctx.publicUrl(req));
      if (!article) throw notFound("Article");
      return article;
    },
  );

  r.post(
    "/api/v1/widget/deflection",
    {
      config: pub,
      bodyLimit: JSON_LIMIT,
      schema: { tags, summary: "Self-service outcomes: suggestions shown, article opened, solved, escalated", body: DeflectionInput },
    },
    async (req, reply) => {
      const { visitor } = await visitorOf(rt, req, reply);
      const { kind, articleId } = req.body;
      if ((kind === "opened" || kind === "solved") && !articleId)
        throw new AppError(400, "invalid_request", "body.articleId: is required", "body.articleId");
      if (articleId && !(await articleExists(ctx.db, visitor.account_id, articleId))) throw notFound("Article");
      await ctx.db.execute(sql`
        INSERT INTO deflection_events (account_id, inbox_id, visitor_id, kind, article_id)
        VALUES (${visitor.account_id}, ${visitor.inbox_id}, ${visitor.id}, ${kind}, ${articleId ?? null})`);
      reply.status(204);
    },
  );
}
