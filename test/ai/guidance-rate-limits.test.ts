import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LLM_CALLS_PER_MINUTE } from "../../src/server/http/account-rate-limit";
import { startGuidanceApp } from "./guidance-setup";

// No model configured: the LLM endpoints answer fast (503 or offline), and the limit is counted before that.
let t: Awaited<ReturnType<typeof startGuidanceApp>>;
beforeAll(async () => {
  t = await startGuidanceApp();
});
afterAll(async () => t?.close());

type Req = { method: "GET" | "POST"; url: string; payload?: unknown };
/** Sends the request `n` times (a few at a time) and returns the status codes. */
async function burst(user: typeof t.a.agent, req: Req, n: number): Promise<number[]> {
  const codes: number[] = [];
  for (let i = 0; i < n; i += 20) {
    const batch = await Promise.all(Array.from({ length: Math.min(20, n - i) }, () => t.as(user, req)));
    codes.push(...batch.map((r) => r.statusCode));
  }
  return codes;
}

describe("per-account rate limits on the LLM-backed endpoints", () => {
  it("POST /api/v1/translate: 429 rate_limited past the limit, counted per account (teammates share it)", async () => {
    const req: Req = { method: "POST", url: "/api/v1/translate", payload: { text: "Hej", target: "en" } };
    const half = Math.floor(LLM_CALLS_PER_MINUTE / 2);
    const codes = [...(await burst(t.a.agent, req, half)), ...(await burst(t.a.agent2, req, LLM_CALLS_PER_MINUTE - half))];
    expect(codes.every((c) => c === 503)).toBe(true);
    const over = await t.as(t.a.agent, req);
    expect(over.statusCode).toBe(429);
    expect(over.json().error.code).toBe("rate_limited");
    expect((await t.as(t.a.supervisor, req)).statusCode).toBe(429);
    // Another account has its own budget.
    expect((await t.as(t.b.agent, req)).statusCode).toBe(503);
    t.serverErrors.length = 0; // the 503s (no model) are expected
  });

  it("POST /messages/:id/translate and POST …/summaries are limited too", async () => {
    const c = await t.conversation(t.a.agent, "Paczka nadal nie dotarła.");
    const msgs = (await t.as(t.a.agent, { method: "GET", url: `/api/v1/conversations/${c.id}/messages` })).json().items as { id: string }[];
    const tr: Req = { method: "POST", url: `/api/v1/messages/${msgs[0].id}/translate`, payload: { target: "en" } };
    expect((await burst(t.a.agent, tr, LLM_CALLS_PER_MINUTE)).every((s) => s === 503)).toBe(true);
    expect((await t.as(t.a.agent, tr)).statusCode).toBe(429);
    t.serverErrors.length = 0;

    const sum: Req = { method: "POST", url: `/api/v1/conversations/${c.id}/summaries`, payload: {} };
    expect((await burst(t.a.agent, sum, LLM_CALLS_PER_MINUTE)).every((s) => s === 201)).toBe(true);
    expect((await t.as(t.a.agent, sum)).statusCode).toBe(429);
  });

  it("guidance is limited only when drafting; /analyze only with engine llm", async () => {
    const c = await t.conversation(t.b.agent, "Where is my order?");
    const drafting: Req = { method: "GET", url: `/api/v1/conversations/${c.id}/guidance?draft=true` };
    expect((await burst(t.b.agent, drafting, LLM_CALLS_PER_MINUTE)).every((s) => s === 200)).toBe(true);
    expect((await t.as(t.b.agent, drafting)).statusCode).toBe(429);
    expect((await t.as(t.b.agent, { method: "GET", url: `/api/v1/conversations/${c.id}/guidance` })).statusCode).toBe(200);

    const llm: Req = { method: "POST", url: "/api/v1/analyze", payload: { text: "I am so angry!", engine: "llm" } };
    expect((await burst(t.b.agent, llm, LLM_CALLS_PER_MINUTE)).every((s) => s === 200)).toBe(true);
    expect((await t.as(t.b.agent, llm)).statusCode).toBe(429);
    const offline = await t.as(t.b.agent, { method: "POST", url: "/api/v1/analyze", payload: { text: "I am so angry!" } });
    expect(offline.statusCode).toBe(200);
  });
});
