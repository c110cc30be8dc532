import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeamOfAgents, PASSWORD, type TestUser } from "../factories";
import { listeningUrl, startTestApp, type TestApp } from "../helpers/app";
import { focusedTestId, haveChromium, launch, newPage, shot } from "./browser";

describe.runIf(haveChromium)("agent workspace in a real browser", () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let team: Awaited<ReturnType<typeof createTeamOfAgents>>;
  let convId: string;
  let xssId: string;
  const dialogs: string[] = [];

  const api = async (user: TestUser, path: string, body?: unknown, method = "POST") => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    });
    return res.status === 204 ? null : res.json();
  };
  const newConversation = (email: string, name: string, subject: string, text: string, html?: string) =>
    api(team.owner, "/conversations", { channel: "api", customer: { email, name }, subject, message: html ? { text, html } : { text } });

  async function signIn(user: TestUser, viewport?: { width: number; height: number }): Promise<{ ctx: BrowserContext; page: Page }> {
    const { ctx, page } = await newPage(browser, dialogs, viewport);
    await page.goto(url);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByLabel("Password").press("Enter");
    await page.getByTestId("nav-count-all").waitFor();
    return { ctx, page };
  }

  async function openAllOpen(page: Page, id: string) {
    await page.getByRole("button", { name: /All open/ }).click();
    await page.locator(`[data-testid="conversation-row"][data-id="${id}"]`).click();
    await page.getByTestId("composer").waitFor();
  }

  beforeAll(async () => {
    t = await startTestApp({}, { listen: true });
    url = listeningUrl(t.app);
    team = await createTeamOfAgents(t.app.ctx.db, "Acme");
    xssId = (await newConversation("mallory@example.com", "Mallory", "Odd", "<img src=x onerror=alert(1)>")).id;
    convId = (await newConversation("jane@example.com", "Jane Doe", "Broken kettle", "My kettle arrived broken.")).id;
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("shows a sign-in error for a wrong password, inline and announced", async () => {
    const { ctx, page } = await newPage(browser, dialogs);
    await page.goto(url);
    await page.getByLabel("Email").fill(team.agent.email);
    await page.getByLabel("Password").fill("wrong password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Email or password is wrong");
    await shot(page, "signin");
    await ctx.close();
  });

  it("two agents: presence, typing, and a reply that appears live in the other browser", async () => {
    const a = await signIn(team.agent);
    const b = await signIn(team.agent2);
    await openAllOpen(a.page, convId);
    await openAllOpen(b.page, convId);
    await expect.poll(() => a.page.getByTestId("presence").textContent(), { timeout: 5000 }).toContain(`${team.agent2.name} is viewing`);

    await b.page.getByTestId("composer").click();
    await b.page.keyboard.type("Looking");
    await expect.poll(() => a.page.getByTestId("presence").textContent(), { timeout: 5000 }).toContain(`${team.agent2.name} is typing`);
    await shot(a.page, "conversation-presence");

    // r focuses the reply composer; Ctrl+Enter sends.
    await a.page.getByTestId("thread").click();
    await a.page.keyboard.press("r");
    await expect.poll(() => focusedTestId(a.page)).toBe("composer");
    await a.page.keyboard.type("Hi Jane, a new kettle is on its way today.");
    await a.page.keyboard.press("Control+Enter");
    const inB = b.page.locator('[data-testid="message"][data-kind="reply"]', { hasText: "a new kettle is on its way" });
    await inB.waitFor({ timeout: 3000 });
    expect(await a.page.locator('[data-testid="message"][data-kind="reply"]').count()).toBe(1);
    expect(await a.page.getByTestId("composer").inputValue()).toBe("");

    // The list row in the other browser moves too: its preview is now our reply.
    const rowInB = b.page.locator(`[data-testid="conversation-row"][data-id="${convId}"]`);
    await expect.poll(() => rowInB.textContent()).toContain("a new kettle is on its way");

    // Leaving (closing the tab) takes the viewer off the other screen.
    await b.ctx.close();
    await expect.poll(() => a.page.getByTestId("presence").textContent(), { timeout: 5000 }).toBe("");
    await a.ctx.close();
  });

  it("renders a customer's HTML-looking text as inert text, and real HTML only in a sandbox", async () => {
    const html = await newConversation(
      "hannah@example.com",
      "Hannah",
      "Formatted",
      "Hello in bold",
      '<p>Hello <b>in bold</b></p><img src="x" onerror="alert(2)">',
    );
    const a = await signIn(team.agent);
    await openAllOpen(a.page, xssId);
    const msg = a.page.locator('[data-testid="message"][data-kind="incoming"]');
    await expect.poll(() => msg.locator(".msg-text").textContent()).toBe("<img src=x onerror=alert(1)>");
    expect(await msg.locator("img").count()).toBe(0);

    await openAllOpen(a.page, html.id);
    const frame = a.page.locator('[data-testid="message"][data-kind="incoming"] iframe');
    await frame.waitFor();
    expect(await frame.getAttribute("sandbox")).toBe("");
    expect(await frame.getAttribute("srcdoc")).toContain("default-src 'none'");
    await a.page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await a.ctx.close();
  });

  it("a note with an @mention notifies the teammate live; the notification opens the conversation", async () => {
    const a = await signIn(team.agent);
    const b = await signIn(team.agent2);
    await openAllOpen(a.page, convId);
    await a.page.getByRole("tab", { name: "Private note" }).click();
    await a.page.getByTestId("composer").click();
    await a.page.keyboard.type("Can you check stock, @acme sec");
    const option = a.page.getByRole("listbox", { name: "Mention a teammate" }).getByRole("option", { name: new RegExp(team.agent2.name) });
    await option.waitFor();
    await shot(a.page, "mention");
    await a.page.keyboard.press("Enter");
    expect(await a.page.getByTestId("composer").inputValue()).toBe(`Can you check stock, @${team.agent2.name} `);
    await a.page.keyboard.type("please?");
    await a.page.getByTestId("send-button").click();
    const note = a.page.locator('[data-testid="message"][data-kind="note"]', { hasText: "please?" });
    await note.waitFor();
    expect(await note.textContent()).toContain("Private note");

    const bell = b.page.getByTestId("notification-bell");
    await expect.poll(() => bell.getAttribute("aria-label"), { timeout: 5000 }).toMatch(/1 unread/);
    await bell.click();
    await shot(b.page, "notifications");
    const item = b.page.getByTestId("notification").first();
    expect(await item.textContent()).toContain(`${team.agent.name} mentioned you in #`);
    await item.click();
    await expect.poll(() => b.page.url()).toContain(`/conversations/${convId}`);
    await b.page.locator('[data-testid="message"][data-kind="note"]', { hasText: "please?" }).waitFor();
    await expect.poll(() => bell.getAttribute("aria-label")).toBe("Notifications");
    await a.ctx.close();
    await b.ctx.close();
  });

  it("the customer sidebar lists every conversation of the customer, one click away", async () => {
    const first = await newConversation("lena@example.com", "Lena Berg", "Invoice question", "Why was I charged twice?");
    const second = await newConversation("lena@example.com", "Lena Berg", "Delivery address", "Please change my address.");
    const a = await signIn(team.agent);
    await openAllOpen(a.page, second.id);
    const sidebar = a.page.getByTestId("customer-sidebar");
    await sidebar.getByText("lena@example.com").waitFor();
    const other = sidebar.locator(`[data-testid="history-item"][data-id="${first.id}"]`);
    expect(await other.textContent()).toContain("Invoice question");
    await shot(a.page, "conversation");
    await other.click();
    await expect.poll(() => a.page.url()).toContain(`/conversations/${first.id}`);
    await a.page.getByTestId("thread").getByText("Why was I charged twice?").waitFor();
    await a.ctx.close();
  });

  it("a conversation resolved elsewhere leaves the open view live; a new one arrives, and the counts follow", async () => {
    const gone = await newConversation("rita@example.com", "Rita", "Password reset", "I can't log in.");
    const a = await signIn(team.agent);
    await a.page.getByRole("button", { name: /All open/ }).click();
    const row = a.page.locator(`[data-testid="conversation-row"][data-id="${gone.id}"]`);
    await row.waitFor();
    await shot(a.page, "inbox");
    const count = async () => Number(await a.page.getByTestId("nav-count-all").textContent());
    await expect.poll(count).toBeGreaterThan(0);
    const before = await count();

    await api(team.agent2, `/conversations/${gone.id}`, { status: "resolved" }, "PATCH");
    await row.waitFor({ state: "detached", timeout: 3000 });
    await expect.poll(count).toBe(before - 1);

    const fresh = await newConversation("new@example.com", "Newcomer", "Hello", "Hello there");
    await a.page.locator(`[data-testid="conversation-row"][data-id="${fresh.id}"]`).waitFor({ timeout: 3000 });
    await expect.poll(count).toBe(before);
    await a.ctx.close();
  });

  it("keyboard: j/k move, n opens a note, e resolves, a focuses the assignee, / searches, ? shows the shortcuts", async () => {
    const a = await signIn(team.agent);
    await a.page.getByRole("button", { name: /All open/ }).click();
    await a.page.getByTestId("conversation-row").first().waitFor();
    const rows = await a.page.getByTestId("conversation-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-id")));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    await a.page.keyboard.press("j");
    await expect.poll(() => a.page.url()).toContain(`/conversations/${rows[0]}`);
    await a.page.keyboard.press("j");
    await expect.poll(() => a.page.url()).toContain(`/conversations/${rows[1]}`);
    await a.page.keyboard.press("k");
    await expect.poll(() => a.page.url()).toContain(`/conversations/${rows[0]}`);
    await a.page.getByTestId("composer").waitFor();

    await a.page.keyboard.press("n");
    await expect.poll(() => a.page.getByRole("tab", { name: "Private note" }).getAttribute("aria-selected")).toBe("true");
    await expect.poll(() => focusedTestId(a.page)).toBe("composer");
    // Letters typed in the composer are text, not shortcuts; Escape leaves the composer.
    await a.page.keyboard.type("j");
    expect(a.page.url()).toContain(`/conversations/${rows[0]}`);
    expect(await a.page.getByTestId("composer").inputValue()).toBe("j");
    await a.page.keyboard.press("Backspace");
    await a.page.keyboard.press("Escape");
    expect(await focusedTestId(a.page)).not.toBe("composer");

    await a.page.keyboard.press("r");
    await expect.poll(() => a.page.getByRole("tab", { name: "Reply" }).getAttribute("aria-selected")).toBe("true");
    await a.page.keyboard.press("Escape");

    await a.page.keyboard.press("a");
    await expect.poll(() => focusedTestId(a.page)).toBe("assignee-select");
    await a.page.getByTestId("thread").click();

    await a.page.keyboard.press("e");
    await expect.poll(() => a.page.getByTestId("status-select").inputValue()).toBe("resolved");
    expect((await api(team.agent, `/conversations/${rows[0]}`, undefined, "GET")).status).toBe("resolved");
    // The resolved one left the open view; j goes on to the conversation that followed it.
    await a.page.locator(`[data-testid="conversation-row"][data-id="${rows[0]}"]`).waitFor({ state: "detached" });
    await a.page.keyboard.press("j");
    await expect.poll(() => a.page.url()).toContain(`/conversations/${rows[1]}`);

    await a.page.keyboard.press("?");
    await a.page.getByTestId("shortcuts-dialog").waitFor();
    await shot(a.page, "shortcuts");
    expect(await a.page.getByRole("dialog", { name: "Keyboard shortcuts" }).count()).toBe(1);
    await a.page.keyboard.press("Escape");
    await expect.poll(() => a.page.getByTestId("shortcuts-dialog").count()).toBe(0);

    await a.page.keyboard.press("/");
    await expect.poll(() => focusedTestId(a.page)).toBe("search-input");
    await a.page.keyboard.type("kettle");
    await a.page.keyboard.press("Enter");
    await expect.poll(() => a.page.getByTestId("conversation-row").count()).toBe(1);
    await a.page.keyboard.press("Escape");
    await expect.poll(() => a.page.getByRole("heading", { level: 1, name: "All open" }).count()).toBe(1);
    await a.ctx.close();
  });

  it("shows a friendly empty state, and keeps the text when sending fails", async () => {
    const a = await signIn(team.agent);
    await a.page.getByRole("button", { name: /^Closed/ }).click();
    await a.page.getByTestId("empty-list").waitFor();
    expect(await a.page.getByTestId("empty-list").textContent()).toContain("No closed conversations");
    await shot(a.page, "empty");

    await openAllOpen(a.page, convId);
    await a.page.route("**/api/v1/conversations/*/messages", (route) =>
      route.request().method() === "POST"
        ? route.fulfill({
            status: 503,
            contentType: "application/json",
            body: JSON.stringify({ error: { code: "unavailable", message: "Rapport is restarting" } }),
          })
        : route.continue(),
    );
    await a.page.getByTestId("composer").fill("This must not be lost");
    await a.page.getByTestId("send-button").click();
    await expect.poll(() => a.page.locator("#composer-error").textContent()).toContain("Rapport is restarting");
    expect(await a.page.locator("#composer-error").getAttribute("role")).toBe("alert");
    expect(await a.page.getByTestId("composer").inputValue()).toBe("This must not be lost");
    await a.ctx.close();
  });

  it("on a phone-sized screen the list and the conversation stack, with a way back", async () => {
    const a = await signIn(team.agent, { width: 390, height: 844 });
    await a.page.getByRole("button", { name: /All open/ }).click();
    await a.page.locator(`[data-testid="conversation-row"][data-id="${convId}"]`).waitFor();
    await shot(a.page, "narrow-list");
    expect(await a.page.getByTestId("customer-sidebar").count()).toBe(0);
    await a.page.locator(`[data-testid="conversation-row"][data-id="${convId}"]`).click();
    await a.page.getByTestId("composer").waitFor();
    expect(await a.page.getByTestId("conversation-row").first().isVisible()).toBe(false);
    expect(await a.page.getByTestId("customer-sidebar").isVisible()).toBe(false);
    // Nothing may stick out sideways on a phone.
    expect(await a.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(a.page, "narrow-conversation");
    await a.page.getByRole("button", { name: "Customer", exact: true }).click();
    await a.page.getByTestId("customer-sidebar").getByText("jane@example.com").waitFor();
    await shot(a.page, "narrow-customer");
    await a.page.keyboard.press("Escape");
    await expect.poll(() => a.page.getByTestId("customer-sidebar").isVisible()).toBe(false);
    await a.page.getByRole("button", { name: "Back to the list" }).click();
    await a.page.getByTestId("conversation-row").first().waitFor();
    expect(await a.page.getByTestId("composer").count()).toBe(0);
    await a.ctx.close();
  });
});
