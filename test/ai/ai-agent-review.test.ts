import { sql } from "drizzle-orm";
import { actorOf } from "../factories";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedArticles } from "../../src/server/demo/articles";
import { aiAnswerSettleJob } from "../../src/server/modules/ai-agent/jobs";
import { runAgent } from "../../src/server/modules/ai-agent/run-agent";
import { type ChatTestApp, clientId, startChatApp } from "../chat/helpers";

/**
 * The agent's turns run here one at a time, by calling runAgent on a message, with the inbox's agent
 * switched on only for that turn: what the customer writes between turns is never answered on its own.
 */
let t: ChatTestApp;
let inboxId: string;

const rows = async <R>(q: ReturnType<typeof sql>) => (await t.app.ctx.db.execute(q)).rows as R[];
type Answer = {
  id: string;
  outcome: string;
  handoff_reason: string | null;
  answer_message_id: string | null;
  citations: { slug: string }[];
};
const answersOf = (conversationId: string) =>
  rows<Answer>(sql`
    SELECT id, outcome, handoff_reason, answer_message_id, citations FROM ai_answers WHERE conversation_id = ${conversationId} ORDER BY created_at`);
const agentReplies = (conversationId: string) =>
  rows<{ text: string }>(
    sql`SELECT text FROM messages WHERE conversation_id = ${conversationId} AND sender = 'ai_agent' ORDER BY created_at`,
  );

const setAgent = async (payload: Record<string, unknown>) => {
  const res = await t.as(t.a.admin, { method: "PATCH", url: `/api/v1/inboxes/${inboxId}/ai-agent`, payload });
  expect(res.statusCode).toBe(200);
};

type Chat = { token: string; conversationId: string; last: string };
async function write(c: Chat | null, text: string): Promise<Chat> {
  const token = c?.token ?? (await t.visitor(inboxId)).token;
  const res = await t.send(token, { clientId: clientId(), text, ...(c ? { conversationId: c.conversationId } : {}) });
  expect(res.statusCode).toBe(201);
  const body = res.json();
  return { token, conversationId: body.conversation.id, last: body.message.id };
}
/** The agent's turn on the conversation's latest message. */
async function turn(c: Chat, threshold = 0.55) {
  // Let the analysis (and its event) pass while the agent is off, so no job answers on its own.
  const end = Date.now() + 15_000;
  for (;;) {
    const r = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM messages WHERE id = ${c.last} AND analysis IS NOT NULL`);
    if (r[0].n || Date.now() > end) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 300));
  await setAgent({ enabled: true, confidenceThreshold: threshold });
  try {
    return await runAgent(t.app.ctx.db, {
      accountId: t.a.owner.accountId,
      messageId: c.last,
      llm: null,
      publicBase: "",
      autoMailLimit: 10,
    });
  } finally {
    await setAgent({ enabled: false });
  }
}
const patchConversation = async (id: string, payload: Record<string, unknown>) => {
  const res = await t.as(t.a.admin, { method: "PATCH", url: `/api/v1/conversations/${id}`, payload });
  expect(res.statusCode, res.body).toBe(200);
};
const settle = (aiAnswerId: string) => aiAnswerSettleJob.handle({ aiAnswerId }, { db: t.app.ctx.db } as never);

beforeAll(async () => {
  t = await startChatApp();
  await seedArticles(t.app.ctx.db, { author: actorOf(t.a.owner), owners: [actorOf(t.a.owner)] });
  inboxId = (await t.chatInbox(t.a.admin)).id;
}, 120_000);
afterAll(async () => t?.close());

describe("what the agent answers", () => {
  it("answers all the customer wrote since its last reply, not just the latest line", async () => {
    let c = await write(null, "How do I reset my password?");
    c = await write(c, "I'm on Android");
    expect(await turn(c)).toBe("answered");
    const [a] = await answersOf(c.conversationId);
    expect(a.citations[0].slug).toBe("reset-your-password");
  });

  it("answers the new question after a thank-you, and settles the earlier answer as resolved", async () => {
    let c = await write(null, "I forgot my password and can't log in, what do I do?");
    expect(await turn(c)).toBe("answered");
    c = await write(c, "Thanks, that worked! Also, how do I change the email address on my account?");
    expect(await turn(c)).toBe("answered");
    const [first, second] = await answersOf(c.conversationId);
    expect(first.outcome).toBe("resolved");
    expect(second.citations[0].slug).toBe("change-email-address");
    // Thanks alone: resolved, no answer.
    c = await write(c, "Thanks, that worked!");
    expect(await turn(c)).toBe("resolved");
    expect(await agentReplies(c.conversationId)).toHaveLength(2);
  });

  it("hands over instead of retrying with an article below the inbox's threshold", async () => {
    let c = await write(null, "How long does delivery to Germany take and what does shipping cost?");
    expect(await turn(c, 0.3)).toBe("answered");
    c = await write(c, "That didn't help");
    expect(await turn(c, 0.99)).toBe("handed_over");
    const all = await answersOf(c.conversationId);
    expect(all.map((a) => [a.outcome, a.handoff_reason])).toEqual([
      ["unhelpful", null],
      ["handed_over", "low_confidence"],
    ]);
  });

  it("never sends a relative link when no public URL is known", async () => {
    const c = await write(null, "Can I pay with PayPal?");
    expect(await turn(c)).toBe("answered");
    const [reply] = await agentReplies(c.conversationId);
    expect(reply.text).not.toMatch(/(^|\s)\/(help|knowledge)\//);
  });
});

describe("escalation and people", () => {
  it("stays out once a team is set or a person made it urgent, settling its answer as handed over", async () => {
    const team = await t.as(t.a.admin, { method: "POST", url: "/api/v1/teams", payload: { name: "Billing" } });
    expect(team.statusCode).toBe(201);
    for (const change of [{ teamId: team.json().id }, { priority: "urgent" }]) {
      let c = await write(null, "Can I pay with PayPal?");
      expect(await turn(c)).toBe("answered");
      await patchConversation(c.conversationId, change);
      c = await write(c, "And can I pay by invoice?");
      expect(await turn(c), JSON.stringify(change)).toBe("skipped");
      expect((await answersOf(c.conversationId)).map((a) => a.outcome)).toEqual(["handed_over"]);
      expect(await agentReplies(c.conversationId)).toHaveLength(1);
    }
  });

  it("settles a customer's hand-off request and the answer before it as handed over", async () => {
    let c = await write(null, "Can I pay with PayPal?");
    expect(await turn(c)).toBe("answered");
    c = await write(c, "I want to talk to a human");
    expect(await turn(c)).toBe("handed_over");
    expect((await answersOf(c.conversationId)).map((a) => a.outcome)).toEqual(["handed_over", "handed_over"]);
    const m = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/inboxes/${inboxId}/ai-agent/metrics` })).json();
    expect(m.handoverReasons.unknown).toBeUndefined();
  });
});

describe("the 24-hour settle", () => {
  it("resolves only an answer nobody followed: not after the customer wrote again, not once a person took over", async () => {
    // Followed by a message with no verdict: not resolved.
    let c = await write(null, "Can I pay with PayPal?");
    expect(await turn(c)).toBe("answered");
    c = await write(c, "hmm ok, and do you ship to Norway?");
    const [a] = await answersOf(c.conversationId);
    await settle(a.id);
    expect((await answersOf(c.conversationId))[0].outcome).toBe("answered");

    // Assigned to a person: handed over.
    const b = await write(null, "Can I pay with PayPal?");
    expect(await turn(b)).toBe("answered");
    await patchConversation(b.conversationId, { assigneeId: t.a.agent.id });
    const [ab] = await answersOf(b.conversationId);
    await settle(ab.id);
    expect((await answersOf(b.conversationId))[0].outcome).toBe("handed_over");

    // Left alone: resolved.
    const d = await write(null, "Can I pay with PayPal?");
    expect(await turn(d)).toBe("answered");
    const [ad] = await answersOf(d.conversationId);
    await settle(ad.id);
    expect((await answersOf(d.conversationId))[0].outcome).toBe("resolved");
  });
});
