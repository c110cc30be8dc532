import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeamOfAgents, type TestUser } from "../../../../test/factories";
import { startTestAppWithTeam } from "../../../../test/helpers/app";
import { createConversation } from "./create-conversation";

let t: Awaited<ReturnType<typeof startTestAppWithTeam>>;
beforeAll(async () => {
  t = await startTestAppWithTeam();
});
afterAll(async () => t?.close());

type Conv = {
  id: string;
  number: number;
  status: string;
  priority: string;
  snoozedUntil: string | null;
  assignee: { id: string; name: string } | null;
  teamId: string | null;
  tags: string[];
  channel: string;
  customer: { id: string; email: string | null; phone: string | null };
  lastActivityAt: string;
  can: { update: boolean; reply: boolean; note: boolean; assign: boolean };
};
type Account = Awaited<ReturnType<typeof createTeamOfAgents>>;

let seq = 0;
/** A new conversation from a new customer (unless `customer` is given), through the API channel. */
async function create(as: TestUser = t.a.owner, extra: Record<string, unknown> = {}): Promise<Conv> {
  const n = seq++;
  const res = await t.as(as, {
    method: "POST",
    url: "/api/v1/conversations",
    payload: { channel: "api", customer: { email: `c${n}@example.com` }, subject: `Case ${n}`, message: { text: `message ${n}` }, ...extra },
  });
  expect(res.statusCode).toBe(201);
  return res.json();
}
const patch = (id: string, payload: Record<string, unknown>, as: TestUser = t.a.owner) => t.as(as, { method: "PATCH", url: `/api/v1/conversations/${id}`, payload });
const get = async (id: string, as: TestUser = t.a.owner): Promise<Conv> => (await t.as(as, { method: "GET", url: `/api/v1/conversations/${id}` })).json();
const list = async (query: string, as: TestUser = t.a.owner): Promise<Conv[]> => {
  const res = await t.as(as, { method: "GET", url: `/api/v1/conversations?limit=100&${query}` });
  expect(res.statusCode, query).toBe(200);
  return res.json().items;
};
const ids = async (query: string, as: TestUser = t.a.owner) => (await list(query, as)).map((c) => c.id);
const trail = async (id: string, as: TestUser = t.a.owner) =>
  (await t.as(as, { method: "GET", url: `/api/v1/conversations/${id}/events` })).json().items as { id: number; type: string; actor: { type: string; id: string | null; name: string | null }; data: Record<string, unknown>; createdAt: string }[];
const counts = async (as: TestUser) => (await t.as(as, { method: "GET", url: "/api/v1/conversations/counts" })).json();
const fresh = (name: string): Promise<Account> => createTeamOfAgents(t.app.ctx.db, name);

describe("POST /api/v1/conversations", () => {
  const newConversation = (email: string, text = "My parcel never arrived and I need it for Friday.") => ({
    channel: "api",
    customer: { email, name: "Jane Doe" },
    subject: "Where is my parcel?",
    message: { text },
  });

  it("creates the conversation and finds the customer again by identity", async () => {
    const first = await t.as(t.a.agent, { method: "POST", url: "/api/v1/conversations", payload: newConversation("Jane@Example.com") });
    expect(first.statusCode).toBe(201);
    const c1 = first.json();
    expect(c1).toMatchObject({
      channel: "api",
      status: "open",
      priority: "normal",
      assignee: null,
      teamId: null,
      tags: [],
      subject: "Where is my parcel?",
      messageCount: 1,
      preview: "My parcel never arrived and I need it for Friday.",
      previewKind: "incoming",
      customer: { email: "jane@example.com", name: "Jane Doe" },
      can: { update: true, reply: true, note: true },
    });
    const second = await t.as(t.a.agent, { method: "POST", url: "/api/v1/conversations", payload: newConversation("jane@example.com", "Second question") });
    expect(second.json().customer.id).toBe(c1.customer.id);
    expect(second.json().id).not.toBe(c1.id);
    expect(second.json().number).toBeGreaterThan(c1.number);
    expect(await get(c1.id)).toMatchObject({ id: c1.id, number: c1.number });
  });

  it("returns the first result for a retried Idempotency-Key, and 422 for a different body", async () => {
    const headers = { "idempotency-key": "order-42-retry" };
    const r1 = await t.as(t.a.agent, { method: "POST", url: "/api/v1/conversations", headers, payload: newConversation("idem@example.com") });
    const r2 = await t.as(t.a.agent, { method: "POST", url: "/api/v1/conversations", headers, payload: newConversation("idem@example.com") });
    expect(r1.statusCode).toBe(201);
    expect(r2.statusCode).toBe(201);
    expect(r2.json().id).toBe(r1.json().id);
    expect(r2.headers["idempotent-replayed"]).toBe("true");
    expect(await ids(`customer=${r1.json().customer.id}`)).toEqual([r1.json().id]);
    const r3 = await t.as(t.a.agent, { method: "POST", url: "/api/v1/conversations", headers, payload: newConversation("other@example.com") });
    expect(r3.statusCode).toBe(422);
    expect(r3.json().error.code).toBe("idempotency_mismatch");
  });

  it("answers 400 naming the field for invalid input", async () => {
    const r = await t.as(t.a.agent, { method: "POST", url: "/api/v1/conversations", payload: { channel: "api", customer: { email: "not-an-email" }, message: { text: "hi" } } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toContain("body.customer.email");
    const noIdentity = await t.as(t.a.agent, { method: "POST", url: "/api/v1/conversations", payload: { channel: "api", customer: { name: "Anon" }, message: { text: "hi" } } });
    expect(noIdentity.statusCode).toBe(400);
    expect(noIdentity.json().error.field).toBe("body.customer");
  });
});

describe("GET /api/v1/conversations: filters", () => {
  let f: Account;
  let team: { id: string };
  let c: Record<"mine" | "pending" | "teamOpen" | "resolved" | "email" | "plain" | "urgent", Conv>;

  beforeAll(async () => {
    f = await fresh("Filters");
    team = (await t.as(f.owner, { method: "POST", url: "/api/v1/teams", payload: { name: "Billing", memberIds: [f.agent.id] } })).json();
    const mine = await create(f.owner, { customer: { email: "vip@example.com" } });
    const pending = await create(f.owner);
    const teamOpen = await create(f.owner);
    const resolved = await create(f.owner, { customer: { email: "vip@example.com" } });
    const emailConv = await createConversation({
      db: t.app.ctx.db,
      accountId: f.accountId,
      actor: { type: "system", id: null },
      channel: "email",
      customer: { identities: [{ kind: "email", value: "mailer@example.com" }] },
      subject: "By email",
      message: { text: "sent by email" },
    });
    const plain = await create(f.owner);
    const urgent = await create(f.owner);
    expect((await patch(mine.id, { assigneeId: f.agent.id, tags: ["vip", "Refund"] }, f.agent)).statusCode).toBe(200);
    expect((await patch(pending.id, { teamId: team.id, status: "pending" }, f.owner)).statusCode).toBe(200);
    expect((await patch(teamOpen.id, { teamId: team.id }, f.owner)).statusCode).toBe(200);
    expect((await patch(resolved.id, { status: "resolved", assigneeId: f.agent2.id }, f.supervisor)).statusCode).toBe(200);
    expect((await patch(urgent.id, { priority: "urgent", assigneeId: f.agent2.id }, f.supervisor)).statusCode).toBe(200);
    c = { mine, pending, teamOpen, resolved, email: await get(emailConv.conversationId, f.owner), plain, urgent };
  });

  const set = (xs: string[]) => [...xs].sort();

  it("shows open conversations by default, and one status or all of them on request", async () => {
    const open = [c.mine, c.teamOpen, c.email, c.plain, c.urgent].map((x) => x.id);
    expect(set(await ids("", f.agent))).toEqual(set(open));
    expect(set(await ids("status=open", f.agent))).toEqual(set(open));
    expect(await ids("status=pending", f.agent)).toEqual([c.pending.id]);
    expect(await ids("status=resolved", f.agent)).toEqual([c.resolved.id]);
    expect(await ids("status=closed", f.agent)).toEqual([]);
    expect(set(await ids("status=all", f.agent))).toEqual(set(Object.values(c).map((x) => x.id)));
  });

  it("filters by assignee: me, none, or an agent's id", async () => {
    expect(await ids("assignee=me", f.agent)).toEqual([c.mine.id]);
    expect(await ids("assignee=me", f.owner)).toEqual([]);
    expect(await ids(`assignee=${f.agent.id}`, f.owner)).toEqual([c.mine.id]);
    expect(await ids(`assignee=${f.agent2.id}`, f.owner)).toEqual([c.urgent.id]);
    expect(set(await ids(`assignee=${f.agent2.id}&status=all`, f.owner))).toEqual(set([c.urgent.id, c.resolved.id]));
    expect(set(await ids("assignee=none", f.agent))).toEqual(set([c.teamOpen.id, c.email.id, c.plain.id]));
    expect(set(await ids("assignee=none&status=all", f.agent))).toEqual(set([c.teamOpen.id, c.email.id, c.plain.id, c.pending.id]));
  });

  it("filters by team, tag, channel and customer", async () => {
    expect(await ids(`team=${team.id}`, f.owner)).toEqual([c.teamOpen.id]);
    expect(await ids(`team=${team.id}&status=pending`, f.owner)).toEqual([c.pending.id]);
    expect(set(await ids(`team=${team.id}&status=all`, f.owner))).toEqual(set([c.pending.id, c.teamOpen.id]));
    expect(await ids("tag=refund", f.owner)).toEqual([c.mine.id]);
    expect(await ids("tag=REFUND", f.owner)).toEqual([c.mine.id]);
    expect(await ids("tag=vip&assignee=none", f.owner)).toEqual([]);
    expect(await ids("channel=email", f.owner)).toEqual([c.email.id]);
    expect(await ids("channel=sms", f.owner)).toEqual([]);
    expect(set(await ids("channel=api&status=all", f.owner))).toEqual(set([c.mine.id, c.pending.id, c.teamOpen.id, c.resolved.id, c.plain.id, c.urgent.id]));
    // A customer's view shows every status by default.
    expect(set(await ids(`customer=${c.mine.customer.id}`, f.owner))).toEqual(set([c.mine.id, c.resolved.id]));
    expect(await ids(`customer=${c.mine.customer.id}&status=resolved`, f.owner)).toEqual([c.resolved.id]);
  });

  it("sorts by newest or oldest activity, or by priority", async () => {
    const newest = await list("status=all&sort=newest", f.owner);
    const activity = newest.map((x) => Date.parse(x.lastActivityAt));
    expect(activity).toEqual([...activity].sort((a, b) => b - a));
    expect(newest.map((x) => x.id)).toEqual(await ids("status=all", f.owner));
    const oldest = await ids("status=all&sort=oldest", f.owner);
    expect(oldest).toEqual(newest.map((x) => x.id).reverse());
    const byPriority = await list("status=all&sort=priority", f.owner);
    expect(byPriority[0].id).toBe(c.urgent.id);
    expect(byPriority.slice(1).map((x) => x.id)).toEqual(newest.map((x) => x.id).filter((id) => id !== c.urgent.id));
  });

  it("answers 400 naming the parameter for bad filters", async () => {
    for (const [query, field] of [
      ["status=maybe", "query.status"],
      ["assignee=someone", "query.assignee"],
      ["team=billing", "query.team"],
      ["channel=fax", "query.channel"],
      ["sort=sideways", "query.sort"],
      ["limit=0", "query.limit"],
      ["limit=101", "query.limit"],
      ["customer=1", "query.customer"],
      ["tag=two%20words", "query.tag"],
      ["colour=red", "query"],
    ]) {
      const res = await t.as(f.owner, { method: "GET", url: `/api/v1/conversations?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.field, query).toBe(field);
    }
  });
});

describe("GET /api/v1/conversations/counts", () => {
  it("counts each inbox view, and the counts follow every change", async () => {
    const f = await fresh("Counts");
    const team = (await t.as(f.owner, { method: "POST", url: "/api/v1/teams", payload: { name: "Tier 2" } })).json();
    const zero = { mine: 0, unassigned: 0, all: 0, upset: 0, status: { open: 0, pending: 0, snoozed: 0, resolved: 0, closed: 0 }, teams: {} };
    expect(await counts(f.agent)).toEqual(zero);
    const [c1, c2, c3, c4] = [await create(f.owner), await create(f.owner), await create(f.owner), await create(f.owner)];
    expect(await counts(f.agent)).toEqual({ ...zero, unassigned: 4, all: 4, status: { ...zero.status, open: 4 } });

    await patch(c1.id, { assigneeId: f.agent.id }, f.agent);
    await patch(c2.id, { teamId: team.id }, f.owner);
    await patch(c3.id, { status: "resolved" }, f.agent);
    await patch(c4.id, { snoozedUntil: new Date(Date.now() + 3_600_000).toISOString() }, f.agent);
    expect(await counts(f.agent)).toEqual({ mine: 1, unassigned: 1, all: 2, upset: 0, status: { open: 2, pending: 0, snoozed: 1, resolved: 1, closed: 0 }, teams: { [team.id]: 1 } });
    // "Mine" is the viewer's own.
    expect((await counts(f.agent2)).mine).toBe(0);

    await patch(c1.id, { status: "pending" }, f.agent);
    await patch(c2.id, { status: "closed" }, f.agent);
    expect(await counts(f.agent)).toEqual({ mine: 0, unassigned: 0, all: 0, upset: 0, status: { open: 0, pending: 1, snoozed: 1, resolved: 1, closed: 1 }, teams: {} });
    // Another account's work never shows.
    expect((await counts(t.a.agent)).status.closed).toBe(0);
  });
});

describe("PATCH /api/v1/conversations/:id", () => {
  it("changes status and priority, recording each change once", async () => {
    const c = await create();
    const res = await patch(c.id, { status: "pending", priority: "high" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: c.id, status: "pending", priority: "high", snoozedUntil: null });
    expect(Date.parse(res.json().lastActivityAt)).toBeGreaterThan(Date.parse(c.lastActivityAt));
    // Setting the same values again changes nothing and records nothing.
    await patch(c.id, { status: "pending", priority: "high" });
    const events = await trail(c.id);
    expect(events.map((e) => e.type)).toEqual(["conversation.created", "conversation.status_changed", "conversation.priority_changed"]);
    expect(events[1].data).toEqual({ from: "open", to: "pending", snoozedUntil: null });
    expect(events[2].data).toEqual({ from: "normal", to: "high" });
    expect(events[1].actor).toEqual({ type: "user", id: t.a.owner.id, name: t.a.owner.name });
  });

  it("snoozes only until a valid time in the future", async () => {
    const c = await create();
    const past = await patch(c.id, { status: "snoozed", snoozedUntil: "2020-01-01T00:00:00Z" });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.field).toBe("body.snoozedUntil");
    const missing = await patch(c.id, { status: "snoozed" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe("body.snoozedUntil");
    const nullUntil = await patch(c.id, { status: "snoozed", snoozedUntil: null });
    expect(nullUntil.statusCode).toBe(400);
    const garbage = await patch(c.id, { snoozedUntil: "tomorrow" });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error.field).toBe("body.snoozedUntil");
    expect(await get(c.id)).toMatchObject({ status: "open", snoozedUntil: null });
    expect((await trail(c.id)).map((e) => e.type)).toEqual(["conversation.created"]);

    // snoozedUntil alone snoozes; any other status clears it.
    const until = new Date(Date.now() + 86_400_000).toISOString();
    const snoozed = await patch(c.id, { snoozedUntil: until });
    expect(snoozed.json()).toMatchObject({ status: "snoozed", snoozedUntil: until });
    const reopened = await patch(c.id, { status: "open" });
    expect(reopened.json()).toMatchObject({ status: "open", snoozedUntil: null });
  });

  it("lets an agent take or drop work for themselves but not route it to another agent", async () => {
    const c = await create();
    const other = await patch(c.id, { assigneeId: t.a.agent2.id }, t.a.agent);
    expect(other.statusCode).toBe(403);
    expect((await get(c.id)).assignee).toBeNull();
    const self = await patch(c.id, { assigneeId: t.a.agent.id }, t.a.agent);
    expect(self.statusCode).toBe(200);
    expect(self.json().assignee).toEqual({ id: t.a.agent.id, name: t.a.agent.name });
    // agent2 may not unassign agent's conversation, nor hand it to the supervisor; agent may drop it.
    expect((await patch(c.id, { assigneeId: null }, t.a.agent2)).statusCode).toBe(403);
    expect((await patch(c.id, { assigneeId: t.a.supervisor.id }, t.a.agent2)).statusCode).toBe(403);
    expect((await get(c.id)).assignee?.id).toBe(t.a.agent.id);
    const dropped = await patch(c.id, { assigneeId: null }, t.a.agent);
    expect(dropped.statusCode).toBe(200);
    expect(dropped.json().assignee).toBeNull();
  });

  it("lets a supervisor assign anyone in the account, and nobody outside it", async () => {
    const c = await create();
    for (const to of [t.a.agent2, t.a.agent, t.a.admin]) {
      const res = await patch(c.id, { assigneeId: to.id }, t.a.supervisor);
      expect(res.statusCode).toBe(200);
      expect(res.json().assignee).toEqual({ id: to.id, name: to.name });
    }
    for (const to of [t.b.agent.id, "00000000-0000-4000-8000-000000000000"]) {
      const res = await patch(c.id, { assigneeId: to }, t.a.supervisor);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe("body.assigneeId");
    }
    expect((await get(c.id)).assignee?.id).toBe(t.a.admin.id);
    const bad = await patch(c.id, { assigneeId: "bob" }, t.a.supervisor);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("body.assigneeId");
  });

  it("sets and clears the team; another account's team is refused", async () => {
    const c = await create();
    const team = (await t.as(t.a.owner, { method: "POST", url: "/api/v1/teams", payload: { name: "Escalations" } })).json();
    const teamB = (await t.as(t.b.owner, { method: "POST", url: "/api/v1/teams", payload: { name: "B team" } })).json();
    const set = await patch(c.id, { teamId: team.id }, t.a.agent);
    expect(set.statusCode).toBe(200);
    expect(set.json().teamId).toBe(team.id);
    const foreign = await patch(c.id, { teamId: teamB.id }, t.a.agent);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.field).toBe("body.teamId");
    expect((await get(c.id)).teamId).toBe(team.id);
    expect((await patch(c.id, { teamId: null }, t.a.agent)).json().teamId).toBeNull();
    const events = (await trail(c.id)).filter((e) => e.type === "conversation.team_changed");
    expect(events.map((e) => e.data)).toEqual([
      { teamId: team.id, teamName: "Escalations", previousTeamId: null },
      { teamId: null, teamName: null, previousTeamId: team.id },
    ]);
  });

  it("replaces tags (trimmed, lower-cased, unique), recording what was added and removed", async () => {
    const c = await create();
    const first = await patch(c.id, { tags: ["VIP", " refund ", "vip"] }, t.a.agent);
    expect(first.statusCode).toBe(200);
    expect(first.json().tags).toEqual(["vip", "refund"]);
    const second = await patch(c.id, { tags: ["refund", "billing"] }, t.a.agent);
    expect(second.json().tags).toEqual(["refund", "billing"]);
    await patch(c.id, { tags: ["billing", "refund"] }, t.a.agent); // same set: no event
    const tagged = (await trail(c.id)).filter((e) => e.type === "conversation.tagged");
    expect(tagged.map((e) => e.data)).toEqual([
      { added: ["vip", "refund"], removed: [] },
      { added: ["billing"], removed: ["vip"] },
    ]);
    for (const tags of [["two words"], ["a,b"], [""], ["x".repeat(51)], Array.from({ length: 51 }, (_, i) => `t${i}`)]) {
      const res = await patch(c.id, { tags }, t.a.agent);
      expect(res.statusCode, JSON.stringify(tags).slice(0, 40)).toBe(400);
      expect(res.json().error.field).toMatch(/^body\.tags/);
    }
  });

  it("answers 400 for an empty change, unknown fields or wrong enums, and 404 for an unknown id", async () => {
    const c = await create();
    const empty = await patch(c.id, {});
    expect(empty.statusCode).toBe(400);
    const unknown = await patch(c.id, { colour: "red" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain("colour");
    for (const [payload, field] of [
      [{ status: "done" }, "body.status"],
      [{ priority: "asap" }, "body.priority"],
    ] as const) {
      const res = await patch(c.id, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    const missing = await patch("00000000-0000-4000-8000-000000000000", { status: "open" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("not_found");
  });
});

describe("GET /api/v1/conversations/:id/events", () => {
  it("lists the audit trail in order, with actors and details", async () => {
    const c = await create(t.a.owner, { customer: { email: "trail@example.com", name: "Trudy" } });
    await patch(c.id, { assigneeId: t.a.agent.id, priority: "urgent", tags: ["vip"] }, t.a.supervisor);
    await patch(c.id, { tags: ["billing"] }, t.a.agent);
    await patch(c.id, { status: "resolved" }, t.a.agent);
    await t.as(t.a.agent, { method: "POST", url: `/api/v1/conversations/${c.id}/messages`, payload: { kind: "incoming", text: "Thanks, but one more thing" } });
    // Raising it to urgent also has a hand-off summary written by a job, whenever that job runs: not part of this order.
    const events = (await trail(c.id, t.a.agent2)).filter((e) => e.type !== "handoff.summarized");
    expect(events.map((e) => e.type)).toEqual([
      "conversation.created",
      "conversation.priority_changed",
      "conversation.assigned",
      "conversation.tagged",
      "conversation.tagged",
      "conversation.status_changed",
      "message.created",
      "conversation.status_changed",
    ]);
    const ids = events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(events[0]).toMatchObject({ actor: { type: "customer", id: c.customer.id, name: "Trudy" }, data: { channel: "api", customerId: c.customer.id } });
    expect(events[2]).toMatchObject({ actor: { type: "user", id: t.a.supervisor.id }, data: { assigneeId: t.a.agent.id, assigneeName: t.a.agent.name, previousAssigneeId: null } });
    expect(events[4].data).toEqual({ added: ["billing"], removed: ["vip"] });
    expect(events[5]).toMatchObject({ actor: { type: "user", id: t.a.agent.id }, data: { from: "open", to: "resolved" } });
    expect(events[7]).toMatchObject({ actor: { type: "customer", id: c.customer.id }, data: { from: "resolved", to: "open", reason: "customer_replied" } });
  });
});

describe("closed conversations", () => {
  it("are final for agents: no reply, no reopening; a supervisor reopens them", async () => {
    const c = await create();
    expect((await patch(c.id, { status: "closed" }, t.a.agent)).statusCode).toBe(200);
    const asAgent = await get(c.id, t.a.agent);
    expect(asAgent).toMatchObject({ status: "closed", can: { update: false, reply: false, note: true } });
    expect((await get(c.id, t.a.supervisor)).can).toMatchObject({ update: true, reply: false });

    const reply = await t.as(t.a.agent, { method: "POST", url: `/api/v1/conversations/${c.id}/messages`, payload: { kind: "reply", text: "late" } });
    expect(reply.statusCode).toBe(403);
    for (const status of ["open", "pending", "resolved"]) {
      expect((await patch(c.id, { status }, t.a.agent)).statusCode, status).toBe(403);
    }
    expect((await patch(c.id, { snoozedUntil: new Date(Date.now() + 60_000).toISOString() }, t.a.agent)).statusCode).toBe(403);
    const note = await t.as(t.a.agent, { method: "POST", url: `/api/v1/conversations/${c.id}/messages`, payload: { kind: "note", text: "for the record" } });
    expect(note.statusCode).toBe(201);
    expect(await get(c.id)).toMatchObject({ status: "closed", messageCount: 2 });

    const reopened = await patch(c.id, { status: "open" }, t.a.supervisor);
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json().status).toBe("open");
    const again = await t.as(t.a.agent, { method: "POST", url: `/api/v1/conversations/${c.id}/messages`, payload: { kind: "reply", text: "now it works" } });
    expect(again.statusCode).toBe(201);
  });
});

describe("search", () => {
  let f: Account;
  beforeAll(async () => {
    f = await fresh("Search");
  });
  const q = async (s: string, as: TestUser = f.agent) => ids(`q=${encodeURIComponent(s)}`, as);

  it("matches the subject and message text with stemming, in every status", async () => {
    const delayed = await create(f.owner, { subject: "Order question", message: { text: "refunds were delayed" } });
    const subject = await create(f.owner, { subject: "Invoices missing", message: { text: "hello" } });
    const later = await create(f.owner, { message: { text: "hi there" } });
    await t.as(f.owner, { method: "POST", url: `/api/v1/conversations/${later.id}/messages`, payload: { kind: "incoming", text: "my parcels were damaged" } });
    await patch(delayed.id, { status: "resolved" }, f.owner);
    expect(await q("refund")).toEqual([delayed.id]);
    expect(await q("delay")).toEqual([delayed.id]);
    expect(await q("REFUNDS")).toEqual([delayed.id]);
    expect(await q("invoice")).toEqual([subject.id]);
    expect(await q("parcel damage")).toEqual([later.id]);
    expect(await q("refund invoice")).toEqual([]);
    expect(await q("nothing-like-this")).toEqual([]);
    // The search is an account's own.
    expect(await q("refund", t.a.agent)).toEqual([]);
  });

  it("stems in the conversation's language too", async () => {
    const da = await create(f.owner, { customer: { phone: "+45 20 30 40 50", name: "Lars" }, message: { text: "Hvor er min pakke?" }, language: "da" });
    expect(await q("pakker")).toEqual([da.id]);
  });

  it("finds a customer's conversations by email or phone, and one conversation by #number", async () => {
    const a1 = await create(f.owner, { customer: { email: "Finder@example.com", phone: "+1 (555) 010-0300" } });
    const a2 = await create(f.owner, { customer: { email: "finder@example.com" } });
    const b = await create(f.owner, { customer: { email: "other-finder@example.com" }, message: { text: "finder@example.com wrote to me" } });
    expect(new Set(await q("FINDER@example.com"))).toEqual(new Set([a1.id, a2.id]));
    expect(new Set(await q("+15550100300"))).toEqual(new Set([a1.id, a2.id]));
    expect(new Set(await q("+1 555 010 0300"))).toEqual(new Set([a1.id, a2.id]));
    expect(await q(`#${b.number}`)).toEqual([b.id]);
    expect(await q(`#${a1.number}`)).toEqual([a1.id]);
    // Another account's conversation number finds nothing here.
    const foreign = await create(t.a.owner);
    expect(await q(`#${foreign.number}`)).toEqual([]);
  });
});

describe("snooze", () => {
  it("reopens a snoozed conversation when its time comes (the worker runs in the app), unless re-snoozed since", async () => {
    const c = await create();
    const resnoozed = await create();
    const until = new Date(Date.now() + 1500).toISOString();
    const snoozed = await patch(c.id, { status: "snoozed", snoozedUntil: until }, t.a.agent);
    expect(snoozed.json()).toMatchObject({ status: "snoozed", snoozedUntil: until });
    expect(await ids("status=snoozed")).toContain(c.id);
    // The second one's first wake-up time passes first, but it was snoozed again for longer meanwhile.
    await patch(resnoozed.id, { snoozedUntil: new Date(Date.now() + 800).toISOString() }, t.a.agent);
    const later = new Date(Date.now() + 3_600_000).toISOString();
    await patch(resnoozed.id, { snoozedUntil: later }, t.a.agent);

    let now = snoozed.json() as Conv;
    const deadline = Date.now() + 6000;
    while (now.status === "snoozed" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      now = await get(c.id);
    }
    expect(now).toMatchObject({ status: "open", snoozedUntil: null });
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(until));
    const last = (await trail(c.id)).at(-1);
    expect(last).toMatchObject({ type: "conversation.status_changed", actor: { type: "system", id: null }, data: { from: "snoozed", to: "open", reason: "snooze_ended" } });
    expect(await get(resnoozed.id)).toMatchObject({ status: "snoozed", snoozedUntil: later });
  });
});

describe("cursor pagination", () => {
  /** Reads page 1, lets `between` insert, then reads pages 2 and 3 with the cursors. */
  async function pages(as: TestUser, sort: string, between: () => Promise<void>) {
    const out: { ids: string[]; next: string | null }[] = [];
    let cursor: string | null = null;
    for (let n = 0; n < 3; n++) {
      const res = await t.as(as, { method: "GET", url: `/api/v1/conversations?sort=${sort}&limit=10${cursor ? `&cursor=${cursor}` : ""}` });
      expect(res.statusCode).toBe(200);
      out.push({ ids: res.json().items.map((c: Conv) => c.id), next: res.json().nextCursor });
      cursor = res.json().nextCursor;
      if (n === 0) await between();
    }
    return out;
  }

  for (const sort of ["newest", "oldest", "priority"] as const) {
    it(`sort=${sort}: conversations arriving between pages neither repeat nor hide the original 30`, async () => {
      const f = await fresh(`Pages ${sort}`);
      const original: Conv[] = [];
      for (let i = 0; i < 30; i++) original.push(await create(f.owner));
      // A few high-priority ones, fewer than a page, so sort=priority mixes priorities on page 1.
      for (const c of original.filter((_, i) => i % 6 === 0)) expect((await patch(c.id, { priority: "high" }, f.owner)).statusCode).toBe(200);
      const expected = sort === "oldest" ? await ids("sort=oldest", f.owner) : await ids(`sort=${sort}`, f.owner);
      expect(expected).toHaveLength(30);

      const inserted: string[] = [];
      const read = await pages(f.agent, sort, async () => {
        for (let k = 0; k < 5; k++) inserted.push((await create(f.owner)).id);
      });
      const seen = read.flatMap((p) => p.ids);
      expect(read.map((p) => p.ids.length)).toEqual([10, 10, 10]);
      expect(seen).toEqual(expected); // the original 30, in order: no duplicates, no gaps
      expect(new Set(seen).size).toBe(30);
      for (const id of inserted) expect(seen).not.toContain(id);
      if (sort === "oldest") {
        // The new conversations come after the original ones.
        const rest = (await t.as(f.agent, { method: "GET", url: `/api/v1/conversations?sort=oldest&limit=10&cursor=${read[2].next}` })).json();
        expect(rest.items.map((c: Conv) => c.id)).toEqual(inserted);
        expect(rest.nextCursor).toBeNull();
      } else {
        expect(read[2].next).toBeNull();
      }
    });
  }

  it("answers 400 naming query.cursor for a cursor it did not issue", async () => {
    const forged = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const id = "6f1d9f1e-5a8c-4d2b-9a51-0a7e3c1b2d4f";
    for (const cursor of [
      "garbage",
      "%%%",
      forged({ t: "2026", id: "x" }),
      forged({ t: "2026-13-45 99:99:99", id }),
      forged({ t: "2026-02-30 00:00:00+00", id }),
      forged({ t: "2026-01-01 00:00:00+99", id }),
      forged({ t: "2026-01-01 00:00:00+00", id, p: 1e20 }),
      forged({ t: "2026-01-01 00:00:00+00", id: "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz" }),
      "x".repeat(301),
    ]) {
      for (const sort of ["newest", "priority"]) {
        const res = await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations?sort=${sort}&cursor=${encodeURIComponent(cursor)}` });
        expect(res.statusCode, cursor).toBe(400);
        expect(res.json().error.field, cursor).toBe("query.cursor");
      }
    }
  });
});
