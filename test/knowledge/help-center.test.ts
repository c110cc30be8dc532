import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestAppWithTeam } from "../helpers/app";
import { type Json, kb } from "./helpers";

let t: Awaited<ReturnType<typeof startTestAppWithTeam>>;
let k: ReturnType<typeof kb>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestAppWithTeam();
  k = kb(t);
  await k.helpCenter(t.a.admin, { locales: ["en", "da", "de"], title: "Acme Help", phone: "+45 70 10 20 30", primaryColor: "#0e7c66" });
  const cat = (
    await k.call(t.a.supervisor, "POST", "/api/v1/article-categories", {
      slug: "account",
      names: { en: { name: "Your account", description: "Passwords and sign-in" }, da: { name: "Din konto" } },
    })
  ).json();
  const pw = await k.create(t.a.supervisor, {
    locale: "en",
    title: "Reset your password",
    summary: "Locked out? Start here.",
    body: "Click **Forgot password** on the sign-in page.",
    status: "published",
    categoryId: cat.id,
  });
  ids.password = pw.id;
  await k.save(t.a.supervisor, pw.id, "da", {
    title: "Nulstil din adgangskode",
    summary: "Låst ude?",
    body: "Klik på **Glemt adgangskode** på login-siden.",
    status: "published",
  });
  ids.enOnly = (
    await k.create(t.a.supervisor, {
      locale: "en",
      title: "Delivery times",
      body: "Two to four days.",
      status: "published",
      categoryId: cat.id,
    })
  ).id;
  ids.draft = (await k.create(t.a.supervisor, { locale: "en", title: "Secret draft", slug: "secret-draft" })).id;
  ids.internal = (
    await k.create(t.a.supervisor, { locale: "en", title: "Agent-only", slug: "agent-only", visibility: "internal", status: "published" })
  ).id;
  await k.helpCenter(t.b.admin);
});
afterAll(async () => t?.close());

const page = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: "GET", url, headers });
const attr = (html: string, re: RegExp) => re.exec(html)?.[1];
const tokenOf = (html: string) => attr(html, /name="token" value="([^"]+)"/) as string;

describe("help center pages", () => {
  it("renders the home page with search, categories, popular articles, hreflang, canonical and a strict CSP", async () => {
    const res = await page("/help/acme/en");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    const html = res.body;
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('<link rel="canonical" href="http://localhost:80/help/acme/en">');
    for (const l of ["en", "da", "de"])
      expect(html).toContain(`<link rel="alternate" hreflang="${l}" href="http://localhost:80/help/acme/${l}">`);
    expect(html).toContain('<link rel="alternate" hreflang="x-default" href="http://localhost:80/help/acme/en">');
    expect(html).toMatch(/<form class="search search-big" role="search" action="\/help\/acme\/en\/search"/);
    expect(html).toContain("Your account");
    expect(html).toContain("2 articles");
    expect(html).toContain('href="/help/acme/en/articles/reset-your-password"');
    expect(html).not.toContain("Secret draft");
    expect(html).not.toContain("Agent-only");
    expect(html).toContain("--brand:#0e7c66");
    // No inline script at all; the one inline style is allowed by its hash.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    const hash = /'(sha256-[^']+)'/.exec(csp)?.[1];
    const style = /<style>([^<]*)<\/style>/.exec(html)?.[1] as string;
    const crypto = await import("node:crypto");
    expect(`sha256-${crypto.createHash("sha256").update(style).digest("base64")}`).toBe(hash);
  });

  it("picks the visitor's language from Accept-Language when the address has none, else the default", async () => {
    const da = await page("/help/acme", { "accept-language": "da-DK,da;q=0.9,en;q=0.5" });
    expect(da.statusCode).toBe(200);
    expect(da.body).toContain('<html lang="da"');
    expect(da.body).toContain("Hvordan kan vi hjælpe?");
    expect(da.headers.vary).toContain("Accept-Language");
    const fr = await page("/help/acme", { "accept-language": "fr-FR,fr;q=0.9" });
    expect(fr.body).toContain('<html lang="en"');
    const explicit = await page("/help/acme/de", { "accept-language": "da" });
    expect(explicit.body).toContain('<html lang="de"');
    expect(explicit.body).toContain("Wie können wir helfen?");
    const article = await page("/help/acme/articles/reset-your-password", { "accept-language": "da,en;q=0.8" });
    expect(article.statusCode).toBe(200);
    expect(article.body).toContain('<h1 id="article-title">Nulstil din adgangskode</h1>');
    expect(article.body).toContain("<strong>Glemt adgangskode</strong>");
  });

  it("shows an article with hreflang for every translation, its category, and counts the view", async () => {
    const viewsOf = async () =>
      (await k.call(t.a.agent, "GET", `/api/v1/articles/${ids.password}`)).json().translations.find((x: Json) => x.locale === "da")
        .views as number;
    const before = await viewsOf();
    const res = await page("/help/acme/da/articles/reset-your-password");
    const html = res.body;
    expect(html).toContain('<html lang="da"');
    expect(html).toContain('<link rel="canonical" href="http://localhost:80/help/acme/da/articles/reset-your-password">');
    expect(html).toContain('<link rel="alternate" hreflang="en" href="http://localhost:80/help/acme/en/articles/reset-your-password">');
    expect(html).toContain('<link rel="alternate" hreflang="da" href="http://localhost:80/help/acme/da/articles/reset-your-password">');
    expect(html).toContain(
      '<link rel="alternate" hreflang="x-default" href="http://localhost:80/help/acme/en/articles/reset-your-password">',
    );
    expect(html).not.toContain('hreflang="de" href');
    expect(html).toContain("Din konto");
    expect(html).toContain("Var denne artikel nyttig?");
    expect(html).toContain('data-feedback="/api/v1/public/acme/articles/reset-your-password/feedback?locale=da"');
    await page("/help/acme/da/articles/reset-your-password");
    await t.app.inject({ method: "HEAD", url: "/help/acme/da/articles/reset-your-password" });
    expect(await viewsOf()).toBe(before + 2);
  });

  it("falls back to the default language with a notice when an article has no translation", async () => {
    const res = await page("/help/acme/da/articles/delivery-times");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="da"');
    expect(res.body).toContain('<article class="article" lang="en"');
    expect(res.body).toContain("Artiklen findes endnu ikke på dansk, så den vises på engelsk.");
    expect(res.body).toContain('<link rel="canonical" href="http://localhost:80/help/acme/en/articles/delivery-times">');
  });

  it("answers drafts, internal articles, unknown pages and other languages' addresses with a designed 404", async () => {
    for (const url of [
      "/help/acme/en/articles/secret-draft",
      "/help/acme/en/articles/agent-only",
      "/help/acme/en/nope",
      "/help/acme/fr",
      "/help/acme/en/categories/nope",
    ]) {
      const res = await page(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).toContain("Page not found");
      expect(res.body, url).toContain("Talk to a person");
    }
    expect((await page("/help/nobody")).statusCode).toBe(404);
    // Another account's article under this help center's address does not exist.
    await k.create(t.b.supervisor, { locale: "en", title: "Globex only", slug: "globex-only", status: "published" });
    expect((await page("/help/acme/en/articles/globex-only")).statusCode).toBe(404);
    expect((await page("/help/globex/en/articles/globex-only")).statusCode).toBe(200);
  });

  it("searches with typos, highlights matches, and designs the no-result page with a way to a person", async () => {
    const hit = await page(`/help/acme/en/search?q=${encodeURIComponent("pasword resett")}`);
    expect(hit.statusCode).toBe(200);
    expect(hit.body).toContain("1 result for “pasword resett”");
    expect(hit.body).toContain('href="/help/acme/en/articles/reset-your-password"');
    expect(hit.body).toMatch(/<mark>password<\/mark>/i);
    const none = await page(`/help/acme/en/search?q=${encodeURIComponent("<script>alert(1)</script>")}`);
    expect(none.body).toContain("No results for “&lt;script&gt;alert(1)&lt;/script&gt;”");
    expect(none.body).not.toContain("<script>alert(1)");
    expect(none.body).toContain("talk to a person");
    const rec = (await t.app.ctx.db.execute(sql`SELECT source, results FROM help_searches WHERE query = 'pasword resett'`)).rows;
    expect(rec).toEqual([{ source: "help_center", results: 1 }]);
  });

  it("shows 'Talk to a person' on every page type: the contact form without a chat inbox, the phone when set", async () => {
    for (const url of [
      "/help/acme/en",
      "/help/acme/en/categories/account",
      "/help/acme/en/articles/reset-your-password",
      "/help/acme/en/search?q=x",
      "/help/acme/en/missing",
    ]) {
      const html = (await page(url)).body;
      expect(html, url).toContain('<a class="btn talk" href="#contact" data-talk>Talk to a person</a>');
      expect(html, url).toContain('<section id="contact"');
      expect(html, url).toMatch(
        /<form class="contact-form" method="post" action="\/api\/v1\/public\/acme\/contact" data-contact novalidate>/,
      );
      expect(html, url).toContain('<a href="tel:+4570102030">+45 70 10 20 30</a>');
      expect(html, url).not.toContain("/widget.js");
    }
  });

  it("opens the chat widget instead when the help center has a chat inbox", async () => {
    const inbox = (
      await t.app.ctx.db.execute(
        sql`INSERT INTO inboxes (account_id, channel, name) VALUES (${t.a.accountId}, 'chat', 'Website chat') RETURNING id`,
      )
    ).rows[0] as { id: string };
    await k.helpCenter(t.a.admin, { chatInboxId: inbox.id });
    const res = await page("/help/acme/en/articles/reset-your-password");
    const html = res.body;
    expect(html).toContain(`<script src="/widget.js" data-inbox="${inbox.id}" async></script>`);
    // The widget's launcher styles its shadow root inline; scripts stay our own only.
    expect(res.headers["content-security-policy"]).toContain("script-src 'self';");
    expect(res.headers["content-security-policy"]).toContain("style-src 'self' 'unsafe-inline'");
    expect(html).toContain('<button type="button" class="btn primary" data-talk data-chat>Chat with us</button>');
    expect(html).toMatch(/data-contact novalidate hidden>/);
    const other = (
      await t.app.ctx.db.execute(
        sql`INSERT INTO inboxes (account_id, channel, name) VALUES (${t.b.accountId}, 'chat', 'Globex chat') RETURNING id`,
      )
    ).rows[0] as { id: string };
    const foreign = await k.call(t.a.admin, "PATCH", "/api/v1/help-center", { chatInboxId: other.id });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.field).toBe("body.chatInboxId");
    await k.helpCenter(t.a.admin, { chatInboxId: null });
  });

  it("serves the help center at / on its custom domain, without breaking the workspace host", async () => {
    await k.helpCenter(t.a.admin, { customDomain: "help.acme.example" });
    const host = { host: "help.acme.example", "accept-language": "da" };
    const home = await page("/", host);
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<html lang="da"');
    expect(home.body).toContain('href="/da/articles/reset-your-password"');
    expect(home.body).toContain('<link rel="canonical" href="https://help.acme.example/da">');
    const article = await page("/en/articles/reset-your-password", { host: "help.acme.example:443" });
    expect(article.body).toContain('<h1 id="article-title">Reset your password</h1>');
    expect(article.body).toContain('<a class="brand" href="/en">');
    const search = await page("/en/search?q=password", host);
    expect(search.body).toContain('href="/en/articles/reset-your-password"');
    // The API, assets and the widget keep their own paths on that host.
    expect((await page("/api/v1/public/acme/search?q=password", host)).json().items).toHaveLength(1);
    expect((await page(String(/href="(\/help-assets\/help\.css[^"]*)"/.exec(home.body)?.[1]), host)).statusCode).toBe(200);
    // The workspace's host is untouched, and other hosts are not help centers.
    for (const h of ["localhost", "other.example"]) {
      const ws = await page("/", { host: h });
      expect(ws.body, h).not.toContain('<section id="contact"');
    }
    expect((await page("/api/v1/help-center", { host: "help.acme.example" })).statusCode).toBe(401);
    await k.helpCenter(t.a.admin, { customDomain: null });
    expect((await page("/", { host: "help.acme.example" })).body).not.toContain('<section id="contact"');
  });
});

describe("was this helpful?", () => {
  const vote = (helpful: boolean, cookie?: string, extra: Record<string, string> = {}, slug = "reset-your-password", locale = "da") =>
    t.app.inject({
      method: "POST",
      url: `/api/v1/public/acme/articles/${slug}/feedback?locale=${locale}`,
      headers: { ...(cookie ? { cookie } : {}), ...extra },
      payload: { helpful, comment: helpful ? undefined : "Link expired" },
    });

  it("records one vote per visitor; a later vote replaces the earlier one", async () => {
    const first = await vote(true);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ helpful: true, yes: 1, no: 0 });
    const cookie = String(first.headers["set-cookie"]).split(";")[0];
    expect(cookie).toMatch(/^rapport_hv=/);
    expect(String(first.headers["set-cookie"])).toMatch(/HttpOnly/i);
    const again = await vote(false, cookie);
    expect(again.json()).toEqual({ helpful: false, yes: 0, no: 1 });
    expect(again.headers["set-cookie"]).toBeUndefined();
    const other = await vote(true);
    expect(other.json()).toEqual({ helpful: true, yes: 1, no: 1 });
    const rows = (
      await t.app.ctx.db.execute(sql`SELECT helpful, comment FROM article_feedback WHERE article_id = ${ids.password} ORDER BY id`)
    ).rows;
    expect(rows).toEqual([
      { helpful: false, comment: "Link expired" },
      { helpful: true, comment: null },
    ]);
    const da = (await k.call(t.a.agent, "GET", `/api/v1/articles/${ids.password}`))
      .json()
      .translations.find((x: Json) => x.locale === "da");
    expect(da.helpful).toEqual({ yes: 1, no: 1 });
    const health = (await k.call(t.a.supervisor, "GET", "/api/v1/knowledge/health")).json();
    expect(health.helpful).toContainEqual({ articleId: ids.password, locale: "da", title: "Nulstil din adgangskode", yes: 1, no: 1 });
  });

  it("refuses other sites, drafts, internal articles and bad input", async () => {
    expect((await vote(true, undefined, { origin: "https://evil.example" })).statusCode).toBe(403);
    expect((await vote(true, undefined, {}, "agent-only", "en")).statusCode).toBe(404);
    expect((await vote(true, undefined, {}, "secret-draft", "en")).statusCode).toBe(404);
    expect((await vote(true, undefined, {}, "delivery-times", "da")).statusCode).toBe(404);
    const bad = await t.app.inject({
      method: "POST",
      url: "/api/v1/public/acme/articles/reset-your-password/feedback",
      payload: { helpful: "yes" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("body.helpful");
  });
});

describe("contact form", () => {
  const form = async () => tokenOf((await page("/help/acme/en/articles/reset-your-password")).body);
  const conversations = async () =>
    (
      await t.app.ctx.db.execute(
        sql`SELECT c.id, c.channel, c.subject, m.text FROM conversations c JOIN messages m ON m.conversation_id = c.id WHERE c.account_id = ${t.a.accountId} ORDER BY c.created_at`,
      )
    ).rows as Json[];

  it("starts an API conversation from JSON, with the visitor as the customer", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/public/acme/contact",
      payload: {
        name: "Jane Visitor",
        email: "Jane@Example.com",
        message: "My reset link expired.\nPlease help.",
        token: await form(),
        page: "/help/acme/en/articles/reset-your-password",
      },
    });
    expect(res.statusCode).toBe(201);
    const [c] = await conversations();
    expect(c).toMatchObject({ channel: "api", subject: "My reset link expired." });
    expect(c.text).toContain("Sent from the help center: /help/acme/en/articles/reset-your-password");
    const conv = (await k.call(t.a.agent, "GET", `/api/v1/conversations/${c.id}`)).json();
    expect(conv.customer).toMatchObject({ name: "Jane Visitor" });
  });

  it("uses the email channel when the account has an email inbox, so replies go by email", async () => {
    const inbox = (
      await t.app.ctx.db.execute(
        sql`INSERT INTO inboxes (account_id, channel, name, address) VALUES (${t.a.accountId}, 'email', 'Support', 'support@acme.example') RETURNING id`,
      )
    ).rows[0] as { id: string };
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/public/acme/contact",
      payload: { email: "kim@example.com", message: "Where is my order?", token: await form() },
    });
    expect(res.statusCode).toBe(201);
    const last = (await conversations()).at(-1) as Json;
    expect(last.channel).toBe("email");
    const thread = (await t.app.ctx.db.execute(sql`SELECT inbox_id, "to" FROM email_threads WHERE conversation_id = ${last.id}`))
      .rows[0] as Json;
    expect(thread).toEqual({ inbox_id: inbox.id, to: [{ name: null, address: "kim@example.com" }] });
  });

  it("works as a plain form post (redirects back), ignores bots, refuses forged or cross-site posts", async () => {
    const before = (await conversations()).length;
    const post = (body: Record<string, string>, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/public/acme/contact",
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        payload: new URLSearchParams(body).toString(),
      });
    const token = await form();
    const ok = await post({
      name: "",
      email: "ola@example.com",
      message: "Hej",
      token,
      locale: "da",
      page: "/help/acme/da/articles/reset-your-password",
      website: "",
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe("/help/acme/da/articles/reset-your-password?contact=sent#contact");
    expect((await page(String(ok.headers.location).split("#")[0])).body).toContain("Tak! Vi har modtaget din besked");
    const bot = await post({ email: "bot@example.com", message: "Buy now", token, website: "http://spam.example" });
    expect(bot.statusCode).toBe(303);
    const forged = await post({ email: "x@example.com", message: "Hi", token: "abc.def" });
    expect(forged.statusCode).toBe(400);
    expect(forged.headers["content-type"]).toMatch(/^text\/html/);
    expect(forged.body).toContain("Your message was not sent");
    const otherAccount = await t.app.inject({
      method: "POST",
      url: "/api/v1/public/globex/contact",
      payload: { email: "x@example.com", message: "Hi", token },
    });
    expect(otherAccount.statusCode).toBe(400);
    expect(otherAccount.json().error.field).toBe("body.token");
    const crossSite = await post({ email: "x@example.com", message: "Hi", token }, { origin: "https://evil.example" });
    expect(crossSite.statusCode).toBe(403);
    const badEmail = await t.app.inject({
      method: "POST",
      url: "/api/v1/public/acme/contact",
      payload: { email: "not-an-email", message: "Hi", token },
    });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().error.field).toBe("body.email");
    const offsite = await post({ email: "y@example.com", message: "Hi", token, page: "//evil.example/x" });
    expect(offsite.headers.location).toBe("/help/acme?contact=sent#contact");
    expect((await conversations()).length).toBe(before + 2);
  });
});
