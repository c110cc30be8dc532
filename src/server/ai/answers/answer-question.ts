import type { Analysis, Answer, HandoffReason } from "../../../shared/schemas";
import type { DbOrTx } from "../../db/client";
import { detectLanguage } from "../../lib/language";
import { analyzeText } from "../engine";
import { LlmError, type LlmProvider } from "../providers/types";
import { composeOfflineAnswer, handoffMessage } from "./compose";
import { llmAnswer, RejectedAnswer } from "./llm-answer";
import { asksForPerson } from "./person";
import { normalizeLanguage, retrieveCitations } from "./retrieve";
import { looksLikeInjection } from "./safety";
import { stripInvisible } from "./text";

export const DEFAULT_THRESHOLD = 0.55;
/** The analyser reads the head of long texts; retrieval needs no more than this either. */
const MAX_QUESTION = 4000;

export type AnswerOptions = {
  db: DbOrTx;
  accountId: string;
  question: string;
  /** The customer's language when known (the request's locale, else the conversation's). */
  locale?: string | null;
  /** Below this confidence the answer is a hand-off. */
  threshold?: number;
  llm?: LlmProvider | null;
  agentName?: string;
  publicBase: string;
  /** The analysis already made of this message (the AI agent has it); computed when absent. */
  analysis?: Analysis | null;
  signal?: AbortSignal;
};

export type AnswerResult = Answer & { analysis: Analysis | null; llmError?: string };

/**
 * Answers a customer's question from the knowledge base, or says honestly that a person will take over:
 * when they ask for one, when they are upset, when no article answers it confidently. Never an answer
 * without a citation. With an LLM the answer is written by it from the cited passages and checked; any
 * failure falls back to the extractive offline answer.
 */
export async function answerQuestion(opts: AnswerOptions): Promise<AnswerResult> {
  // Zero-width and bidi controls are invisible, and used to hide words from filters ("ig\u200bnore").
  const question = stripInvisible(opts.question).slice(0, MAX_QUESTION);
  const hint = normalizeLanguage(opts.locale);
  const analysis = opts.analysis ?? safeAnalyze(question, hint);
  const language = hint ?? normalizeLanguage(analysis?.language) ?? normalizeLanguage(detectLanguage(question));
  const retrieval = await retrieveCitations(opts.db, {
    accountId: opts.accountId,
    question,
    locale: language,
    limit: 3,
    publicBase: opts.publicBase,
  });
  const lang = language ?? retrieval.language;
  // Articles are data too: a passage that reads like instructions to the model is never used or quoted.
  const clean = screenPassages(retrieval);
  const unsafe = looksLikeInjection(question) || clean.tainted;
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const base = { citations: clean.citations, confidence: clean.confidence, language: lang, analysis };

  const reason = handoffReason({ analysis, question, retrieval: clean, threshold, unsafe });
  if (reason) return { ...base, answer: handoffMessage(lang), handoff: true, handoffReason: reason, engine: "offline" };

  let llmError: string | undefined;
  if (opts.llm && !unsafe) {
    try {
      const a = await llmAnswer(opts.llm, {
        question,
        citations: clean.citations,
        language: lang,
        agentName: opts.agentName ?? "the assistant",
        signal: opts.signal,
      });
      return { ...base, answer: a.text, citations: a.citations, handoff: false, engine: "llm" };
    } catch (err) {
      if (!(err instanceof LlmError || err instanceof RejectedAnswer)) throw err;
      llmError = err.message;
    }
  }
  const top = clean.citations[0];
  return { ...base, citations: [top], answer: composeOfflineAnswer(top), handoff: false, engine: "offline", llmError };
}

function handoffReason(o: {
  analysis: Analysis | null;
  question: string;
  retrieval: { citations: unknown[]; confidence: number };
  threshold: number;
  unsafe: boolean;
}): HandoffReason | null {
  if (o.analysis?.wantsHuman || asksForPerson(o.question)) return "asked_for_human";
  const e = o.analysis?.emotion;
  // Intensity counts for negative feelings only: a very glad customer needs no person.
  if (e && (e.label === "anger" || e.label === "fear" || (e.label !== "joy" && e.label !== "neutral" && e.intensity >= 0.7)))
    return "emotion";
  if (!o.retrieval.citations.length) return o.unsafe ? "unsafe_input" : "no_article";
  if (o.retrieval.confidence < o.threshold) return o.unsafe ? "unsafe_input" : "low_confidence";
  return null;
}

/**
 * The citations without passages that look like injected instructions. When the best one is such, the
 * rest are not trusted to answer in its place: no citations, and the caller hands over (unsafe_input).
 */
export function screenPassages<C extends { passage: string; title: string }>(r: {
  citations: C[];
  confidence: number;
}): { citations: C[]; confidence: number; tainted: boolean } {
  const ok = r.citations.filter((c) => !looksLikeInjection(c.passage) && !looksLikeInjection(c.title));
  if (ok.length === r.citations.length) return { ...r, tainted: false };
  if (r.citations[0] && ok[0] !== r.citations[0]) return { citations: [], confidence: 0, tainted: true };
  return { citations: ok, confidence: r.confidence, tainted: false };
}

/** The offline analysis; a failure there (a model file missing) must not stop answering. */
function safeAnalyze(text: string, hint: string | null): Analysis | null {
  try {
    return analyzeText(text, { languageHint: hint }) as Analysis;
  } catch {
    return null;
  }
}
