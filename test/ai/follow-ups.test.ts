import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGuidanceApp } from "./guidance-setup";

let t: Awaited<ReturnType<typeof startGuidanceApp>>;
beforeAll(async () => {
  t = await startGuidanceApp();
});
afterAll(async () => t?.close());

type FollowUp = {
  id: string;
  conversationId: string;
  title: string;
  dueAt: string;
  status: string;
  assignee: { id: string; name: string } | null;
  notifyCustomer: boolean;
  remindedAt: string | null;
  doneAt: string | null;
};
const create = async (conversationId: string, body: Record<string, unknown>, user = t.a.agent) =>
  t.as(user, { method: "POST", url: `/api/v1/conversations/${conversationId}/follow-ups`, payload: body });
const patch = (id: string, body: Record<string, unknown>, user = t.a.agent) =>
  t.as(user, { method: "PATCH", url: `/api/v1/follow-ups/${id}`, payload: body });
const notifications = async (user = t.a.agent) =>
  (await t.as(user, { method: "GET", url: "/api/v1/notifications" })).json().items as { type: string; conversationId: string | null }[];
const messages = async (conversationId: string) =>
  (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${conversationId}/messages` })).json().items as {
    kind: string;
    text: string;
    author: { type: string; id: string | null };
  }[];
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe("follow-ups", () => {
  it("creates a task for its creator by default, lists it, and checks its input", async () => {
    const c = await t.conversation(t.a.agent, "My refund still hasn't arrived.");
    const res = await create(c.id, { title: "Check the refund went out", dueAt: inHours(24) });
    expect(res.statusCode, res.body).toBe(201);
    const f = res.json() as FollowUp;
    expect(f).toMatchObject({
      conversationId: c.id,
      title: "Check the refund went out",
      status: "open",
      notifyCustomer: true,
      remindedAt: null,
      doneAt: null,
    });
    expect(f.assignee?.id).toBe(t.a.agent.id);
    const list = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${c.id}/follow-ups` })).json().items as FollowUp[];
    expect(list.map((x) => x.id)).toEqual([f.id]);

    const bad = await create(c.id, { title: "x", dueAt: "tomorrow" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toMatch(/dueAt/);
    const stranger = await create(c.id, { title: "x", dueAt: inHours(1), assigneeId: t.b.agent.id });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.field).toBe("body.assigneeId");
    // Another account sees neither the conversation nor the task.
    expect((await create(c.id, { title: "x", dueAt: inHours(1) }, t.b.agent)).statusCode).toBe(404);
    expect((await patch(f.id, { status: "done" }, t.b.agent)).statusCode).toBe(404);
    expect((await patch(f.id, {})).statusCode).toBe(400);
  });

  it("reminds the assignee with a notification at the due time, once", async () => {
    const c = await t.conversation(t.a.agent, "When will my replacement be shipped?");
    const res = await create(c.id, {
      title: "Confirm the replacement shipped",
      dueAt: new Date(Date.now() + 1500).toISOString(),
      assigneeId: t.a.agent2.id,
    });
    const f = res.json() as FollowUp;
    expect(f.assignee?.id).toBe(t.a.agent2.id);
    const due = await t.waitFor(async () =>
      (await notifications(t.a.agent2)).find((n) => n.type === "follow_up.due" && n.conversationId === c.id),
    );
    expect(due).toBeTruthy();
    const after = (await t.as(t.a.agent2, { method: "GET", url: `/api/v1/conversations/${c.id}/follow-ups` })).json().items[0] as FollowUp;
    expect(after.remindedAt).not.toBeNull();
    const trail = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${c.id}/events` })).json().items as {
      type: string;
    }[];
    expect(trail.filter((e) => e.type === "follow_up.reminded")).toHaveLength(1);
    expect((await notifications(t.a.agent2)).filter((n) => n.type === "follow_up.due" && n.conversationId === c.id)).toHaveLength(1);
  });

  it("a task done before its due time is not reminded; done tells the customer in their language", async () => {
    const c = await t.conversation(t.a.agent, "Dzień dobry, paczka nadal nie dotarła. Proszę o pomoc!");
    const f = (await create(c.id, { title: "Sprawdzić przesyłkę", dueAt: new Date(Date.now() + 1500).toISOString() })).json() as FollowUp;
    // Only the assignee, the creator or a supervisor may change it.
    expect((await patch(f.id, { status: "done" }, t.a.agent2)).statusCode).toBe(403);
    const done = await patch(f.id, { status: "done" });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: "done" });
    expect(done.json().doneAt).not.toBeNull();
    const sent = (await messages(c.id)).filter((m) => m.kind === "reply");
    expect(sent).toHaveLength(1);
    expect(sent[0].text).toBe(
      "Dobra wiadomość: zgłoszona sprawa została rozwiązana. Jeśli coś jest jeszcze nie tak, proszę po prostu odpowiedzieć na tę wiadomość.",
    );
    // The task's title is written for the team and never reaches the customer.
    expect(sent[0].text).not.toContain("Sprawdzić przesyłkę");
    expect(sent[0].author).toMatchObject({ type: "user", id: t.a.agent.id });
    await new Promise((r) => setTimeout(r, 2500));
    expect((await notifications()).filter((n) => n.type === "follow_up.due" && n.conversationId === c.id)).toHaveLength(0);
    // Done twice sends nothing more.
    await patch(f.id, { status: "done" });
    expect((await messages(c.id)).filter((m) => m.kind === "reply")).toHaveLength(1);
  });

  it("never sends an internal title, even a renamed one, to the customer", async () => {
    const c = await t.conversation(t.a.agent, "Hi, my invoice shows the wrong address.");
    const f = (await create(c.id, { title: "Customer is rude, VIP discount denied", dueAt: inHours(24) })).json() as FollowUp;
    const done = await patch(f.id, { status: "done", title: "Ask finance (ticket FIN-442) to fix the address" });
    expect(done.statusCode, done.body).toBe(200);
    const replies = (await messages(c.id)).filter((m) => m.kind === "reply").map((m) => m.text);
    expect(replies).toEqual([
      "Good news: the issue you contacted us about is now resolved. If anything still isn't right, just reply to this message.",
    ]);
    expect(replies[0]).not.toMatch(/rude|VIP|finance|FIN-442/);
  });

  it("sends the agent's own words when given, and nothing when notifyCustomer is off", async () => {
    const c = await t.conversation(t.a.agent, "I was charged twice for my subscription.");
    const f1 = (await create(c.id, { title: "Refund the double charge", dueAt: inHours(48) })).json() as FollowUp;
    await patch(f1.id, { status: "done", customerMessage: "Good news: we refunded the second charge today." });
    const f2 = (await create(c.id, { title: "Internal check", dueAt: inHours(48), notifyCustomer: false })).json() as FollowUp;
    expect((await patch(f2.id, { status: "done" })).statusCode).toBe(200);
    const replies = (await messages(c.id)).filter((m) => m.kind === "reply").map((m) => m.text);
    expect(replies).toEqual(["Good news: we refunded the second charge today."]);
  });

  it("a moved due time reminds at the new time only", async () => {
    const c = await t.conversation(t.a.agent, "Please call me back about my invoice.");
    const f = (await create(c.id, { title: "Call back", dueAt: new Date(Date.now() + 1000).toISOString() })).json() as FollowUp;
    const moved = await patch(f.id, { dueAt: inHours(72), title: "Call back about the invoice" });
    expect(moved.json()).toMatchObject({ title: "Call back about the invoice", remindedAt: null });
    await new Promise((r) => setTimeout(r, 2500));
    expect((await notifications()).filter((n) => n.type === "follow_up.due" && n.conversationId === c.id)).toHaveLength(0);
  });
});
