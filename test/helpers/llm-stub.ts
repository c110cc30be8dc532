import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for an LLM API that speaks OpenAI's published chat-completions contract
 * (POST /v1/chat/completions; JSON answer, or server-sent events ending with `data: [DONE]` when
 * `stream: true`; errors as `{error:{message,type,code}}`). The only stand-in tests may use.
 */
export type StubReply =
  /** The assistant's content, answered as JSON or streamed in small chunks when the request asks to stream. */
  | string
  /** An OpenAI error object with this HTTP status (401, 429, 500...); `retryAfter` sets the header in seconds. */
  | { status: number; error: { message: string; type: string; code?: string }; retryAfter?: number }
  /** Never answer (to test timeouts); the socket is destroyed on close(). */
  | { hang: true }
  /** These content deltas as server-sent events, then `data: [DONE]`. */
  | { stream: string[] }
  /** This body as-is with status 200 (malformed answers). */
  | { raw: string }
  /** A full chat-completion with this finish_reason (e.g. "content_filter"). */
  | { content: string; finishReason: string };

export type StubRequest = { body: any; headers: Record<string, string | string[] | undefined> };
export type StubHandler = (req: StubRequest) => StubReply | Promise<StubReply>;

export type LlmStub = {
  /** Base URL ending in /v1, as an operator would set RAPPORT_LLM_URL. */
  url: string;
  /** Every parsed request body, in order. */
  requests: any[];
  /** Every request with its headers, in order. */
  calls: StubRequest[];
  close(): Promise<void>;
};

const DEFAULT_HANDLER: StubHandler = () => "Hello from the stub model.";

export async function startLlmStub(handler: StubHandler = DEFAULT_HANDLER): Promise<LlmStub> {
  const requests: any[] = [];
  const calls: StubRequest[] = [];
  const sockets = new Set<import("node:net").Socket>();
  let seq = 0;

  const server = createServer(async (req, res) => {
    try {
      await handle(req, res);
    } catch (err) {
      if (!res.headersSent) sendError(res, 500, { message: String(err), type: "server_error" });
      else res.end();
    }
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "").split("?")[0];
    if (req.method === "GET" && path === "/v1/models") {
      json(res, 200, { object: "list", data: [{ id: "stub-model", object: "model", owned_by: "stub" }] });
      return;
    }
    if (req.method !== "POST" || path !== "/v1/chat/completions") {
      sendError(res, 404, { message: `Unknown route ${req.method} ${path}`, type: "invalid_request_error" });
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: any;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      sendError(res, 400, { message: "We could not parse the JSON body of your request.", type: "invalid_request_error" });
      return;
    }
    if (!body || !Array.isArray(body.messages) || typeof body.model !== "string") {
      sendError(res, 400, { message: "'messages' and 'model' are required.", type: "invalid_request_error" });
      return;
    }
    const call: StubRequest = { body, headers: req.headers };
    requests.push(body);
    calls.push(call);
    const reply = await handler(call);
    const id = `chatcmpl-stub${++seq}`;
    const created = Math.floor(Date.now() / 1000);
    const model = body.model;

    if (typeof reply === "object" && "hang" in reply) return; // never answer
    if (typeof reply === "object" && "raw" in reply) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(reply.raw);
      return;
    }
    if (typeof reply === "object" && "status" in reply) {
      const headers: Record<string, string> = {};
      if (reply.retryAfter !== undefined) headers["retry-after"] = String(reply.retryAfter);
      sendError(res, reply.status, reply.error, headers);
      return;
    }
    const finishReason = typeof reply === "object" && "finishReason" in reply ? reply.finishReason : "stop";
    const content = typeof reply === "string" ? reply : "content" in reply ? reply.content : reply.stream.join("");
    const deltas = typeof reply === "object" && "stream" in reply ? reply.stream : splitIntoChunks(content);

    if (body.stream === true) {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
      const base = { id, object: "chat.completion.chunk", created, model };
      res.write(
        `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] })}\n\n`,
      );
      for (const d of deltas) {
        res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { content: d }, finish_reason: null }] })}\n\n`);
      }
      res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: finishReason }] })}\n\n`);
      res.end("data: [DONE]\n\n");
      return;
    }
    json(res, 200, {
      id,
      object: "chat.completion",
      created,
      model,
      choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: finishReason }],
      usage: { prompt_tokens: 10, completion_tokens: Math.ceil(content.length / 4), total_tokens: 10 + Math.ceil(content.length / 4) },
    });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function splitIntoChunks(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += 8) out.push(text.slice(i, i + 8));
  return out.length ? out : [""];
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function sendError(
  res: ServerResponse,
  status: number,
  error: { message: string; type: string; code?: string },
  headers: Record<string, string> = {},
): void {
  json(res, status, { error: { message: error.message, type: error.type, param: null, code: error.code ?? null } }, headers);
}
