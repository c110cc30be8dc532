import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchArticles } from "../../src/server/modules/knowledge/search";
import { startTestAppWithTeam } from "../helpers/app";
import { type Json, kb } from "./helpers";

let t: Awaited<ReturnType<typeof startTestAppWithTeam>>;
let k: ReturnType<typeof kb>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestAppWithTeam();
  k = kb(t);
  await k.helpCenter(t.a.admin, { locales: ["en", "da", "de", "pl"] });
  const add = async (key: string, locale: string, title: string, body: string, extra: Json = {}) => {
    const a = await k.create(t.a.supervisor, { locale, title, body, status: "published", ...extra });
    ids[key] = a.id;
    return a;
  };
  await add("password", "en", "Reset your password", "Open **Settings**, choose *Security* and click the reset link we email you.");
  await k.save(t.a.supervisor, ids.password, "da", {
    title: "Nulstil din adgangskode",
    body: "Åbn Indstillinger og klik på linket i mailen.",
    status: "published",
  });
  await add("shipping", "en", "Shipping times", "Parcels are shipped within two days. Tracking links arrive by email.");
  await k.save(t.a.supervisor, ids.shipping, "da", {
    title: "Leveringstider",
    body: "Vi sender pakker inden for to dage. Du får et sporingslink.",
    status: "published",
  });
  await k.save(t.a.supervisor, ids.shipping, "de", {
    title: "Lieferzeiten",
    body: "Pakete werden innerhalb von zwei Tagen versendet.",
    status: "published",
  });
  await add("invoice", "de", "Rechnung herunterladen", "Ihre Rechnung finden Sie im Kundenkonto unter Bestellungen.");
  await add("refunds", "en", "Refunds", "We refund the original payment method. The word password appears here only in the body.");
  await add("returns-only-en", "en", "Returning an item", "Print the return label from your order page.");
  await add("pl", "pl", "Zwrot pieniędzy", "Pieniądze zwracamy na kartę w ciągu pięciu dni.");
  await add("draft", "en", "Password policy draft", "Unfinished.", { status: "draft" });
  await add("internal", "en", "Password override for agents", "Internal: how to override a password lock.", { visibility: "internal" });
  await add("html", "en", "Cookies and <b>HTML</b>", "Use the **cookie** banner. <script>alert(1)</script> « quoted » text.");
  // Another account with the very same words.
  await k.helpCenter(t.b.admin);
  await k.create(t.b.supervisor, {
    locale: "en",
    title: "Reset your password (Globex)",
    body: "Globex password reset.",
    status: "published",
  });
});
afterAll(async () => t?.close());

const search = async (q: string, locale?: string, slug = "acme") => {
  const res = await t.app.inject({
    method: "GET",
    url: `/api/v1/public/${slug}/search?q=${encodeURIComponent(q)}${locale ? `&locale=${locale}` : ""}`,
  });
  expect(res.statusCode, `${q}: ${res.body}`).toBe(200);
  return res.json() as { query: string; locale: string; items: Json[] };
};
const titles = (r: { items: Json[] }) => r.items.map((h) => h.title);

describe("public search", () => {
  it("ranks a title match above a body-only match and returns plain-text snippets with «» markers", async () => {
    const r = await search("password");
    expect(titles(r)).toEqual(["Reset your password", "Refunds"]);
    expect(r.items[0]).toMatchObject({ articleId: ids.password, slug: "reset-your-password", locale: "en", visibility: "public" });
    expect(r.items[0].url).toMatch(/\/help\/acme\/en\/articles\/reset-your-password$/);
    expect(r.items[0].score).toBeGreaterThan(r.items[1].score);
    expect(r.items[1].snippet).toContain("«password»");
    expect(r.items[0]).not.toHaveProperty("verified");
  });

  it("stems per language: English, Danish and German", async () => {
    expect(titles(await search("passwords resetting"))).toEqual(["Reset your password"]);
    expect(titles(await search("shipped parcel"))).toEqual(["Shipping times"]);
    expect(titles(await search("pakken", "da"))).toEqual(["Leveringstider"]);
    expect(titles(await search("Rechnungen", "de"))).toEqual(["Rechnung herunterladen"]);
    expect(titles(await search("Paket", "de"))).toEqual(["Lieferzeiten"]);
  });

  it("tolerates typos", async () => {
    expect(titles(await search("pasword resett"))).toEqual(["Reset your password"]);
    expect(titles(await search("shiping"))).toContain("Shipping times");
    expect(titles(await search("adgangskoden nulstil", "da"))).toEqual(["Nulstil din adgangskode"]);
  });

  it("answers in the visitor's language, falling back per article to the default language", async () => {
    const r = await search("return label", "da");
    expect(r.locale).toBe("da");
    expect(r.items.map((h) => [h.title, h.locale])).toEqual([["Returning an item", "en"]]);
    // An article translated into Danish is found once, in Danish, even by its English words' Danish forms.
    const d = await search("adgangskode", "da");
    expect(d.items.map((h) => [h.articleId, h.locale])).toEqual([[ids.password, "da"]]);
    expect(d.items[0].url).toMatch(/\/da\/articles\/reset-your-password$/);
    // A locale the help center doesn't have: its default.
    expect((await search("password", "fr")).locale).toBe("en");
    const viaHeader = await t.app.inject({
      method: "GET",
      url: "/api/v1/public/acme/search?q=pakker",
      headers: { "accept-language": "da-DK,da;q=0.9" },
    });
    expect(viaHeader.json().locale).toBe("da");
    expect(viaHeader.json().items.map((h: Json) => h.title)).toEqual(["Leveringstider"]);
  });

  it("matches Polish as typed (no stemmer)", async () => {
    expect(titles(await search("zwrot", "pl"))).toEqual(["Zwrot pieniędzy"]);
  });

  it("never returns drafts, internal articles or another account's articles", async () => {
    const r = await search("password policy override globex");
    for (const h of r.items) expect([ids.password, ids.refunds]).toContain(h.articleId);
    const all = await search("password");
    expect(all.items.map((h) => h.articleId)).not.toContain(ids.internal);
    expect(all.items.map((h) => h.articleId)).not.toContain(ids.draft);
    const globex = await search("password", undefined, "globex");
    expect(titles(globex)).toEqual(["Reset your password (Globex)"]);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/public/nobody-here/search?q=x" })).statusCode).toBe(404);
  });

  it("follows an article's visibility: made internal, it leaves public search at once; public again, it is back", async () => {
    expect(titles(await search("return label"))).toEqual(["Returning an item"]);
    await k.call(t.a.supervisor, "PATCH", `/api/v1/articles/${ids["returns-only-en"]}`, { visibility: "internal" });
    expect(titles(await search("return label"))).toEqual([]);
    await k.call(t.a.supervisor, "PATCH", `/api/v1/articles/${ids["returns-only-en"]}`, { visibility: "public" });
    expect(titles(await search("return label"))).toEqual(["Returning an item"]);
  });

  it("treats SQL, HTML and query syntax as plain words", async () => {
    for (const q of ["'; DROP TABLE articles; --", "a & | ! ( :* <-> )", "\\", "%_%", "<script>alert(1)</script>", "😀😀", "' OR 1=1 --"]) {
      const r = await search(q);
      expect(r.query).toBe(q.trim());
    }
    expect((await t.app.inject({ method: "GET", url: "/api/v1/public/acme/search?q=x&locale=en'--" })).statusCode).toBe(400);
    const html = await search("<b>cookie</b> banner");
    expect(titles(html)).toEqual(["Cookies and <b>HTML</b>"]);
    // The snippet is the article's plain text, never markup; « and » only ever mark matches.
    expect(html.items[0].snippet).not.toMatch(/<script|<b>|<strong>/);
    expect(html.items[0].snippet).toContain("«cookie» «banner»");
    expect(html.items[0].snippet).toContain('" quoted "');
    const count = (await t.app.ctx.db.execute(sql`SELECT count(*)::int AS n FROM articles`)).rows[0] as { n: number };
    expect(count.n).toBeGreaterThan(5);
  });

  it("records every public search with its result count; empty ones show in knowledge health", async () => {
    await search("gift wrapping");
    await search("Gift Wrapping");
    // Only "password" matches: the article is offered, but the search still counts as unanswered.
    const partial = await search("password wrapping");
    expect(partial.items.length).toBeGreaterThan(0);
    const logged = await t.app.ctx.db.execute(sql`SELECT results FROM help_searches WHERE account_id = ${t.a.accountId} AND query = 'password wrapping'`);
    expect(logged.rows).toEqual([{ results: 0 }]);
    await search("password");
    const rows = (
      await t.app.ctx.db.execute(
        sql`SELECT query, locale, results, source FROM help_searches WHERE account_id = ${t.a.accountId} AND lower(query) IN ('gift wrapping', 'password') ORDER BY id`,
      )
    ).rows as Json[];
    expect(rows.filter((r) => r.query.toLowerCase() === "gift wrapping")).toEqual([
      { query: "gift wrapping", locale: "en", results: 0, source: "api" },
      { query: "Gift Wrapping", locale: "en", results: 0, source: "api" },
    ]);
    expect(rows.find((r) => r.query === "password")?.results).toBeGreaterThan(0);
    const health = (await k.call(t.a.supervisor, "GET", "/api/v1/knowledge/health")).json();
    expect(health.searchesWithoutResults[0]).toMatchObject({ query: expect.stringMatching(/gift wrapping/i), count: 2, locale: "en" });
    const globexHealth = (await k.call(t.b.supervisor, "GET", "/api/v1/knowledge/health")).json();
    expect(globexHealth.searchesWithoutResults.map((s: Json) => s.query)).not.toContain("gift wrapping");
  });

  it("is the widget's search too: callable directly, recorded as a widget search", async () => {
    const out = await searchArticles(t.app.ctx.db, {
      accountId: t.a.accountId,
      q: "tracking link",
      locale: "en",
      source: "widget",
      publicBase: "https://support.example",
    });
    expect(out.items[0]).toMatchObject({ title: "Shipping times", url: "https://support.example/help/acme/en/articles/shipping-times" });
    const rec = (await t.app.ctx.db.execute(sql`SELECT source FROM help_searches WHERE query = 'tracking link'`)).rows;
    expect(rec).toEqual([{ source: "widget" }]);
  });
});

describe("article suggestions for a conversation", () => {
  it("ranks articles by the conversation's text, internal ones included and flagged verified or not", async () => {
    await t.app.ctx.db.execute(sql`UPDATE articles SET verified_at = now() - interval '200 days' WHERE id = ${ids.internal}`);
    const conv = (
      await t.as(t.a.owner, {
        method: "POST",
        url: "/api/v1/conversations",
        payload: {
          channel: "api",
          customer: { email: "locked@example.com" },
          subject: "Locked out",
          message: { text: "I forgot my password and the reset email never came. Can you override the lock?" },
        },
      })
    ).json();
    const res = await k.call(t.a.agent, "GET", `/api/v1/conversations/${conv.id}/article-suggestions`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Json[];
    expect(
      items
        .slice(0, 2)
        .map((i) => i.articleId)
        .sort(),
    ).toEqual([ids.internal, ids.password].sort());
    expect(items.find((i) => i.articleId === ids.internal)).toMatchObject({ visibility: "internal", verified: false });
    expect(items.find((i) => i.articleId === ids.password)).toMatchObject({ visibility: "public", verified: true });
    expect(items.find((i) => i.articleId === ids.internal)?.url).toMatch(/\/knowledge\/articles\//);
    expect(items.map((i) => i.articleId)).not.toContain(ids.draft);
    expect((await k.call(t.b.agent, "GET", `/api/v1/conversations/${conv.id}/article-suggestions`)).statusCode).toBe(404);
  });
});
