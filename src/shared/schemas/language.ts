import { z } from "zod";
import { Id, IsoDate, UserRef } from "./common";
import { Locale } from "./knowledge";

/** The six emotions Rapport reads in a customer's message; "joy" covers joy and gratitude. */
export const EmotionLabel = z.enum(["anger", "frustration", "fear", "sadness", "joy", "neutral"]);
export type EmotionLabel = z.infer<typeof EmotionLabel>;
export const Urgency = z.enum(["low", "normal", "high"]);
export type Urgency = z.infer<typeof Urgency>;
/** Which engine produced a result: the models shipped with Rapport, or the configured LLM provider. */
export const Engine = z.enum(["offline", "llm"]);
export type Engine = z.infer<typeof Engine>;

export const Analysis = z
  .object({
    language: z.string().nullable(),
    languageConfidence: z.number(),
    emotion: z.object({
      label: EmotionLabel,
      /** 0 (none) … 1 (very strong). */
      intensity: z.number(),
      scores: z.record(EmotionLabel, z.number()),
    }),
    wantsHuman: z.boolean(),
    urgency: Urgency,
    /** "agnostic": no language model for this language, so only punctuation, capitals and emoji were read. */
    coverage: z.enum(["full", "agnostic"]),
    engine: Engine,
  })
  .meta({ id: "Analysis" });
export type Analysis = z.infer<typeof Analysis>;

export const AnalyzeInput = z.strictObject({
  text: z.string().max(1_000_000, "must be at most 1,000,000 characters"),
  /** Skip language identification when the caller knows the language. */
  language: Locale.optional(),
  /** "llm": also ask the configured language model (falls back to offline, and says so, when there is none or it fails). */
  engine: Engine.default("offline"),
});

/** How upset a conversation's customer is, 0 (calm or glad) … 100 (furious), from its latest messages. */
export const Temperature = z.number().int().min(0).max(100);
/** From this temperature on a conversation is in the "upset customers" view. */
export const UPSET_TEMPERATURE = 60;

export const TemperaturePoint = z.object({ messageId: Id, at: IsoDate, temperature: Temperature, emotion: EmotionLabel });
export const TemperatureHistory = z.object({ items: z.array(TemperaturePoint) });

// ——— Knowledge-grounded answers ———

export const AnswerInput = z.strictObject({
  question: z.string().trim().min(1, "must not be empty").max(10_000),
  locale: Locale.optional(),
  conversationId: Id.optional(),
});

export const Citation = z
  .object({
    articleId: Id,
    slug: z.string(),
    title: z.string(),
    locale: z.string(),
    score: z.number(),
    url: z.string(),
    /** The passage of the article that answers the question (plain text). */
    passage: z.string(),
  })
  .meta({ id: "Citation" });
export type Citation = z.infer<typeof Citation>;

export const HandoffReason = z.enum(["asked_for_human", "emotion", "low_confidence", "unhelpful_answers", "no_article", "unsafe_input"]);
export type HandoffReason = z.infer<typeof HandoffReason>;

export const Answer = z
  .object({
    answer: z.string(),
    citations: z.array(Citation),
    confidence: z.number(),
    handoff: z.boolean(),
    handoffReason: HandoffReason.optional(),
    language: z.string(),
    engine: Engine,
  })
  .meta({ id: "Answer" });
export type Answer = z.infer<typeof Answer>;

// ——— Guidance: acknowledge first (B) and HELP ———

export const Guidance = z
  .object({
    /** The customer's latest message and what was read in it; null when the customer hasn't written. */
    messageId: Id.nullable(),
    analysis: Analysis.nullable(),
    language: z.string(),
    /** Openings that acknowledge the customer's feeling, in the customer's language, filled with what they said. */
    acknowledgements: z.array(z.string()),
    /** Hear: the problem restated in one sentence, in the customer's language. */
    restatement: z.string().nullable(),
    /** Empathize: an apology fitted to the situation. */
    apology: z.string().nullable(),
    /** Lead: "what can I do to solve this for you?" in the customer's language. */
    leadQuestion: z.string(),
    /** Email replies: an opening paragraph that restates the question. */
    emailOpening: z.string().nullable(),
    /** Whether the reply being written should start by acknowledging feelings (the customer is upset). */
    acknowledgeFirst: z.boolean(),
    articles: z.array(Citation),
    /** A drafted reply (LLM configured): cites its sources, follows HELP. */
    draft: z.object({ text: z.string(), citations: z.array(Citation) }).nullable(),
    engine: Engine,
    translationAvailable: z.boolean(),
  })
  .meta({ id: "Guidance" });
export type Guidance = z.infer<typeof Guidance>;

export const GuidanceQuery = z.strictObject({ draft: z.enum(["true", "false"]).optional() });

/** Does a reply's opening acknowledge the customer's feelings? The composer asks before sending. */
export const AcknowledgementCheckInput = z.strictObject({ text: z.string().max(100_000) });
export const AcknowledgementCheck = z.object({ acknowledges: z.boolean(), nudge: z.boolean(), suggestion: z.string().nullable() });

// ——— Hand-off summaries ———

export const HandoffSummary = z
  .object({
    id: Id,
    conversationId: Id,
    reason: z.enum(["reassigned", "escalated", "ai_handoff", "requested"]),
    wants: z.string(),
    tried: z.array(z.string()),
    promises: z.array(z.string()),
    facts: z.object({ orderNumbers: z.array(z.string()), dates: z.array(z.string()), amounts: z.array(z.string()) }),
    mood: z.object({ emotion: EmotionLabel, temperature: Temperature, trend: z.enum(["calmer", "steady", "hotter"]) }),
    language: z.string().nullable(),
    engine: Engine,
    pinned: z.boolean(),
    createdAt: IsoDate,
  })
  .meta({ id: "HandoffSummary" });
export type HandoffSummary = z.infer<typeof HandoffSummary>;

// ——— Follow-up tasks (Provide responsible follow-up) ———

export const FollowUpStatus = z.enum(["open", "done", "cancelled"]);
export const FollowUp = z
  .object({
    id: Id,
    conversationId: Id,
    title: z.string(),
    dueAt: IsoDate,
    status: FollowUpStatus,
    assignee: UserRef.nullable(),
    /** When done, the customer gets a message saying it's resolved (in their language) unless turned off. */
    notifyCustomer: z.boolean(),
    remindedAt: IsoDate.nullable(),
    doneAt: IsoDate.nullable(),
    createdAt: IsoDate,
  })
  .meta({ id: "FollowUp" });
export type FollowUp = z.infer<typeof FollowUp>;

export const CreateFollowUpInput = z.strictObject({
  title: z.string().trim().min(1, "must not be empty").max(500),
  dueAt: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" }),
  assigneeId: Id.nullable().optional(),
  notifyCustomer: z.boolean().default(true),
});
export const UpdateFollowUpInput = z
  .strictObject({
    status: FollowUpStatus.optional(),
    title: z.string().trim().min(1).max(500).optional(),
    dueAt: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" }).optional(),
    /** The message the customer gets when the task is done; defaults to one in their language. */
    customerMessage: z.string().trim().max(10_000).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "at least one field to change");

// ——— AI answer agent ———

export const AiAgentSettings = z
  .object({
    enabled: z.boolean(),
    /** Below this confidence (0..1) the agent hands over instead of answering. */
    confidenceThreshold: z.number().min(0).max(1),
    /** The name customers see on its answers. */
    name: z.string().trim().min(1).max(80),
  })
  .meta({ id: "AiAgentSettings" });
export type AiAgentSettings = z.infer<typeof AiAgentSettings>;
export const DEFAULT_AI_AGENT: AiAgentSettings = { enabled: false, confidenceThreshold: 0.55, name: "Rapport assistant" };
export const UpdateAiAgentInput = z.strictObject({
  enabled: z.boolean().optional(),
  confidenceThreshold: z.number().min(0).max(1).optional(),
  name: z.string().trim().min(1).max(80).optional(),
});

export const AiAgentMetrics = z
  .object({
    answered: z.number().int(),
    resolved: z.number().int(),
    handedOver: z.number().int(),
    handoverReasons: z.record(z.string(), z.number().int()),
    since: IsoDate,
  })
  .meta({ id: "AiAgentMetrics" });

// ——— Translation ———

export const TranslateInput = z.strictObject({
  text: z.string().trim().min(1, "must not be empty").max(20_000),
  target: Locale,
  source: Locale.optional(),
});
export const Translation = z.object({ text: z.string(), source: z.string().nullable(), target: z.string(), engine: z.literal("llm") });

/** What the language features can do on this server: the UI shows "unavailable" when there is no provider. */
export const AiCapabilities = z
  .object({ llm: z.boolean(), translation: z.boolean(), drafting: z.boolean(), languages: z.array(z.string()) })
  .meta({ id: "AiCapabilities" });
