import crypto from "node:crypto";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import {
  ContactInput,
  ContactParams,
  FeedbackInput,
  FeedbackParams,
  FeedbackQuery,
  FeedbackResult,
  PublicSearchParams,
  PublicSearchQuery,
  SearchResults,
} from "../../shared/schemas";
import { sameOrigin } from "../http/origin";
import type { ZodTypeProvider } from "../http/zod";
import { AppError, badRequest, notFound } from "../lib/errors";
import { checkContactToken } from "../modules/knowledge/form-token";
import { type HelpCenterRow, helpCenterBySlug } from "../modules/knowledge/help-centers";
import { recordFeedback } from "../modules/knowledge/record-feedback";
import { searchArticles } from "../modules/knowledge/search";
import { submitContact } from "../modules/knowledge/submit-contact";
import { publicArticle } from "./data";
import { esc } from "./html";
import { negotiateLocale } from "./negotiate";

export const VISITOR_COOKIE = "rapport_hv";
const tags = ["public"];

/**
 * The help center's public API: search (also for other sites and the widget), "was this helpful?" votes
 * and the contact form. No sign-in; rate-limited per IP; writes only from the help center's own pages
 * (same-origin check, and a signed token on the contact form).
 */
export async function publicApiRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.ctx;
  const perMinute = (max: number) => ({ max, timeWindow: "1 minute" });

  // The contact form posts as a plain HTML form when the page's script does not run.
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 32 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  const helpCenter = async (slug: string): Promise<HelpCenterRow> => {
    const hc = await helpCenterBySlug(db, slug);
    if (!hc) throw notFound("Help center");
    return hc;
  };
  const checkSameOrigin = (req: FastifyRequest) => {
    if (!sameOrigin(req)) throw new AppError(403, "forbidden", "Cross-origin request refused");
  };

  r.get(
    "/api/v1/public/:accountSlug/search",
    {
      config: { public: true, rateLimit: perMinute(config.helpRateLimit) },
      schema: {
        tags,
        summary: "Search the help center's published articles",
        description:
          "Ranked, typo-tolerant, stemmed per language; snippets are plain text with «» around matches. `locale` defaults to the visitor's Accept-Language.",
        params: PublicSearchParams,
        querystring: PublicSearchQuery,
        response: { 200: SearchResults },
      },
    },
    async (req, reply) => {
      const hc = await helpCenter(req.params.accountSlug);
      const locale = req.query.locale ?? negotiateLocale(hc, req.headers["accept-language"]);
      const out = await searchArticles(db, {
        accountId: hc.accountId,
        q: req.query.q,
        locale,
        audience: "public",
        limit: req.query.limit,
        source: "api",
        publicBase: app.ctx.publicUrl(req),
        helpCenter: hc,
      });
      // Public, read-only data: any site may show it.
      reply.header("access-control-allow-origin", "*");
      return { query: out.query, locale: out.locale, items: out.items.map(({ verified: _, ...hit }) => hit) };
    },
  );

  r.post(
    "/api/v1/public/:accountSlug/articles/:slug/feedback",
    {
      config: { public: true, rateLimit: perMinute(30) },
      schema: {
        tags,
        summary: "Was this article helpful? One vote per visitor and translation; a later vote replaces the earlier one",
        params: FeedbackParams,
        querystring: FeedbackQuery,
        body: FeedbackInput,
        response: { 200: FeedbackResult },
      },
    },
    async (req, reply) => {
      checkSameOrigin(req);
      const hc = await helpCenter(req.params.accountSlug);
      const article = await publicArticle(db, hc.accountId, req.params.slug);
      const locale = req.query.locale ?? hc.defaultLocale;
      if (!article?.translations.some((t) => t.locale === locale)) throw notFound("Article");
      let visitor = req.cookies[VISITOR_COOKIE];
      if (!visitor || !/^[A-Za-z0-9_-]{16,64}$/.test(visitor)) {
        visitor = crypto.randomBytes(18).toString("base64url");
        reply.setCookie(VISITOR_COOKIE, visitor, {
          path: "/",
          httpOnly: true,
          sameSite: "lax",
          secure: req.protocol === "https",
          maxAge: 365 * 86400,
        });
      }
      const visitorKey = crypto.createHash("sha256").update(visitor).digest("base64url").slice(0, 32);
      const counts = await db.transaction((tx) =>
        recordFeedback({
          tx,
          accountId: hc.accountId,
          articleId: article.id,
          locale,
          visitorKey,
          helpful: req.body.helpful,
          comment: req.body.comment,
        }),
      );
      return { helpful: req.body.helpful, ...counts };
    },
  );

  r.post(
    "/api/v1/public/:accountSlug/contact",
    {
      config: { public: true, rateLimit: perMinute(10) },
      schema: {
        tags,
        summary: "The help center's contact form: starts a conversation with the account",
        description: "JSON, or a form post (then answered with a redirect back to the page). Needs the form's signed token.",
        params: ContactParams,
        body: ContactInput,
        response: { 201: z.object({ ok: z.literal(true) }) },
      },
      errorHandler: (err: FastifyError, req, reply) => {
        // JSON callers get the app's usual error shape (a rethrow here would not reach it).
        if (!isForm(req)) return app.errorHandler.call(app, err, req, reply);
        // A browser without the page's script gets a page, not JSON.
        const field = (err as { issues?: { path: string; message: string }[] }).issues?.[0];
        const status = err instanceof AppError ? err.status : ((err as { statusCode?: number }).statusCode ?? 400);
        const message = field
          ? `${field.path.replace(/^body\./, "")}: ${field.message}`
          : err.message || (status === 429 ? "Too many messages from your network; try again in a minute." : "Please check the form.");
        return (reply as FastifyReply)
          .status(status >= 400 && status < 500 ? status : 400)
          .type("text/html; charset=utf-8")
          .header("content-security-policy", "default-src 'none'; base-uri 'none'; frame-ancestors 'none'")
          .send(
            `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Message not sent</title><h1>Your message was not sent</h1><p>${esc(message)}</p><p>Please go back and try again.</p></html>`,
          );
      },
    },
    async (req, reply) => {
      checkSameOrigin(req);
      const hc = await helpCenter(req.params.accountSlug);
      const b = req.body;
      if (!checkContactToken(app.ctx.box, hc.accountId, b.token))
        throw badRequest("body.token: the form has expired; reload the page", "body.token");
      const page = b.page && /^\/(?!\/)[^\s\\]*$/.test(b.page) ? b.page : `/help/${hc.slug}`;
      // Bots fill in the hidden field: they are told it worked, and nothing is created.
      if (!b.website) {
        const locale = b.locale && hc.locales.includes(b.locale) ? b.locale : hc.defaultLocale;
        await submitContact({ db, accountId: hc.accountId, name: b.name, email: b.email, message: b.message, locale, page });
        app.ctx.relay.kick();
      }
      if (isForm(req)) return (reply as FastifyReply).redirect(`${page.split(/[?#]/)[0]}?contact=sent#contact`, 303);
      reply.status(201);
      return { ok: true as const };
    },
  );
}

const isForm = (req: FastifyRequest) => String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded");
