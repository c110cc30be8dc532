import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { contactToken } from "../modules/knowledge/form-token";
import { customDomainSlug, hostOf, loadCustomDomains } from "../modules/knowledge/custom-domains";
import { type HelpCenterRow, helpCenterBase, helpCenterBySlug } from "../modules/knowledge/help-centers";
import { searchArticles } from "../modules/knowledge/search";
import { categoryArticles, countView, popularArticles, publicArticle, publicCategories } from "./data";
import { esc, helpCsp } from "./html";
import { stringsFor } from "./i18n";
import { type Page, type PageCtx, renderPage } from "./layout";
import { negotiateLocale } from "./negotiate";
import { articlePage, categoryPage, homePage, notFoundPage, searchPage } from "./pages";
import { publicApiRoutes } from "./public-api";

const here = path.dirname(fileURLToPath(import.meta.url));
const LOCALE = /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/;
const SECTIONS = new Set(["articles", "categories", "search"]);

function asset(file: string, type: string) {
  const body = fs.readFileSync(path.join(here, "assets", file));
  const version = crypto.createHash("sha256").update(body).digest("hex").slice(0, 12);
  return { body, type, version, url: `/help-assets/${file}?v=${version}` };
}

/**
 * The public help center: server-rendered pages at /help/<slug>/… (and at / on an account's custom domain,
 * see custom-domains.ts), its stylesheet and script, and the public API it calls (search, feedback, contact).
 */
export async function helpCenterPlugin(app: FastifyInstance) {
  const { db, config } = app.ctx;
  const css = asset("help.css", "text/css; charset=utf-8");
  const js = asset("help.js", "text/javascript; charset=utf-8");
  const pageLimit = { max: config.helpRateLimit * 2, timeWindow: "1 minute" };

  for (const a of [css, js]) {
    app.get(`/help-assets/${a.url.split("/").pop()?.split("?")[0]}`, { config: { public: true } }, async (req, reply) => {
      const fresh = (req.query as { v?: string }).v === a.version;
      return reply
        .type(a.type)
        .header("cache-control", fresh ? "public, max-age=31536000, immutable" : "public, max-age=300")
        .send(a.body);
    });
  }

  await app.register(publicApiRoutes);

  let timer: NodeJS.Timeout | null = null;
  app.addHook("onReady", async () => {
    await loadCustomDomains(app, db);
    timer = setInterval(
      () => void loadCustomDomains(app, db).catch((err) => app.log.warn({ err }, "loading custom domains failed")),
      30_000,
    );
    timer.unref();
  });
  app.addHook("onClose", async () => {
    if (timer) clearInterval(timer);
  });

  const send = (reply: FastifyReply, ctx: PageCtx, page: Page) => {
    const { html, styleHash } = renderPage(ctx, page);
    return reply
      .status(page.status ?? 200)
      .type("text/html; charset=utf-8")
      .header("content-security-policy", helpCsp(styleHash, { widget: Boolean(ctx.hc.settings.chatInboxId) }))
      .header("x-frame-options", "DENY")
      .header("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=()")
      .header("cache-control", "no-cache")
      .send(html);
  };

  const serve = async (req: FastifyRequest, reply: FastifyReply, slug: string, rest: string[]) => {
    const hc = await helpCenterBySlug(db, slug);
    if (!hc) return noHelpCenter(reply);
    let locale: string | null = null;
    let i = 0;
    if (rest[0] && LOCALE.test(rest[0]) && !SECTIONS.has(rest[0])) {
      locale = hc.locales.includes(rest[0]) ? rest[0] : null;
      i = 1;
      if (!locale)
        return send(
          reply,
          pageCtx(req, hc, negotiateLocale(hc, req.headers["accept-language"])),
          notFoundPage(pageCtx(req, hc, hc.defaultLocale)),
        );
    } else {
      // No language in the address: the visitor's browser languages decide, so caches must keep them apart.
      reply.header("vary", "Accept-Language");
    }
    locale ??= negotiateLocale(hc, req.headers["accept-language"]);
    const ctx = pageCtx(req, hc, locale);
    const section = rest[i] ?? "";
    const arg = rest[i + 1];
    const extra = rest.length - i;
    if (!section && extra === 0) {
      const [cats, popular] = await Promise.all([
        publicCategories(db, hc.accountId, locale, hc.defaultLocale),
        popularArticles(db, hc.accountId, locale, hc.defaultLocale),
      ]);
      return send(reply, ctx, homePage(ctx, cats, popular));
    }
    if (section === "search" && extra === 1) {
      const raw = (req.query as { q?: unknown }).q;
      const q = (Array.isArray(raw) ? String(raw[0] ?? "") : typeof raw === "string" ? raw : "").slice(0, 200);
      const hits = q.trim()
        ? (
            await searchArticles(db, {
              accountId: hc.accountId,
              q,
              locale,
              audience: "public",
              source: "help_center",
              limit: 20,
              helpCenter: hc,
            })
          ).items
        : [];
      return send(reply, ctx, searchPage(ctx, q, hits));
    }
    if (section === "categories" && extra === 2 && arg) {
      const cats = await publicCategories(db, hc.accountId, locale, hc.defaultLocale);
      const cat = cats.find((c) => c.slug === arg);
      if (!cat) return send(reply, ctx, notFoundPage(ctx));
      return send(reply, ctx, categoryPage(ctx, cat, await categoryArticles(db, hc.accountId, cat.id, locale, hc.defaultLocale)));
    }
    if (section === "articles" && extra === 2 && arg) {
      const article = await publicArticle(db, hc.accountId, arg);
      const readable = article?.translations.filter((x) => hc.locales.includes(x.locale)) ?? [];
      const shown = readable.find((x) => x.locale === locale) ?? readable.find((x) => x.locale === hc.defaultLocale) ?? readable[0];
      if (!article || !shown) return send(reply, ctx, notFoundPage(ctx));
      const cats = article.categoryId ? await publicCategories(db, hc.accountId, locale, hc.defaultLocale) : [];
      const cat = cats.find((c) => c.id === article.categoryId) ?? null;
      const related = cat ? await categoryArticles(db, hc.accountId, cat.id, locale, hc.defaultLocale) : [];
      if (req.method === "GET") await countView(db, article.id, shown.locale);
      return send(reply, ctx, articlePage(ctx, article, shown, cat, related));
    }
    return send(reply, ctx, notFoundPage(ctx));
  };

  const pageCtx = (req: FastifyRequest, hc: HelpCenterRow, locale: string): PageCtx => {
    const onOwnDomain =
      hc.customDomain !== null && hc.customDomain === hostOf(req.headers.host) && customDomainSlug(app, req.headers.host) === hc.slug;
    return {
      hc,
      locale,
      t: stringsFor(locale),
      base: onOwnDomain ? "" : `/help/${hc.slug}`,
      canonicalBase: helpCenterBase(hc, app.ctx.publicUrl(req)),
      contactToken: contactToken(app.ctx.box, hc.accountId),
      contactSent: (req.query as { contact?: string }).contact === "sent",
      assets: { css: css.url, js: js.url },
    };
  };

  const opts = { config: { public: true, rateLimit: pageLimit }, schema: { hide: true } };
  app.get("/help/:accountSlug", opts, async (req, reply) => serve(req, reply, (req.params as { accountSlug: string }).accountSlug, []));
  app.get("/help/:accountSlug/*", opts, async (req, reply) => {
    const p = req.params as { accountSlug: string; "*": string };
    const rest = p["*"].split("/").filter(Boolean).map(safeDecode);
    if (rest.some((s) => s === null)) return noHelpCenter(reply);
    return serve(req, reply, p.accountSlug, rest as string[]);
  });
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

function noHelpCenter(reply: FastifyReply) {
  const title = "Help center not found";
  return reply
    .status(404)
    .type("text/html; charset=utf-8")
    .header("content-security-policy", "default-src 'none'; base-uri 'none'; frame-ancestors 'none'")
    .send(
      `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><h1>${esc(title)}</h1><p>There is no help center at this address.</p></html>`,
    );
}
