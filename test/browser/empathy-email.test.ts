import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../factories";
import { listeningUrl } from "../helpers/app";
import { sendMail, startEmailApp, startSmtpSink, waitFor } from "../helpers/email";
import { haveChromium, launch, newPage, shot } from "./browser";

// Email replies restate the customer's question: the composer opens with the engine's opening paragraph, once.
describe.runIf(haveChromium)("the email composer's opening paragraph", () => {
  let t: Awaited<ReturnType<typeof startEmailApp>>;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let url: string;
  let browser: Browser;
  let convId: string;
  let opening: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startEmailApp({}, { listen: true });
    url = listeningUrl(t.app);
    await t.createInbox(t.a.admin, {
      address: "care@acme.test",
      name: "Acme Care",
      smtp: { host: "127.0.0.1", port: sink.port, security: "none" },
    });
    await sendMail(t.smtpPort, {
      from: "Nina <nina@example.com>",
      to: "care@acme.test",
      subject: "Refund for my kettle",
      text: "Hello, I returned the kettle (order NW-7731) two weeks ago and I still have no refund. When will I get my money back?",
    });
    convId = await waitFor(
      async () => (await t.as(t.a.agent, { method: "GET", url: "/api/v1/conversations?q=kettle" })).json().items[0]?.id,
      15_000,
      "the mail",
    );
    opening = await waitFor(
      async () => (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${convId}/guidance` })).json().emailOpening,
      15_000,
      "the email opening",
    );
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sink?.close();
  });

  it("pre-fills the reply with the opening that restates the question; cleared, it stays cleared", async () => {
    const { ctx, page } = await newPage(browser, []);
    await page.goto(url);
    await page.getByLabel("Email").fill(t.a.agent.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByLabel("Password").press("Enter");
    await page.getByTestId("nav-count-all").waitFor();
    await page.goto(`${url}/conversations/${convId}`);
    const composer = page.getByTestId("composer");
    await expect.poll(() => composer.inputValue(), { timeout: 10_000 }).toBe(`${opening}\n\n`);
    await shot(page, "empathy-email-opening");
    await composer.fill("");
    // Away and back (the pane remounts): the agent's choice to clear it holds.
    await page.evaluate((id) => {
      history.pushState(null, "", "/");
      dispatchEvent(new PopStateEvent("popstate"));
      history.pushState(null, "", `/conversations/${id}`);
      dispatchEvent(new PopStateEvent("popstate"));
    }, convId);
    await composer.waitFor();
    await page.waitForTimeout(500);
    expect(await composer.inputValue()).toBe("");
    // And after a reload of the page (same tab).
    await page.reload();
    await composer.waitFor();
    await page.waitForTimeout(500);
    expect(await composer.inputValue()).toBe("");
    await ctx.close();
  });
});
