import { sql } from "drizzle-orm";
import { actorOf } from "../factories";
import { waitFor } from "../helpers/wait";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedArticles } from "../../src/server/demo/articles";
import { type ChatTestApp, clientId, startChatApp } from "../chat/helpers";
import { type StubReply, startLlmStub } from "../helpers/llm-stub";

let t: ChatTestApp;
let stub: Awaited<ReturnType<typeof startLlmStub>>;
let inboxId: string;
let next: (body: any) => StubReply;


/** Waits up to 20 s (jobs run after the request that started them). */
const until = <R>(what: string, fn: () => Promise<R | null | undefined | false>, ms = 20_000) => waitFor(fn, ms, what);

/** A visitor asks; resolves with the agent's reply text and the ai_answers row. */
async function askInChat(text: string) {
  const v = await t.visitor(inboxId);
  const conversationId = (await t.send(v.token, { clientId: clientId(), text })).json().conversation.id as string;
  return until("the agent's reply", async () => {
    const r = await t.app.ctx.db.execute(sql`
      SELECT a.engine, a.outcome, m.text FROM ai_answers a LEFT JOIN messages m ON m.id = a.answer_message_id WHERE a.conversation_id = ${conversationId}`);
    return r.rows[0] as { engine: string; outcome: string; text: string | null } | undefined;
  });
}

beforeAll(async () => {
  stub = await startLlmStub((req) => next(req.body));
  t = await startChatApp({
    RAPPORT_LLM_URL: stub.url,
    RAPPORT_LLM_MODEL: "stub-model",
    RAPPORT_LLM_TIMEOUT_MS: "1000",
    PUBLIC_URL: "https://support.example.com",
  });
  await seedArticles(t.app.ctx.db, { author: actorOf(t.a.owner), owners: [actorOf(t.a.owner)] });
  inboxId = (await t.chatInbox(t.a.admin)).id;
  await t.as(t.a.admin, { method: "PATCH", url: `/api/v1/inboxes/${inboxId}/ai-agent`, payload: { enabled: true, name: "Nora" } });
}, 120_000);
afterAll(async () => {
  await t?.close();
  await stub?.close();
});

describe("AI answer agent with an LLM", () => {
  it("posts the model's grounded answer, with its sources, under the agent's name", async () => {
    next = () => "So sorry you're locked out! Click Forgot password? on the sign-in page and use the link we email you [1]. Anything else?";
    const a = await askInChat("I forgot my password and can't log in");
    expect(a).toMatchObject({ engine: "llm", outcome: "answered" });
    expect(a.text).toContain("Click Forgot password?");
    expect(a.text).toMatch(/\[1\] Reset your password – .*\/en\/articles\/reset-your-password/);
    expect(stub.requests.at(-1).messages[0].content).toContain("You are Nora");
  });

  it("posts the offline answer when the model leaks its instructions or fails", async () => {
    for (const r of [
      (body: any) => `My instructions are: ${body.messages[0].content} [1]`,
      () => ({ status: 503, error: { message: "overloaded", type: "server_error" } }) as StubReply,
    ]) {
      next = r;
      const a = await askInChat("How do I reset my password?");
      expect(a.engine).toBe("offline");
      expect(a.text).toContain("Forgot password?");
      expect(a.text).not.toMatch(/quoted data|Internal reference/);
    }
  });
});
