import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestAppWithTeam } from "../helpers/app";
import { waitFor } from "../helpers/wait";

/**
 * Tenant isolation: account B's users against account A's ids always get 404 (never 403, never data), and
 * nothing of A's changes. Lists and searches never show another account's rows.
 */
let t: Awaited<ReturnType<typeof startTestAppWithTeam>>;
let convA: { id: string; number: number; customer: { id: string } };
let customerA: { id: string };
let teamA: { id: string };
let tokenA: { id: string; token: string };
let noteA: string;

const SECRET = "zanzibar";
const A_EMAIL = "a-customer@example.com";
const A_PHONE = "+4570112233";

beforeAll(async () => {
  t = await startTestAppWithTeam();
  const a = t.a;
  convA = (
    await t.as(a.owner, {
      method: "POST",
      url: "/api/v1/conversations",
      headers: { "idempotency-key": "shared-key" },
      payload: { channel: "api", customer: { email: A_EMAIL, phone: A_PHONE, name: "A Customer" }, subject: `A's ${SECRET} order`, message: { text: `${SECRET} order 991 is late` } },
    })
  ).json();
  customerA = (await t.as(a.agent, { method: "POST", url: "/api/v1/customers", payload: { name: `${SECRET} Standalone`, email: "a-standalone@example.com", attributes: { plan: "gold" } } })).json();
  teamA = (await t.as(a.owner, { method: "POST", url: "/api/v1/teams", payload: { name: `A ${SECRET} team`, memberIds: [a.agent.id] } })).json();
  tokenA = (await t.as(a.owner, { method: "POST", url: "/api/v1/api-tokens", payload: { name: `A ${SECRET} integration` } })).json();
  await t.as(a.supervisor, { method: "PATCH", url: `/api/v1/conversations/${convA.id}`, payload: { assigneeId: a.agent.id, teamId: teamA.id, tags: ["a-only-tag"] } });
  await t.as(a.agent, { method: "POST", url: `/api/v1/conversations/${convA.id}/messages`, payload: { kind: "note", text: `@${a.agent2.name} look at ${SECRET}` } });
  noteA = (await t.as(a.agent2, { method: "GET", url: "/api/v1/notifications" })).json().items[0].id;
});
afterAll(async () => t?.close());

/** Everything of account A's that an attempt could change, read straight from the database. */
const BACKGROUND_EVENTS = ["message.analyzed", "handoff.summarized"];
const BACKGROUND_JOBS = ["language.analyze", "handoff.summarize"];

async function snapshot() {
  const db = t.app.ctx.db;
  const q = async (s: ReturnType<typeof sql>) => (await db.execute(s)).rows;
  return JSON.stringify({
    conv: await q(sql`SELECT status, snoozed_until, priority, assignee_id, team_id, tags, message_count, preview, updated_at, last_activity_at FROM conversations WHERE id = ${convA.id}`),
    messages: await q(sql`SELECT id, kind, text FROM messages WHERE conversation_id = ${convA.id} ORDER BY created_at, id`),
    customers: await q(sql`SELECT id, name, attributes, updated_at FROM customers WHERE account_id = ${t.a.accountId} ORDER BY id`),
    identities: await q(sql`SELECT customer_id, kind, value FROM customer_identities WHERE account_id = ${t.a.accountId} ORDER BY customer_id, kind, value`),
    members: await q(sql`SELECT user_id FROM team_members WHERE team_id = ${teamA.id} ORDER BY user_id`),
    tokens: await q(sql`SELECT id, revoked_at FROM api_tokens WHERE account_id = ${t.a.accountId} ORDER BY id`),
    notifications: await q(sql`SELECT id, read_at FROM notifications WHERE account_id = ${t.a.accountId} ORDER BY id`),
    // Background work A's own setup started (the engine reading its messages, a hand-off summary after its
    // assignment) may land at any time; only what B's requests could have caused counts.
    events: await q(sql`SELECT count(*)::int AS n FROM events WHERE account_id = ${t.a.accountId} AND type <> ALL(${sql.param(BACKGROUND_EVENTS)}::text[])`),
    jobs: await q(sql`SELECT count(*)::int AS n FROM jobs WHERE type <> ALL(${sql.param(BACKGROUND_JOBS)}::text[])`),
  });
}

describe("another account's ids", () => {
  it("answer 404 on every route that takes an id, for every role, and change nothing", async () => {
    // The language engine's job updates the conversation once after arrival (its other background work is
    // left out of the snapshot): let it finish, so the snapshot only changes if a request changes it.
    await waitFor(async () => {
      const left = await t.app.ctx.db.execute(
        sql`SELECT count(*)::int AS n FROM messages WHERE conversation_id = ${convA.id} AND kind = 'incoming' AND analysis IS NULL`,
      );
      return (left.rows[0] as { n: number }).n === 0;
    }, 15_000, "the analysis of A's messages");
    const before = await snapshot();
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const attempts: [string, string, object?, Record<string, string>?][] = [
      ["GET", `/api/v1/conversations/${convA.id}`],
      ["PATCH", `/api/v1/conversations/${convA.id}`, { status: "closed" }],
      ["PATCH", `/api/v1/conversations/${convA.id}`, { priority: "urgent", tags: ["pwned"] }],
      ["PATCH", `/api/v1/conversations/${convA.id}`, { snoozedUntil: future }],
      ["PATCH", `/api/v1/conversations/${convA.id}`, { assigneeId: t.b.agent.id }],
      ["PATCH", `/api/v1/conversations/${convA.id}`, { assigneeId: null, teamId: null }],
      ["GET", `/api/v1/conversations/${convA.id}/messages`],
      ["POST", `/api/v1/conversations/${convA.id}/messages`, { kind: "reply", text: "pwned" }],
      ["POST", `/api/v1/conversations/${convA.id}/messages`, { kind: "note", text: `pwned @${t.a.agent.name}` }],
      ["POST", `/api/v1/conversations/${convA.id}/messages`, { kind: "incoming", text: "pwned" }],
      ["POST", `/api/v1/conversations/${convA.id}/messages`, { kind: "reply", text: "pwned" }, { "idempotency-key": "k1" }],
      ["POST", `/api/v1/conversations/${convA.id}/messages`, { kind: "incoming", text: "pwned" }, { "idempotency-key": "k2" }],
      ["GET", `/api/v1/conversations/${convA.id}/events`],
      ["GET", `/api/v1/customers/${convA.customer.id}`],
      ["GET", `/api/v1/customers/${customerA.id}`],
      ["PATCH", `/api/v1/customers/${customerA.id}`, { name: "pwned" }],
      ["PATCH", `/api/v1/customers/${customerA.id}`, { attributes: { plan: null, x: 1 } }],
      ["PATCH", `/api/v1/customers/${convA.customer.id}`, { identities: [{ kind: "email", value: "pwned@example.com" }] }],
      ["PATCH", `/api/v1/customers/${convA.customer.id}`, { identities: [] }],
      ["POST", `/api/v1/teams/${teamA.id}/members`, { userId: t.b.agent.id }],
      ["POST", `/api/v1/teams/${teamA.id}/members`, { userId: t.a.agent2.id }],
      ["DELETE", `/api/v1/api-tokens/${tokenA.id}`],
      ["GET", `/api/v1/conversations/${convA.id}/temperature`],
      ["GET", `/api/v1/conversations/${convA.id}/guidance`],
      ["POST", `/api/v1/conversations/${convA.id}/acknowledgement-check`, { text: "pwned" }],
      ["GET", `/api/v1/conversations/${convA.id}/summaries`],
      ["POST", `/api/v1/conversations/${convA.id}/summaries`],
      ["GET", `/api/v1/conversations/${convA.id}/follow-ups`],
      ["POST", `/api/v1/conversations/${convA.id}/follow-ups`, { title: "pwned", dueAt: future }],
      ["POST", `/api/v1/answers`, { question: "pwned?", conversationId: convA.id }],
    ];
    for (const user of [t.b.owner, t.b.agent]) {
      for (const [method, url, payload, headers] of attempts) {
        const res = await t.as(user, { method: method as "GET", url, ...(payload ? { payload } : {}), ...(headers ? { headers } : {}) });
        const label = `${user.role} ${method} ${url} ${JSON.stringify(payload ?? {})}`;
        // B's agent may not manage teams or tokens at all: refused before any lookup, exactly as for an id that
        // exists nowhere, so the answer tells nothing about A's records.
        const roleRefused = user.role === "agent" && (url.includes("/teams/") || url.includes("/api-tokens/"));
        expect(res.statusCode, label).toBe(roleRefused ? 403 : 404);
        expect(res.json().error.code, label).toBe(roleRefused ? "forbidden" : "not_found");
        const nowhere = url.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, "00000000-0000-4000-8000-000000000000");
        const unknown = await t.as(user, { method: method as "GET", url: nowhere, ...(payload ? { payload } : {}), ...(headers ? { headers } : {}) });
        expect([unknown.statusCode, unknown.json().error.code], `${label} vs an unknown id`).toEqual([res.statusCode, res.json().error.code]);
        expect(res.body, label).not.toContain(SECRET);
        expect(res.body, label).not.toContain(A_EMAIL);
      }
    }
    // Marking A's notification read by id, as B's users: accepted (it is "all of mine among these"), but a no-op.
    for (const user of [t.b.agent2, t.b.owner]) {
      expect((await t.as(user, { method: "POST", url: "/api/v1/notifications/read", payload: { ids: [noteA] } })).statusCode).toBe(204);
    }
    expect(await snapshot()).toBe(before);
    // And A still works with all of it.
    expect((await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${convA.id}` })).json()).toMatchObject({ id: convA.id, status: "open", tags: ["a-only-tag"] });
    const a2 = (await t.as(t.a.agent2, { method: "GET", url: "/api/v1/notifications" })).json();
    expect(a2).toMatchObject({ unread: 1, items: [{ id: noteA, readAt: null }] });
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${tokenA.token}` } })).statusCode).toBe(200);
  });

  it("are refused with 400 as assignee, team or team member of B's own records", async () => {
    const own = (await t.as(t.b.owner, { method: "POST", url: "/api/v1/conversations", payload: { channel: "api", customer: { email: "b@example.com" }, message: { text: "hi" } } })).json();
    const r1 = await t.as(t.b.owner, { method: "PATCH", url: `/api/v1/conversations/${own.id}`, payload: { assigneeId: t.a.agent.id } });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.field).toBe("body.assigneeId");
    const r2 = await t.as(t.b.owner, { method: "PATCH", url: `/api/v1/conversations/${own.id}`, payload: { teamId: teamA.id } });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error.field).toBe("body.teamId");
    const teamB = (await t.as(t.b.owner, { method: "POST", url: "/api/v1/teams", payload: { name: "B Team" } })).json();
    const r3 = await t.as(t.b.owner, { method: "POST", url: `/api/v1/teams/${teamB.id}/members`, payload: { userId: t.a.agent.id } });
    expect(r3.statusCode).toBe(400);
    expect(r3.json().error.field).toBe("body.userId");
    const r4 = await t.as(t.b.owner, { method: "POST", url: "/api/v1/teams", payload: { name: "B Mixed", memberIds: [t.b.agent.id, t.a.agent.id] } });
    expect(r4.statusCode).toBe(400);
    expect((await t.as(t.b.owner, { method: "GET", url: `/api/v1/conversations/${own.id}` })).json()).toMatchObject({ assignee: null, teamId: null });
    const teamsB = (await t.as(t.b.owner, { method: "GET", url: "/api/v1/teams" })).json().items;
    expect(teamsB).toEqual([{ ...teamB, memberIds: [] }]);
  });
});

describe("lists and searches", () => {
  it("never include another account's rows", async () => {
    const lists = [
      "/api/v1/conversations",
      "/api/v1/conversations?status=all",
      `/api/v1/conversations?q=${SECRET}`,
      `/api/v1/conversations?q=${encodeURIComponent(A_EMAIL)}`,
      `/api/v1/conversations?q=${encodeURIComponent(A_PHONE)}`,
      `/api/v1/conversations?q=${encodeURIComponent(`#${convA.number}`)}`,
      `/api/v1/conversations?customer=${convA.customer.id}`,
      `/api/v1/conversations?assignee=${t.a.agent.id}&status=all`,
      `/api/v1/conversations?team=${teamA.id}&status=all`,
      "/api/v1/conversations?tag=a-only-tag&status=all",
      "/api/v1/customers",
      `/api/v1/customers?q=${encodeURIComponent(A_EMAIL)}`,
      `/api/v1/customers?q=${encodeURIComponent(A_PHONE)}`,
      `/api/v1/customers?q=${SECRET}`,
      "/api/v1/users",
      "/api/v1/teams",
      "/api/v1/api-tokens",
      "/api/v1/notifications",
    ];
    for (const user of [t.b.owner, t.b.agent]) {
      for (const url of lists) {
        const res = await t.as(user, { method: "GET", url });
        if (url.includes("api-tokens") && user.role === "agent") {
          expect(res.statusCode).toBe(403);
          continue;
        }
        expect(res.statusCode, url).toBe(200);
        for (const secret of [convA.id, convA.customer.id, customerA.id, teamA.id, tokenA.id, noteA, SECRET, A_EMAIL, t.a.owner.email, t.a.agent.id]) {
          expect(res.body, `${url} leaks ${secret}`).not.toContain(secret);
        }
      }
    }
    const counts = (await t.as(t.b.agent, { method: "GET", url: "/api/v1/conversations/counts" })).json();
    expect(counts.teams).toEqual({});
    expect(counts.status.open).toBe(counts.all);
    expect(JSON.stringify(counts)).not.toContain(teamA.id);
  });

  it("count only the account's own conversations", async () => {
    const before = (await t.as(t.b.agent, { method: "GET", url: "/api/v1/conversations/counts" })).json();
    await t.as(t.a.owner, { method: "POST", url: "/api/v1/conversations", payload: { channel: "api", customer: { email: "more-a@example.com" }, message: { text: "A again" } } });
    expect((await t.as(t.b.agent, { method: "GET", url: "/api/v1/conversations/counts" })).json()).toEqual(before);
  });
});

describe("identities and keys per account", () => {
  it("keeps the same customer email apart in two accounts", async () => {
    const inB = (await t.as(t.b.owner, { method: "POST", url: "/api/v1/conversations", payload: { channel: "api", customer: { email: A_EMAIL }, message: { text: "hello" } } })).json();
    expect(inB.customer.id).not.toBe(convA.customer.id);
    expect(inB.customer.name).toBeNull();
    const seenByB = (await t.as(t.b.owner, { method: "GET", url: `/api/v1/customers/${inB.customer.id}` })).json();
    expect(seenByB.conversations.map((c: { id: string }) => c.id)).toEqual([inB.id]);
    expect(seenByB.identities).toEqual([{ kind: "email", value: A_EMAIL }]);
  });

  it("scopes Idempotency-Keys to the account: B's retry key never replays A's conversation", async () => {
    const res = await t.as(t.b.owner, {
      method: "POST",
      url: "/api/v1/conversations",
      headers: { "idempotency-key": "shared-key" },
      payload: { channel: "api", customer: { email: A_EMAIL, phone: A_PHONE, name: "A Customer" }, subject: `A's ${SECRET} order`, message: { text: `${SECRET} order 991 is late` } },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers["idempotent-replayed"]).toBeUndefined();
    expect(res.json().id).not.toBe(convA.id);
    expect((await t.as(t.b.owner, { method: "GET", url: `/api/v1/conversations/${res.json().id}` })).statusCode).toBe(200);
  });
});
