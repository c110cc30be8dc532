import { type ChatMessage, type ChatOptions, LlmError, type LlmProvider } from "./types";

export type OpenAiCompatibleOptions = {
  /** Base URL ending before /chat/completions, e.g. https://api.openai.com/v1 or http://localhost:11434/v1. */
  url: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
  /** Longest wait honoured from a 429/503 retry-after header before the single retry. */
  maxRetryWaitMs?: number;
};

type CompletionBody = {
  model: string;
  messages: ChatMessage[];
  temperature: number;
  max_tokens: number;
  stream: boolean;
  response_format?: { type: "json_object" };
};

/**
 * An LLM behind OpenAI's chat-completions contract (OpenAI, Ollama, vLLM, llama.cpp server). The operator sets
 * the endpoint, so loopback addresses are allowed; every failure becomes an LlmError so callers can fall back.
 */
export class OpenAiCompatibleProvider implements LlmProvider {
  readonly model: string;
  private readonly endpoint: string;

  constructor(private readonly opts: OpenAiCompatibleOptions) {
    this.model = opts.model;
    this.endpoint = `${opts.url.replace(/\/+$/, "")}/chat/completions`;
  }

  async chat(messages: ChatMessage[], opts: ChatOptions = {}): Promise<string> {
    return this.withDeadline(opts.signal, async (signal) => {
      const res = await this.post(this.body(messages, opts, false), signal);
      const text = await readText(res, signal);
      let json: any;
      try {
        json = JSON.parse(text);
      } catch {
        throw new LlmError("The LLM answered with something that is not JSON.", "malformed");
      }
      const choice = json?.choices?.[0];
      if (choice?.finish_reason === "content_filter") {
        throw new LlmError("The LLM's content filter stopped the answer.", "malformed");
      }
      const content = choice?.message?.content;
      if (typeof content !== "string") throw new LlmError("The LLM's answer has no choices[0].message.content.", "malformed");
      return content;
    });
  }

  async *stream(messages: ChatMessage[], opts: ChatOptions = {}): AsyncIterable<string> {
    const { signal, done } = this.deadline(opts.signal);
    try {
      const res = await this.post(this.body(messages, opts, true), signal);
      if (!res.body) throw new LlmError("The LLM sent no stream.", "malformed");
      const decoder = new TextDecoder();
      let buffer = "";
      let finished = false;
      const reader = res.body.getReader();
      try {
        while (!finished) {
          const { value, done: eof } = await readChunk(reader, signal);
          if (eof) break;
          buffer += decoder.decode(value, { stream: true });
          let nl = buffer.indexOf("\n");
          while (nl >= 0) {
            const line = buffer.slice(0, nl).replace(/\r$/, "");
            buffer = buffer.slice(nl + 1);
            nl = buffer.indexOf("\n");
            if (!line.startsWith("data:")) continue; // blank separators, comments, event: lines
            const data = line.slice(5).trim();
            if (data === "[DONE]") {
              finished = true;
              break;
            }
            let json: any;
            try {
              json = JSON.parse(data);
            } catch {
              throw new LlmError("The LLM's stream has a line that is not JSON.", "malformed");
            }
            if (json?.error) throw new LlmError(String(json.error.message ?? "LLM stream error"), "malformed");
            const choice = json?.choices?.[0];
            if (!choice) throw new LlmError("The LLM's stream chunk has no choices.", "malformed");
            if (choice.finish_reason === "content_filter") {
              throw new LlmError("The LLM's content filter stopped the answer.", "malformed");
            }
            const delta = choice.delta?.content;
            if (typeof delta === "string" && delta.length > 0) yield delta;
          }
        }
      } finally {
        reader.cancel().catch(() => {});
      }
      if (!finished) throw new LlmError("The LLM's stream ended without [DONE].", "malformed");
    } catch (err) {
      throw toLlmError(err, signal);
    } finally {
      done();
    }
  }

  private body(messages: ChatMessage[], opts: ChatOptions, stream: boolean): CompletionBody {
    return {
      model: this.model,
      messages,
      temperature: opts.temperature ?? 0.2,
      max_tokens: opts.maxTokens ?? 600,
      stream,
      ...(opts.json ? { response_format: { type: "json_object" as const } } : {}),
    };
  }

  /** POST once, and once more after a bounded retry-after when the server says 429 or 503. */
  private async post(body: CompletionBody, signal: AbortSignal): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(this.endpoint, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: body.stream ? "text/event-stream" : "application/json",
            ...(this.opts.apiKey ? { authorization: `Bearer ${this.opts.apiKey}` } : {}),
          },
          body: JSON.stringify(body),
          signal,
        });
      } catch (err) {
        throw toLlmError(err, signal);
      }
      if (res.ok) return res;
      const text = await readText(res, signal).catch(() => "");
      if ((res.status === 429 || res.status === 503) && attempt === 0) {
        await sleep(retryAfterMs(res.headers.get("retry-after"), this.opts.maxRetryWaitMs ?? 2000), signal);
        continue;
      }
      throw new LlmError(errorMessage(res.status, text), res.status);
    }
  }

  private deadline(outer?: AbortSignal): { signal: AbortSignal; done: () => void } {
    const ctrl = new AbortController();
    const timer = setTimeout(
      () => ctrl.abort(new LlmError(`The LLM did not answer within ${this.opts.timeoutMs} ms.`, "timeout")),
      this.opts.timeoutMs,
    );
    const onOuter = () => ctrl.abort(outer?.reason);
    outer?.addEventListener("abort", onOuter, { once: true });
    return {
      signal: ctrl.signal,
      done: () => {
        clearTimeout(timer);
        outer?.removeEventListener("abort", onOuter);
      },
    };
  }

  private async withDeadline<T>(outer: AbortSignal | undefined, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const { signal, done } = this.deadline(outer);
    try {
      return await fn(signal);
    } catch (err) {
      throw toLlmError(err, signal);
    } finally {
      done();
    }
  }
}

async function readText(res: Response, signal: AbortSignal): Promise<string> {
  // res.text() does not always reject on abort once headers arrived, so race it against the signal.
  return raceAbort(res.text(), signal);
}

function readChunk(reader: ReadableStreamDefaultReader<Uint8Array>, signal: AbortSignal) {
  return raceAbort(reader.read(), signal);
}

function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return raceAbort(new Promise<void>((r) => setTimeout(r, ms)), signal);
}

/** retry-after in seconds or as an HTTP date, bounded so a request never waits long. */
export function retryAfterMs(header: string | null, maxMs: number): number {
  if (!header) return Math.min(500, maxMs);
  const secs = Number(header);
  const ms = Number.isFinite(secs) ? secs * 1000 : Date.parse(header) - Date.now();
  if (!Number.isFinite(ms) || ms < 0) return Math.min(500, maxMs);
  return Math.min(ms, maxMs);
}

function errorMessage(status: number, body: string): string {
  try {
    const json = JSON.parse(body);
    const e = json?.error;
    if (e && typeof e.message === "string") return `LLM error ${status}${e.type ? ` (${e.type})` : ""}: ${e.message.slice(0, 300)}`;
  } catch {
    // not JSON: fall through to the generic message
  }
  return `LLM error ${status}`;
}

function toLlmError(err: unknown, signal: AbortSignal): LlmError {
  if (err instanceof LlmError) return err;
  if (signal.aborted) {
    const reason = signal.reason;
    if (reason instanceof LlmError) return reason;
    return new LlmError("The LLM request was cancelled.", "timeout");
  }
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "AbortError" || e?.name === "TimeoutError") return new LlmError("The LLM request timed out.", "timeout");
  const code = e?.cause?.code ? ` (${e.cause.code})` : "";
  return new LlmError(`Could not reach the LLM${code}: ${e?.cause?.message ?? e?.message ?? String(err)}`, "network");
}
