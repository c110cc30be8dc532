import type { Analysis, EmotionLabel } from "../../../shared/schemas";
import { UPSET_TEMPERATURE } from "../../../shared/schemas";

/** How each emotion reads to an agent; "joy" covers gratitude too. */
export const EMOTION_WORD: Record<EmotionLabel, string> = {
  anger: "Angry",
  frustration: "Frustrated",
  fear: "Worried",
  sadness: "Sad",
  joy: "Glad",
  neutral: "Calm",
};

export function intensityWord(i: number): string {
  if (i >= 0.67) return "strong";
  if (i >= 0.34) return "moderate";
  return "mild";
}

/** "da" → "Danish"; unknown or odd codes come back as they are. */
export function languageName(code: string | null | undefined, inLocale = "en"): string {
  if (!code) return "unknown language";
  try {
    return new Intl.DisplayNames([inLocale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The agent's own language, for "show this in my language". */
export function agentLanguage(): string {
  return (navigator.language || "en").slice(0, 2).toLowerCase();
}

/** The words for a 0…100 temperature; the bands match the server's upset threshold. */
export function temperatureWord(t: number): string {
  if (t >= 80) return "furious";
  if (t >= UPSET_TEMPERATURE) return "upset";
  if (t >= 40) return "tense";
  if (t >= 20) return "uneasy";
  return "calm";
}

export function temperatureLevel(t: number): "calm" | "warm" | "hot" {
  if (t >= UPSET_TEMPERATURE) return "hot";
  if (t >= 30) return "warm";
  return "calm";
}

/** The colour along calm (green) → hot (red), as an HSL hue. */
export const temperatureColor = (t: number) => `hsl(${Math.round(130 - (Math.max(0, Math.min(100, t)) * 130) / 100)} 65% 42%)`;

/** One line a screen reader (and the tooltip) reads for an analysis. */
export function describeAnalysis(a: Analysis): string {
  const parts = [`${EMOTION_WORD[a.emotion.label]}${a.emotion.label === "neutral" ? "" : `, ${intensityWord(a.emotion.intensity)}`}`];
  if (a.wantsHuman) parts.push("wants a person");
  if (a.urgency === "high") parts.push("urgent");
  if (a.language) parts.push(`written in ${languageName(a.language)}`);
  return parts.join("; ");
}

export const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Only http(s) links become anchors: a citation's URL is data from the server, never a script. */
export function safeUrl(url: string): string | undefined {
  try {
    const u = new URL(url, location.origin);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : undefined;
  } catch {
    return undefined;
  }
}
