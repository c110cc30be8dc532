import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, listeningUrl, startTestApp } from "../helpers/app";
import { TestSocket } from "../helpers/ws";
import { createTeamOfAgents } from "../factories";

let t: TestApp;
let url: string;
let a: Awaited<ReturnType<typeof createTeamOfAgents>>;
let b: Awaited<ReturnType<typeof createTeamOfAgents>>;

beforeAll(async () => {
  t = await startTestApp({}, { listen: true });
  url = listeningUrl(t.app);
  a = await createTeamOfAgents(t.app.ctx.db, "Acme");
  b = await createTeamOfAgents(t.app.ctx.db, "Globex");
});
afterAll(async () => t?.close());

const post = (token: string, path: string, body: unknown, method = "POST") =>
  fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });

describe("live updates over /api/v1/realtime", () => {
  it("pushes a new conversation, its message, replies and changes to every agent of the account within a second", async () => {
    const s1 = await TestSocket.open(url, a.agent.token);
    const s2 = await TestSocket.open(url, a.agent2.token);
    const other = await TestSocket.open(url, b.agent.token);
    const started = Date.now();
    const res = await post(a.owner.token, "/api/v1/conversations", { channel: "api", customer: { email: "live@example.com" }, message: { text: "Is anyone there?" } });
    const conv = await res.json();
    const created = await s1.waitFor((p) => p.type === "conversation.created" && p.data.id === conv.id, 1000);
    await s2.waitFor((p) => p.type === "message.created" && p.data.conversationId === conv.id && p.data.kind === "incoming", 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(created.data).toMatchObject({ status: "open", customer: { email: "live@example.com" } });

    await post(a.agent.token, `/api/v1/conversations/${conv.id}/messages`, { kind: "reply", text: "Yes, I'm here." });
    const reply = await s2.waitFor((p) => p.type === "message.created" && p.data.kind === "reply", 1000);
    expect(reply.data).toMatchObject({ text: "Yes, I'm here.", author: { type: "user", id: a.agent.id } });

    await post(a.agent.token, `/api/v1/conversations/${conv.id}`, { assigneeId: a.agent.id, status: "pending" }, "PATCH");
    const updated = await s2.waitFor((p) => p.type === "conversation.updated" && p.data.id === conv.id && p.data.status === "pending", 1000);
    expect(updated.data.assignee).toEqual({ id: a.agent.id, name: a.agent.name });

    // Another account's agent hears nothing of it.
    await new Promise((r) => setTimeout(r, 300));
    expect(other.pushes.filter((p) => p.type !== "hello" && p.type !== "presence")).toEqual([]);
    for (const s of [s1, s2, other]) s.close();
  });

  it("refuses a cookie upgrade from another origin or with an Origin that is not a URL with 403, never 500", async () => {
    for (const origin of ["https://evil.example", "garbage", "http://"]) {
      const status = (await fetch(`${url}/api/v1/realtime`, { headers: { origin } })).status;
      expect(status, origin).toBe(403);
    }
  });

  it("pushes a mention notification only to the mentioned agent", async () => {
    const s1 = await TestSocket.open(url, a.agent.token);
    const s2 = await TestSocket.open(url, a.agent2.token);
    const conv = await (await post(a.owner.token, "/api/v1/conversations", { channel: "api", customer: { email: "m@example.com" }, message: { text: "Help" } })).json();
    await post(a.agent.token, `/api/v1/conversations/${conv.id}/messages`, { kind: "note", text: `@${a.agent2.name} can you take this one?` });
    const n = await s2.waitFor((p) => p.type === "notification.created", 1000);
    expect(n.data).toMatchObject({ type: "mention", conversationId: conv.id, actor: { id: a.agent.id } });
    await new Promise((r) => setTimeout(r, 200));
    expect(s1.pushes.some((p) => p.type === "notification.created")).toBe(false);
    s1.close();
    s2.close();
  });

  it("shows who else is viewing and typing in a conversation (collision detection)", async () => {
    const conv = await (await post(a.owner.token, "/api/v1/conversations", { channel: "api", customer: { email: "p@example.com" }, message: { text: "Hi" } })).json();
    const s1 = await TestSocket.open(url, a.agent.token);
    const s2 = await TestSocket.open(url, a.agent2.token);
    s1.send({ type: "view", conversationId: conv.id });
    const viewing = await s2.waitFor((p) => p.type === "presence" && p.data.conversationId === conv.id && p.data.viewers.some((v: any) => v.userId === a.agent.id));
    expect(viewing.data.viewers).toEqual([{ userId: a.agent.id, name: a.agent.name, typing: false }]);
    s1.send({ type: "typing", conversationId: conv.id, typing: true });
    await s2.waitFor((p) => p.type === "presence" && p.data.viewers.some((v: any) => v.userId === a.agent.id && v.typing));
    s1.close();
    await s2.waitFor((p) => p.type === "presence" && p.data.conversationId === conv.id && p.data.viewers.length === 0);
    s2.close();
  });

  it("keeps pushing live while another transaction on the same PostgreSQL stays open, and only once", async () => {
    // A long write transaction (a migration, a batch job, another database on the server) must not stall pushes.
    const blocker = new pg.Client({ connectionString: t.databaseUrl });
    await blocker.connect();
    await blocker.query("BEGIN");
    await blocker.query("SELECT pg_current_xact_id()");
    try {
      const s = await TestSocket.open(url, a.agent.token);
      const conv = await (await post(a.owner.token, "/api/v1/conversations", { channel: "api", customer: { email: "held@example.com" }, message: { text: "still live?" } })).json();
      await s.waitFor((p) => p.type === "message.created" && p.data.conversationId === conv.id, 1000);
      await blocker.query("COMMIT");
      // Once the horizon passes, the ordered pass must not deliver it again.
      await new Promise((r) => setTimeout(r, 700));
      expect(s.pushes.filter((p) => p.type === "message.created" && p.data.conversationId === conv.id)).toHaveLength(1);
      s.close();
    } finally {
      await blocker.end();
    }
  });

  it("refuses a socket without credentials and ignores malformed client messages", async () => {
    const res = await fetch(`${url}/api/v1/realtime`);
    expect(res.status).toBe(401);
    const s = await TestSocket.open(url, a.agent.token);
    s.ws.send("not json");
    const err = await s.waitFor((p) => p.type === "error");
    expect(err.data.message).toMatch(/JSON/);
    s.send({ type: "view", conversationId: "nope" });
    await s.waitFor((p) => p.type === "error" && p !== err);
    s.close();
  });
});
