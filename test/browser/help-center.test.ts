import { sql } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/server/actor";
import { seedArticles } from "../../src/server/demo/articles";
import { createTeamOfAgents } from "../factories";
import { listeningUrl, startTestApp, type TestApp } from "../helpers/app";
import { haveChromium, launch, shot } from "./browser";

/** The public help center as a visitor sees it, in real Chromium: language, search, votes, the way to a person. */
describe.runIf(haveChromium)("help center in a real browser", () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let team: Awaited<ReturnType<typeof createTeamOfAgents>>;
  const errors: string[] = [];

  const visitor = async (locale: string, viewport = { width: 1440, height: 900 }) => {
    const ctx = await browser.newContext({ locale, viewport });
    const page = await ctx.newPage();
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    return { ctx, page };
  };
  const helpful = async (locale: string) =>
    (
      await t.app.ctx.db.execute(sql`
        SELECT t.helpful_yes, t.helpful_no FROM article_translations t JOIN articles a ON a.id = t.article_id
        WHERE a.account_id = ${team.accountId} AND a.slug = 'reset-your-password' AND t.locale = ${locale}`)
    ).rows[0] as { helpful_yes: number; helpful_no: number };

  beforeAll(async () => {
    t = await startTestApp({}, { listen: true });
    url = listeningUrl(t.app);
    team = await createTeamOfAgents(t.app.ctx.db, "Northwind");
    const actor = (u: typeof team.owner): Actor => ({ accountId: team.accountId, userId: u.id, name: u.name, role: u.role, via: "token" });
    await seedArticles(t.app.ctx.db, { author: actor(team.owner), owners: [actor(team.supervisor), actor(team.agent)] });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("shows a Danish browser the Danish help center and article, with the way to a person", async () => {
    const { ctx, page } = await visitor("da-DK");
    await page.goto(`${url}/help/northwind`);
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("da");
    await page.getByRole("heading", { level: 1, name: "Hvordan kan vi hjælpe?" }).waitFor();
    await page.getByRole("link", { name: /Konto og login/ }).waitFor();
    await shot(page, "help-home-da");
    await page
      .getByRole("link", { name: /Nulstil din adgangskode/ })
      .first()
      .click();
    await page.getByRole("heading", { level: 1, name: "Nulstil din adgangskode" }).waitFor();
    expect(page.url()).toBe(`${url}/help/northwind/da/articles/reset-your-password`);
    await expect.poll(() => page.locator(".prose").textContent()).toContain("Glemt adgangskode?");
    const talk = page.getByRole("link", { name: "Tal med en person" });
    expect(await talk.isVisible()).toBe(true);
    await shot(page, "help-article-da");

    // Was this helpful? yes → thanks, an optional comment.
    const before = await helpful("da");
    await page.getByRole("button", { name: "Ja", exact: true }).click();
    await page.getByText("Tak for din feedback!").waitFor();
    await expect.poll(async () => (await helpful("da")).helpful_yes).toBe(before.helpful_yes + 1);
    expect(await page.getByRole("button", { name: "Ja", exact: true }).getAttribute("aria-pressed")).toBe("true");
    // Changing one's mind replaces the vote rather than adding one.
    await page.getByRole("button", { name: "Nej", exact: true }).click();
    await expect.poll(async () => helpful("da")).toEqual({ helpful_yes: before.helpful_yes, helpful_no: before.helpful_no + 1 });
    await page.getByLabel("Hvad kan vi gøre bedre? (valgfrit)").fill("Linket var udløbet");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect
      .poll(async () => (await t.app.ctx.db.execute(sql`SELECT comment FROM article_feedback WHERE comment IS NOT NULL`)).rows)
      .toEqual([{ comment: "Linket var udløbet" }]);
    await shot(page, "help-article-da-voted");
    await ctx.close();
  });

  it("finds the article despite typos, highlights the words, and offers a person when nothing matches", async () => {
    const { ctx, page } = await visitor("en-GB");
    await page.goto(`${url}/help/northwind/en/categories/returns-refunds`);
    await page.getByRole("heading", { level: 1, name: "Returns & refunds" }).waitFor();
    expect(await page.locator(".article-list li").count()).toBe(4);
    await shot(page, "help-category");
    await page.goto(`${url}/help/northwind/en`);
    await page.evaluate(() => window.scrollTo(0, 700));
    await shot(page, "help-home-popular");
    const box = page.getByRole("searchbox", { name: "Search the help center" }).first();
    await box.fill("pasword resett");
    await box.press("Enter");
    await page.getByRole("heading", { level: 1, name: /result.*pasword resett/ }).waitFor();
    const first = page.locator(".results li").first();
    await expect.poll(() => first.locator(".a-title").textContent()).toBe("Reset your password");
    expect(await first.locator("mark").count()).toBeGreaterThan(0);
    await shot(page, "help-search");
    await first.getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: "Reset your password" }).waitFor();

    await page.goto(`${url}/help/northwind/en/search?q=${encodeURIComponent("xylophone tuning")}`);
    await page.getByRole("heading", { level: 1, name: "No results for “xylophone tuning”" }).waitFor();
    await shot(page, "help-search-empty");
    // "Talk to a person" from the empty state opens the contact form, focused on the email field.
    await page.locator(".empty").getByRole("link", { name: "Talk to a person" }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("c-email");
    await page.getByLabel("Your name (optional)").fill("Grace Visitor");
    await page.getByLabel("Your email").fill("not-an-email");
    await page.getByLabel("How can we help?").fill("Do you gift wrap?");
    await page.getByRole("button", { name: "Send message" }).click();
    await page.getByText("Please enter a valid email address.").waitFor();
    await page.getByLabel("Your email").fill("grace@example.com");
    await page.getByRole("button", { name: "Send message" }).click();
    await page.getByText("Thank you! We have your message and will reply by email.").waitFor();
    await shot(page, "help-contact-sent");
    const conv = (await t.app.ctx.db.execute(sql`SELECT c.channel, c.subject FROM conversations c WHERE c.account_id = ${team.accountId}`))
      .rows;
    expect(conv).toEqual([{ channel: "api", subject: "Do you gift wrap?" }]);
    await ctx.close();
  });

  it("works at phone width and by keyboard", async () => {
    const { ctx, page } = await visitor("de-DE", { width: 390, height: 844 });
    await page.goto(`${url}/help/northwind`);
    await page.getByRole("heading", { level: 1, name: "Wie können wir helfen?" }).waitFor();
    // The first Tab reaches the skip link; it moves focus to the content.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Zum Inhalt springen");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
    const talk = page.getByRole("link", { name: "Mit einem Menschen sprechen" });
    expect(await talk.isVisible()).toBe(true);
    // No horizontal scrolling on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, "help-home-phone");
    await page.goto(`${url}/help/northwind/de/articles/reset-your-password`);
    await page.getByRole("heading", { level: 1, name: "Passwort zurücksetzen" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await talk.isVisible()).toBe(true);
    await shot(page, "help-article-phone");
    await page.goto(`${url}/help/northwind/de/articles/track-your-order`);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await shot(page, "help-contact-phone");
    await ctx.close();
    expect(errors).toEqual([]);
  });
});
