import type { Config } from "../../config";
import { OpenAiCompatibleProvider } from "./openai-compatible";
import type { LlmProvider } from "./types";

export { OpenAiCompatibleProvider } from "./openai-compatible";
export { type ChatMessage, type ChatOptions, LlmError, type LlmProvider } from "./types";

/** The configured LLM provider, or null when none is set (the offline engine does the work). */
export function llmFromConfig(config: Config): LlmProvider | null {
  if (!config.llm) return null;
  return new OpenAiCompatibleProvider(config.llm);
}
