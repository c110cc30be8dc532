import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestUser } from "../../../../test/factories";
import { startTestAppWithTeam } from "../../../../test/helpers/app";

let t: Awaited<ReturnType<typeof startTestAppWithTeam>>;
beforeAll(async () => {
  t = await startTestAppWithTeam();
});
afterAll(async () => t?.close());

type Notification = { id: string; type: string; conversationId: string | null; conversationNumber: number | null; messageId: string | null; actor: { id: string; name: string } | null; excerpt: string | null; readAt: string | null; createdAt: string };
type Inbox = { items: Notification[]; unread: number };

const inbox = async (user: TestUser): Promise<Inbox> => {
  const res = await t.as(user, { method: "GET", url: "/api/v1/notifications" });
  expect(res.statusCode).toBe(200);
  return res.json();
};
const markRead = (user: TestUser, payload?: Record<string, unknown>) =>
  t.as(user, { method: "POST", url: "/api/v1/notifications/read", ...(payload ? { payload } : {}) });
const conversation = async () =>
  (await t.as(t.a.owner, { method: "POST", url: "/api/v1/conversations", payload: { channel: "api", customer: { email: `n${Math.random()}@example.com` }, message: { text: "help" } } })).json();
const note = (id: string, text: string, user: TestUser = t.a.agent) => t.as(user, { method: "POST", url: `/api/v1/conversations/${id}/messages`, payload: { kind: "note", text } });
const patch = (id: string, payload: Record<string, unknown>, user: TestUser) => t.as(user, { method: "PATCH", url: `/api/v1/conversations/${id}`, payload });

describe("mention notifications", () => {
  it("notify the mentioned teammate with an excerpt; reading them clears the unread count", async () => {
    expect(await inbox(t.a.agent2)).toEqual({ items: [], unread: 0 });
    const c = await conversation();
    const msg = (await note(c.id, `@${t.a.agent2.name} could you check the refund for this order? It has been a week.`)).json();
    const n = await inbox(t.a.agent2);
    expect(n.unread).toBe(1);
    expect(n.items).toHaveLength(1);
    expect(n.items[0]).toMatchObject({
      type: "mention",
      conversationId: c.id,
      conversationNumber: c.number,
      messageId: msg.id,
      actor: { id: t.a.agent.id, name: t.a.agent.name },
      excerpt: `@${t.a.agent2.name} could you check the refund for this order? It has been a week.`,
      readAt: null,
    });
    // Nobody else is notified.
    for (const user of [t.a.agent, t.a.supervisor, t.a.owner]) expect((await inbox(user)).unread, user.name).toBe(0);

    const read = await markRead(t.a.agent2, {});
    expect(read.statusCode).toBe(204);
    const after = await inbox(t.a.agent2);
    expect(after.unread).toBe(0);
    expect(after.items[0].readAt).not.toBeNull();
  });

  it("cut long excerpts to 140 characters", async () => {
    const c = await conversation();
    await note(c.id, `@${t.a.supervisor.name} ${"very long note ".repeat(20)}`);
    const [n] = (await inbox(t.a.supervisor)).items;
    expect(n.excerpt).toHaveLength(140);
    expect(n.excerpt?.startsWith(`@${t.a.supervisor.name} very long note`)).toBe(true);
  });

  it("are not created for the author mentioning themselves", async () => {
    const c = await conversation();
    const before = await inbox(t.a.agent);
    const res = await note(c.id, `Reminder to myself, @${t.a.agent.name}: call back tomorrow`);
    expect(res.json().mentions).toEqual([t.a.agent.id]);
    expect(await inbox(t.a.agent)).toEqual(before);
  });
});

describe("assignment notifications", () => {
  it("tell an agent a conversation was assigned to them, but not when they take it themselves", async () => {
    const c = await conversation();
    const before = (await inbox(t.a.agent2)).unread;
    expect((await patch(c.id, { assigneeId: t.a.agent2.id }, t.a.supervisor)).statusCode).toBe(200);
    const n = await inbox(t.a.agent2);
    expect(n.unread).toBe(before + 1);
    expect(n.items[0]).toMatchObject({ type: "assigned", conversationId: c.id, conversationNumber: c.number, messageId: null, actor: { id: t.a.supervisor.id, name: t.a.supervisor.name }, excerpt: null, readAt: null });

    const own = await conversation();
    const mine = (await inbox(t.a.agent)).items.length;
    expect((await patch(own.id, { assigneeId: t.a.agent.id }, t.a.agent)).statusCode).toBe(200);
    expect((await inbox(t.a.agent)).items.length).toBe(mine);
    // Unassigning notifies nobody.
    expect((await patch(c.id, { assigneeId: null }, t.a.supervisor)).statusCode).toBe(200);
    expect((await inbox(t.a.agent2)).unread).toBe(before + 1);
  });
});

describe("POST /api/v1/notifications/read", () => {
  it("marks only the given ids, only the caller's own, and all of them without ids", async () => {
    const c = await conversation();
    await note(c.id, `@${t.a.admin.name} one`, t.a.agent);
    await note(c.id, `@${t.a.admin.name} two`, t.a.agent);
    await note(c.id, `@${t.a.admin.name} and @${t.a.owner.name} three`, t.a.agent2);
    const admin = await inbox(t.a.admin);
    expect(admin.items.map((n) => n.excerpt)).toEqual([`@${t.a.admin.name} and @${t.a.owner.name} three`, `@${t.a.admin.name} two`, `@${t.a.admin.name} one`]);
    expect(admin.unread).toBe(3);
    const ownerNote = (await inbox(t.a.owner)).items[0];

    // Someone else's notification id is ignored, not marked.
    expect((await markRead(t.a.admin, { ids: [admin.items[2].id, ownerNote.id] })).statusCode).toBe(204);
    const afterOne = await inbox(t.a.admin);
    expect(afterOne.unread).toBe(2);
    expect(afterOne.items.map((n) => n.readAt !== null)).toEqual([false, false, true]);
    expect((await inbox(t.a.owner)).items[0]).toMatchObject({ id: ownerNote.id, readAt: null });

    // No body at all marks everything.
    expect((await markRead(t.a.admin)).statusCode).toBe(204);
    expect((await inbox(t.a.admin)).unread).toBe(0);
    expect((await inbox(t.a.owner)).unread).toBe(1);
  });

  it("answers 400 for ids that are not UUIDs and for unknown fields", async () => {
    const bad = await markRead(t.a.agent, { ids: ["nope"] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("body.ids.0");
    const unknown = await markRead(t.a.agent, { all: true });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain("all");
  });
});

describe("GET /api/v1/notifications", () => {
  it("shows each agent only their own notifications, newest first", async () => {
    const c = await conversation();
    await note(c.id, `@${t.a.agent2.name} first`, t.a.supervisor);
    await note(c.id, `@${t.a.agent2.name} second`, t.a.supervisor);
    const items = (await inbox(t.a.agent2)).items;
    expect(items.slice(0, 2).map((n) => n.excerpt)).toEqual([`@${t.a.agent2.name} second`, `@${t.a.agent2.name} first`]);
    const created = items.map((n) => Date.parse(n.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    for (const user of [t.a.agent, t.b.agent2]) {
      const ids = (await inbox(user)).items.map((n) => n.id);
      for (const n of items) expect(ids).not.toContain(n.id);
    }
  });
});
