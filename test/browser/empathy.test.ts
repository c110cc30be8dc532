import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postAgentReply } from "../../src/server/modules/ai-agent/post-agent-reply";
import { createTeamOfAgents, PASSWORD, type TestUser } from "../factories";
import { listeningUrl, startTestApp, type TestApp } from "../helpers/app";
import { focusedTestId, haveChromium, launch, newPage, shot } from "./browser";

// The agent workspace for the empathy and language engine (issue 5), against the real server, database and
// offline engine: no language model is configured, so drafting and translation must say they are unavailable.
describe.runIf(haveChromium)("empathy and language engine in the agent workspace", () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let team: Awaited<ReturnType<typeof createTeamOfAgents>>;
  let angryId: string;
  let calmId: string;
  const dialogs: string[] = [];

  const api = async (user: TestUser, path: string, body?: unknown, method = body ? "POST" : "GET") => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${user.token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return res.status === 204 ? null : res.json();
  };
  const newConversation = (email: string, name: string, subject: string, text: string) =>
    api(team.owner, "/conversations", { channel: "api", customer: { email, name }, subject, message: { text } });
  // The analysis job reads each customer message shortly after it arrives.
  const analysed = async (conversationId: string) => {
    for (const until = Date.now() + 15_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
      const page = await api(team.owner, `/conversations/${conversationId}/messages`);
      const incoming = page.items.filter((m: { kind: string }) => m.kind === "incoming");
      if (incoming.every((m: { analysis: unknown }) => m.analysis)) return;
    }
    throw new Error(`the messages of ${conversationId} were not analysed within 15 s`);
  };

  async function signIn(user: TestUser, viewport?: { width: number; height: number }): Promise<{ ctx: BrowserContext; page: Page }> {
    const { ctx, page } = await newPage(browser, dialogs, viewport);
    await page.goto(url);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByLabel("Password").press("Enter");
    await page.getByTestId("nav-count-all").waitFor();
    return { ctx, page };
  }
  async function open(page: Page, id: string) {
    await page.getByRole("button", { name: /All open/ }).click();
    await page.locator(`[data-testid="conversation-row"][data-id="${id}"]`).click();
    await page.getByTestId("composer").waitFor();
  }
  const replies = (page: Page) => page.locator('[data-testid="message"][data-kind="reply"]');

  beforeAll(async () => {
    t = await startTestApp({}, { listen: true });
    url = listeningUrl(t.app);
    team = await createTeamOfAgents(t.app.ctx.db, "Acme");
    angryId = (
      await newConversation(
        "olga@example.com",
        "Olga Berg",
        "Where is my order?",
        "This is ridiculous!!! My order #48213 still hasn't arrived after three weeks and nobody answers my emails. I want to talk to a real person NOW.",
      )
    ).id;
    await api(team.supervisor, "/articles", {
      locale: "en",
      title: "My order hasn't arrived",
      body: "Most orders arrive within 5 working days.\n\nIf your order hasn't arrived after 10 working days, we send a new one free of charge or refund you in full.",
      status: "published",
    });
    calmId = (await newConversation("tom@example.com", "Tom Hale", "Thanks", "Thank you so much, the new kettle works perfectly!")).id;
    await analysed(angryId);
    await analysed(calmId);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("shows what was read in an upset customer's message: a chip with the emotion, 'Wants a person' and the details", async () => {
    const a = await signIn(team.agent);
    await open(a.page, angryId);
    const chip = a.page.locator('[data-testid="message"][data-kind="incoming"]').getByTestId("analysis-chip");
    await chip.waitFor();
    expect(["anger", "frustration"]).toContain(await chip.getAttribute("data-emotion"));
    expect(await chip.getAttribute("data-wants-human")).toBe("true");
    const summary = chip.locator("summary");
    expect(await summary.textContent()).toMatch(/(Angry|Frustrated).*Wants a person/);
    expect(await summary.getAttribute("aria-label")).toMatch(/wants a person/);
    // The scores open by keyboard, not only on hover.
    await summary.focus();
    await a.page.keyboard.press("Enter");
    await chip.getByTestId("analysis-details").waitFor();
    expect(await chip.getByTestId("analysis-details").textContent()).toMatch(/offline engine/);
    // The header says how upset the customer is in words, not only in colour.
    const temp = a.page.getByTestId("temperature");
    expect(Number(await temp.getAttribute("data-temperature"))).toBeGreaterThanOrEqual(60);
    expect(await temp.textContent()).toMatch(/Temperature \d+ of 100: (upset|furious)/);
    await shot(a.page, "empathy-chip");
    await a.ctx.close();
  });

  it("a new customer message gets its chip live, when the engine has read it", async () => {
    const live = await newConversation("ida@example.com", "Ida Lund", "Kettle", "Hello, a question about my kettle.");
    await analysed(live.id);
    const a = await signIn(team.agent);
    await open(a.page, live.id);
    await a.page.locator('[data-testid="message"][data-kind="incoming"]').getByTestId("analysis-chip").waitFor();
    await api(team.owner, `/conversations/${live.id}/messages`, {
      kind: "incoming",
      text: "I'm a bit worried: the kettle sparked when I switched it on.",
    });
    const latest = a.page.locator('[data-testid="message"][data-kind="incoming"]').nth(1);
    await latest.waitFor();
    await latest.getByTestId("analysis-chip").waitFor({ timeout: 10_000 });
    expect(await latest.getByTestId("analysis-chip").getAttribute("data-emotion")).not.toBe("joy");
    await a.ctx.close();
  });

  it("sets the AI assistant's answers apart from people's, with a badge in words", async () => {
    await t.app.ctx.db.transaction((tx) =>
      postAgentReply({
        tx,
        accountId: team.owner.accountId,
        conversationId: calmId,
        language: "en",
        channel: "api",
        text: "Glad to hear it! Enjoy your tea.",
      }),
    );
    const a = await signIn(team.agent);
    await open(a.page, calmId);
    const answer = a.page.locator('[data-testid="message"][data-kind="reply"]', { hasText: "Enjoy your tea" });
    await answer.waitFor();
    expect(await answer.getByTestId("ai-badge").textContent()).toBe("AI assistant");
    expect(await answer.getAttribute("class")).toContain("assistant");
    // No chip on it: only customers' messages are read.
    expect(await answer.getByTestId("analysis-chip").count()).toBe(0);
    await a.ctx.close();
  });

  it("offers acknowledgements above the composer; a click (or Tab and Enter) puts one at the start of the reply", async () => {
    const a = await signIn(team.agent);
    await open(a.page, angryId);
    const chips = a.page.getByTestId("ack-chip");
    await chips.first().waitFor();
    expect(await chips.count()).toBeGreaterThanOrEqual(2);
    expect(await chips.count()).toBeLessThanOrEqual(3);
    const first = (await chips.first().textContent())?.trim() ?? "";
    expect(first.length).toBeGreaterThan(10);

    await a.page.getByTestId("composer").fill("Your parcel ships today.");
    await chips.first().click();
    expect(await a.page.getByTestId("composer").inputValue()).toBe(`${first} Your parcel ships today.`);
    expect(await focusedTestId(a.page)).toBe("composer");

    // Keyboard path: from the composer, Shift+Tab reaches the chips; Enter inserts.
    await a.page.getByTestId("composer").fill("");
    await chips.last().focus();
    const last = (await chips.last().textContent())?.trim() ?? "";
    await a.page.keyboard.press("Enter");
    expect((await a.page.getByTestId("composer").inputValue()).startsWith(last)).toBe(true);
    await shot(a.page, "empathy-ack-chips");
    await a.page.getByTestId("composer").fill("");
    await a.ctx.close();
  });

  it("nudges once, gently, when a reply to an upset customer skips the acknowledgement; 'Send anyway' sends", async () => {
    const a = await signIn(team.agent);
    await open(a.page, angryId);
    await a.page.getByTestId("ack-chip").first().waitFor();
    const before = await replies(a.page).count();
    await a.page.getByTestId("composer").fill("Your parcel ships tomorrow.");
    await a.page.getByTestId("send-button").click();
    const nudge = a.page.getByTestId("ack-nudge");
    await nudge.waitFor();
    expect(await nudge.textContent()).toMatch(/upset/);
    // Nothing was sent, and the text is kept.
    expect(await replies(a.page).count()).toBe(before);
    expect(await a.page.getByTestId("composer").inputValue()).toBe("Your parcel ships tomorrow.");
    // It sits in a live region, so a screen reader hears it.
    expect(await nudge.locator("xpath=..").getAttribute("aria-live")).toBe("polite");
    await shot(a.page, "empathy-nudge");

    await a.page.getByTestId("ack-nudge-send").click();
    await replies(a.page).filter({ hasText: "Your parcel ships tomorrow." }).waitFor();
    expect(await a.page.getByTestId("ack-nudge").count()).toBe(0);
    expect(await a.page.getByTestId("composer").inputValue()).toBe("");

    // One time per conversation: the next bare reply goes straight out.
    await a.page.getByTestId("composer").fill("Tracking number follows.");
    await a.page.getByTestId("send-button").click();
    await replies(a.page).filter({ hasText: "Tracking number follows." }).waitFor();
    expect(await a.page.getByTestId("ack-nudge").count()).toBe(0);
    await a.ctx.close();
  });

  it("lists the upset customer in the 'Upset customers' view and sorts the hottest first", async () => {
    const a = await signIn(team.agent);
    await a.page.getByRole("button", { name: "Upset customers" }).click();
    await a.page.locator(`[data-testid="conversation-row"][data-id="${angryId}"]`).waitFor();
    expect(await a.page.locator(`[data-testid="conversation-row"][data-id="${calmId}"]`).count()).toBe(0);
    const dot = a.page.locator(`[data-testid="conversation-row"][data-id="${angryId}"]`).getByTestId("temperature-dot");
    expect(await dot.textContent()).toMatch(/Customer mood: (upset|furious)/);
    await shot(a.page, "empathy-upset-view");

    await a.page.getByRole("button", { name: /All open/ }).click();
    await a.page.locator("#sort").selectOption("temperature");
    const order = () => a.page.getByTestId("conversation-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-id")));
    await expect.poll(async () => (await order())[0]).toBe(angryId);
    // The glad customer is the coolest of all.
    expect((await order()).at(-1)).toBe(calmId);
    await a.ctx.close();
  });

  it("creates a follow-up for tomorrow 10:00 from the HELP panel and marks it done", async () => {
    const a = await signIn(team.agent);
    await open(a.page, angryId);
    await a.page.getByTestId("sidebar-tab-help").click();
    const panel = a.page.getByTestId("help-panel");
    await panel.getByTestId("help-h").waitFor();
    // No language model here: no draft button, and the panel says why.
    expect(await panel.getByTestId("draft-button").count()).toBe(0);
    expect(await panel.getByTestId("draft-unavailable").textContent()).toMatch(/needs a language model/);

    // Lead: the article that answers, with the passage, one click into the reply.
    const article = panel.getByTestId("help-article").first();
    await article.waitFor();
    expect(await article.textContent()).toContain("My order hasn't arrived");
    const passage = (await article.locator("blockquote").textContent()) ?? "";
    expect(passage).toMatch(/arrived/);
    await article.getByRole("button", { name: /Insert text/ }).click();
    expect(await a.page.getByTestId("composer").inputValue()).toContain(passage.trim());
    await a.page.getByTestId("composer").fill("");

    await panel.getByTestId("follow-up-tomorrow").click();
    const item = panel.getByTestId("follow-up");
    await item.waitFor();
    const stored = await api(team.agent, `/conversations/${angryId}/follow-ups`);
    expect(stored.items).toHaveLength(1);
    const due = new Date(stored.items[0].dueAt);
    const tz = await a.page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(due.toLocaleString("en-GB", { timeZone: tz, hour: "2-digit", minute: "2-digit" })).toBe("10:00");
    await shot(a.page, "empathy-help-panel");

    await item.getByRole("button", { name: /Mark done/ }).click();
    await item.waitFor({ state: "detached" });
    expect((await api(team.agent, `/conversations/${angryId}/follow-ups`)).items[0].status).toBe("done");
    await a.ctx.close();
  });

  it("pins a hand-off summary above the thread after the conversation is reassigned", async () => {
    // The agent took it; the owner hands it on to a teammate (agents may only assign to themselves).
    await api(team.agent, `/conversations/${angryId}`, { assigneeId: team.agent.id }, "PATCH");
    const a = await signIn(team.owner);
    await open(a.page, angryId);
    expect(await a.page.getByTestId("handoff-summary").count()).toBe(0);
    await a.page.getByTestId("assignee-select").selectOption(team.agent2.id);
    const card = a.page.getByTestId("handoff-summary");
    await card.waitFor({ timeout: 10_000 });
    const text = await card.textContent();
    expect(text).toMatch(/Wants:/);
    expect(text).toContain("48213");
    expect(text).toMatch(/after reassignment/);
    await shot(a.page, "empathy-handoff");
    await a.ctx.close();
  });

  it("turns on the AI answer assistant of a chat inbox, with its threshold and name, and shows what it did", async () => {
    const chat = await api(team.owner, "/inboxes", { channel: "chat", name: "Website chat" });
    const a = await signIn(team.owner);
    await a.page.goto(`${url}/settings/inboxes`);
    await a.page.getByTestId("chat-inbox-card").getByRole("button", { name: "Change" }).click();
    const section = a.page.getByTestId("ai-agent-settings");
    const enabled = section.getByTestId("ai-agent-enabled");
    await enabled.waitFor();
    expect(await enabled.isChecked()).toBe(false);
    await enabled.check();
    const slider = section.getByLabel("Answer only when at least this sure");
    await slider.focus();
    // Keyboard: each arrow moves the threshold by 5 points.
    await a.page.keyboard.press("ArrowRight");
    await a.page.keyboard.press("ArrowRight");
    await section.getByLabel("Name customers see").fill("Northwind helper");
    await section.getByTestId("ai-agent-save").click();
    await expect.poll(() => section.getByTestId("ai-agent-notice").textContent()).toContain("saved");
    const saved = await api(team.owner, `/inboxes/${chat.id}/ai-agent`);
    expect(saved).toEqual({ enabled: true, confidenceThreshold: 0.65, name: "Northwind helper" });
    await section.getByTestId("ai-agent-metrics").waitFor();
    expect(await section.getByTestId("ai-agent-metrics").textContent()).toMatch(/Answered\s*0/);
    await shot(a.page, "empathy-ai-agent-settings");
    // Saving the assistant did not submit the inbox form around it.
    expect(await a.page.getByTestId("chat-inbox-form").count()).toBe(1);
    await a.ctx.close();
  });

  it("says translation is unavailable without a language model, and keeps the HELP panel reachable on a phone", async () => {
    const dansk = await newConversation(
      "mette@example.dk",
      "Mette Hansen",
      "Pakke",
      "Jeg er virkelig skuffet. Min pakke er stadig ikke kommet efter to uger, og ingen svarer mig!",
    );
    await analysed(dansk.id);
    const a = await signIn(team.agent, { width: 390, height: 844 });
    await a.page.goto(`${url}/conversations/${dansk.id}`);
    await a.page.getByTestId("composer").waitFor();
    const translate = a.page.getByTestId("translate-message");
    await translate.waitFor();
    expect(await translate.isDisabled()).toBe(true);
    expect(await a.page.locator('[data-testid="message"][data-kind="incoming"]').textContent()).toContain(
      "Translation unavailable — no language model configured",
    );
    const sendIn = a.page.getByTestId("send-in-language");
    expect(await sendIn.isDisabled()).toBe(true);
    await shot(a.page, "empathy-phone-conversation");
    // On a phone the side area is a drawer, opened from the header.
    await a.page.locator('button[aria-controls="customer-sidebar"]').click();
    await a.page.getByTestId("sidebar-tab-help").click();
    await a.page.getByTestId("help-panel").getByTestId("follow-up-tomorrow").waitFor();
    await shot(a.page, "empathy-phone-help");
    await a.ctx.close();
    expect(dialogs).toEqual([]);
  });
});
