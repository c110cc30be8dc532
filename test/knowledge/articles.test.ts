import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestAppWithTeam } from "../helpers/app";
import { type Json, kb } from "./helpers";

let t: Awaited<ReturnType<typeof startTestAppWithTeam>>;
let k: ReturnType<typeof kb>;
beforeAll(async () => {
  t = await startTestAppWithTeam();
  k = kb(t);
});
afterAll(async () => t?.close());

const events = async (articleId: string) =>
  (await t.app.ctx.db.execute(sql`SELECT type, data FROM events WHERE data->>'articleId' = ${articleId} ORDER BY id`)).rows.map(
    (r) => (r as { type: string }).type,
  );

describe("articles: create, read, change, delete", () => {
  it("creates an article with its first translation, owned and verified by its author, and records events", async () => {
    const a = await k.create(t.a.supervisor, {
      locale: "en",
      title: "Where is my parcel?",
      summary: "Tracking and delivery times",
      body: "Most parcels arrive in **2–4 days**.\n\n| Country | Days |\n|---|---|\n| DK | 2 |",
      status: "published",
    });
    expect(a).toMatchObject({
      slug: "where-is-my-parcel",
      visibility: "public",
      owner: { id: t.a.supervisor.id },
      verification: { state: "verified", verifiedBy: { id: t.a.supervisor.id }, everyDays: 90 },
      can: { update: true, delete: true, verify: true },
    });
    expect(a.translations).toHaveLength(1);
    const tr = a.translations[0];
    expect(tr).toMatchObject({ locale: "en", status: "published", version: 1, summary: "Tracking and delivery times" });
    expect(tr.html).toContain("<strong>2–4 days</strong>");
    expect(tr.html).toContain("<table>");
    expect(tr.url).toMatch(/\/help\/acme\/en\/articles\/where-is-my-parcel$/);
    expect(await events(a.id)).toEqual(["article.created", "article.translation_created", "article.published"]);

    const got = await k.call(t.a.agent, "GET", `/api/v1/articles/${a.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ id: a.id, can: { update: false, delete: false, verify: false } });
  });

  it("makes a unique slug from the title, and refuses a taken slug with 409 naming body.slug", async () => {
    const b = await k.create(t.a.supervisor, { locale: "en", title: "Where is my parcel?!" });
    expect(b.slug).toBe("where-is-my-parcel-2");
    expect(b.translations[0].status).toBe("draft");
    expect(b.translations[0].url).toBeNull();
    const dup = await k.call(t.a.supervisor, "POST", "/api/v1/articles", { locale: "en", title: "X", slug: "where-is-my-parcel" });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.field).toBe("body.slug");
    const folded = await k.create(t.a.supervisor, { locale: "da", title: "Håndtering af returvarer" });
    expect(folded.slug).toBe("handtering-af-returvarer");
  });

  it("lists articles newest first with filters and stable cursor pages", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await k.create(t.a.admin, { locale: "de", title: `Paging ${i}`, visibility: "internal" })).id);
    const page1 = (await k.call(t.a.agent, "GET", "/api/v1/articles?visibility=internal&limit=2")).json();
    expect(page1.items.map((x: Json) => x.id)).toEqual([ids[4], ids[3]]);
    expect(page1.items[0]).toMatchObject({
      title: "Paging 4",
      locales: [{ locale: "de", title: "Paging 4", status: "draft" }],
      visibility: "internal",
    });
    const page2 = (await k.call(t.a.agent, "GET", `/api/v1/articles?visibility=internal&limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2.items.map((x: Json) => x.id)).toEqual([ids[2], ids[1]]);
    const page3 = (await k.call(t.a.agent, "GET", `/api/v1/articles?visibility=internal&limit=2&cursor=${page2.nextCursor}`)).json();
    expect(page3.items.map((x: Json) => x.id)).toEqual([ids[0]]);
    expect(page3.nextCursor).toBeNull();

    const published = (await k.call(t.a.agent, "GET", "/api/v1/articles?status=published")).json().items;
    expect(published.map((x: Json) => x.slug)).toEqual(["where-is-my-parcel"]);
    const danish = (await k.call(t.a.agent, "GET", "/api/v1/articles?locale=da")).json().items;
    expect(danish.map((x: Json) => x.slug)).toEqual(["handtering-af-returvarer"]);
    const q = (await k.call(t.a.agent, "GET", "/api/v1/articles?q=parcel")).json().items;
    expect(q.map((x: Json) => x.slug).sort()).toEqual(["where-is-my-parcel", "where-is-my-parcel-2"]);
    const bad = await k.call(t.a.agent, "GET", "/api/v1/articles?cursor=nonsense");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("query.cursor");
  });

  it("changes settings with PATCH, verifies with {verify:true}, and deletes", async () => {
    const cat = (
      await k.call(t.a.supervisor, "POST", "/api/v1/article-categories", { slug: "shipping", names: { en: { name: "Shipping" } } })
    ).json();
    const a = await k.create(t.a.supervisor, { locale: "en", title: "Customs fees", verifyEveryDays: 30 });
    const patched = await k.call(t.a.supervisor, "PATCH", `/api/v1/articles/${a.id}`, {
      categoryId: cat.id,
      visibility: "internal",
      ownerId: t.a.agent.id,
      slug: "customs",
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ slug: "customs", categoryId: cat.id, visibility: "internal", owner: { id: t.a.agent.id } });
    // The owner (an agent) may verify and edit their own article, not delete it.
    const asOwner = await k.call(t.a.agent, "GET", `/api/v1/articles/${a.id}`);
    expect(asOwner.json().can).toEqual({ update: true, delete: false, verify: true });
    await t.app.ctx.db.execute(sql`UPDATE articles SET verified_at = now() - interval '40 days' WHERE id = ${a.id}`);
    expect((await k.call(t.a.agent, "GET", `/api/v1/articles/${a.id}`)).json().verification.state).toBe("due");
    const due = (await k.call(t.a.agent, "GET", "/api/v1/articles?verification=due")).json().items.map((x: Json) => x.id);
    expect(due).toContain(a.id);
    const verified = await k.call(t.a.agent, "PATCH", `/api/v1/articles/${a.id}`, { verify: true });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().verification).toMatchObject({ state: "verified", verifiedBy: { id: t.a.agent.id } });
    expect((await k.call(t.a.agent, "PATCH", `/api/v1/articles/${a.id}`, { ownerId: t.a.agent2.id })).statusCode).toBe(403);
    expect((await k.call(t.a.agent, "DELETE", `/api/v1/articles/${a.id}`)).statusCode).toBe(403);
    expect((await k.call(t.a.supervisor, "DELETE", `/api/v1/articles/${a.id}`)).statusCode).toBe(204);
    expect((await k.call(t.a.supervisor, "GET", `/api/v1/articles/${a.id}`)).statusCode).toBe(404);
    expect(await events(a.id)).toEqual(
      expect.arrayContaining(["article.created", "article.updated", "article.verified", "article.deleted"]),
    );
  });
});

describe("translations, versions and restore", () => {
  let id: string;
  it("adds a translation, bumps the version on every save, publishes and unpublishes", async () => {
    const a = await k.create(t.a.supervisor, { locale: "en", title: "Returns", body: "Send it back within 30 days." });
    id = a.id;
    const da = await k.call(t.a.supervisor, "PUT", `/api/v1/articles/${id}/translations/da`, {
      title: "Returnering",
      body: "Send den retur inden 30 dage.",
    });
    expect(da.statusCode).toBe(201);
    expect(da.json().translations.map((x: Json) => x.locale)).toEqual(["en", "da"]);
    const v2 = await k.save(t.a.supervisor, id, "en", { title: "Returns", body: "Send it back within **30 days**.", status: "published" });
    const en = v2.translations.find((x: Json) => x.locale === "en");
    expect(en).toMatchObject({ version: 2, status: "published" });
    expect(en.publishedAt).not.toBeNull();
    const v3 = await k.save(t.a.supervisor, id, "en", { title: "Returns and refunds", body: "Within 30 days.", status: "draft" });
    expect(v3.translations.find((x: Json) => x.locale === "en")).toMatchObject({
      version: 3,
      status: "draft",
      publishedAt: null,
      title: "Returns and refunds",
    });
    const types = await events(id);
    expect(types.filter((x) => x === "article.published")).toHaveLength(1);
    expect(types.filter((x) => x === "article.unpublished")).toHaveLength(1);
    expect(types.filter((x) => x.startsWith("article.translation_"))).toEqual([
      "article.translation_created",
      "article.translation_created",
      "article.translation_updated",
      "article.translation_updated",
    ]);
  });

  it("lists versions newest first and restores an old one as a new version, keeping the status", async () => {
    const list = await k.call(t.a.agent, "GET", `/api/v1/articles/${id}/translations/en/versions`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((v: Json) => [v.version, v.title, v.status])).toEqual([
      [3, "Returns and refunds", "draft"],
      [2, "Returns", "published"],
      [1, "Returns", "draft"],
    ]);
    expect(list.json().items[0].author).toEqual({ id: t.a.supervisor.id, name: t.a.supervisor.name });
    const restored = await k.call(t.a.supervisor, "POST", `/api/v1/articles/${id}/translations/en/restore`, { version: 2 });
    expect(restored.statusCode).toBe(200);
    expect(restored.json().translations.find((x: Json) => x.locale === "en")).toMatchObject({
      version: 4,
      title: "Returns",
      body: "Send it back within **30 days**.",
      status: "draft",
    });
    expect((await events(id)).at(-1)).toBe("article.version_restored");
    expect((await k.call(t.a.supervisor, "POST", `/api/v1/articles/${id}/translations/en/restore`, { version: 99 })).statusCode).toBe(404);
    expect((await k.call(t.a.agent, "GET", `/api/v1/articles/${id}/translations/fr/versions`)).statusCode).toBe(404);
  });

  it("deletes a translation but never the last one", async () => {
    expect((await k.call(t.a.supervisor, "DELETE", `/api/v1/articles/${id}/translations/da`)).statusCode).toBe(204);
    const last = await k.call(t.a.supervisor, "DELETE", `/api/v1/articles/${id}/translations/en`);
    expect(last.statusCode).toBe(409);
    expect((await k.call(t.a.supervisor, "DELETE", `/api/v1/articles/${id}/translations/da`)).statusCode).toBe(404);
    expect((await k.call(t.a.agent, "GET", `/api/v1/articles/${id}`)).json().translations.map((x: Json) => x.locale)).toEqual(["en"]);
  });
});

describe("roles", () => {
  it("lets agents read everything (internal too) and write articles they then own; only their own", async () => {
    const internal = await k.create(t.a.supervisor, {
      locale: "en",
      title: "Refund override codes",
      visibility: "internal",
      status: "published",
    });
    expect((await k.call(t.a.agent, "GET", `/api/v1/articles/${internal.id}`)).statusCode).toBe(200);
    const mine = await k.call(t.a.agent, "POST", "/api/v1/articles", { locale: "en", title: "Resetting a stuck order" });
    expect(mine.statusCode).toBe(201);
    expect(mine.json().owner.id).toBe(t.a.agent.id);
    expect((await k.call(t.a.agent, "PUT", `/api/v1/articles/${mine.json().id}/translations/en`, { title: "Unsticking an order", status: "published" })).statusCode).toBe(200);
    expect((await k.call(t.a.agent2, "PUT", `/api/v1/articles/${mine.json().id}/translations/en`, { title: "Mine now" })).statusCode).toBe(403);
    expect((await k.call(t.a.agent, "POST", "/api/v1/articles", { locale: "en", title: "For someone", ownerId: t.a.agent2.id })).statusCode).toBe(403);
    expect((await k.call(t.a.agent2, "PUT", `/api/v1/articles/${internal.id}/translations/en`, { title: "Changed" })).statusCode).toBe(403);
    expect((await k.call(t.a.agent2, "PATCH", `/api/v1/articles/${internal.id}`, { verify: true })).statusCode).toBe(403);
    expect((await k.call(t.a.agent, "POST", "/api/v1/article-categories", { slug: "x", names: { en: { name: "X" } } })).statusCode).toBe(
      403,
    );
    expect((await k.call(t.a.supervisor, "PATCH", "/api/v1/help-center", { title: "Mine" })).statusCode).toBe(403);
    expect((await k.call(t.a.agent, "GET", "/api/v1/knowledge/health")).statusCode).toBe(403);
    expect((await k.call(t.a.supervisor, "GET", "/api/v1/knowledge/health")).statusCode).toBe(200);
    expect((await k.call(t.a.agent, "GET", "/api/v1/help-center")).statusCode).toBe(200);
  });
});

describe("validation", () => {
  it("answers 400 naming the field", async () => {
    const cases: [string, string, Json, string][] = [
      ["POST", "/api/v1/articles", { locale: "en", title: "  " }, "body.title"],
      ["POST", "/api/v1/articles", { locale: "english", title: "x" }, "body.locale"],
      ["POST", "/api/v1/articles", { locale: "en", title: "x", slug: "Not A Slug" }, "body.slug"],
      ["POST", "/api/v1/articles", { locale: "en", title: "x", visibility: "secret" }, "body.visibility"],
      ["POST", "/api/v1/articles", { locale: "en", title: "x", verifyEveryDays: 0 }, "body.verifyEveryDays"],
      ["POST", "/api/v1/articles", { locale: "en", title: "x", categoryId: "00000000-0000-4000-8000-000000000000" }, "body.categoryId"],
      ["POST", "/api/v1/articles", { locale: "en", title: "x", ownerId: t.b.agent.id }, "body.ownerId"],
      ["POST", "/api/v1/articles", { locale: "en", title: "x", extra: 1 }, "body"],
      ["POST", "/api/v1/articles", { locale: "en", title: "x", body: "y".repeat(200_001) }, "body.body"],
      ["PATCH", "/api/v1/help-center", { primaryColor: "red" }, "body.primaryColor"],
      ["PATCH", "/api/v1/help-center", { customDomain: "not a host" }, "body.customDomain"],
      ["PATCH", "/api/v1/help-center", { defaultLocale: "fr" }, "body.defaultLocale"],
      ["PATCH", "/api/v1/help-center", { chatInboxId: "00000000-0000-4000-8000-000000000000" }, "body.chatInboxId"],
      ["POST", "/api/v1/article-categories", { slug: "ok", names: { EN: { name: "x" } } }, "body.names.EN"],
    ];
    for (const [method, url, payload, field] of cases) {
      const res = await k.call(t.a.owner, method, url, payload);
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(payload).slice(0, 80)}`).toBe(400);
      expect(res.json().error.field, JSON.stringify(payload).slice(0, 80)).toBe(field);
    }
    const badId = await k.call(t.a.owner, "GET", "/api/v1/articles/not-a-uuid");
    expect(badId.json().error.field).toBe("params.id");
    const badLocale = await k.call(t.a.owner, "PUT", "/api/v1/articles/00000000-0000-4000-8000-000000000000/translations/xx_YY", {
      title: "t",
    });
    expect(badLocale.json().error.field).toBe("params.locale");
  });
});

describe("Markdown is sanitized", () => {
  it("drops scripts, event handlers and javascript: links; keeps images, links, code and tables", async () => {
    const a = await k.create(t.a.supervisor, {
      locale: "en",
      title: "XSS attempt",
      body: [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(2)">',
        "[click](javascript:alert(3))",
        '<a href="JaVaScRiPt:alert(4)">four</a>',
        '<style>body{display:none}</style><div onclick="alert(5)">div</div>',
        "![diagram](https://example.com/d.png)",
        "[docs](https://example.com/docs)",
        "`inline` and\n\n```\nblock <b>\n```",
        "| a | b |\n|---|---|\n| 1 | 2 |",
      ].join("\n\n"),
    });
    const html: string = a.translations[0].html;
    expect(html).not.toMatch(/<script|onerror|onclick|<style/i);
    expect(html).not.toMatch(/href="[^"]*javascript:/i);
    expect(html).toContain('<a rel="noopener noreferrer">four</a>');
    expect(html).toContain('<img src="https://example.com/d.png" alt="diagram"');
    expect(html).toContain('<a href="https://example.com/docs" rel="noopener noreferrer">docs</a>');
    expect(html).toContain("<code>inline</code>");
    expect(html).toContain("block &lt;b&gt;");
    expect(html).toContain("<td>1</td>");
    // The Markdown source is kept as written, for the editor.
    expect(a.translations[0].body).toContain("<script>alert(1)</script>");
  });
});

describe("categories and help center settings", () => {
  it("creates, renames and deletes categories (articles stay), 409 for a taken slug", async () => {
    const c = await k.call(t.a.supervisor, "POST", "/api/v1/article-categories", {
      slug: "billing",
      position: 2,
      names: { en: { name: "Billing", description: "Invoices" }, da: { name: "Betaling" } },
    });
    expect(c.statusCode).toBe(201);
    expect(c.json()).toMatchObject({ slug: "billing", position: 2, articleCount: 0, names: { da: { name: "Betaling" } } });
    const a = await k.create(t.a.supervisor, { locale: "en", title: "Invoices", categoryId: c.json().id });
    expect(
      (await k.call(t.a.agent, "GET", "/api/v1/article-categories")).json().items.find((x: Json) => x.slug === "billing").articleCount,
    ).toBe(1);
    const dup = await k.call(t.a.supervisor, "PATCH", `/api/v1/article-categories/${c.json().id}`, { slug: "shipping" });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.field).toBe("body.slug");
    const renamed = await k.call(t.a.supervisor, "PATCH", `/api/v1/article-categories/${c.json().id}`, {
      names: { en: { name: "Payments" } },
    });
    expect(renamed.json()).toMatchObject({ slug: "billing", names: { en: { name: "Payments" } } });
    expect((await k.call(t.a.supervisor, "DELETE", `/api/v1/article-categories/${c.json().id}`)).statusCode).toBe(204);
    expect((await k.call(t.a.agent, "GET", `/api/v1/articles/${a.id}`)).json().categoryId).toBeNull();
  });

  it("makes the help center on first use, slugged after the account, and changes it", async () => {
    const hc = await k.helpCenter(t.b.agent);
    expect(hc).toMatchObject({
      slug: "globex",
      title: "Globex",
      defaultLocale: "en",
      locales: ["en"],
      primaryColor: "#1f6feb",
      customDomain: null,
    });
    const taken = await k.call(t.b.owner, "PATCH", "/api/v1/help-center", { slug: "acme" });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.field).toBe("body.slug");
    const changed = await k.helpCenter(t.b.owner, {
      locales: ["en", "da"],
      defaultLocale: "da",
      primaryColor: "#0E7C66",
      phone: "+45 70 10 20 30",
      customDomain: "HELP.Globex.example",
    });
    expect(changed).toMatchObject({
      defaultLocale: "da",
      locales: ["en", "da"],
      primaryColor: "#0e7c66",
      phone: "+45 70 10 20 30",
      customDomain: "help.globex.example",
      url: "https://help.globex.example",
    });
    const clash = await k.call(t.a.owner, "PATCH", "/api/v1/help-center", { customDomain: "help.globex.example" });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.field).toBe("body.customDomain");
    const own = await k.call(t.a.owner, "PATCH", "/api/v1/help-center", { customDomain: "localhost.example" });
    expect(own.statusCode).toBe(200);
    const workspaceHost = await t.as(t.a.owner, {
      method: "PATCH",
      url: "/api/v1/help-center",
      payload: { customDomain: "rapport.example.com" },
      headers: { host: "rapport.example.com" },
    });
    expect(workspaceHost.statusCode).toBe(400);
    expect(workspaceHost.json().error.field).toBe("body.customDomain");
    expect((await k.helpCenter(t.a.owner, { customDomain: null })).customDomain).toBeNull();
    const dropDefault = await k.call(t.b.owner, "PATCH", "/api/v1/help-center", { locales: ["en"] });
    expect(dropDefault.statusCode).toBe(400);
    expect(dropDefault.json().error.field).toBe("body.locales");
  });
});

describe("tenant isolation", () => {
  it("answers 404 for another account's articles, translations, versions and categories, and changes nothing", async () => {
    const a = await k.create(t.a.supervisor, { locale: "en", title: "Acme secret sauce", status: "published" });
    const cat = (
      await k.call(t.a.supervisor, "POST", "/api/v1/article-categories", { slug: "secret", names: { en: { name: "Secret" } } })
    ).json();
    const attempts: [string, string, Json?][] = [
      ["GET", `/api/v1/articles/${a.id}`],
      ["PATCH", `/api/v1/articles/${a.id}`, { verify: true }],
      ["DELETE", `/api/v1/articles/${a.id}`],
      ["PUT", `/api/v1/articles/${a.id}/translations/en`, { title: "Hacked" }],
      ["PUT", `/api/v1/articles/${a.id}/translations/fr`, { title: "Hacked" }],
      ["DELETE", `/api/v1/articles/${a.id}/translations/en`],
      ["GET", `/api/v1/articles/${a.id}/translations/en/versions`],
      ["POST", `/api/v1/articles/${a.id}/translations/en/restore`, { version: 1 }],
      ["PATCH", `/api/v1/article-categories/${cat.id}`, { slug: "mine" }],
      ["DELETE", `/api/v1/article-categories/${cat.id}`],
    ];
    for (const user of [t.b.owner, t.b.agent]) {
      for (const [method, url, payload] of attempts) {
        const res = await k.call(user, method, url, payload);
        expect(res.statusCode, `${user.role} ${method} ${url}`).toBe(404);
      }
    }
    const b = await k.call(t.b.owner, "POST", "/api/v1/articles", { locale: "en", title: "Globex article", categoryId: cat.id });
    expect(b.statusCode).toBe(400);
    expect(b.json().error.field).toBe("body.categoryId");
    const list = (await k.call(t.b.owner, "GET", "/api/v1/articles")).json().items;
    expect(list).toEqual([]);
    expect((await k.call(t.b.owner, "GET", "/api/v1/article-categories")).json().items).toEqual([]);
    const still = (await k.call(t.a.agent, "GET", `/api/v1/articles/${a.id}`)).json();
    expect(still.translations[0]).toMatchObject({ title: "Acme secret sauce", version: 1 });
  });
});
