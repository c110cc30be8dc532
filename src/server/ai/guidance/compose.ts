import type { Analysis } from "../../../shared/schemas";
import { UPSET_TEMPERATURE } from "../../../shared/schemas";
import { PACKS, packFor } from "./languages";
import { capitalize, clip, has, sentencesOf, shiftPerson, stripGreeting, tidy } from "./text";
import type { AckEmotion, LanguagePack } from "./types";

export type GuidanceText = {
  /** The language the texts are written in: the customer's, or "en" when Rapport has no phrases for theirs. */
  language: string;
  acknowledgements: string[];
  restatement: string | null;
  apology: string | null;
  leadQuestion: string;
  emailOpening: string | null;
  acknowledgeFirst: boolean;
};

const NEGATIVE = new Set(["anger", "frustration", "fear", "sadness"]);
/** Below this intensity an emotion is a shade, not something to acknowledge first. */
export const ACK_INTENSITY = 0.3;

export function shouldAcknowledgeFirst(analysis: Analysis | null, temperature: number | null): boolean {
  const e = analysis?.emotion;
  return (!!e && NEGATIVE.has(e.label) && e.intensity >= ACK_INTENSITY) || (temperature ?? 0) >= UPSET_TEMPERATURE;
}

/** A clause of the customer's that can be said back to them: short, a statement, shifted to "you". */
function usable(raw: string, pack: LanguagePack, maxWords: number): string | null {
  let s = stripGreeting(tidy(raw), pack);
  for (const [re, to] of pack.rewrite ?? []) s = s.replace(re, to);
  for (let i = 0; i < 3; i++) s = s.replace(pack.leadingConjunction, "").trim();
  if (!s || pack.subordinate?.test(s)) return null;
  const n = s.split(/\s+/).length;
  if (n < 3 || n > maxWords) return null;
  if (/https?:|www\.|@|[<>{}[\]|\\=*_]/u.test(s)) return null;
  const letters = s.match(/\p{L}/gu)?.length ?? 0;
  const upper = s.match(/\p{Lu}/gu)?.length ?? 0;
  if (letters < 8) return null;
  if (upper / letters > 0.6) {
    // Shouting: German capitalises nouns, so a lower-cased clause would be wrong there.
    if (pack.code === "de") return null;
    s = s.toLocaleLowerCase(pack.code);
  }
  const shifted = shiftPerson(s, pack);
  if (!shifted || has(pack.firstPerson, shifted)) return null;
  return shifted;
}

/** Lower-cases the clause's first letter for the middle of a sentence, unless it starts with a name-like word. */
function inline(clause: string, pack: LanguagePack): string {
  const first = clause.split(/\s+/)[0];
  if (/^(?:I|Pana\/Pani|Panu\/Pani|Państwa|Ihr\p{L}*|Sie)$/u.test(first)) return clause;
  if (pack.code === "de" && !/^(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|es|er|sie|man|nichts|kein\p{L}*|seit|immer|schon|noch|jetzt|heute|gestern)$/iu.test(first)) return clause;
  if (first.length > 1 && first === first.toLocaleUpperCase()) return clause;
  return first[0].toLocaleLowerCase() + clause.slice(1);
}

type Problem = { sentence: string; clause: string | null; full: string | null };

/** The first sentence that says what went wrong, with the clause that says it (usable or not). */
export function findProblem(text: string, pack: LanguagePack): Problem | null {
  let first: Problem | null = null;
  for (const raw of sentencesOf(text)) {
    const sentence = stripGreeting(raw, pack);
    if (!has(pack.problem, sentence)) continue;
    const question = /\?\s*$/.test(raw);
    const parts = sentence.split(pack.clauseSplit).filter((p) => p?.trim());
    const candidates = parts.filter((p) => has(pack.problem, p));
    const clause = question ? null : (candidates.map((p) => usable(p, pack, 16)).find((c) => c) ?? null);
    const full = question ? null : usable(sentence, pack, 24);
    const p = { sentence, clause, full };
    if (clause) return p;
    first ??= p;
  }
  return first;
}

export function findDuration(text: string, pack: LanguagePack): { text: string; prefix: string | null } | null {
  const m = pack.duration.exec(text);
  return m?.groups ? { text: m.groups.d.replace(/\s+/g, " "), prefix: m.groups.prefix ?? null } : null;
}

export function findTopic(text: string, pack: LanguagePack): string | null {
  return pack.topics.find(([re]) => has(re, text))?.[1] ?? null;
}

/** The customer's question (or request), as they wrote it. */
export function findQuestion(text: string, pack: LanguagePack): string | null {
  const sentences = sentencesOf(text).map((s) => stripGreeting(s, pack));
  const q = sentences.find((s) => /\?\s*$/.test(s)) ?? sentences.find((s) => has(pack.request, s));
  return q ? clip(q.replace(/\s+/g, " ").trim(), 220) : null;
}

const MAX_TEXT = 20_000;
/** Control characters never reach a suggestion. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, "");
const quote = (pack: LanguagePack, s: string) => `${pack.quote[0]}${s}${pack.quote[1]}`;
const end = (s: string) => (/[.!?…]$/.test(s) ? s : `${s}.`);

/**
 * Acknowledge first (B) and HELP, offline: openings fitted to the emotion and filled with the customer's
 * own words where they can be said back without breaking the grammar, else the topic, else a natural
 * generic sentence.
 */
export function composeGuidance(input: {
  /** The customer's latest message. */
  text: string;
  /** Their earlier messages (newest last), for topic and duration when the latest says little. */
  earlier?: string[];
  analysis: Analysis | null;
  temperature: number | null;
  channel: string;
  language: string | null;
}): GuidanceText {
  const { pack, fallback } = packFor(input.language);
  // Guidance is about what the customer just said: its first pages are plenty, and keep the work bounded.
  input = { ...input, text: clean(input.text).slice(0, MAX_TEXT), earlier: (input.earlier ?? []).map((t) => clean(t).slice(0, MAX_TEXT / 4)) };
  const acknowledgeFirst = shouldAcknowledgeFirst(input.analysis, input.temperature);
  const all = [...(input.earlier ?? []), input.text].join("\n");
  // Without phrases for the customer's language, their words can't be reused: only generic English.
  const problem = fallback ? null : (findProblem(input.text, pack) ?? findProblem(all, pack));
  const topic = fallback ? null : (findTopic(problem?.sentence ?? "", pack) ?? findTopic(input.text, pack) ?? findTopic(all, pack));
  const wait = fallback ? null : (findDuration(input.text, pack) ?? findDuration(all, pack));
  const clause = problem?.clause ?? null;

  const label = input.analysis?.emotion.label ?? "neutral";
  const emotion: AckEmotion | null = NEGATIVE.has(label)
    ? (label as AckEmotion)
    : label === "joy" && !acknowledgeFirst
      ? "joy"
      : acknowledgeFirst
        ? "frustration"
        : null;
  const fill = (tpl: string) =>
    tpl
      .replace("{P}", clause ? capitalize(clause) : "")
      .replace("{p}", clause ? inline(clause, pack) : "")
      .replace("{t}", topic ?? "");

  const acknowledgements: string[] = [];
  if (emotion) {
    const set = pack.ack[emotion];
    const picks = [...(clause ? set.clause : []), ...(topic ? set.topic.slice(0, clause ? 1 : 2) : []), ...set.generic];
    const dash = pack.code === "en" ? "—" : "–";
    const waitText = wait && emotion !== "joy" && emotion !== "fear" ? pack.wait(wait) : null;
    for (const tpl of picks) {
      let s = fill(tpl);
      if (acknowledgements.length === 0 && waitText && !s.toLowerCase().includes(wait?.text.toLowerCase() ?? "") && !/[.!?]$/.test(s)) {
        // A template that already has a dash gets the wait as a sentence of its own.
        s = /[–—]/.test(s) ? `${end(s)} ${capitalize(waitText)}` : `${s} ${dash} ${waitText}`;
      }
      s = end(s);
      if (!acknowledgements.includes(s)) acknowledgements.push(s);
      if (acknowledgements.length === 3) break;
    }
  }

  const firstSentence = sentencesOf(input.text).map((s) => stripGreeting(s, pack)).find((s) => s.length > 0);
  const hearClause = problem?.full ?? clause;
  const troubled = !!problem || (emotion !== null && emotion !== "joy");
  const restatement: string | null = hearClause
    ? end(pack.restate.clause.replace("{p}", inline(hearClause, pack)))
    : topic && troubled
      ? pack.restate.topic.replace("{t}", topic)
      : firstSentence !== undefined && emotion !== "joy"
        ? pack.restate.generic.replace("{q}", quote(pack, clip(firstSentence.replace(/\s+/g, " ").trim(), 160)))
        : null;

  const apology = emotion && emotion !== "joy" ? (topic ? pack.apology.topic.replace("{t}", topic) : pack.apology.generic) : problem ? pack.apology.generic : null;

  let emailOpening: string | null = null;
  if (input.channel === "email" && input.text.trim()) {
    const thanks = topic ? pack.email.thanksTopic.replace("{t}", topic) : pack.email.thanks;
    const question = fallback ? null : findQuestion(input.text, pack);
    const second = question ? pack.email.asked.replace("{q}", quote(pack, question)) : restatement;
    emailOpening = second ? `${thanks} ${second}` : thanks;
  }

  return {
    language: pack.code,
    acknowledgements,
    restatement,
    apology,
    leadQuestion: pack.lead,
    emailOpening,
    acknowledgeFirst,
  };
}

/** Does the opening of a reply acknowledge the customer's feelings (in any language Rapport knows)? */
export function acknowledgesFeelings(reply: string): boolean {
  const opening = sentencesOf(reply).slice(0, 2).join(" ").slice(0, 500);
  if (!opening) return false;
  return Object.values(PACKS).some((p) => has(p.ackCues, opening));
}

/** The customer's message when a follow-up task is done, in their language; task titles are internal and never sent. */
export function resolvedMessage(language: string | null): string {
  return packFor(language).pack.resolved;
}
