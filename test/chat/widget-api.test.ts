import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChatTestApp, clientId, hmacOf, startChatApp } from "./helpers";

let t: ChatTestApp;
let inboxId: string;
const SHOP = "https://shop.example";

beforeAll(async () => {
  t = await startChatApp();
  inboxId = (await t.chatInbox(t.a.admin, { allowedOrigins: [SHOP, "https://*.example.org"] })).id;
});
afterAll(async () => t?.close());

const messagesOf = async (conversationId: string) =>
  (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${conversationId}/messages` })).json().items as {
    kind: string;
    text: string;
  }[];

describe("chat inboxes", () => {
  it("creates a chat inbox with defaults, an embed snippet, and a secret only admins can see", async () => {
    const res = await t.as(t.a.admin, { method: "POST", url: "/api/v1/inboxes", payload: { channel: "chat", name: "Shop chat" } });
    expect(res.statusCode).toBe(201);
    const inbox = res.json();
    expect(inbox).toMatchObject({
      channel: "chat",
      name: "Shop chat",
      chat: { position: "right", preChatForm: "off", requireVerifiedIdentity: false, allowedOrigins: [] },
    });
    expect(inbox.chat.languages).toEqual(expect.arrayContaining(["en", "da", "pl", "sk", "de", "es", "fr", "sv", "nl", "cs"]));
    expect(inbox.widget.snippet).toBe(`<script src="${inbox.widget.scriptUrl}" data-inbox="${inbox.id}" async></script>`);
    expect(JSON.stringify(inbox)).not.toMatch(/secret/i);

    expect((await t.as(t.a.agent, { method: "GET", url: `/api/v1/inboxes/${inbox.id}/identity-secret` })).statusCode).toBe(403);
    const secret = (await t.as(t.a.admin, { method: "GET", url: `/api/v1/inboxes/${inbox.id}/identity-secret` })).json().secret;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    // Stored sealed, never in clear.
    const stored = await t.app.ctx.db.execute(sql`SELECT settings::text AS s FROM inboxes WHERE id = ${inbox.id}`);
    expect((stored.rows[0] as { s: string }).s).not.toContain(secret);
    const rotated = (await t.as(t.a.admin, { method: "POST", url: `/api/v1/inboxes/${inbox.id}/identity-secret` })).json();
    expect(rotated.secret).not.toBe(secret);
    // Another account's inbox is not found.
    expect((await t.as(t.b.admin, { method: "GET", url: `/api/v1/inboxes/${inbox.id}/identity-secret` })).statusCode).toBe(404);
  });

  it("names the field for bad settings and refuses email settings on a chat inbox", async () => {
    const bad = await t.as(t.a.admin, {
      method: "POST",
      url: "/api/v1/inboxes",
      payload: { channel: "chat", name: "X", chat: { allowedOrigins: ["https://ok.example", "https://shop.example/path"] } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("body.chat.allowedOrigins.1");
    const tz = await t.as(t.a.admin, {
      method: "POST",
      url: "/api/v1/inboxes",
      payload: { channel: "chat", name: "X", chat: { businessHours: { enabled: true, timeZone: "Mars/Olympus", ranges: [] } } },
    });
    expect(tz.json().error.field).toBe("body.chat.businessHours.timeZone");
    const smtp = await t.as(t.a.admin, { method: "PATCH", url: `/api/v1/inboxes/${inboxId}`, payload: { signature: "x" } });
    expect(smtp.statusCode).toBe(400);
    expect(smtp.json().error.field).toBe("body.signature");
    const ok = await t.as(t.a.admin, {
      method: "PATCH",
      url: `/api/v1/inboxes/${inboxId}`,
      payload: { chat: { primaryColor: "#0a7c59" } },
    });
    expect(ok.json().chat).toMatchObject({ primaryColor: "#0a7c59", allowedOrigins: [SHOP, "https://*.example.org"] });
    expect((await t.as(t.a.agent, { method: "PATCH", url: `/api/v1/inboxes/${inboxId}`, payload: { name: "Mine" } })).statusCode).toBe(403);
  });
});

describe("visitors and their messages", () => {
  it("starts a normal chat conversation, and a client id makes retries return the first message", async () => {
    const v = await t.visitor(inboxId);
    const id = clientId();
    const first = await t.send(v.token, { clientId: id, text: "Hi, is the blue kettle in stock?" });
    expect(first.statusCode).toBe(201);
    const body = first.json();
    expect(body.replayed).toBe(false);
    expect(body.message).toMatchObject({ clientId: id, author: { type: "visitor" }, text: "Hi, is the blue kettle in stock?" });
    const conversationId = body.conversation.id;

    // The same message again, then five at once: never a second copy.
    const again = await t.send(v.token, { clientId: id, text: "Hi, is the blue kettle in stock?" });
    expect(again.json()).toMatchObject({ replayed: true, message: { id: body.message.id } });
    const burst = await Promise.all(
      Array.from({ length: 5 }, () => t.send(v.token, { clientId: id, text: "Hi, is the blue kettle in stock?" })),
    );
    expect(new Set(burst.map((r) => r.json().message.id))).toEqual(new Set([body.message.id]));

    const conv = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${conversationId}` })).json();
    expect(conv).toMatchObject({ channel: "chat", status: "open", messageCount: 1 });
    expect(await messagesOf(conversationId)).toHaveLength(1);

    // Written offline before the conversation existed: it joins the conversation its first message started.
    const follow = await t.send(v.token, { clientId: clientId(), startedBy: id, text: "Or the red one." });
    expect(follow.json().conversation.id).toBe(conversationId);
    // Visitor text is text: markup stays literal, never becomes HTML.
    const html = await t.send(v.token, { clientId: clientId(), conversationId, text: "<img src=x onerror=alert(1)> <b>bold</b>" });
    expect(html.statusCode).toBe(201);
    const stored = await t.app.ctx.db.execute(sql`SELECT html, text FROM messages WHERE id = ${html.json().message.id}`);
    expect(stored.rows[0]).toEqual({ html: null, text: "<img src=x onerror=alert(1)> <b>bold</b>" });
  });

  it("lets a visitor read only their own conversations: everyone else's answers 404", async () => {
    const alice = await t.visitor(inboxId);
    const mallory = await t.visitor(inboxId);
    const sent = (await t.send(alice.token, { clientId: clientId(), text: "My order number is 4471" })).json();
    const id = sent.conversation.id;
    expect((await t.widget(alice.token, { method: "GET", url: `/api/v1/widget/conversations/${id}/messages` })).statusCode).toBe(200);
    for (const req of [
      { method: "GET" as const, url: `/api/v1/widget/conversations/${id}/messages` },
      { method: "POST" as const, url: `/api/v1/widget/conversations/${id}/read` },
      { method: "POST" as const, url: `/api/v1/widget/conversations/${id}/follow-up`, payload: { email: "m@evil.example" } },
    ]) {
      expect((await t.widget(mallory.token, req)).statusCode, req.url).toBe(404);
    }
    const into = await t.send(mallory.token, { clientId: clientId(), conversationId: id, text: "let me in" });
    expect(into.statusCode).toBe(404);
    const startedBy = await t.send(mallory.token, { clientId: clientId(), startedBy: sent.message.clientId, text: "let me in" });
    expect(startedBy.statusCode).toBe(404);
    expect((await t.widget(mallory.token, { method: "GET", url: "/api/v1/widget/me" })).json().conversations).toEqual([]);
    expect((await t.widget("rv_not-a-token", { method: "GET", url: "/api/v1/widget/me" })).statusCode).toBe(401);
    expect((await t.widget(null, { method: "GET", url: `/api/v1/widget/conversations/${id}/messages` })).statusCode).toBe(401);
    expect(await messagesOf(id)).toHaveLength(1);
  });

  it("never shows agents' private notes to the visitor", async () => {
    const v = await t.visitor(inboxId);
    const id = (await t.send(v.token, { clientId: clientId(), text: "Where is my parcel?" })).json().conversation.id;
    await t.as(t.a.agent, {
      method: "POST",
      url: `/api/v1/conversations/${id}/messages`,
      payload: { kind: "note", text: "VIP, refund quietly" },
    });
    await t.as(t.a.agent, {
      method: "POST",
      url: `/api/v1/conversations/${id}/messages`,
      payload: { kind: "reply", text: "It ships today." },
    });
    const items = (await t.widget(v.token, { method: "GET", url: `/api/v1/widget/conversations/${id}/messages` })).json().items;
    expect(items.map((m: { text: string }) => m.text)).toEqual(["Where is my parcel?", "It ships today."]);
    expect(items[1].author).toEqual({ type: "agent", name: t.a.agent.name });
    const me = (await t.widget(v.token, { method: "GET", url: "/api/v1/widget/me" })).json();
    expect(me.conversations[0]).toMatchObject({ id, unread: 1 });
  });

  it("refuses oversized messages with 400 naming the field, and oversized bodies with 413", async () => {
    const v = await t.visitor(inboxId);
    const long = await t.send(v.token, { clientId: clientId(), text: "x".repeat(4001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.field).toBe("body.text");
    const huge = await t.widget(v.token, {
      method: "POST",
      url: "/api/v1/widget/messages",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ clientId: clientId(), text: "y".repeat(40_000) }),
    });
    expect(huge.statusCode).toBe(413);
    const empty = await t.send(v.token, { clientId: clientId(), text: "   " });
    expect(empty.json().error.field).toBe("body.text");
  });

  it("rate-limits new visitors per IP and messages per visitor with 429 and Retry-After", async () => {
    const ip = "203.0.113.50";
    const codes: number[] = [];
    for (let i = 0; i < 22; i++) {
      codes.push(
        (await t.app.inject({ method: "POST", url: "/api/v1/widget/visitors", payload: { inboxId }, remoteAddress: ip })).statusCode,
      );
    }
    expect(codes.slice(0, 20).every((c) => c === 201)).toBe(true);
    expect(codes.slice(20)).toEqual([429, 429]);
    const limited = await t.app.inject({ method: "POST", url: "/api/v1/widget/visitors", payload: { inboxId }, remoteAddress: ip });
    expect(limited.json().error.code).toBe("rate_limited");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    // Another address is not affected.
    expect(
      (await t.app.inject({ method: "POST", url: "/api/v1/widget/visitors", payload: { inboxId }, remoteAddress: "203.0.113.51" }))
        .statusCode,
    ).toBe(201);

    const v = await t.visitor(inboxId);
    const sends: number[] = [];
    for (let i = 0; i < 32; i++) sends.push((await t.send(v.token, { clientId: clientId(), text: `message ${i}` })).statusCode);
    expect(sends.filter((c) => c === 201)).toHaveLength(30);
    expect(sends.slice(30)).toEqual([429, 429]);
  });

  it("needs the pre-chat form when the inbox requires it", async () => {
    const inbox = await t.chatInbox(t.a.admin, { preChatForm: "required" }, "Strict chat");
    const v = await t.visitor(inbox.id);
    const refused = await t.send(v.token, { clientId: clientId(), text: "hello" });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe("prechat_required");
    const bad = await t.widget(v.token, { method: "PATCH", url: "/api/v1/widget/me", payload: { name: "Ada", email: "not-an-email" } });
    expect(bad.json().error.field).toBe("body.email");
    await t.widget(v.token, { method: "PATCH", url: "/api/v1/widget/me", payload: { name: "Ada", email: "Ada@Example.com" } });
    const ok = await t.send(v.token, { clientId: clientId(), text: "hello" });
    expect(ok.statusCode).toBe(201);
    const conv = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${ok.json().conversation.id}` })).json();
    expect(conv.customer.name).toBe("Ada");
    expect(ok.json().conversation.followUpEmail).toBe("ada@example.com");
  });
});

describe("origins", () => {
  it("accepts the allowed sites and Rapport itself, refuses any other Origin with 403", async () => {
    const own = new URL(t.url).origin;
    for (const origin of [SHOP, "https://help.example.org", own]) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/widget/visitors",
        payload: { inboxId },
        headers: { origin, host: new URL(t.url).host },
      });
      expect(res.statusCode, origin).toBe(201);
    }
    for (const origin of ["https://evil.example", "https://shop.example.evil.com", "http://shop.example", "null", "garbage"]) {
      const res = await t.app.inject({ method: "POST", url: "/api/v1/widget/visitors", payload: { inboxId }, headers: { origin } });
      expect(res.statusCode, origin).toBe(403);
      expect(res.json().error.code).toBe("origin_not_allowed");
    }
    const v = await t.visitor(inboxId);
    const foreign = await t.widget(v.token, { method: "GET", url: "/api/v1/widget/me", headers: { origin: "https://evil.example" } });
    expect(foreign.statusCode).toBe(403);
    const cfg = await t.app.inject({ method: "GET", url: `/api/v1/widget/config?inbox=${inboxId}`, headers: { origin: SHOP } });
    expect(cfg.statusCode).toBe(200);
    expect(cfg.headers["access-control-allow-origin"]).toBe(SHOP);
    expect(cfg.json()).toMatchObject({ inboxId, position: "right", availability: { withinHours: true, agentsOnline: false } });
  });

  it("serves the chat frame only into allowed sites (frame-ancestors) with a strict CSP", async () => {
    const ok = await t.app.inject({ method: "GET", url: `/widget/frame?inbox=${inboxId}&origin=${encodeURIComponent(SHOP)}` });
    expect(ok.statusCode).toBe(200);
    const csp = String(ok.headers["content-security-policy"]);
    expect(csp).toContain(`frame-ancestors 'self' ${SHOP} https://*.example.org`);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(ok.body).toContain('id="rapport-config"');
    expect(ok.body).toContain(`"parentOrigin":"${SHOP}"`);
    const refused = await t.app.inject({
      method: "GET",
      url: `/widget/frame?inbox=${inboxId}&origin=${encodeURIComponent("https://evil.example")}`,
    });
    expect(refused.statusCode).toBe(403);
    expect(String(refused.headers["content-security-policy"])).toContain(`frame-ancestors 'self' ${SHOP}`);
    expect((await t.app.inject({ method: "GET", url: "/widget/frame?inbox=00000000-0000-0000-0000-000000000000" })).statusCode).toBe(404);
    const loader = await t.app.inject({ method: "GET", url: "/widget.js" });
    expect(loader.statusCode).toBe(200);
    expect(loader.headers["content-type"]).toMatch(/javascript/);
    expect(loader.headers["cache-control"]).toBe("public, max-age=300");
    expect(loader.headers["access-control-allow-origin"]).toBe("*");
    const cached = await t.app.inject({ method: "GET", url: "/widget.js", headers: { "if-none-match": String(loader.headers.etag) } });
    expect(cached.statusCode).toBe(304);
  });
});

describe("identify", () => {
  it("joins a verified identity to the customer with that external id, across devices, and shows their chat history", async () => {
    const secret = await t.secret(t.a.admin, inboxId);
    const laptop = await t.visitor(inboxId);
    const ok = await t.widget(laptop.token, {
      method: "POST",
      url: "/api/v1/widget/identify",
      payload: { user: { id: "user-42", email: "Grace@Example.com", name: "Grace" }, hmac: hmacOf(secret, "user-42") },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ visitor: { verified: true, externalId: "user-42", email: "grace@example.com" }, session: null });
    const first = (await t.send(laptop.token, { clientId: clientId(), text: "Question from my laptop" })).json();
    const conv = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${first.conversation.id}` })).json();
    const customer = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/customers/${conv.customer.id}` })).json();
    expect(customer.identities).toEqual(
      expect.arrayContaining([
        { kind: "external", value: "user-42" },
        { kind: "email", value: "grace@example.com" },
      ]),
    );

    // The same person on their phone: verified again, they see the laptop's conversation.
    const phone = await t.visitor(inboxId);
    await t.widget(phone.token, {
      method: "POST",
      url: "/api/v1/widget/identify",
      payload: { user: { id: "user-42" }, hmac: hmacOf(secret, "user-42") },
    });
    const history = (await t.widget(phone.token, { method: "GET", url: "/api/v1/widget/me" })).json().conversations;
    expect(history.map((c: { id: string }) => c.id)).toContain(first.conversation.id);
    const second = (await t.send(phone.token, { clientId: clientId(), text: "And from my phone" })).json();
    const conv2 = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${second.conversation.id}` })).json();
    expect(conv2.customer.id).toBe(conv.customer.id);
  });

  it("keeps an unverified identity apart: it never merges into the existing customer and never sees their history", async () => {
    const secret = await t.secret(t.a.admin, inboxId);
    const real = await t.visitor(inboxId);
    await t.widget(real.token, {
      method: "POST",
      url: "/api/v1/widget/identify",
      payload: { user: { id: "victim-1", email: "victim@example.com", name: "Victim" }, hmac: hmacOf(secret, "victim-1") },
    });
    const victimConv = (await t.send(real.token, { clientId: clientId(), text: "My address is 1 Private Road" })).json().conversation.id;
    const victimCustomer = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${victimConv}` })).json().customer.id;

    const attacker = await t.visitor(inboxId);
    for (const hmac of [undefined, "0".repeat(64), hmacOf("wrong-secret", "victim-1"), "zz"]) {
      const res = await t.widget(attacker.token, {
        method: "POST",
        url: "/api/v1/widget/identify",
        payload: { user: { id: "victim-1", email: "victim@example.com", name: "Victim" }, ...(hmac ? { hmac } : {}) },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().visitor.verified).toBe(false);
    }
    expect((await t.widget(attacker.token, { method: "GET", url: "/api/v1/widget/me" })).json().conversations).toEqual([]);
    expect((await t.widget(attacker.token, { method: "GET", url: `/api/v1/widget/conversations/${victimConv}/messages` })).statusCode).toBe(
      404,
    );
    const own = (await t.send(attacker.token, { clientId: clientId(), text: "Give me the address" })).json().conversation.id;
    const ownCustomer = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${own}` })).json().customer;
    expect(ownCustomer.id).not.toBe(victimCustomer);
    expect(ownCustomer.email).toBeNull();
    const victim = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/customers/${victimCustomer}` })).json();
    expect(victim.conversations.map((c: { id: string }) => c.id)).toEqual([victimConv]);
  });

  it("in enforcement mode refuses unverified identify calls with a clear error", async () => {
    const strict = await t.chatInbox(t.a.admin, { requireVerifiedIdentity: true }, "Verified only");
    const secret = await t.secret(t.a.admin, strict.id);
    const v = await t.visitor(strict.id);
    const none = await t.widget(v.token, { method: "POST", url: "/api/v1/widget/identify", payload: { user: { id: "u-7" } } });
    expect(none.statusCode).toBe(403);
    expect(none.json().error).toMatchObject({ code: "identity_not_verified", message: expect.stringContaining("HMAC") });
    const wrong = await t.widget(v.token, {
      method: "POST",
      url: "/api/v1/widget/identify",
      payload: { user: { id: "u-7" }, hmac: hmacOf(secret, "u-8") },
    });
    expect(wrong.statusCode).toBe(403);
    const right = await t.widget(v.token, {
      method: "POST",
      url: "/api/v1/widget/identify",
      payload: { user: { id: "u-7" }, hmac: hmacOf(secret, "u-7") },
    });
    expect(right.statusCode).toBe(200);
    expect(right.json().visitor.verified).toBe(true);
  });

  it("gives a browser a new visitor when another user signs in on it, so history never passes between people", async () => {
    const secret = await t.secret(t.a.admin, inboxId);
    const v = await t.visitor(inboxId);
    await t.widget(v.token, {
      method: "POST",
      url: "/api/v1/widget/identify",
      payload: { user: { id: "first-user" }, hmac: hmacOf(secret, "first-user") },
    });
    const c = (await t.send(v.token, { clientId: clientId(), text: "first user's question" })).json().conversation.id;
    const next = (
      await t.widget(v.token, {
        method: "POST",
        url: "/api/v1/widget/identify",
        payload: { user: { id: "second-user" }, hmac: hmacOf(secret, "second-user") },
      })
    ).json();
    expect(next.session.token).not.toBe(v.token);
    expect(next.visitor.externalId).toBe("second-user");
    expect((await t.widget(next.session.token, { method: "GET", url: `/api/v1/widget/conversations/${c}/messages` })).statusCode).toBe(404);
  });
});

describe("files", () => {
  const PNG = Buffer.from(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
      "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db40000000049454e44ae426082",
    "hex",
  );

  it("takes images and documents as messages, serves them safely, and shows them to agents", async () => {
    const v = await t.visitor(inboxId);
    const up = await t.widget(v.token, {
      method: "POST",
      url: `/api/v1/widget/files?clientId=${clientId()}&name=${encodeURIComponent("../../etc/photo.png")}`,
      headers: { "content-type": "image/png" },
      payload: PNG,
    });
    expect(up.statusCode).toBe(201);
    const msg = up.json().message;
    expect(msg.attachments).toEqual([expect.objectContaining({ filename: "photo.png", contentType: "image/png", image: true })]);
    const img = await t.app.inject({ method: "GET", url: msg.attachments[0].url });
    expect(img.statusCode).toBe(200);
    expect(img.headers["content-type"]).toBe("image/png");
    expect(img.headers["content-disposition"]).toMatch(/^inline/);
    expect(img.headers["x-content-type-options"]).toBe("nosniff");
    expect(img.rawPayload.equals(PNG)).toBe(true);
    expect((await t.app.inject({ method: "GET", url: msg.attachments[0].url.replace(/sig=.*/, "sig=forged") })).statusCode).toBe(404);

    const pdf = await t.widget(v.token, {
      method: "POST",
      url: `/api/v1/widget/files?clientId=${clientId()}&conversationId=${up.json().conversation.id}&name=invoice.pdf`,
      headers: { "content-type": "application/pdf" },
      payload: Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"),
    });
    const pdfFile = await t.app.inject({ method: "GET", url: pdf.json().message.attachments[0].url });
    expect(pdfFile.headers["content-disposition"]).toMatch(/^attachment; filename="invoice.pdf"/);
    expect(pdfFile.headers["content-security-policy"]).toContain("sandbox");

    const agentView = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${up.json().conversation.id}/messages` })).json()
      .items;
    expect(agentView.flatMap((m: { attachments: { filename: string }[] }) => m.attachments.map((a) => a.filename))).toEqual([
      "photo.png",
      "invoice.pdf",
    ]);
  });

  it("lets agents send files into a chat: the visitor gets them; other conversations and accounts can't", async () => {
    const v = await t.visitor(inboxId);
    const id = (await t.send(v.token, { clientId: clientId(), text: "Can you send the manual?" })).json().conversation.id;
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF");
    const up = await t.as(t.a.agent, {
      method: "POST",
      url: `/api/v1/conversations/${id}/files?name=manual.pdf`,
      headers: { "content-type": "application/pdf" },
      payload: pdf,
    });
    expect(up.statusCode).toBe(201);
    expect(up.json()).toMatchObject({ kind: "reply", attachments: [{ filename: "manual.pdf", contentType: "application/pdf" }] });
    const seen = (await t.widget(v.token, { method: "GET", url: `/api/v1/widget/conversations/${id}/messages` })).json().items;
    const file = seen.at(-1).attachments[0];
    expect(seen.at(-1).author.type).toBe("agent");
    expect((await t.app.inject({ method: "GET", url: file.url })).rawPayload.equals(pdf)).toBe(true);
    const api = await t.as(t.a.agent, {
      method: "POST",
      url: "/api/v1/conversations",
      payload: { channel: "api", customer: { email: "x@example.com" }, message: { text: "hi" } },
    });
    const notChat = await t.as(t.a.agent, {
      method: "POST",
      url: `/api/v1/conversations/${api.json().id}/files?name=a.pdf`,
      headers: { "content-type": "application/pdf" },
      payload: pdf,
    });
    expect(notChat.statusCode).toBe(404);
    const foreign = await t.as(t.b.agent, {
      method: "POST",
      url: `/api/v1/conversations/${id}/files?name=a.pdf`,
      headers: { "content-type": "application/pdf" },
      payload: pdf,
    });
    expect(foreign.statusCode).toBe(404);
  });

  it("refuses SVG, HTML, a lying PNG and a file over the inbox's limit", async () => {
    const small = await t.chatInbox(t.a.admin, { files: { enabled: true, maxBytes: 2048 } }, "Small files");
    const v = await t.visitor(small.id);
    const post = (type: string, body: Buffer) =>
      t.widget(v.token, {
        method: "POST",
        url: `/api/v1/widget/files?clientId=${clientId()}&name=f`,
        headers: { "content-type": type },
        payload: body,
      });
    expect((await post("image/svg+xml", Buffer.from("<svg onload=alert(1)></svg>"))).statusCode).toBe(415);
    expect((await post("text/html", Buffer.from("<script>alert(1)</script>"))).statusCode).toBe(415);
    const lying = await post("image/png", Buffer.from("<script>alert(1)</script>"));
    expect(lying.statusCode).toBe(400);
    expect((await post("image/png", Buffer.concat([PNG, Buffer.alloc(4096)]))).statusCode).toBe(413);
  });
});
