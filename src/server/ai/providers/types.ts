/** One message of an OpenAI-style chat: the system prompt, the user's text, the model's earlier answers. */
export type ChatMessage = { role: "system" | "user" | "assistant"; content: string };

export type ChatOptions = {
  temperature?: number;
  maxTokens?: number;
  /** Ask for a JSON object answer (response_format json_object). */
  json?: boolean;
  signal?: AbortSignal;
};

/**
 * A language model behind an OpenAI-compatible chat-completions endpoint. Calls throw LlmError on HTTP
 * errors, timeouts, refusals and malformed answers; callers fall back to the offline engine and say so.
 */
export interface LlmProvider {
  readonly model: string;
  chat(messages: ChatMessage[], opts?: ChatOptions): Promise<string>;
  /** The answer as it is generated (server-sent events, `stream: true`). */
  stream(messages: ChatMessage[], opts?: ChatOptions): AsyncIterable<string>;
}

export class LlmError extends Error {
  constructor(
    message: string,
    /** HTTP status, "timeout", "network" or "malformed". */
    readonly kind: number | "timeout" | "network" | "malformed",
  ) {
    super(message);
  }
}
