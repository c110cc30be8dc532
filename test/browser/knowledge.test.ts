import { sql } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeamOfAgents, PASSWORD, type TestUser } from "../factories";
import { listeningUrl, startTestApp, type TestApp } from "../helpers/app";
import { focusedTestId, haveChromium, launch, newPage, shot } from "./browser";

const PHONE = { width: 390, height: 844 };
const BODY_V1 = "Hold the **reset button** on the back for 10 seconds.\n\n- The lights blink\n- Sign in with *admin*";
const BODY_V2 = "Open the app and choose **Forgot password**.";

type Json = Record<string, unknown> & { id: string };
type Translation = { locale: string; title: string; body: string; status: string; version: number; url: string | null };

// Real Chromium on a shared two-core machine: a step can take seconds under load.
describe.runIf(haveChromium)("knowledge base in the agent workspace", { timeout: 90_000 }, () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let team: Awaited<ReturnType<typeof createTeamOfAgents>>;
  let convId: string;
  let articleId = "";
  const dialogs: string[] = [];

  const api = async (user: TestUser, path: string, body?: unknown, method = body === undefined ? "GET" : "POST") => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${user.token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return (res.status === 204 ? null : await res.json()) as Json;
  };
  const translation = async (id: string, locale: string) =>
    ((await api(team.supervisor, `/articles/${id}`)).translations as Translation[]).find((x) => x.locale === locale) as Translation;

  async function signIn(user: TestUser, viewport?: { width: number; height: number }): Promise<{ ctx: BrowserContext; page: Page }> {
    const { ctx, page } = await newPage(browser, dialogs, viewport);
    await page.goto(url);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByLabel("Password").press("Enter");
    await page.getByTestId("nav-count-all").waitFor();
    return { ctx, page };
  }

  beforeAll(async () => {
    t = await startTestApp({}, { listen: true });
    url = listeningUrl(t.app);
    team = await createTeamOfAgents(t.app.ctx.db, "Acme");
    const conv = await api(team.owner, "/conversations", {
      channel: "api",
      customer: { email: "ole@example.com", name: "Ole Hansen" },
      subject: "Locked out of my router",
      message: { text: "I forgot my router password and can't sign in. How do I reset the router password?" },
    });
    convId = conv.id;
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("a supervisor writes and publishes an article, then adds a Danish translation side by side", async () => {
    const { ctx, page } = await signIn(team.supervisor);
    await page.getByTestId("nav-knowledge").click();
    await page.getByTestId("kb-empty").waitFor();
    await shot(page, "kb-list-empty");

    await page.getByTestId("new-article").click();
    const en = page.getByTestId("pane-primary");
    await en.getByTestId("translation-title").fill("Reset your router password");
    await en.getByTestId("translation-summary").fill("Get back into the router's admin page.");
    await en.getByTestId("translation-body").fill(BODY_V1);
    // The live preview renders the Markdown inside a sandboxed frame.
    const preview = en.getByTestId("markdown-preview");
    await expect.poll(() => preview.getAttribute("srcdoc")).toContain("<strong>reset button</strong>");
    expect(await preview.getAttribute("sandbox")).toBe("");
    await shot(page, "kb-editor-new");

    // Leaving with unsaved text asks first; dismissing the question keeps the editor and the text.
    await page.getByTestId("kb-nav-articles").click();
    expect(dialogs.pop()).toMatch(/unsaved changes/);
    expect(page.url()).toMatch(/\/knowledge\/new$/);

    await en.getByTestId("publish").click();
    await page.waitForURL(/\/knowledge\/articles\/[0-9a-f-]{36}$/);
    articleId = page.url().split("/").pop() as string;
    await expect.poll(() => en.getByTestId("translation-status").textContent()).toBe("Published");
    expect(await translation(articleId, "en")).toMatchObject({ status: "published", version: 1, body: BODY_V1 });
    await expect.poll(() => en.getByTestId("markdown-preview").getAttribute("srcdoc")).toContain("<strong>reset button</strong>");
    await page.waitForTimeout(100);
    await shot(page, "kb-editor");

    // A Danish translation next to the English one.
    await page.getByTestId("add-translation").click();
    await page.getByTestId("new-locale").selectOption("da");
    await page.getByTestId("add-translation-confirm").click();
    const da = page.getByTestId("pane-secondary");
    await expect.poll(() => da.getAttribute("data-locale")).toBe("da");
    expect(await en.getByTestId("translation-title").inputValue()).toBe("Reset your router password");
    await da.getByTestId("translation-title").fill("Nulstil adgangskoden til din router");
    await da.getByTestId("translation-body").fill("Hold **nulstillingsknappen** inde i 10 sekunder.");
    await da.getByTestId("save-draft").click();
    await expect.poll(() => page.getByTestId("save-status").textContent()).toContain("Danish, version 1");
    expect(await translation(articleId, "da")).toMatchObject({ status: "draft", title: "Nulstil adgangskoden til din router" });
    await shot(page, "kb-editor-side-by-side");
    await ctx.close();
  });

  it("an edit makes a new version; history lists them and restoring one saves it again as the newest", async () => {
    const { ctx, page } = await signIn(team.supervisor);
    await page.goto(`${url}/knowledge/articles/${articleId}`);
    const en = page.getByTestId("pane-primary");
    await en.getByTestId("translation-body").waitFor();
    // An edit of the published English text makes version 2.
    await en.getByTestId("translation-body").fill(BODY_V2);
    await en.getByTestId("save").click();
    await expect.poll(() => page.getByTestId("save-status").textContent()).toContain("English, version 2");

    // History lists both versions; restoring version 1 saves it again as version 3.
    await en.getByTestId("history-button").click();
    const history = page.getByRole("dialog", { name: /History/ });
    await history.locator('[data-testid="version-row"][data-version="1"]').waitFor();
    expect(await history.getByTestId("version-row").count()).toBe(2);
    expect(await history.locator('[data-version="1"]').textContent()).toContain(team.supervisor.name);
    expect(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'))).toBe(true);
    await shot(page, "kb-history");
    await history.locator('[data-version="1"]').getByTestId("restore-version").click();
    await history.waitFor({ state: "detached" });
    await expect.poll(() => en.getByTestId("translation-body").inputValue()).toBe(BODY_V1);
    await expect.poll(() => page.getByTestId("save-status").textContent()).toContain("Restored version 1 as version 3");
    expect(await translation(articleId, "en")).toMatchObject({ version: 3, body: BODY_V1, status: "published" });
    const versions = await api(team.supervisor, `/articles/${articleId}/translations/en/versions`);
    expect((versions.items as unknown[]).length).toBe(3);

    // A setting the API refuses shows its message next to the field.
    await page.getByTestId("settings-toggle").click();
    const every = page.getByTestId("verify-every");
    await every.fill("0");
    await every.press("Enter");
    await expect.poll(() => every.getAttribute("aria-invalid")).toBe("true");
    const errorId = (await every.getAttribute("aria-describedby")) as string;
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBeTruthy();

    // The list shows the article with both languages and their states; a row opens with the keyboard.
    await page.getByTestId("kb-nav-articles").click();
    const row = page.getByTestId("article-row").first();
    await expect.poll(() => row.textContent()).toContain("Reset your router password");
    const text = (await row.textContent()) ?? "";
    expect(text).toMatch(/en.*Published/);
    expect(text).toMatch(/da.*Draft/);
    expect(text).toContain(team.supervisor.name);
    expect(await row.getByTestId("verification-badge").getAttribute("data-state")).toBe("verified");
    await shot(page, "kb-list");
    await row.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`/knowledge/articles/${articleId}$`));
    await ctx.close();
  });

  it("filters the list, and lets a plain agent write articles of their own (owner fixed to them)", async () => {
    const internal = await api(team.supervisor, "/articles", {
      locale: "en",
      title: "Router password reset: internal checklist",
      body: "Check the **serial number** before you reset the router password.",
      status: "published",
      visibility: "internal",
      ownerId: team.agent.id,
    });
    // Never verified: it must show as unverified to agents and as due in the health report.
    await t.app.ctx.db.execute(sql`UPDATE articles SET verified_at = NULL, verified_by_id = NULL WHERE id = ${internal.id}`);

    const { ctx, page } = await signIn(team.agent);
    await page.getByTestId("nav-knowledge").click();
    await expect.poll(() => page.getByTestId("article-row").count()).toBe(2);
    expect(await page.getByTestId("new-article").count()).toBe(1);
    await page.getByTestId("kb-filter-visibility").selectOption("internal");
    await expect.poll(() => page.getByTestId("article-row").count()).toBe(1);
    expect(await page.getByTestId("article-row").textContent()).toContain("Internal");
    await page.getByTestId("kb-filter-visibility").selectOption("");
    await page.getByTestId("kb-filter-due").check();
    await expect.poll(() => page.getByTestId("article-row").count()).toBe(1);
    expect(await page.getByTestId("verification-badge").getAttribute("data-state")).not.toBe("verified");
    await page.getByTestId("kb-search").fill("nothing matches this zebra");
    await page.getByTestId("kb-empty").waitFor();
    expect(await page.getByTestId("kb-empty").textContent()).toContain("No article matches");
    await page.getByRole("button", { name: "Clear search and filters" }).click();
    await expect.poll(() => page.getByTestId("article-row").count()).toBe(2);
    // An agent writes a new article; only a supervisor could name another owner.
    await page.getByTestId("new-article").click();
    await page.getByTestId("article-owner-select").waitFor();
    expect(await page.getByTestId("article-owner-select").isDisabled()).toBe(true);
    await ctx.close();
  });

  it("suggests matching articles in the conversation; one click puts the link or the text into the composer", async () => {
    const { ctx, page } = await signIn(team.agent);
    await page.goto(`${url}/conversations/${convId}`);
    await page.getByTestId("composer").waitFor();
    await page.getByTestId("sidebar-tab-articles").click();
    const panel = page.getByTestId("articles-panel");
    const pub = panel.locator(`[data-testid="article-suggestion"][data-article-id="${articleId}"]`);
    await pub.waitFor();
    const internal = panel.locator('[data-testid="article-suggestion"]', { hasText: "internal checklist" });
    await internal.waitFor();
    expect(await internal.textContent()).toContain("Internal");
    expect(await internal.textContent()).toContain("Unverified");
    expect(await internal.getByTestId("insert-link").count()).toBe(0);
    await shot(page, "kb-suggestions");

    const link = (await translation(articleId, "en")).url as string;
    expect(link).toMatch(/^http/);
    await pub.getByTestId("insert-link").click();
    await expect.poll(() => page.getByTestId("composer").inputValue()).toBe(link);
    expect(await focusedTestId(page)).toBe("composer");

    await internal.getByTestId("insert-content").click();
    await expect
      .poll(() => page.getByTestId("composer").inputValue())
      .toContain("Check the serial number before you reset the router password.");
    const value = await page.getByTestId("composer").inputValue();
    expect(value.startsWith(link)).toBe(true);
    expect(value).not.toContain("**");
    expect(await page.getByTestId("articles-panel-notice").textContent()).toMatch(/Internal article text inserted.*check it before a customer sees it/);

    // The search box finds other articles too.
    await panel.getByTestId("articles-panel-search").fill("nulstil");
    await expect.poll(() => panel.getByTestId("article-suggestion").count()).toBeGreaterThan(0);
    await ctx.close();
  });

  it("knowledge health shows the trust score, what is due, and a search that found nothing", async () => {
    const hc = await api(team.owner, "/help-center");
    const res = await fetch(`${url}/api/v1/public/${hc.slug}/search?q=${encodeURIComponent("warranty for a blue toaster")}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: unknown[] }).items).toEqual([]);
    await expect
      .poll(async () => JSON.stringify((await api(team.supervisor, "/knowledge/health")).searchesWithoutResults))
      .toContain("warranty for a blue toaster");

    const { ctx, page } = await signIn(team.supervisor);
    await page.goto(`${url}/knowledge/health`);
    await page.getByTestId("trust-score").waitFor();
    expect(await page.getByTestId("trust-score").textContent()).toContain("50%");
    expect(await page.getByTestId("searches-without-results").textContent()).toContain("warranty for a blue toaster");
    const due = page.getByTestId("due-article");
    await expect.poll(() => due.count()).toBe(1);
    expect(await due.textContent()).toContain(team.agent.name);
    await shot(page, "kb-health");
    await ctx.close();
  });

  it("the owner, an agent, is told their article is due and verifies it; agents then see it as verified", async () => {
    const { ctx, page } = await signIn(team.agent);
    await page.getByTestId("nav-knowledge").click();
    const banner = page.getByTestId("kb-mine-due");
    await expect.poll(() => banner.textContent()).toContain("1 article you own needs verification");
    await banner.getByRole("button", { name: "Show it" }).click();
    await expect.poll(() => page.getByTestId("article-row").count()).toBe(1);
    await page.getByTestId("article-row").click();
    const badge = page.getByTestId("article-settings").getByTestId("verification-badge");
    await expect.poll(() => badge.getAttribute("data-state")).toBe("unverified");
    expect(await page.getByTestId("delete-article").count()).toBe(0);
    await page.getByTestId("mark-verified").click();
    await expect.poll(() => page.getByTestId("save-status").textContent()).toBe("Marked verified");
    expect(await badge.getAttribute("data-state")).toBe("verified");

    await page.goto(`${url}/conversations/${convId}`);
    await page.getByTestId("sidebar-tab-articles").click();
    const internal = page.getByTestId("articles-panel").locator('[data-testid="article-suggestion"]', { hasText: "internal checklist" });
    await internal.waitFor();
    expect(await internal.textContent()).not.toContain("Unverified");
    await ctx.close();
  });

  it("admins change the help center; a refused value is named next to its field", async () => {
    const { ctx, page } = await signIn(team.admin);
    await page.goto(`${url}/knowledge/help-center`);
    await page.getByTestId("hc-domain").waitFor();
    await page.getByTestId("hc-domain").fill("not a domain");
    await page.getByTestId("hc-save").click();
    await expect.poll(() => page.getByTestId("hc-domain").getAttribute("aria-invalid")).toBe("true");
    await page.getByTestId("hc-domain").fill("help.acme.example");
    await page.getByLabel("Title").fill("Acme Help");
    await page.getByTestId("hc-save").click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Saved" }).count()).toBe(1);
    const hc = await api(team.owner, "/help-center");
    expect(hc).toMatchObject({ title: "Acme Help", customDomain: "help.acme.example" });
    expect(await page.getByTestId("open-help-center").getAttribute("href")).toBe(hc.url);
    await shot(page, "kb-help-center");
    await ctx.close();
  });

  it("works at phone width: list, editor, and the articles panel in a conversation", async () => {
    const { ctx, page } = await signIn(team.supervisor, PHONE);
    await page.goto(`${url}/knowledge`);
    await page.getByTestId("article-row").first().waitFor();
    await shot(page, "kb-list-phone");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await page.goto(`${url}/knowledge/articles/${articleId}`);
    await page.getByTestId("pane-primary").waitFor();
    await shot(page, "kb-editor-phone");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await page.goto(`${url}/conversations/${convId}`);
    await page.getByTestId("composer").waitFor();
    await page.getByRole("button", { name: "Customer", exact: true }).click();
    await page.getByTestId("sidebar-tab-articles").click();
    await page.getByTestId("articles-panel").getByTestId("article-suggestion").first().waitFor();
    await shot(page, "kb-suggestions-phone");
    await page.getByTestId("articles-panel").locator(`[data-article-id="${articleId}"]`).getByTestId("insert-link").click();
    // The drawer closes and the link is in the composer.
    await expect.poll(() => page.getByTestId("composer").inputValue()).toContain("/articles/");
    expect(await page.getByTestId("customer-sidebar").isVisible()).toBe(false);
    await ctx.close();
  });
});
