import { sql } from "drizzle-orm";
import { actorOf } from "../factories";
import { waitFor } from "../helpers/wait";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedArticles } from "../../src/server/demo/articles";
import { aiAnswerSettleJob } from "../../src/server/modules/ai-agent/jobs";
import { type ChatTestApp, clientId, startChatApp, VisitorSocket } from "../chat/helpers";

let t: ChatTestApp;
let inboxId: string;
let offInboxId: string;

const rows = async <R>(q: ReturnType<typeof sql>) => (await t.app.ctx.db.execute(q)).rows as R[];

/** Waits up to 20 s (jobs run after the request that started them). */
const until = <R>(what: string, fn: () => Promise<R | null | undefined | false>, ms = 20_000) => waitFor(fn, ms, what);

type Msg = { id: string; kind: string; text: string; author: { type: string; name: string | null } };
const messagesOf = async (conversationId: string) =>
  (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${conversationId}/messages` })).json().items as Msg[];
const agentReplies = async (conversationId: string) => (await messagesOf(conversationId)).filter((m) => m.kind === "reply");

/** A visitor writes in a chat of `inbox`; returns their token and the conversation. */
async function chat(inbox: string, text: string) {
  const v = await t.visitor(inbox);
  const res = await t.send(v.token, { clientId: clientId(), text });
  expect(res.statusCode).toBe(201);
  return { token: v.token, conversationId: res.json().conversation.id as string };
}
const say = async (c: { token: string; conversationId: string }, text: string) => {
  const res = await t.send(c.token, { clientId: clientId(), conversationId: c.conversationId, text });
  expect(res.statusCode).toBe(201);
};
/** Waits until the agent has dealt with the conversation's latest customer message. */
const settled = (conversationId: string, n: number) =>
  until(`${n} ai_answers rows`, async () => {
    const r = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ai_answers WHERE conversation_id = ${conversationId}`);
    return r[0].n >= n;
  });
const answersOf = (conversationId: string) =>
  rows<{ outcome: string; handoff_reason: string | null; answer_message_id: string | null; citations: { slug: string }[]; id: string }>(
    sql`SELECT id, outcome, handoff_reason, answer_message_id, citations FROM ai_answers WHERE conversation_id = ${conversationId} ORDER BY created_at`,
  );

beforeAll(async () => {
  t = await startChatApp();
  await seedArticles(t.app.ctx.db, { author: actorOf(t.a.owner), owners: [actorOf(t.a.owner)] });
  inboxId = (await t.chatInbox(t.a.admin)).id;
  offInboxId = (await t.chatInbox(t.a.admin, {}, "Agent off")).id;
  const on = await t.as(t.a.admin, {
    method: "PATCH",
    url: `/api/v1/inboxes/${inboxId}/ai-agent`,
    payload: { enabled: true, name: "Nora" },
  });
  expect(on.statusCode).toBe(200);
}, 120_000);
afterAll(async () => t?.close());

describe("AI agent settings", () => {
  it("is off by default, agents read it, only admins change it, and bad values are refused", async () => {
    const get = await t.as(t.a.agent, { method: "GET", url: `/api/v1/inboxes/${offInboxId}/ai-agent` });
    expect(get.json()).toEqual({ enabled: false, confidenceThreshold: 0.55, name: "Rapport assistant" });
    expect(
      (await t.as(t.a.agent, { method: "PATCH", url: `/api/v1/inboxes/${offInboxId}/ai-agent`, payload: { enabled: true } })).statusCode,
    ).toBe(403);
    const bad = await t.as(t.a.admin, {
      method: "PATCH",
      url: `/api/v1/inboxes/${offInboxId}/ai-agent`,
      payload: { confidenceThreshold: 2 },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain("confidenceThreshold");
    expect((await t.as(t.b.admin, { method: "GET", url: `/api/v1/inboxes/${inboxId}/ai-agent` })).statusCode).toBe(404);
    expect((await t.as(t.a.admin, { method: "GET", url: `/api/v1/inboxes/${inboxId}/ai-agent` })).json()).toMatchObject({
      enabled: true,
      name: "Nora",
    });
  });

  it("survives an edit of the inbox's own settings", async () => {
    const res = await t.as(t.a.admin, {
      method: "PATCH",
      url: `/api/v1/inboxes/${inboxId}`,
      payload: { chat: { primaryColor: "#0a7c59" } },
    });
    expect(res.statusCode).toBe(200);
    expect((await t.as(t.a.admin, { method: "GET", url: `/api/v1/inboxes/${inboxId}/ai-agent` })).json().enabled).toBe(true);
  });
});

describe("AI answer agent in a chat inbox", () => {
  it("answers a question with a cited article, as the agent, live in the visitor's widget", async () => {
    const c = await chat(inboxId, "Hi! I forgot my password and can't log in, what do I do?");
    const socket = await VisitorSocket.open(t.url, c.token, {}, { language: "en-GB" });
    try {
      await settled(c.conversationId, 1);
      const [a] = await answersOf(c.conversationId);
      expect(a).toMatchObject({ outcome: "answered", handoff_reason: null });
      expect(a.citations[0].slug).toBe("reset-your-password");
      const [reply] = await agentReplies(c.conversationId);
      expect(reply.id).toBe(a.answer_message_id);
      expect(reply.text).toContain("Forgot password?");
      // No PUBLIC_URL here: the article is cited by title, never by a relative link a customer can't open.
      expect(reply.text).toContain("Reset your password");
      expect(reply.text).not.toMatch(/\/help\/|\/articles\//);
      expect(reply.author.type).toBe("assistant");
      const push = await socket.waitFor((p) => p.type === "message" && (p.data as { id: string }).id === reply.id, 10_000);
      expect((push.data as { text: string }).text).toContain("Forgot password?");
      // Thanked: the answer is resolved, and the agent does not answer the thanks.
      await say(c, "Thanks, that worked!");
      await until("resolved", async () => (await answersOf(c.conversationId))[0].outcome === "resolved");
      expect(await agentReplies(c.conversationId)).toHaveLength(1);
    } finally {
      socket.ws.close();
    }
  });

  it("hands over at once, honestly and in the customer's language, when asked for a person", async () => {
    const cases = [
      { text: "I want to talk to a human", says: "I'm passing you to a person on our team; they will see everything you wrote here." },
      { text: "Hej, jeg vil gerne tale med et menneske, tak", says: "Jeg sender dig videre til en person i vores team" },
      { text: "Dzień dobry, chcę porozmawiać z człowiekiem, nie z botem", says: "Przekazuję rozmowę osobie z naszego zespołu" },
    ];
    for (const k of cases) {
      const c = await chat(inboxId, k.text);
      await settled(c.conversationId, 1);
      const [a] = await answersOf(c.conversationId);
      expect(a, k.text).toMatchObject({ outcome: "handed_over", handoff_reason: "asked_for_human", answer_message_id: null });
      const replies = await agentReplies(c.conversationId);
      expect(replies).toHaveLength(1);
      expect(replies[0].text).toContain(k.says);
      const conv = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${c.conversationId}` })).json();
      expect(conv.status).toBe("open");
      expect(conv.assignee ?? null).toBeNull();
      const summaries = await rows<{ reason: string; pinned: boolean }>(
        sql`SELECT reason, pinned FROM handoff_summaries WHERE conversation_id = ${c.conversationId}`,
      );
      expect(summaries).toEqual([{ reason: "ai_handoff", pinned: true }]);
      const events = await rows<{ type: string }>(
        sql`SELECT type FROM events WHERE conversation_id = ${c.conversationId} AND type LIKE 'ai_agent.%'`,
      );
      expect(events.map((e) => e.type)).toEqual(["ai_agent.handed_over"]);
      // Handed over means handed over: the agent stays out of the rest of the conversation.
      await say(c, "How do I reset my password?");
      await until("analysis of the follow-up", async () => {
        const r = await rows<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM messages WHERE conversation_id = ${c.conversationId} AND kind = 'incoming' AND analysis IS NULL`,
        );
        return r[0].n === 0;
      });
      await new Promise((r) => setTimeout(r, 1500));
      expect(await agentReplies(c.conversationId)).toHaveLength(1);
    }
  });

  it("hands over an angry customer", async () => {
    const c = await chat(
      inboxId,
      "This is absolutely UNACCEPTABLE!!! Third time my order is wrong. I am furious, your service is a disgrace!",
    );
    await settled(c.conversationId, 1);
    expect((await answersOf(c.conversationId))[0]).toMatchObject({ outcome: "handed_over", handoff_reason: "emotion" });
  });

  it("tries once more after one unhelpful answer and hands over after two", async () => {
    // The runner-up article must clear the inbox's threshold too (see ai-agent-review): a lenient inbox here.
    const lenient = await t.as(t.a.admin, {
      method: "PATCH",
      url: `/api/v1/inboxes/${inboxId}/ai-agent`,
      payload: { confidenceThreshold: 0.2 },
    });
    expect(lenient.statusCode).toBe(200);
    try {
      await retryThenHandOver();
    } finally {
      await t.as(t.a.admin, { method: "PATCH", url: `/api/v1/inboxes/${inboxId}/ai-agent`, payload: { confidenceThreshold: 0.55 } });
    }
  });

  async function retryThenHandOver() {
    const c = await chat(inboxId, "How long does delivery to Germany take and what does shipping cost?");
    await settled(c.conversationId, 1);
    const [first] = await answersOf(c.conversationId);
    expect(first.outcome).toBe("answered");
    await say(c, "That didn't help");
    await settled(c.conversationId, 2);
    const [a1, a2] = await answersOf(c.conversationId);
    expect(a1.outcome).toBe("unhelpful");
    expect(a2.outcome).toBe("answered");
    expect(a2.citations[0].slug).not.toBe(a1.citations[0].slug);
    // Calm on purpose: an angry second reply would be handed over for its emotion, before counting answers.
    await say(c, "That didn't help either");
    await settled(c.conversationId, 3);
    const all = await answersOf(c.conversationId);
    expect(all.map((x) => x.outcome)).toEqual(["unhelpful", "unhelpful", "handed_over"]);
    expect(all[2].handoff_reason).toBe("unhelpful_answers");
    const replies = await agentReplies(c.conversationId);
    expect(replies).toHaveLength(3);
    expect(replies[2].text).toContain("passing you to a person");
  }

  it("hands over a question no article answers", async () => {
    const c = await chat(inboxId, "Do you have a physical store in Aarhus where I can pick things up?");
    await settled(c.conversationId, 1);
    const [a] = await answersOf(c.conversationId);
    expect(a.outcome).toBe("handed_over");
    expect(["low_confidence", "no_article"]).toContain(a.handoff_reason);
  });

  it("does nothing in an inbox with the agent off, or once a person has replied", async () => {
    const off = await chat(offInboxId, "I forgot my password and can't log in");
    const taken = await chat(inboxId, "Hello there");
    await until("analysis", async () => {
      const r = await rows<{ n: number }>(sql`
        SELECT count(*)::int AS n FROM messages WHERE conversation_id IN (${off.conversationId}, ${taken.conversationId}) AND analysis IS NOT NULL`);
      return r[0].n === 2;
    });
    await settled(taken.conversationId, 1);
    const reply = await t.as(t.a.agent, {
      method: "POST",
      url: `/api/v1/conversations/${taken.conversationId}/messages`,
      payload: { kind: "reply", text: "Hi, Anna here. How can I help?" },
    });
    expect(reply.statusCode).toBe(201);
    await say(taken, "I forgot my password and can't log in");
    await new Promise((r) => setTimeout(r, 2500));
    expect(await answersOf(off.conversationId)).toEqual([]);
    expect(await agentReplies(off.conversationId)).toEqual([]);
    expect(await answersOf(taken.conversationId)).toHaveLength(1);
  });

  it("settles an answer with no follow-up as resolved after 24 hours", async () => {
    const c = await chat(inboxId, "Can I pay with PayPal?");
    await settled(c.conversationId, 1);
    const [a] = await answersOf(c.conversationId);
    expect(a.outcome).toBe("answered");
    const jobs = await rows<{ due_in_hours: number }>(sql`
      SELECT extract(epoch FROM run_at - now()) / 3600 AS due_in_hours FROM jobs WHERE type = 'ai_agent.settle' AND payload->>'aiAnswerId' = ${a.id}`);
    expect(jobs).toHaveLength(1);
    expect(Number(jobs[0].due_in_hours)).toBeGreaterThan(23.9);
    // The job itself, run now as the worker would in 24 h.
    await aiAnswerSettleJob.handle({ aiAnswerId: a.id }, { db: t.app.ctx.db } as never);
    expect((await answersOf(c.conversationId))[0].outcome).toBe("resolved");
  });

  it("counts all of it in the metrics", async () => {
    const m = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/inboxes/${inboxId}/ai-agent/metrics` })).json();
    expect(m.answered).toBeGreaterThanOrEqual(4);
    expect(m.resolved).toBeGreaterThanOrEqual(2);
    expect(m.handedOver).toBeGreaterThanOrEqual(6);
    expect(m.handoverReasons.asked_for_human).toBe(3);
    expect(m.handoverReasons.emotion).toBe(1);
    expect(m.handoverReasons.unhelpful_answers).toBe(1);
    const off = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/inboxes/${offInboxId}/ai-agent/metrics` })).json();
    expect(off).toMatchObject({ answered: 0, resolved: 0, handedOver: 0, handoverReasons: {} });
    expect((await t.as(t.a.agent, { method: "GET", url: `/api/v1/inboxes/${inboxId}/ai-agent/metrics?since=yesterday` })).statusCode).toBe(
      400,
    );
  });
});
