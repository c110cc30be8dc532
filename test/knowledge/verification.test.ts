import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remindVerificationDue } from "../../src/server/modules/knowledge/remind-verification";
import { startTestAppWithTeam } from "../helpers/app";
import { type Json, kb } from "./helpers";

let t: Awaited<ReturnType<typeof startTestAppWithTeam>>;
let k: ReturnType<typeof kb>;
beforeAll(async () => {
  t = await startTestAppWithTeam();
  k = kb(t);
});
afterAll(async () => t?.close());

const remind = () => t.app.ctx.db.transaction((tx) => remindVerificationDue(tx));
const dueNotes = async (user: typeof t.a.agent) =>
  ((await k.call(user, "GET", "/api/v1/notifications")).json().items as Json[]).filter((n) => n.type === "article.verify_due");
const age = (id: string, days: number) =>
  t.app.ctx.db.execute(sql`UPDATE articles SET verified_at = now() - make_interval(days => ${days}) WHERE id = ${id}`);

describe("knowledge verification", () => {
  it("notifies the owner once per interval when an article is past due, and again after the next interval", async () => {
    const a = await k.create(t.a.supervisor, {
      locale: "en",
      title: "Warranty terms",
      ownerId: t.a.agent.id,
      verifyEveryDays: 30,
      status: "published",
    });
    const fresh = await k.create(t.a.supervisor, { locale: "en", title: "Fresh article", ownerId: t.a.agent.id });
    const b = await k.create(t.b.supervisor, { locale: "en", title: "Globex terms", ownerId: t.b.agent.id, verifyEveryDays: 30 });
    expect(await remind()).toBe(0);

    await age(a.id, 31);
    await age(b.id, 31);
    expect(await remind()).toBe(2);
    expect(await remind()).toBe(0);
    const notes = await dueNotes(t.a.agent);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ articleId: a.id, excerpt: "Warranty terms", conversationId: null, readAt: null });
    expect((await dueNotes(t.b.agent)).map((n) => n.articleId)).toEqual([b.id]);
    expect(await dueNotes(t.a.supervisor)).toEqual([]);
    expect((await k.call(t.a.agent, "GET", `/api/v1/articles/${a.id}`)).json().verification.state).toBe("due");
    expect((await k.call(t.a.agent, "GET", `/api/v1/articles/${fresh.id}`)).json().verification.state).toBe("verified");

    // Still due a whole interval after the reminder: reminded again.
    await t.app.ctx.db.execute(sql`UPDATE articles SET verify_reminded_at = now() - interval '31 days' WHERE id = ${a.id}`);
    expect(await remind()).toBe(1);
    expect(await dueNotes(t.a.agent)).toHaveLength(2);

    // Verified: no more reminders until it is due again.
    await k.call(t.a.agent, "PATCH", `/api/v1/articles/${a.id}`, { verify: true });
    expect(await remind()).toBe(0);
    const health = (await k.call(t.a.supervisor, "GET", "/api/v1/knowledge/health")).json();
    expect(health).toMatchObject({ articles: 2, verified: 2, due: 0, trustScore: 1 });
    await age(fresh.id, 100);
    expect((await k.call(t.a.supervisor, "GET", "/api/v1/knowledge/health")).json()).toMatchObject({
      verified: 1,
      due: 1,
      trustScore: 0.5,
    });
    await k.call(t.a.agent, "PATCH", `/api/v1/articles/${fresh.id}`, { verify: true });

    // Deleting the article removes its reminders.
    await k.call(t.a.supervisor, "DELETE", `/api/v1/articles/${a.id}`);
    expect(await dueNotes(t.a.agent)).toEqual([]);
  });

  it("notifies about articles nobody ever verified, and never an article without an owner", async () => {
    const a = await k.create(t.a.supervisor, { locale: "en", title: "Never verified", ownerId: t.a.agent2.id });
    const orphan = await k.create(t.a.supervisor, { locale: "en", title: "Orphan", ownerId: null });
    await t.app.ctx.db.execute(sql`UPDATE articles SET verified_at = NULL WHERE id IN (${a.id}, ${orphan.id})`);
    expect(await remind()).toBe(1);
    expect((await dueNotes(t.a.agent2)).map((n) => n.articleId)).toEqual([a.id]);
    expect((await k.call(t.a.agent2, "GET", `/api/v1/articles/${a.id}`)).json().verification).toMatchObject({
      state: "unverified",
      verifiedAt: null,
      dueAt: null,
    });
  });
});
