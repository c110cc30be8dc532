import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { OpenAiCompatibleProvider } from "../../src/server/ai/providers/openai-compatible";
import { llmFromConfig } from "../../src/server/ai/providers";
import { LlmError } from "../../src/server/ai/providers/types";
import { type LlmStub, type StubHandler, startLlmStub } from "../helpers/llm-stub";

let stub: LlmStub | null = null;
afterEach(async () => {
  await stub?.close();
  stub = null;
});

async function provider(handler: StubHandler, opts: { apiKey?: string; timeoutMs?: number } = {}) {
  stub = await startLlmStub(handler);
  return new OpenAiCompatibleProvider({ url: stub.url, model: "stub-model", apiKey: opts.apiKey, timeoutMs: opts.timeoutMs ?? 5000 });
}

async function failure(p: Promise<unknown>): Promise<LlmError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(LlmError);
    return err as LlmError;
  }
  throw new Error("expected an LlmError");
}

async function collect(it: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const d of it) out.push(d);
  return out;
}

describe("OpenAI-compatible provider against a local chat-completions server", () => {
  it("sends the OpenAI request body with the bearer key and returns choices[0].message.content", async () => {
    const llm = await provider(() => "Bonjour !", { apiKey: "sk-test-123" });
    const text = await llm.chat(
      [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
      ],
      { temperature: 0, maxTokens: 50, json: true },
    );
    expect(text).toBe("Bonjour !");
    const call = stub!.calls[0];
    expect(call.headers.authorization).toBe("Bearer sk-test-123");
    expect(call.body).toMatchObject({
      model: "stub-model",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
      ],
      temperature: 0,
      max_tokens: 50,
      stream: false,
      response_format: { type: "json_object" },
    });
  });

  it("sends no Authorization header without a key (Ollama, llama.cpp)", async () => {
    const llm = await provider(() => "ok");
    await llm.chat([{ role: "user", content: "Hi" }]);
    expect(stub!.calls[0].headers.authorization).toBeUndefined();
    expect(stub!.calls[0].body.response_format).toBeUndefined();
  });

  it("streams server-sent event deltas until [DONE]", async () => {
    const llm = await provider(() => ({ stream: ["Hel", "lo ", "wor", "ld"] }));
    const parts = await collect(llm.stream([{ role: "user", content: "Hi" }]));
    expect(parts).toEqual(["Hel", "lo ", "wor", "ld"]);
    expect(stub!.requests[0].stream).toBe(true);
  });

  it("turns 401 into LlmError(401) with OpenAI's message", async () => {
    const llm = await provider(() => ({
      status: 401,
      error: { message: "Incorrect API key provided", type: "invalid_request_error", code: "invalid_api_key" },
    }));
    const err = await failure(llm.chat([{ role: "user", content: "Hi" }]));
    expect(err.kind).toBe(401);
    expect(err.message).toContain("Incorrect API key");
    expect(stub!.requests).toHaveLength(1); // 401 is not retried
  });

  it("retries a 429 once after retry-after, then succeeds", async () => {
    let n = 0;
    const llm = await provider(() =>
      ++n === 1
        ? { status: 429, retryAfter: 1, error: { message: "Rate limit reached", type: "requests", code: "rate_limit_exceeded" } }
        : "after retry",
    );
    const t0 = Date.now();
    expect(await llm.chat([{ role: "user", content: "Hi" }])).toBe("after retry");
    expect(stub!.requests).toHaveLength(2);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
  });

  it("gives up after one retry of a persistent 429, and bounds a long retry-after to 2 s", async () => {
    const llm = await provider(() => ({ status: 429, retryAfter: 3600, error: { message: "Rate limit reached", type: "requests" } }));
    const t0 = Date.now();
    const err = await failure(llm.chat([{ role: "user", content: "Hi" }]));
    expect(err.kind).toBe(429);
    expect(stub!.requests).toHaveLength(2);
    expect(Date.now() - t0).toBeLessThan(3500);
  });

  it("turns 500 into LlmError(500) without retrying", async () => {
    const llm = await provider(() => ({ status: 500, error: { message: "The server had an error", type: "server_error" } }));
    const err = await failure(llm.chat([{ role: "user", content: "Hi" }]));
    expect(err.kind).toBe(500);
    expect(stub!.requests).toHaveLength(1);
  });

  it("times out a server that never answers", async () => {
    const llm = await provider(() => ({ hang: true }), { timeoutMs: 300 });
    const t0 = Date.now();
    const err = await failure(llm.chat([{ role: "user", content: "Hi" }]));
    expect(err.kind).toBe("timeout");
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it("times out a stream that never answers", async () => {
    const llm = await provider(() => ({ hang: true }), { timeoutMs: 300 });
    const err = await failure(collect(llm.stream([{ role: "user", content: "Hi" }])));
    expect(err.kind).toBe("timeout");
  });

  it("calls non-JSON bodies, missing choices and content-filter stops malformed", async () => {
    for (const reply of [
      { raw: "<html>Bad gateway</html>" },
      { raw: JSON.stringify({ id: "x", choices: [] }) },
      { content: "", finishReason: "content_filter" },
    ] as const) {
      const llm = await provider(() => reply);
      const err = await failure(llm.chat([{ role: "user", content: "Hi" }]));
      expect(err.kind, JSON.stringify(reply)).toBe("malformed");
      await stub!.close();
      stub = null;
    }
  });

  it("calls a stream without [DONE] or with a broken line malformed", async () => {
    const llm = await provider(() => ({ raw: 'data: {"choices":[{"delta":{"content":"x"}}]}\n\ndata: {oops\n\n' }));
    const err = await failure(collect(llm.stream([{ role: "user", content: "Hi" }])));
    expect(err.kind).toBe("malformed");
  });

  it("reports a refused connection as a network error", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const llm = new OpenAiCompatibleProvider({ url: `http://127.0.0.1:${port}/v1`, model: "m", timeoutMs: 2000 });
    const err = await failure(llm.chat([{ role: "user", content: "Hi" }]));
    expect(err.kind).toBe("network");
  });

  it("llmFromConfig returns null without configuration and a provider with it", () => {
    const base = { llm: null } as unknown as Parameters<typeof llmFromConfig>[0];
    expect(llmFromConfig(base)).toBeNull();
    const p = llmFromConfig({ ...base, llm: { url: "http://localhost:11434/v1/", model: "llama3.2", timeoutMs: 1000 } });
    expect(p?.model).toBe("llama3.2");
  });
});
