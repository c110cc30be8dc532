import { eld as eldBase } from "eld/extrasmall";
import { loadModel } from "./models";
import { cleanText, letterCount } from "./normalize";

/**
 * ELD's extra-small database (half the memory of "small", same accuracy on our test split once the close
 * groups below are settled by our own model). Yoruba is left out: its diacritic-heavy n-grams capture short
 * Czech and Slovak lines ("Je mi to moc líto…"), and a Yoruba-speaking customer base would need its own models anyway.
 */
const eld = eldBase.newInstance();
eld.setLanguageSubset(Object.values(eld.info().Languages).filter((l) => l !== "yo"));

/** Languages with full coverage (emotion, wants-human and urgency models). */
export const SUPPORTED_LANGUAGES = ["en", "da", "pl", "sk", "cs", "de", "es", "fr", "sv", "nl", "no", "fi"] as const;

/** Fewer letters than this and no detector can tell ("ok", "hi!", "😡😡", "12345"). */
export const MIN_LETTERS = 8;
/** Identification reads at most this much: more text adds time, not accuracy. */
const MAX_CHARS = 700;

/** Pairs and triples the general detector confuses; a model trained on our data decides within each group. */
const CLOSE_GROUPS: readonly (readonly string[])[] = [
  ["da", "no", "sv"],
  ["cs", "sk", "pl"],
];

/** Character n-gram naive Bayes over the supported languages (scripts/nlp/train-language.ts). */
export type NgramModel = {
  languages: string[];
  maxOrder: number;
  /** Per n-gram, the log-probability in each language (same order as `languages`). */
  grams: Record<string, number[]>;
  /** Log-probability of an n-gram a language never showed. */
  floor: number[];
};

/** N-grams of the words in a text: lowercase letters only, words padded with a space on each side. */
export function charGrams(text: string, maxOrder: number): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/\p{L}+/gu)) {
    const w = ` ${m[0]} `;
    for (let n = 1; n <= maxOrder; n++) {
      for (let i = 0; i + n <= w.length; i++) {
        const g = w.slice(i, i + n);
        if (g !== " ") out.push(g);
      }
    }
  }
  return out;
}

/** The tie-breaker reads this much: a few sentences settle da/no/sv or cs/sk. */
const NGRAM_CHARS = 400;

let gramIndex: { model: NgramModel; grams: Map<string, number[]> } | null = null;
/** A Map is several times faster than a 15,000-key object for the per-gram look-ups. */
function ngramModel(): { model: NgramModel; grams: Map<string, number[]> } {
  const model = loadModel<NgramModel>("language-ngrams.json");
  if (gramIndex?.model !== model) gramIndex = { model, grams: new Map(Object.entries(model.grams)) };
  return gramIndex;
}

/** Posterior over `candidates` (a subset of the model's languages) from the n-gram model. */
export function ngramPosterior(text: string, candidates: readonly string[]): Record<string, number> {
  const { model, grams } = ngramModel();
  const idx = candidates.map((c) => model.languages.indexOf(c)).filter((i) => i >= 0);
  const scores = idx.map(() => 0);
  for (const g of charGrams(text.slice(0, NGRAM_CHARS), model.maxOrder)) {
    const row = grams.get(g);
    for (let k = 0; k < idx.length; k++) scores[k] += row ? row[idx[k]] : model.floor[idx[k]];
  }
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  const out: Record<string, number> = {};
  idx.forEach((i, k) => {
    out[model.languages[i]] = exps[k] / sum;
  });
  return out;
}

/**
 * Letters only one of Russian and Ukrainian uses settle a pair the small detector often gets wrong;
 * a sentence of Ukrainian without і/ї/є/ґ is rare, so their absence points to Russian.
 */
function eastSlavic(text: string, guess: string): string {
  const ru = (text.match(/[ыэъё]/giu) ?? []).length;
  const uk = (text.match(/[іїєґ]/giu) ?? []).length;
  const cyrillic = (text.match(/[\u0400-\u04ff]/gu) ?? []).length;
  if (uk > 0 && ru === 0) return "uk";
  if (ru > 0 || (uk === 0 && cyrillic >= 15)) return "ru";
  return guess;
}

export type LanguageGuess = { language: string | null; confidence: number };

/** ISO 639-1 code of the text's language, or null with low confidence when there is too little text to tell. */
export function identifyLanguage(input: string): LanguageGuess {
  const text = cleanText(input).slice(0, MAX_CHARS);
  const letters = letterCount(text);
  if (letters < MIN_LETTERS) return { language: null, confidence: letters === 0 ? 0 : 0.1 };
  const result = eld.detect(text);
  const scores = Object.entries(result.getScores()).sort((a, b) => b[1] - a[1]);
  if (!result.language || scores.length === 0) {
    // ELD gives up on some short lines ("Děkuji pěkně!"); our model over the supported languages may still tell.
    const [best, p] = Object.entries(ngramPosterior(text, SUPPORTED_LANGUAGES)).sort((a, b) => b[1] - a[1])[0];
    return p >= 0.9 ? { language: best, confidence: Math.round(p * 0.5 * 1000) / 1000 } : { language: null, confidence: 0.1 };
  }
  let language = result.language === "nb" || result.language === "nn" ? "no" : result.language;
  const [first, second] = [scores[0]?.[1] ?? 0, scores[1]?.[1] ?? 0];
  // A margin of 10% of the top score is already a clear call for ELD's scoring.
  let confidence = 0.5 + Math.min(0.5, ((first - second) / Math.max(first, 1e-9)) * 5);
  if (language === "uk" || language === "ru" || language === "be") language = eastSlavic(text, language);
  const group = CLOSE_GROUPS.find((g) => g.includes(language));
  if (group) {
    const posterior = ngramPosterior(text, group);
    const [best, p] = Object.entries(posterior).sort((a, b) => b[1] - a[1])[0];
    language = best;
    confidence = Math.min(confidence, p);
  }
  if (!result.isReliable()) confidence *= 0.7;
  // Short text: fewer n-grams, less certainty, whatever the margin says.
  confidence *= Math.min(1, 0.4 + letters / 40);
  return { language, confidence: Math.round(confidence * 1000) / 1000 };
}
