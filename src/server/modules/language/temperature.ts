import type { Analysis, EmotionLabel } from "../../../shared/schemas";

/** How much each emotion heats a conversation: anger most, gratitude cools it. */
const HEAT: Record<EmotionLabel, number> = { anger: 1, frustration: 0.85, fear: 0.75, sadness: 0.6, neutral: 0.12, joy: 0 };

/** One message's temperature, 0…100: the emotion's heat scaled by its intensity, plus asking for a person or urgency. */
export function messageTemperature(a: Pick<Analysis, "emotion" | "wantsHuman" | "urgency">): number {
  const heat = HEAT[a.emotion.label] ?? 0.12;
  const intensity = Math.min(1, Math.max(0, a.emotion.intensity || 0));
  let t = heat * (0.45 + 0.55 * intensity) * 100;
  if (a.wantsHuman) t += 10;
  if (a.urgency === "high") t += 8;
  return Math.round(Math.min(100, Math.max(0, t)));
}

/** Newest message weighs most: a customer who calms down cools the conversation quickly. */
const WEIGHTS = [0.6, 0.25, 0.15];

/** A conversation's temperature from its latest analysed customer messages, newest first. */
export function conversationTemperature(newestFirst: number[]): number | null {
  const used = newestFirst.slice(0, WEIGHTS.length);
  if (used.length === 0) return null;
  const w = WEIGHTS.slice(0, used.length);
  const total = w.reduce((s, x) => s + x, 0);
  return Math.round(used.reduce((s, t, i) => s + t * w[i], 0) / total);
}
