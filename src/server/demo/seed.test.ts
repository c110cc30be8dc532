import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/helpers/app";
import { DEMO_ACCOUNT, DEMO_EMAIL, DEMO_PASSWORD, DERIVED_EVENTS, planDemo, seedDemo } from "./seed";
import { UPSET_DEMO } from "./upset";

let t: TestApp;
let summary: string;
let seconds: number;
let cookie: string;

const one = async <T>(q: ReturnType<typeof sql>) => (await t.app.ctx.db.execute(q)).rows[0] as T;
const login = (email: string) => t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password: DEMO_PASSWORD } });
const get = (url: string) => t.app.inject({ method: "GET", url, headers: { cookie } });

beforeAll(async () => {
  t = await startTestApp();
  const started = Date.now();
  // The full demo, as `npm run demo` makes it.
  summary = await seedDemo(t.app.ctx.db, { box: t.app.ctx.box });
  seconds = (Date.now() - started) / 1000;
  const res = await login(DEMO_EMAIL);
  cookie = String(res.headers["set-cookie"]).split(";")[0];
}, 120_000);
afterAll(async () => t?.close());

describe("demo data", () => {
  it("is quick, and tells how to sign in", () => {
    expect(seconds).toBeLessThan(45);
    expect(summary).toContain(`${DEMO_EMAIL} / ${DEMO_PASSWORD}`);
    expect(summary).toContain("400 conversations");
  });

  it("lets the owner and every agent sign in with the demo password", async () => {
    expect(cookie).toMatch(/=/);
    const me = (await get("/api/v1/me")).json();
    expect(JSON.stringify(me)).toContain(DEMO_EMAIL);
    for (const email of ["sofie@rapport.test", "marek@rapport.test", "ana@rapport.test", "priya@rapport.test"]) {
      expect((await login(email)).statusCode).toBe(200);
    }
    const users = await one<{ n: number; teams: number; members: number }>(sql`
      SELECT (SELECT count(*) FROM users u JOIN accounts a ON a.id = u.account_id WHERE a.name = ${DEMO_ACCOUNT})::int AS n,
        (SELECT count(*) FROM teams)::int AS teams, (SELECT count(*) FROM team_members)::int AS members`);
    expect(users.n).toBe(8);
    expect(users.teams).toBe(3);
    expect(users.members).toBeGreaterThanOrEqual(9);
  });

  it("fills every inbox view: mine, unassigned, all and each status", async () => {
    const counts = (await get("/api/v1/conversations/counts")).json();
    expect(counts.mine).toBeGreaterThan(0);
    expect(counts.unassigned).toBeGreaterThan(0);
    expect(counts.all).toBeGreaterThan(counts.mine);
    for (const s of ["open", "pending", "snoozed", "resolved", "closed"]) expect(counts.status[s]).toBeGreaterThan(0);
    expect(counts.status.open).toBe(Math.max(...Object.values(counts.status as Record<string, number>)));
    expect(Object.keys(counts.teams)).toHaveLength(3);
    const mine = (await get("/api/v1/conversations?assignee=me")).json();
    expect(mine.items.length).toBeGreaterThan(0);
    const inbox = (await get("/api/v1/conversations")).json().items as { lastActivityAt: string; preview: string }[];
    expect(inbox.length).toBeGreaterThan(10);
    expect(inbox.map((c) => c.lastActivityAt)).toEqual([...inbox.map((c) => c.lastActivityAt)].sort().reverse());
    expect(new Set(inbox.map((c) => c.lastActivityAt)).size).toBe(inbox.length);
    expect(inbox.every((c) => c.preview.length > 0)).toBe(true);
  });

  it("spans customers, channels, languages, HTML and notes with mentions", async () => {
    const s = await one<Record<string, number>>(sql`
      SELECT (SELECT count(*) FROM customers)::int AS customers,
        (SELECT count(*) FROM conversations)::int AS conversations,
        (SELECT count(DISTINCT channel) FROM conversations)::int AS channels,
        (SELECT count(DISTINCT language) FROM conversations)::int AS languages,
        (SELECT count(*) FROM messages)::int AS messages,
        (SELECT count(*) FROM messages WHERE html IS NOT NULL)::int AS html,
        (SELECT count(*) FROM messages WHERE kind = 'note' AND cardinality(mentions) > 0)::int AS mentions,
        (SELECT count(*) FROM notifications WHERE read_at IS NULL)::int AS unread,
        (SELECT count(*) FROM customer_identities WHERE kind = 'phone')::int AS phones,
        (SELECT count(*) FROM customer_identities WHERE kind = 'external')::int AS externals,
        (SELECT count(*) FROM customers WHERE attributes ?& array['plan', 'lifetimeValue', 'orders', 'country', 'vip'])::int AS attributed,
        (SELECT count(*) FROM customers WHERE attributes->>'vip' = 'true')::int AS vips,
        (SELECT count(*) FROM conversations WHERE 'refund' = ANY(tags))::int AS refunds,
        (SELECT count(*) FROM conversations WHERE priority = 3)::int AS urgent`);
    expect(s.customers).toBeGreaterThanOrEqual(300);
    expect(s.conversations).toBeGreaterThanOrEqual(400);
    expect(s.channels).toBe(7);
    expect(s.languages).toBe(7);
    expect(s.messages).toBeGreaterThan(2.5 * s.conversations);
    expect(s.html).toBeGreaterThan(20);
    expect(s.mentions).toBeGreaterThan(10);
    expect(s.unread).toBeGreaterThan(0);
    expect(s.phones).toBeGreaterThan(50);
    expect(s.externals).toBeGreaterThan(50);
    expect(s.attributed).toBe(s.customers);
    expect(s.vips).toBeGreaterThan(0);
    expect(s.refunds).toBeGreaterThan(0);
    expect(s.urgent).toBeGreaterThan(0);
  });

  it("shows returning customers' history across channels", async () => {
    const c = await one<{ customer_id: string; n: number }>(sql`
      SELECT customer_id, count(*)::int AS n FROM conversations GROUP BY customer_id
      HAVING count(DISTINCT channel) > 1 ORDER BY count(*) DESC, customer_id LIMIT 1`);
    expect(c.n).toBeGreaterThan(1);
    const repeat = await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM conversations GROUP BY customer_id HAVING count(*) > 1) x`);
    expect(repeat.n).toBeGreaterThan(30);
    const res = await get(`/api/v1/customers/${c.customer_id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.conversations).toHaveLength(c.n);
    expect(new Set(body.conversations.map((x: { channel: string }) => x.channel)).size).toBeGreaterThan(1);
  });

  it("keeps every conversation's history in order, within the last 30 days and never in the future", async () => {
    const bad = await one<Record<string, number>>(sql`
      SELECT
        count(*) FILTER (WHERE (SELECT kind FROM messages m WHERE m.conversation_id = c.id ORDER BY created_at, id LIMIT 1) <> 'incoming')::int AS first_not_customer,
        count(*) FILTER (WHERE (SELECT min(created_at) FROM messages m WHERE m.conversation_id = c.id) <> c.created_at)::int AS first_not_start,
        count(*) FILTER (WHERE c.last_message_at <> (SELECT max(created_at) FROM messages m WHERE m.conversation_id = c.id))::int AS last_message,
        count(*) FILTER (WHERE c.last_activity_at <> greatest(c.last_message_at, (SELECT max(created_at) FROM events e WHERE e.conversation_id = c.id AND e.type <> ALL(${sql.param(DERIVED_EVENTS)}::text[]))))::int AS activity,
        count(*) FILTER (WHERE (SELECT min(created_at) FROM events e WHERE e.conversation_id = c.id) < c.created_at)::int AS event_before_start,
        count(*) FILTER (WHERE c.message_count <> (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id))::int AS count,
        count(*) FILTER (WHERE c.last_activity_at > now() OR c.created_at < now() - interval '31 days')::int AS out_of_range,
        count(*) FILTER (WHERE c.status = 'snoozed' AND (c.snoozed_until IS NULL OR c.snoozed_until < now()))::int AS snooze,
        count(*) FILTER (WHERE c.status <> 'open' AND c.assignee_id IS NULL)::int AS unowned,
        count(*) FILTER (WHERE c.search IS NULL)::int AS unsearchable
      FROM conversations c`);
    expect(bad).toEqual({
      first_not_customer: 0, first_not_start: 0, last_message: 0, activity: 0, event_before_start: 0, count: 0,
      out_of_range: 0, snooze: 0, unowned: 0, unsearchable: 0,
    });
    // Mostly the activity is the last message: status changes go with it.
    const same = await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM conversations WHERE last_activity_at = last_message_at`);
    expect(same.n).toBeGreaterThan(300);
    const snoozeJobs = await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM jobs WHERE type = 'conversation.unsnooze' AND status = 'queued'`);
    const snoozed = await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM conversations WHERE status = 'snoozed'`);
    expect(snoozeJobs.n).toBeGreaterThanOrEqual(snoozed.n);
  });

  it("is searchable in the customers' languages", async () => {
    const hits = async (q: string) => (await get(`/api/v1/conversations?q=${encodeURIComponent(q)}`)).json().items as { language: string }[];
    const danish = await hits("pakke");
    expect(danish.length).toBeGreaterThan(0);
    expect(danish.some((c) => c.language === "da")).toBe(true);
    const german = await hits("Rechnungen"); // stemmed: finds "Rechnung"
    expect(german.some((c) => c.language === "de")).toBe(true);
    expect((await hits("Lieferung")).length).toBeGreaterThan(0);
    expect((await hits("paczka")).length).toBeGreaterThan(0); // Polish has no stemmer: as typed
  });

  it("has upset customers in several languages, read by the engine, with a hand-off summary and a follow-up", async () => {
    const upset = (await get("/api/v1/conversations?mood=upset&sort=temperature&limit=100")).json().items as {
      id: string; language: string; temperature: number; customer: { email: string | null };
    }[];
    const ours = upset.filter((c) => UPSET_DEMO.some((u) => u.email === c.customer.email));
    expect(new Set(ours.map((c) => c.language)).size).toBeGreaterThanOrEqual(4);
    expect(ours.every((c) => c.temperature >= 60)).toBe(true);
    const msgs = (await get(`/api/v1/conversations/${ours[0].id}/messages`)).json().items as { kind: string; analysis: unknown }[];
    expect(msgs.filter((m) => m.kind === "incoming").every((m) => m.analysis)).toBe(true);
    const rachel = ours.find((c) => c.customer.email === UPSET_DEMO[0].email);
    const summaries = (await get(`/api/v1/conversations/${rachel?.id}/summaries`)).json().items as { pinned: boolean; facts: { orderNumbers: string[] } }[];
    expect(summaries.filter((s) => s.pinned)).toHaveLength(1);
    expect(JSON.stringify(summaries[0].facts)).toContain("48213");
    const mette = ours.find((c) => c.customer.email === UPSET_DEMO[1].email);
    const followUps = (await get(`/api/v1/conversations/${mette?.id}/follow-ups`)).json().items as { status: string }[];
    expect(followUps.map((f) => f.status)).toEqual(["open"]);
  });

  it("marks its events as relayed, so browsers are not sent a month of history", async () => {
    const r = await one<{ behind: number }>(sql`
      SELECT count(*)::int AS behind FROM events e, outbox_cursor o
      WHERE e.account_id = (SELECT id FROM accounts WHERE name = ${DEMO_ACCOUNT}) AND (e.txid, e.id) > (o.txid, o.event_id)`);
    expect(r.behind).toBe(0);
  });

  it("has a website chat whose widget the help center opens for 'Talk to a person'", async () => {
    const inboxes = (await get("/api/v1/inboxes")).json().items as { id: string; channel: string; widget?: { snippet: string } }[];
    const chat = inboxes.find((i) => i.channel === "chat");
    expect(chat?.widget?.snippet).toContain(`data-inbox="${chat?.id}"`);
    expect((await get("/api/v1/help-center")).json().chatInboxId).toBe(chat?.id);
    const page = await t.app.inject({ method: "GET", url: "/help/northwind-support" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`data-inbox="${chat?.id}"`);
    expect(summary).toContain("website chat");
  });

  it("plans the same demo every time", () => {
    const now = Date.UTC(2026, 10, 23, 10, 0);
    const a = planDemo({ now, customers: 300, conversations: 400 });
    const b = planDemo({ now, customers: 300, conversations: 400 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(planDemo({ now, customers: 300, conversations: 400, seed: 7 }))).not.toBe(JSON.stringify(a));
    const texts = a.conversations.flatMap((c) => [c.opening, ...c.steps.flatMap((s) => ("content" in s ? [s.content] : []))]).map((x) => x.text ?? x.html ?? "");
    expect(texts.filter((x) => /\{\w+\}|\[[^\]|]*\|[^\]]*\]/.test(x))).toEqual([]);
  });

  it("adds nothing when run again", async () => {
    const tally = sql`
      SELECT (SELECT count(*) FROM accounts)::int AS accounts, (SELECT count(*) FROM users)::int AS users,
        (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM conversations)::int AS conversations,
        (SELECT count(*) FROM messages)::int AS messages, (SELECT count(*) FROM events)::int AS events,
        (SELECT count(*) FROM notifications)::int AS notifications`;
    const before = await one(tally);
    const again = await seedDemo(t.app.ctx.db);
    expect(again).toContain("already there");
    expect(await one(tally)).toEqual(before);
  });

  it("redoes a seed that was interrupted", async () => {
    // Interrupted before its last transaction: the owner has no password yet.
    const old = await one<{ account_id: string }>(sql`UPDATE users SET password_hash = NULL WHERE email = ${DEMO_EMAIL} RETURNING account_id`);
    const redone = await seedDemo(t.app.ctx.db, { customers: 30, conversations: 40 });
    expect(redone).toContain("is ready");
    const s = await one<Record<string, number>>(sql`
      SELECT (SELECT count(*) FROM accounts WHERE name = ${DEMO_ACCOUNT})::int AS accounts,
        (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM conversations)::int AS conversations,
        (SELECT count(*) FROM events WHERE account_id = ${old.account_id})::int AS stale`);
    expect(s).toEqual({ accounts: 1, customers: 30 + UPSET_DEMO.length, conversations: 40 + UPSET_DEMO.length, stale: 0 });
    expect((await login(DEMO_EMAIL)).statusCode).toBe(200);
  });
});
