import { CueIndex, type CueHit } from "./cue-index";
import { CUES, type LanguageCues } from "./cues";
import type { Features } from "./linear";
import { loadModel } from "./models";
import { tokenizeSentences } from "./normalize";
import { readSignals, type Signals } from "./signals";

export const EMOTION_CUES = ["anger", "frustration", "fear", "sadness", "joy"] as const;

/** What the three classifiers read, computed once per message. */
export type Extracted = {
  features: Features;
  signals: Signals;
  tokens: string[];
  /** Rule verdict for "wants a human": an explicit phrase, or a contact verb near a person noun. */
  humanRule: boolean;
  intensifiers: number;
  profanity: number;
};

let indexes: Map<string, CueIndex> | null = null;
/** All languages' cue indexes are built together on first use, so no later message pays for a build. */
function cueIndex(language: string): CueIndex | undefined {
  if (!indexes) {
    indexes = new Map();
    for (const [lang, cues] of Object.entries(CUES))
      indexes.set(lang, new CueIndex(cues as LanguageCues & Record<string, readonly string[]>));
  }
  return indexes.get(language);
}

type Valence = Record<string, Record<string, number>>;

const HUMAN_WINDOW = 8;
const CALL_WINDOW = 6;
/** "I don't want … automatic answers", "stop the … bot": a refusal this many words before the bot noun. */
const BOT_WINDOW = 4;
/** Person cues this many words around a past conversation ("I spoke with someone") report it, not ask for one. */
const PAST_WINDOW = 4;
/** A decline or praise of a past contact cancels a person request this many words before or after it. */
const DECLINE_WINDOW = 10;
const cap = (n: number, max = 3) => Math.min(n, max);

/** Features for one (cleaned) text in one language; language null or unknown → language-agnostic signals only. */
export function extract(text: string, language: string | null): Extracted {
  const signals = readSignals(text);
  const { tokens, sentence, clause } = tokenizeSentences(text);
  const features: Features = new Map();
  const add = (name: string, value = 1) => {
    if (value !== 0) features.set(name, (features.get(name) ?? 0) + value);
  };
  add("bias:text", 1);
  // Punctuation, capitals and emoji: the same in every language.
  add("sig:excl", cap(signals.exclamations));
  add("sig:excl2", signals.repeatedExclamation ? 1 : 0);
  add("sig:q", cap(signals.questions, 2));
  add("sig:q2", signals.repeatedQuestion ? 1 : 0);
  add("sig:shout", signals.shouting ? 1 : 0);
  add("sig:capswords", cap(signals.capsWords));
  add("sig:elongated", signals.elongated ? 1 : 0);
  add("emo:anger", cap(signals.emojiAnger));
  add("emo:sad", cap(signals.emojiSad));
  add("emo:fear", cap(signals.emojiFear));
  add("emo:joy", cap(signals.emojiJoy));
  add("emo:plead", cap(signals.emojiPlead));
  add("len:short", tokens.length <= 6 ? 1 : 0);
  add("len:long", tokens.length >= 60 ? 1 : 0);

  const index = language ? cueIndex(language) : undefined;
  let humanRule = false;
  let intensifiers = 0;
  let profanity = 0;
  if (language && index) {
    const hits = index.match(tokens);
    const negatedAt = new Set<number>();
    const negationAt = new Set<number>();
    const blocked = new Set<number>();
    const refusalAt = new Set<number>();
    for (const h of hits) {
      if (h.category === "negation") {
        negationAt.add(h.start);
        // "… nobody says anything. I want to talk to someone": a negation never reaches into the next sentence.
        for (let k = h.end; k < h.end + 3 && sentence[k] === sentence[h.start]; k++) negatedAt.add(k);
      }
      if (h.category === "humanBlock") for (let k = h.start; k < h.end; k++) blocked.add(k);
      if (h.category === "humanPast") for (let k = h.start - PAST_WINDOW; k < h.end + PAST_WINDOW; k++) blocked.add(k);
      if (h.category === "negation" || h.category === "botReject") refusalAt.add(h.start);
    }
    const nouns: CueHit[] = [];
    const verbs: CueHit[] = [];
    const calls: CueHit[] = [];
    const selves: CueHit[] = [];
    const phraseHits: CueHit[] = [];
    const declines: CueHit[] = [];
    const bots: CueHit[] = [];
    const phones: CueHit[] = [];
    for (const h of hits) {
      const c = h.category;
      if ((EMOTION_CUES as readonly string[]).includes(c)) {
        add(c === "joy" && negatedAt.has(h.start) ? "cue:joy_negated" : `cue:${c}`, 1);
      } else if (c === "intensifier") intensifiers++;
      else if (c === "profanity") profanity++;
      else if (c === "urgentHigh") add("u:high", 1);
      else if (c === "urgentLow") add("u:low", 1);
      // "jullie hoeven niet te bellen": a negation filling a phrase's "*" turns the request off.
      else if (c === "humanPhrase" && !blocked.has(h.start) && !negatedAt.has(h.start) && !h.gaps?.some((g) => negationAt.has(g)))
        phraseHits.push(h);
      else if (c === "humanNoun" && !blocked.has(h.start)) nouns.push(h);
      else if (c === "humanVerb" && !negatedAt.has(h.start) && !blocked.has(h.start))
        verbs.push(h); // "I don't want to talk to anyone"
      // "please don't call me", and V2 word order: "ring ikke til mig", "rufen Sie mich nicht an" is rarer.
      else if (c === "callVerb" && !negatedAt.has(h.start) && !negationAt.has(h.end) && !blocked.has(h.start)) calls.push(h);
      else if (c === "selfPronoun") selves.push(h);
      else if (c === "phoneNoun" && !blocked.has(h.start)) phones.push(h);
      else if (c === "humanBlock") add("h:block", 1);
      else if (c === "humanDecline") declines.push(h);
      else if (c === "botNoun" && !blocked.has(h.start)) bots.push(h);
    }
    for (const c of EMOTION_CUES) if (features.has(`cue:${c}`)) features.set(`cue:${c}`, cap(features.get(`cue:${c}`)!));
    for (const n of ["u:high", "u:low", "cue:joy_negated"]) if (features.has(n)) features.set(n, cap(features.get(n)!));
    // "No need for anyone to call me", "talking to a real person was lovely": not a request. A contact verb in a
    // later clause, between the decline and the request, asks again: "I don't need a link, I need a human"; the
    // request's own verb counts only after a refused bot: "I don't need a bot, I want a person".
    const asksAgain = (d: CueHit, at: number) =>
      d.end <= at &&
      verbs.some(
        (v) =>
          v.start >= d.end &&
          clause[v.start] > clause[d.start] &&
          (v.start < at || (v.start === at && bots.some((b) => b.start >= d.end && b.start < at))),
      );
    const declined = (at: number) => declines.some((d) => Math.abs(d.start - at) <= DECLINE_WINDOW && !asksAgain(d, at));
    const phrases = phraseHits.filter((h) => !declined(h.start)).length;
    const verbNoun = verbs.some(
      // A negated person pairs only within its sentence: "I won't talk to anyone. Just give me my money back".
      (v) =>
        !declined(v.start) &&
        nouns.some(
          (n) =>
            Math.abs(n.start - v.start) <= HUMAN_WINDOW &&
            n.start !== v.start &&
            (sentence[n.start] === sentence[v.start] || !negatedAt.has(n.start)),
        ),
    );
    // "the phone number on my account": the calling verb inside a phone noun is not a call.
    const realCalls = calls.filter((v) => !phones.some((n) => n.start <= v.start && v.start < n.end));
    const callMe = realCalls.some(
      (v) => !declined(v.start) && selves.some((n) => Math.abs(n.start - v.start) <= CALL_WINDOW && n.start !== v.start),
    );
    // "Is there a number I can call?": a phone number near a calling verb, with or without "me".
    const callsNumber = realCalls.some(
      (v) => !declined(v.start) && phones.some((n) => Math.abs(n.start - v.start) <= CALL_WINDOW && (v.start < n.start || v.start >= n.end)),
    );
    // "I don't need a bot": a decline right before the bot noun, in its clause, refuses the bot, not a person.
    const refusesBot = bots.some((b) => {
      for (let k = Math.max(0, b.start - BOT_WINDOW); k < b.start; k++)
        if (refusalAt.has(k))
          return !declined(b.start) || declines.some((d) => d.end <= b.start && b.start - d.end < BOT_WINDOW && clause[d.start] === clause[b.start]);
      return false;
    });
    add("h:decline", declines.length > 0 ? 1 : 0);
    add("h:nobot", refusesBot ? 1 : 0);
    humanRule = phrases > 0 || verbNoun || callMe || callsNumber || refusesBot;
    add("h:callme", callMe || callsNumber ? 1 : 0);
    add("h:phrase", cap(phrases, 2));
    add("h:verbnoun", verbNoun ? 1 : 0);
    add("h:noun", nouns.length > 0 ? 1 : 0);
    add("h:verb", verbs.length > 0 ? 1 : 0);
    add("h:rule", humanRule ? 1 : 0);
    add("cue:intens", cap(intensifiers));
    add("cue:profanity", cap(profanity));

    // Valence from the (translated) AFINN lexicons: a weak but broad positive/negative signal.
    const valence = loadModel<Valence>("valence.json")[language];
    if (valence) {
      let pos = 0;
      let neg = 0;
      for (let i = 0; i < tokens.length; i++) {
        const v = valence[tokens[i]];
        if (v === undefined) continue;
        const signed = negatedAt.has(i) ? -v : v;
        if (signed > 0) pos += signed;
        else neg -= signed;
      }
      add("val:pos", Math.min(pos / 4, 2));
      add("val:neg", Math.min(neg / 4, 2));
    }
    add("lang:covered", 1);
  }
  return { features, signals, tokens, humanRule, intensifiers, profanity };
}
