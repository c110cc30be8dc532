import type { z } from "zod";
import type {
  AcknowledgementCheck,
  AiAgentMetrics,
  AiAgentSettings,
  AiCapabilities,
  Analysis,
  CreateFollowUpInput,
  FollowUp,
  Guidance,
  HandoffSummary,
  Message,
  TemperatureHistory,
  Translation,
  UpdateAiAgentInput,
  UpdateFollowUpInput,
} from "../../shared/schemas";
import { request } from "./client";

export type Capabilities = z.infer<typeof AiCapabilities>;
export type TemperaturePoint = z.infer<typeof TemperatureHistory>["items"][number];
export type AckCheck = z.infer<typeof AcknowledgementCheck>;
export type AgentMetrics = z.infer<typeof AiAgentMetrics>;
export type TranslationResult = z.infer<typeof Translation>;
export type MessageTranslation = NonNullable<Message["translation"]>;
export type FollowUpPatch = z.input<typeof UpdateFollowUpInput>;

const enc = encodeURIComponent;

/** The workspace's calls for the empathy and language engine (issue 5): analysis, guidance, hand-offs, follow-ups, translation. */
export const languageApi = {
  capabilities: () => request<Capabilities>("GET", "/ai/capabilities"),
  analyze: (text: string, language?: string) => request<Analysis>("POST", "/analyze", { text, ...(language ? { language } : {}) }),
  temperature: (conversationId: string) =>
    request<{ items: TemperaturePoint[] }>("GET", `/conversations/${enc(conversationId)}/temperature`),
  guidance: (conversationId: string, draft = false) =>
    request<Guidance>("GET", `/conversations/${enc(conversationId)}/guidance${draft ? "?draft=true" : ""}`),
  acknowledgementCheck: (conversationId: string, text: string) =>
    request<AckCheck>("POST", `/conversations/${enc(conversationId)}/acknowledgement-check`, { text }),
  summaries: (conversationId: string) => request<{ items: HandoffSummary[] }>("GET", `/conversations/${enc(conversationId)}/summaries`),
  summarize: (conversationId: string) => request<HandoffSummary>("POST", `/conversations/${enc(conversationId)}/summaries`, {}),
  followUps: (conversationId: string) => request<{ items: FollowUp[] }>("GET", `/conversations/${enc(conversationId)}/follow-ups`),
  createFollowUp: (conversationId: string, b: z.input<typeof CreateFollowUpInput>) =>
    request<FollowUp>("POST", `/conversations/${enc(conversationId)}/follow-ups`, b),
  updateFollowUp: (id: string, b: FollowUpPatch) => request<FollowUp>("PATCH", `/follow-ups/${enc(id)}`, b),
  translateMessage: (messageId: string, target: string) => request<Message>("POST", `/messages/${enc(messageId)}/translate`, { target }),
  translate: (text: string, target: string, source?: string) =>
    request<TranslationResult>("POST", "/translate", { text, target, ...(source ? { source } : {}) }),
  /**
   * A reply sent in the customer's language, with the agent's original as its `translation`. Never re-sent
   * without it: a reply whose original is lost can't be checked against what the agent meant.
   */
  postTranslatedReply: (conversationId: string, text: string, translation: MessageTranslation, cc?: string[]) =>
    request<Message>("POST", `/conversations/${enc(conversationId)}/messages`, { kind: "reply", text, translation, ...(cc ? { cc } : {}) }),
  aiAgent: (inboxId: string) => request<AiAgentSettings>("GET", `/inboxes/${enc(inboxId)}/ai-agent`),
  updateAiAgent: (inboxId: string, b: z.input<typeof UpdateAiAgentInput>) =>
    request<AiAgentSettings>("PATCH", `/inboxes/${enc(inboxId)}/ai-agent`, b),
  aiAgentMetrics: (inboxId: string) => request<AgentMetrics>("GET", `/inboxes/${enc(inboxId)}/ai-agent/metrics`),
};
