import crypto from "node:crypto";
import http from "node:http";
import { sql } from "drizzle-orm";
import type { Browser, BrowserContext, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, type TestUser } from "../factories";
import { type ChatTestApp, startChatApp } from "../chat/helpers";
import { haveChromium, launch, newPage, shot } from "./browser";

/** A customer's site on another origin: its own fonts, colors and a global CSS the widget must not touch or suffer. */
const HOST_CSS = `
  * { font-family: Georgia, serif; }
  body { margin: 0; background: #fdf6e3; color: #3b2f1e; }
  header { padding: 24px 32px; background: #2f4858; color: #fff; }
  h1 { font-size: 34px; margin: 0; }
  p { font-size: 18px; line-height: 1.6; padding: 0 32px; }
  button { background: #c0392b; color: #fff; border: 4px dashed #000; padding: 12px 20px; font-size: 16px; }
  iframe { border: 8px solid red !important; }
  div { outline: 1px dotted #999; }
`;
const page = (snippet: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme Kettles</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${HOST_CSS}</style></head>
<body><header><h1>Acme Kettles</h1></header><p id="copy">The finest kettles since 1891. Free delivery on orders over 50 €.</p>
<p><button id="buy">Buy now</button></p><div id="box">Spring sale</div>${snippet}</body></html>`;

describe.runIf(haveChromium)("chat widget on a customer's site, in a real browser", () => {
  let t: ChatTestApp;
  let browser: Browser;
  let host: http.Server;
  let hostUrl: string;
  let stranger: http.Server;
  let strangerUrl: string;
  let inboxId: string;
  let snippet: string;
  const dialogs: string[] = [];

  beforeAll(async () => {
    t = await startChatApp();
    host = http.createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://x");
      const bare = url.pathname === "/bare";
      const framed = url.pathname === "/framed";
      // A signed-in user of the shop: the page queues Rapport.identify before the loader has even loaded.
      const identify =
        url.pathname === "/account"
          ? `<script>window.Rapport={q:[],identify(...a){this.q.push(["identify",a])}};Rapport.identify({id:"shop-user-7",email:"kim@example.com",name:"Kim"},${JSON.stringify(url.searchParams.get("hmac"))});</script>`
          : "";
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(
        page(
          bare
            ? ""
            : framed
              ? `<iframe id="direct" src="${t.url}/widget/frame?inbox=${inboxId}&origin=${encodeURIComponent(hostUrl)}"></iframe>`
              : identify + snippet,
        ),
      );
    });
    await new Promise<void>((r) => host.listen(0, "127.0.0.1", () => r()));
    hostUrl = `http://127.0.0.1:${(host.address() as { port: number }).port}`;
    // Another site, not in the allowed list: the same pages on another port.
    stranger = http.createServer(host.listeners("request")[0] as http.RequestListener);
    await new Promise<void>((r) => stranger.listen(0, "127.0.0.1", () => r()));
    strangerUrl = `http://127.0.0.1:${(stranger.address() as { port: number }).port}`;
    const inbox = await t.chatInbox(
      t.a.admin,
      {
        allowedOrigins: [hostUrl],
        primaryColor: "#0b6e4f",
        greeting: { en: "Hi! Questions about your kettle? We're here.", da: "Hej! Spørgsmål om din elkedel? Vi er her." },
      },
      "Acme Kettles",
    );
    inboxId = inbox.id;
    // The inbox answers with the snippet for the address it was asked on (inject's localhost): point it at the real one.
    snippet = inbox.widget.snippet.replace(/src="[^"]*\/widget\.js"/, `src="${t.url}/widget.js"`);
    expect(snippet).toBe(`<script src="${t.url}/widget.js" data-inbox="${inboxId}" async></script>`);
    const article = await t.as(t.a.admin, {
      method: "POST",
      url: "/api/v1/articles",
      payload: {
        locale: "en",
        title: "How to descale your kettle",
        body: "Fill the kettle with water and vinegar, boil it, and let it stand for an hour. Rinse twice before use.",
        status: "published",
      },
    });
    if (article.statusCode !== 201) throw new Error(`article: ${article.statusCode} ${article.body}`);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => host?.close(r));
    await new Promise((r) => stranger?.close(r));
    await t?.close();
  });

  const chatFrame = async (p: Page): Promise<Frame> => {
    for (let i = 0; i < 100; i++) {
      const f = p.frames().find((x) => x.url().includes("/widget/frame"));
      if (f) {
        await f.waitForSelector(".widget");
        return f;
      }
      await p.waitForTimeout(50);
    }
    throw new Error("no chat frame");
  };
  /** The launcher sits in a closed shadow root: click it where a visitor would, bottom right. */
  const clickLauncher = async (p: Page) => {
    const vp = p.viewportSize()!;
    await p.mouse.click(vp.width - 50, vp.height - 50);
  };
  const visitorPage = async (viewport?: { width: number; height: number }): Promise<{ ctx: BrowserContext; page: Page; frame: Frame }> => {
    const { ctx, page: p } = await newPage(browser, dialogs, viewport);
    await p.goto(hostUrl);
    await p.waitForFunction(() => !!(window as unknown as { Rapport?: unknown }).Rapport && !!document.querySelector("rapport-chat"));
    await p.waitForTimeout(150);
    await clickLauncher(p);
    const frame = await chatFrame(p);
    await frame.getByTestId("widget-home").waitFor();
    return { ctx, page: p, frame };
  };
  const signIn = async (user: TestUser) => {
    const { ctx, page: p } = await newPage(browser, dialogs);
    await p.goto(t.url);
    await p.getByLabel("Email").fill(user.email);
    await p.getByLabel("Password").fill(PASSWORD);
    await p.getByLabel("Password").press("Enter");
    await p.getByTestId("nav-count-all").waitFor();
    return { ctx, page: p };
  };
  const textsOf = async (conversationId: string) =>
    (
      (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${conversationId}/messages` })).json().items as { text: string }[]
    ).map((m) => m.text);

  it("does not change the host page: same computed styles, same pixels, one global (window.Rapport)", async () => {
    const { ctx, page: p } = await newPage(browser, dialogs, { width: 1280, height: 800 });
    const probe = () =>
      p.evaluate(() => {
        const pick = (sel: string) => {
          const cs = getComputedStyle(document.querySelector(sel)!);
          return ["font-family", "font-size", "color", "background-color", "margin", "padding", "line-height", "border", "display"].map(
            (k) => cs.getPropertyValue(k),
          );
        };
        return {
          styles: ["body", "header", "h1", "#copy", "#buy", "#box"].map(pick),
          sheets: document.styleSheets.length,
          globals: Object.keys(window).sort(),
          scrollHeight: document.documentElement.scrollHeight,
        };
      });
    // The launcher's corner aside, the page must look exactly the same.
    const clip = { x: 0, y: 0, width: 1280 - 120, height: 800 };
    await p.goto(`${hostUrl}/bare`);
    const before = await probe();
    const shotBefore = await p.screenshot({ clip });
    await p.goto(hostUrl);
    await p.waitForFunction(() => !!document.querySelector("rapport-chat"));
    await p.waitForTimeout(300);
    const after = await probe();
    const shotAfter = await p.screenshot({ clip });
    expect(after.styles).toEqual(before.styles);
    expect(after.sheets).toBe(before.sheets);
    expect(after.scrollHeight).toBe(before.scrollHeight);
    expect(after.globals.filter((k) => !before.globals.includes(k))).toEqual(["Rapport"]);
    expect(shotAfter.equals(shotBefore)).toBe(true);
    await shot(p, "widget-host-closed");
    await ctx.close();
  });

  it("a visitor writes, the agent sees it live and replies, the visitor sees the reply; Seen both ways", async () => {
    const agent = await signIn(t.a.agent);
    await agent.page.getByRole("button", { name: /All open/ }).click();
    const v = await visitorPage({ width: 1280, height: 800 });
    await v.frame.getByTestId("widget-talk").waitFor();
    await expect.poll(() => v.frame.getByTestId("widget-availability").textContent()).toMatch(/^We're online/);
    await shot(v.page, "widget-home-desktop");

    await v.frame.getByTestId("widget-ask").fill("My kettle whistles at 3am, is that normal?");
    await v.frame.getByTestId("widget-ask").press("Enter");
    const mine = v.frame.locator('[data-testid="widget-message"][data-author="visitor"]', { hasText: "whistles at 3am" });
    await mine.waitFor({ timeout: 5000 });

    // Live in the workspace, with where the visitor is.
    const row = agent.page.getByTestId("conversation-row").filter({ hasText: "whistles at 3am" });
    await row.waitFor({ timeout: 3000 });
    await row.click();
    await agent.page.getByTestId("thread").getByText("My kettle whistles at 3am").waitFor();
    const visitorCard = agent.page.getByTestId("chat-visitor");
    await expect.poll(() => visitorCard.getByTestId("chat-visitor-page").textContent()).toContain("Acme Kettles");
    expect(await visitorCard.getByTestId("chat-visitor-browser").textContent()).toMatch(/Chrome/);
    await visitorCard.getByTestId("chat-visitor-time").waitFor();

    // The agent opened it: the visitor sees "Seen"; the agent types, then replies.
    await v.frame.getByTestId("widget-seen").waitFor({ timeout: 5000 });
    await agent.page.getByTestId("composer").click();
    await agent.page.keyboard.type("Not normal at all");
    await v.frame.getByTestId("widget-typing").waitFor({ timeout: 5000 });
    await agent.page.keyboard.press("Control+a");
    await agent.page.keyboard.type("That's the thermostat. We'll send you a new one today.");
    await agent.page.keyboard.press("Control+Enter");
    const reply = v.frame.locator('[data-testid="widget-message"][data-author="agent"]', { hasText: "thermostat" });
    await reply.waitFor({ timeout: 3000 });
    // The visitor has it open, so it is read: the agent sees Seen.
    await agent.page.getByTestId("chat-seen").waitFor({ timeout: 5000 });
    await shot(v.page, "widget-conversation-desktop");
    await shot(agent.page, "widget-agent-view");
    await agent.ctx.close();
    await v.ctx.close();
  });

  it("typed while offline, sent once when the connection is back", async () => {
    const v = await visitorPage({ width: 1280, height: 800 });
    await v.frame.getByTestId("widget-ask").fill("First question, online");
    await v.frame.getByTestId("widget-ask").press("Enter");
    await v.frame.locator('[data-testid="widget-message"]', { hasText: "First question" }).waitFor();
    const conversationId = (
      await t.app.ctx.db.execute(sql`SELECT conversation_id FROM messages WHERE text = 'First question, online' LIMIT 1`)
    ).rows[0] as { conversation_id: string };

    await v.ctx.setOffline(true);
    await v.frame.getByTestId("widget-connection").waitFor({ timeout: 5000 });
    await v.frame.getByTestId("widget-input").fill("Written on the train, no signal");
    await v.frame.getByTestId("widget-input").press("Enter");
    await v.frame.getByTestId("widget-input").fill("And a second one");
    await v.frame.getByTestId("widget-input").press("Enter");
    await v.frame.getByTestId("widget-pending").first().waitFor();
    await shot(v.page, "widget-offline");
    await v.page.waitForTimeout(1500);
    expect(await textsOf(conversationId.conversation_id)).toEqual(["First question, online"]);

    await v.ctx.setOffline(false);
    await expect.poll(() => v.frame.getByTestId("widget-pending").count(), { timeout: 15_000 }).toBe(0);
    await v.page.waitForTimeout(1000);
    expect(await textsOf(conversationId.conversation_id)).toEqual([
      "First question, online",
      "Written on the train, no signal",
      "And a second one",
    ]);
    await v.ctx.close();
  });

  it("suggests articles as the visitor types, with Talk to a person always in view; counts what happened", async () => {
    const v = await visitorPage({ width: 1280, height: 800 });
    const talk = v.frame.getByTestId("widget-talk");
    expect(await talk.isVisible()).toBe(true);
    await v.frame.getByTestId("widget-ask").pressSequentially("how do I descale", { delay: 30 });
    const suggestion = v.frame.getByTestId("widget-suggestion").filter({ hasText: "How to descale your kettle" });
    await suggestion.waitFor({ timeout: 5000 });
    expect(await talk.isVisible()).toBe(true);
    await shot(v.page, "widget-suggestions");
    await suggestion.click();
    await v.frame.getByTestId("widget-article").getByText("vinegar").waitFor();
    expect(await v.frame.getByTestId("widget-talk").isVisible()).toBe(true);
    await v.frame.getByTestId("widget-solved-button").click();
    await v.frame.getByTestId("widget-solved").waitFor();
    await shot(v.page, "widget-article");
    await v.frame.getByTestId("widget-talk").click();
    await v.frame.getByTestId("widget-thread").waitFor();
    await expect
      .poll(async () => {
        const r = await t.app.ctx.db.execute(
          sql`SELECT kind, count(*)::int AS n FROM deflection_events WHERE inbox_id = ${inboxId} GROUP BY kind ORDER BY kind`,
        );
        return Object.fromEntries((r.rows as { kind: string; n: number }[]).map((x) => [x.kind, x.n]));
      })
      .toMatchObject({ shown: 1, opened: 1, solved: 1, escalated: 1 });
    await v.ctx.close();
  });

  it("is a full-screen panel at phone width", async () => {
    const v = await visitorPage({ width: 390, height: 844 });
    const box = await v.page.evaluate(() => {
      const f = [...document.querySelectorAll("*")].find((e) => e.tagName === "RAPPORT-CHAT") as HTMLElement;
      return { w: window.innerWidth, h: window.innerHeight, ok: !!f };
    });
    expect(box.ok).toBe(true);
    const frameEl = await (await v.frame.frameElement()).boundingBox();
    expect(frameEl).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
    await v.frame.getByTestId("widget-ask").fill("Do you ship to Norway?");
    await v.frame.getByTestId("widget-ask").press("Enter");
    await v.frame.locator('[data-testid="widget-message"]', { hasText: "Norway" }).waitFor();
    await shot(v.page, "widget-conversation-phone");
    // Its close button hands the page back.
    await v.frame.getByRole("button", { name: "Close chat" }).click();
    await expect.poll(async () => (await v.frame.frameElement()).isVisible()).toBe(false);
    await v.ctx.close();
  });

  it("speaks the visitor's browser language, with the inbox's greeting in it", async () => {
    const ctx = await browser.newContext({ locale: "da-DK", viewport: { width: 1280, height: 800 } });
    const p = await ctx.newPage();
    await p.goto(hostUrl);
    await p.waitForFunction(() => !!document.querySelector("rapport-chat"));
    await p.waitForTimeout(150);
    await clickLauncher(p);
    const frame = await chatFrame(p);
    await frame.getByTestId("widget-talk").getByText("Tal med en person").waitFor();
    expect(await frame.getByTestId("widget-greeting").textContent()).toBe("Hej! Spørgsmål om din elkedel? Vi er her.");
    expect(await frame.getByTestId("widget-ask").getAttribute("placeholder")).toBe("Stil et spørgsmål…");
    await shot(p, "widget-home-danish");
    await ctx.close();
  });

  it("Rapport.identify with the site's HMAC makes a verified visitor, joined to that customer", async () => {
    const secret = await t.secret(t.a.admin, inboxId);
    const hmac = crypto.createHmac("sha256", secret).update("shop-user-7").digest("hex");
    const { ctx, page: p } = await newPage(browser, dialogs, { width: 1280, height: 800 });
    await p.goto(`${hostUrl}/account?hmac=${hmac}`);
    await p.waitForFunction(() => !!document.querySelector("rapport-chat"));
    await p.waitForTimeout(150);
    await clickLauncher(p);
    const frame = await chatFrame(p);
    await frame.getByTestId("widget-home").waitFor();
    await expect
      .poll(async () => {
        const r = await t.app.ctx.db.execute(
          sql`SELECT count(*)::int AS n FROM chat_visitors WHERE external_id = 'shop-user-7' AND verified`,
        );
        return (r.rows[0] as { n: number }).n;
      })
      .toBe(1);
    await frame.getByTestId("widget-ask").fill("Where is order 5521?");
    await frame.getByTestId("widget-ask").press("Enter");
    await frame.locator('[data-testid="widget-message"]', { hasText: "order 5521" }).waitFor();
    const r = await t.app.ctx.db.execute(sql`
      SELECT i.value FROM messages m JOIN conversations c ON c.id = m.conversation_id
      JOIN customer_identities i ON i.customer_id = c.customer_id AND i.kind = 'external'
      WHERE m.text = 'Where is order 5521?'`);
    expect(r.rows).toEqual([{ value: "shop-user-7" }]);
    await ctx.close();
  });

  it("admins add a website chat in settings and copy its snippet and identity secret", async () => {
    const admin = await signIn(t.a.admin);
    await admin.page.goto(`${t.url}/settings/inboxes`);
    await admin.page.getByRole("button", { name: "Add a website chat" }).click();
    const form = admin.page.getByTestId("chat-inbox-form");
    await form.getByLabel("Name", { exact: true }).fill("Support chat");
    await form.getByLabel("Allowed sites").fill("https://www.acme.example\nhttps://*.acme.example");
    await form.getByLabel("Greeting in Dansk").fill("Hej! Hvad kan vi hjælpe med?");
    await form.getByLabel("Ask for name and email").selectOption("optional");
    await shot(admin.page, "widget-settings-form");
    await form.getByRole("button", { name: "Add chat" }).click();
    const card = admin.page.getByTestId("chat-inbox-card").filter({ hasText: "Support chat" });
    await card.waitFor();
    expect(await card.getByTestId("embed-snippet").textContent()).toMatch(
      /<script src="http:\/\/127\.0\.0\.1:\d+\/widget\.js" data-inbox="[0-9a-f-]{36}" async><\/script>/,
    );
    expect(await card.textContent()).toContain("Runs on https://www.acme.example, https://*.acme.example");
    await card.getByRole("button", { name: "Show identity secret" }).click();
    expect(await card.getByTestId("identity-secret").locator(".secret").textContent()).toMatch(/^[0-9a-f]{64}$/);
    await shot(admin.page, "widget-settings");
    // A bad site address is named, not swallowed.
    await card.getByRole("button", { name: "Change" }).click();
    await admin.page.getByTestId("chat-inbox-form").getByLabel("Allowed sites").fill("https://www.acme.example/shop");
    await admin.page.getByTestId("chat-inbox-form").getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => admin.page.getByRole("alert").first().textContent()).toContain("allowedOrigins");
    await admin.ctx.close();
  });

  it("refuses to run on a site that is not allowed: no launcher, and the frame is blocked by frame-ancestors", async () => {
    const other = strangerUrl;
    const { ctx, page: p } = await newPage(browser, dialogs);
    const warnings: string[] = [];
    p.on("console", (m) => warnings.push(m.text()));
    await p.goto(other);
    await expect.poll(() => warnings.join("\n"), { timeout: 5000 }).toMatch(/not in the chat's allowed sites/);
    expect(await p.evaluate(() => !!document.querySelector("rapport-chat"))).toBe(false);
    await p.goto(`${other}/framed`);
    await p.waitForTimeout(1000);
    const framed = p.frames().find((f) => f !== p.mainFrame());
    const rendered = framed ? await framed.evaluate(() => !!document.querySelector(".widget")).catch(() => false) : false;
    expect(rendered).toBe(false);
    await ctx.close();
    expect(dialogs).toEqual([]);
  });
});
