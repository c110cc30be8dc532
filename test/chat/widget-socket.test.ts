import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestSocket } from "../helpers/ws";
import { type ChatTestApp, VisitorSocket, clientId, hmacOf, startChatApp, upgradeStatus } from "./helpers";

let t: ChatTestApp;
let inboxId: string;
const SHOP = "https://shop.example";

beforeAll(async () => {
  t = await startChatApp();
  inboxId = (await t.chatInbox(t.a.admin, { allowedOrigins: [SHOP] })).id;
});
afterAll(async () => t?.close());

const reply = (conversationId: string, text: string, kind = "reply") =>
  t.as(t.a.agent, { method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, payload: { kind, text } });

describe("the visitor's socket", () => {
  it("carries messages both ways: visitor → agents live, agent reply → the visitor's socket, never a note", async () => {
    const agent = await TestSocket.open(t.url, t.a.agent.token);
    const other = await TestSocket.open(t.url, t.b.agent.token);
    const v = await t.visitor(inboxId);
    const s = await VisitorSocket.open(t.url, v.token, { origin: SHOP });
    expect(s.pushes[0]).toMatchObject({
      type: "hello",
      data: { visitor: { id: v.visitorId, verified: false }, availability: { withinHours: true } },
    });

    const id = clientId();
    s.send({ type: "message", clientId: id, text: "Does the kettle come in red?" });
    const ack = await s.waitFor((p) => p.type === "ack" && p.data.clientId === id);
    const conversationId = ack.data.conversation.id;
    const created = await agent.waitFor((p) => p.type === "conversation.created" && p.data.id === conversationId);
    expect(created.data).toMatchObject({ channel: "chat", preview: "Does the kettle come in red?" });
    // Another account never hears of it.
    await new Promise((r) => setTimeout(r, 300));
    expect(other.pushes.some((p) => p.data?.id === conversationId)).toBe(false);

    await reply(conversationId, "Only for staff: customer asked twice", "note");
    await reply(conversationId, "Yes, red and blue!");
    const pushed = await s.waitFor((p) => p.type === "message" && p.data.author.type === "agent");
    expect(pushed.data).toMatchObject({ conversationId, text: "Yes, red and blue!", author: { name: t.a.agent.name } });
    await new Promise((r) => setTimeout(r, 300));
    expect(s.pushes.some((p) => JSON.stringify(p).includes("Only for staff"))).toBe(false);

    // Context reached the visitor record, for the agent's sidebar.
    const info = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${conversationId}/chat` })).json();
    expect(info.visitor).toMatchObject({
      online: true,
      context: { url: "https://shop.example/pricing", language: "da-DK", timeZone: "Europe/Copenhagen" },
    });
    expect((await t.as(t.b.agent, { method: "GET", url: `/api/v1/conversations/${conversationId}/chat` })).statusCode).toBe(404);
    for (const x of [agent, other, s]) x.close();
  });

  it("makes a resend after a reconnect idempotent: the same client id is one message", async () => {
    const v = await t.visitor(inboxId);
    const id = clientId();
    const first = await VisitorSocket.open(t.url, v.token);
    first.send({ type: "message", clientId: id, text: "Sent just before the tunnel" });
    const ack1 = await first.waitFor((p) => p.type === "ack");
    first.close();
    const again = await VisitorSocket.open(t.url, v.token);
    again.send({ type: "message", clientId: id, text: "Sent just before the tunnel" });
    again.send({ type: "message", clientId: id, text: "Sent just before the tunnel" });
    await expect.poll(() => again.pushes.filter((p) => p.type === "ack").length).toBe(2);
    for (const a of again.pushes.filter((p) => p.type === "ack"))
      expect(a.data).toMatchObject({ replayed: true, message: { id: ack1.data.message.id } });
    const n = await t.app.ctx.db.execute(sql`SELECT count(*)::int AS n FROM messages WHERE conversation_id = ${ack1.data.conversation.id}`);
    expect((n.rows[0] as { n: number }).n).toBe(1);
    again.close();
  });

  it("typing and read receipts go both ways", async () => {
    const agent = await TestSocket.open(t.url, t.a.agent.token);
    const v = await t.visitor(inboxId);
    const s = await VisitorSocket.open(t.url, v.token);
    s.send({ type: "message", clientId: clientId(), text: "Hello?" });
    const conversationId = (await s.waitFor((p) => p.type === "ack")).data.conversation.id;

    s.send({ type: "typing", conversationId, typing: true });
    await agent.waitFor((p) => p.type === "chat.typing" && p.data.conversationId === conversationId && p.data.typing);
    agent.send({ type: "typing", conversationId, typing: true });
    const typing = await s.waitFor((p) => p.type === "typing" && p.data.typing);
    expect(typing.data).toMatchObject({ conversationId, name: t.a.agent.name });

    // The agent has the conversation open: the visitor sees "Seen".
    agent.send({ type: "view", conversationId });
    const read = await s.waitFor((p) => p.type === "read");
    expect(read.data.conversationId).toBe(conversationId);

    await reply(conversationId, "Hi! How can I help?");
    await s.waitFor((p) => p.type === "message" && p.data.author.type === "agent");
    expect((await t.widget(v.token, { method: "GET", url: "/api/v1/widget/me" })).json().conversations[0].unread).toBe(1);
    s.send({ type: "read", conversationId });
    const seen = await agent.waitFor((p) => p.type === "chat.read" && p.data.conversationId === conversationId);
    expect(Date.parse(seen.data.at)).toBeGreaterThan(0);
    expect((await t.widget(v.token, { method: "GET", url: "/api/v1/widget/me" })).json().conversations[0].unread).toBe(0);
    agent.close();
    s.close();
  });

  it("reaches a verified visitor's other device with replies to their conversations", async () => {
    const secret = await t.secret(t.a.admin, inboxId);
    const identify = async (token: string) =>
      t.widget(token, {
        method: "POST",
        url: "/api/v1/widget/identify",
        payload: { user: { id: "multi-1" }, hmac: hmacOf(secret, "multi-1") },
      });
    const laptop = await t.visitor(inboxId);
    const phone = await t.visitor(inboxId);
    await identify(laptop.token);
    await identify(phone.token);
    const a = await VisitorSocket.open(t.url, laptop.token);
    const b = await VisitorSocket.open(t.url, phone.token);
    a.send({ type: "message", clientId: clientId(), text: "From the laptop" });
    const conversationId = (await a.waitFor((p) => p.type === "ack")).data.conversation.id;
    await reply(conversationId, "Answer for both devices");
    await b.waitFor((p) => p.type === "message" && p.data.text === "Answer for both devices");
    // A stranger's socket hears nothing of it.
    const stranger = await VisitorSocket.open(t.url, (await t.visitor(inboxId)).token);
    await reply(conversationId, "Second answer");
    await a.waitFor((p) => p.type === "message" && p.data.text === "Second answer");
    await new Promise((r) => setTimeout(r, 300));
    expect(stranger.pushes.filter((p) => p.type === "message")).toEqual([]);
    for (const x of [a, b, stranger]) x.close();
  });

  it("refuses the upgrade for a foreign Origin, an unknown token, or another inbox", async () => {
    const v = await t.visitor(inboxId);
    const url = `${t.url}/api/v1/widget/socket?token=${encodeURIComponent(v.token)}`;
    expect(await upgradeStatus(url, { origin: "https://evil.example" })).toBe(403);
    expect(await upgradeStatus(url, { origin: "garbage" })).toBe(403);
    expect(await upgradeStatus(`${t.url}/api/v1/widget/socket?token=rv_nope`)).toBe(401);
    expect(await upgradeStatus(`${url}&inbox=00000000-0000-0000-0000-000000000000`)).toBe(401);
    expect(await upgradeStatus(url, { origin: SHOP })).toBe(101);
  });

  it("drops sockets that never say hello, send oversized frames, or flood", async () => {
    const v = await t.visitor(inboxId);
    const big = await VisitorSocket.open(t.url, v.token);
    big.ws.send(JSON.stringify({ type: "message", clientId: clientId(), text: "x".repeat(20_000) }));
    expect((await big.waitClosed()).code).toBe(1009);

    // Frames faster than they can be handled: past a backlog of 50 the socket is dropped.
    const flood = await VisitorSocket.open(t.url, (await t.visitor(inboxId)).token);
    const typing = { type: "typing", conversationId: "00000000-0000-0000-0000-000000000000", typing: true };
    for (let i = 0; i < 200; i++) flood.send(typing);
    expect((await flood.waitClosed()).code).toBe(1006);
    // At a pace it can handle, past the per-visitor budget frames are refused with an error.
    const busy = await VisitorSocket.open(t.url, (await t.visitor(inboxId)).token);
    for (let i = 0; i < 130; i += 10) {
      for (let k = 0; k < 10; k++) busy.send(typing);
      await new Promise((r) => setTimeout(r, 20));
    }
    await busy.waitFor((p) => p.type === "error" && p.data.code === "rate_limited");
    busy.close();

    const silent = await VisitorSocket.connect(t.url, (await t.visitor(inboxId)).token);
    const closed = await silent.waitClosed(15_000);
    expect(closed.code).toBe(4008);
  }, 30_000);

  it("keeps working over HTTP when there is no socket, and pushes to a socket opened later", async () => {
    const v = await t.visitor(inboxId);
    const sent = await t.send(v.token, { clientId: clientId(), text: "No websockets on this network" });
    const conversationId = sent.json().conversation.id;
    await reply(conversationId, "We see you anyway");
    const history = (await t.widget(v.token, { method: "GET", url: `/api/v1/widget/conversations/${conversationId}/messages` })).json();
    expect(history.items.map((m: { text: string }) => m.text)).toEqual(["No websockets on this network", "We see you anyway"]);
    const s = await VisitorSocket.open(t.url, v.token);
    await reply(conversationId, "And now live");
    await s.waitFor((p) => p.type === "message" && p.data.text === "And now live");
    s.close();
  });

  it("tells the truth about availability: outside business hours, and how fast the team usually replies", async () => {
    const closedAllWeek = await t.chatInbox(
      t.a.admin,
      { businessHours: { enabled: true, timeZone: "Europe/Copenhagen", ranges: [] } },
      "Never open",
    );
    const cfg = (await t.app.inject({ method: "GET", url: `/api/v1/widget/config?inbox=${closedAllWeek.id}` })).json();
    expect(cfg.availability).toMatchObject({ withinHours: false, nextOpenAt: null });
    const day = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "short" }).format(new Date());
    const iso = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(day) + 1;
    const tomorrow = (iso % 7) + 1;
    const soon = await t.chatInbox(
      t.a.admin,
      { businessHours: { enabled: true, timeZone: "UTC", ranges: [{ day: tomorrow, from: "09:00", to: "17:00" }] } },
      "Open tomorrow",
    );
    const later = (await t.app.inject({ method: "GET", url: `/api/v1/widget/config?inbox=${soon.id}` })).json().availability;
    expect(later.withinHours).toBe(false);
    expect(new Date(later.nextOpenAt).getUTCHours()).toBe(9);
    expect(new Date(later.nextOpenAt).getTime() - Date.now()).toBeLessThan(48 * 3600_000);

    // Median first reply of the inbox's chats over 14 days: 4, 10 and 30 minutes → 10.
    const inbox = await t.chatInbox(t.a.admin, {}, "Measured");
    for (const minutes of [4, 10, 30]) {
      const v = await t.visitor(inbox.id);
      const c = (await t.send(v.token, { clientId: clientId(), text: "timing" })).json().conversation.id;
      const r = (await reply(c, "answer")).json();
      await t.app.ctx.db.execute(sql`UPDATE messages SET created_at = now() + make_interval(mins => ${minutes}) WHERE id = ${r.id}`);
    }
    const measured = (await t.app.inject({ method: "GET", url: `/api/v1/widget/config?inbox=${inbox.id}` })).json().availability;
    expect(measured.repliesInMinutes).toBe(10);
  });
});
