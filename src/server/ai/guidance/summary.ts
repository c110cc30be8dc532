import type { Analysis, EmotionLabel } from "../../../shared/schemas";
import { findProblem, findQuestion } from "./compose";
import { extractFacts, type Facts } from "./facts";
import { PACKS, packFor } from "./languages";
import { en } from "./languages/en";
import { messageTemperature } from "../../modules/language/temperature";
import { clip, has, sentencesOf, stripGreeting } from "./text";

export type ThreadMessage = {
  kind: "incoming" | "reply" | "note";
  /** customer, a person on the team, or the AI answer agent. */
  from: "customer" | "agent" | "assistant" | "system";
  text: string;
  analysis: Analysis | null;
};

export type SummaryContent = {
  wants: string;
  tried: string[];
  promises: string[];
  facts: Facts;
  mood: { emotion: EmotionLabel; temperature: number; trend: "calmer" | "steady" | "hotter" };
};


export function moodOf(messages: ThreadMessage[], conversationTemperature: number | null): SummaryContent["mood"] {
  const analysed = messages.filter((m) => m.from === "customer" && m.analysis).map((m) => m.analysis as Analysis);
  const last = analysed[analysed.length - 1];
  const temps = analysed.map(messageTemperature);
  let trend: SummaryContent["mood"]["trend"] = "steady";
  if (temps.length >= 2) {
    const before = temps.slice(0, -1);
    const diff = temps[temps.length - 1] - before.reduce((a, b) => a + b, 0) / before.length;
    trend = diff >= 10 ? "hotter" : diff <= -10 ? "calmer" : "steady";
  }
  return {
    emotion: last?.emotion.label ?? "neutral",
    temperature: Math.max(0, Math.min(100, Math.round(conversationTemperature ?? (last ? messageTemperature(last) : 0)))),
    trend,
  };
}

/**
 * The extractive hand-off summary: what the customer wants (their first request, else their problem),
 * what was tried (their "I restarted…" sentences and the team's replies), what the team promised, and the
 * facts, so the next person never makes the customer repeat the story.
 */
export function summarizeThread(input: {
  messages: ThreadMessage[];
  subject: string | null;
  language: string | null;
  temperature: number | null;
}): SummaryContent {
  const { pack } = packFor(input.language);
  // Long mails are read from their start: enough for the story, and the work stays bounded.
  input = { ...input, messages: input.messages.map((m) => ({ ...m, text: m.text.slice(0, 10_000) })) };
  const packs = pack === en ? [en] : [pack, en];
  const customer = input.messages.filter((m) => m.from === "customer" && m.kind === "incoming");
  const team = input.messages.filter((m) => (m.from === "agent" || m.from === "assistant") && m.kind === "reply");

  let wants = "";
  for (const m of customer) {
    const q = findQuestion(m.text, pack);
    if (q) {
      wants = q;
      break;
    }
  }
  if (!wants) {
    const problem = customer.map((m) => findProblem(m.text, pack)).find((p) => p);
    const first = customer.flatMap((m) => sentencesOf(m.text).map((s) => stripGreeting(s, pack))).find((s) => s.length > 3);
    wants = problem?.sentence ?? first ?? input.subject ?? "";
  }
  wants = clip(wants.replace(/\s+/g, " ").trim(), 300);

  const tried: string[] = [];
  for (const m of input.messages) {
    if (m.kind === "note") continue;
    const sentences = sentencesOf(m.text).map((s) => stripGreeting(s, pack));
    if (m.from === "customer") {
      for (const s of sentences) if (packs.some((p) => has(p.tried, s))) tried.push(`Customer: ${clip(s, 200)}`);
    } else if (m.from === "agent" || m.from === "assistant") {
      // The reply's substance: its first sentence that is neither a greeting nor an acknowledgement.
      const body = sentences.find((s) => s.split(/\s+/).length >= 4 && !Object.values(PACKS).some((p) => has(p.ackCues, s)));
      if (body) tried.push(`${m.from === "assistant" ? "AI agent" : "Agent"}: ${clip(body, 200)}`);
    }
  }

  const promises: string[] = [];
  for (const m of team) {
    for (const s of sentencesOf(m.text)) if (packs.some((p) => has(p.promise, s))) promises.push(clip(s.trim(), 200));
  }

  return {
    wants,
    tried: [...new Set(tried)].slice(-6),
    promises: [...new Set(promises)].slice(-5),
    facts: extractFacts([input.subject ?? "", ...input.messages.filter((m) => m.kind !== "note").map((m) => m.text)]),
    mood: moodOf(input.messages, input.temperature),
  };
}
