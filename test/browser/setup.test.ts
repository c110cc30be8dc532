import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { listeningUrl, startTestApp, type TestApp } from "../helpers/app";
import { haveChromium, launch, newPage, shot } from "./browser";

// A Rapport with no users yet: the one-time setup screen, then an invited agent choosing a password.
describe.runIf(haveChromium)("setup and invites in a real browser", () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  const dialogs: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({}, { listen: true });
    url = listeningUrl(t.app);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("sets up the account, then an invited agent joins through the invite link", async () => {
    const { ctx, page } = await newPage(browser, dialogs);
    await page.goto(url);
    await page.getByRole("heading", { name: "Set up Rapport" }).waitFor();
    await shot(page, "setup");
    await page.getByLabel("Company name").fill("Kettle & Co");
    await page.getByLabel("Your name").fill("Olga Owner");
    await page.getByLabel("Email").fill("olga@example.com");
    await page.getByLabel("Password (8+ characters)").fill("short");
    // The browser's own validation stops a short password before any request.
    await page.getByLabel("Password (8+ characters)").press("Enter");
    expect(await page.getByRole("heading", { name: "Set up Rapport" }).count()).toBe(1);
    await page.getByLabel("Password (8+ characters)").fill("a long enough password");
    await page.getByLabel("Password (8+ characters)").press("Enter");
    await page.getByTestId("nav-count-all").waitFor();
    expect(await page.getByTestId("empty-list").textContent()).toContain("All caught up");

    // Invite an agent through the API as the owner (the page's own session and CSRF token).
    const invite = await page.evaluate(async () => {
      const me = await (await fetch("/api/v1/me")).json();
      const res = await fetch("/api/v1/users", {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
        body: JSON.stringify({ name: "Ivan Invited", email: "ivan@example.com" }),
      });
      return (await res.json()).inviteUrl as string;
    });
    expect(invite).toMatch(/\/invite\//);
    await ctx.close();

    const other = await newPage(browser, dialogs);
    await other.page.goto(`${url}${new URL(invite).pathname}`);
    await other.page.getByRole("heading", { name: "Join your team" }).waitFor();
    await shot(other.page, "invite");
    await other.page.getByLabel("Password (8+ characters)").fill("ivan's new password");
    await other.page.getByRole("button", { name: "Join" }).click();
    await other.page.getByTestId("nav-count-all").waitFor();
    expect(new URL(other.page.url()).pathname).toBe("/");
    expect(await other.page.getByText("Ivan Invited").count()).toBeGreaterThan(0);
    await other.ctx.close();
    expect(dialogs).toEqual([]);
  });
});
