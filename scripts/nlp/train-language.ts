/** Character n-gram naive Bayes over the supported languages, from XED subtitle projections + our train split. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { charGrams, type NgramModel } from "../../src/server/ai/engine/language-id";
import { SUPPORTED_LANGUAGES } from "../../src/server/ai/engine/language-id";
import { MODELS_DIR, readSplit } from "./data";

const MAX_ORDER = 4;
const TOP_PER_LANGUAGE = 2500;
/** Our own messages are few but in the right register (support chat, not film dialogue): count them more. */
const OWN_WEIGHT = 5;
const ALPHA = 0.5;

export function xedLines(corpora: string, language: string): string[] {
  const file = join(corpora, "emotion-xed/Projections", `${language}-projections.tsv`);
  return readFileSync(file, "utf8")
    .split("\n")
    .map((l) => l.split("\t")[0]?.trim() ?? "")
    .filter((t) => t.length > 0);
}

export function trainLanguage(corpora: string): NgramModel {
  const languages = [...SUPPORTED_LANGUAGES];
  const own = readSplit("train");
  const counts = languages.map(() => new Map<string, number>());
  languages.forEach((lang, li) => {
    const add = (text: string, w: number) => {
      for (const g of charGrams(text, MAX_ORDER)) counts[li].set(g, (counts[li].get(g) ?? 0) + w);
    };
    for (const line of xedLines(corpora, lang)) add(line, 1);
    for (const row of own) if (row.language === lang) add(row.text, OWN_WEIGHT);
  });
  const keep = new Set<string>();
  for (const c of counts) {
    [...c.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP_PER_LANGUAGE)
      .forEach(([g]) => {
        keep.add(g);
      });
  }
  // Corpora differ tenfold in size (sk 1.2k lines, es 11k): scale every language to the same total so an
  // unseen n-gram costs each language the same and a small corpus does not win by default.
  const raw = counts.map((c) => [...c.values()].reduce((a, b) => a + b, 0));
  const target = raw.reduce((a, b) => a + b, 0) / raw.length;
  counts.forEach((c, li) => {
    for (const [g, n] of c) c.set(g, (n * target) / raw[li]);
  });
  const V = keep.size;
  const totals = counts.map(() => target);
  const q = (x: number) => Math.round(x * 100) / 100;
  const grams: Record<string, number[]> = {};
  for (const g of keep) grams[g] = counts.map((c, li) => q(Math.log(((c.get(g) ?? 0) + ALPHA) / (totals[li] + V))));
  const floor = totals.map((t) => q(Math.log(ALPHA / (t + V))));
  const model: NgramModel = { languages, maxOrder: MAX_ORDER, grams, floor };
  writeFileSync(join(MODELS_DIR, "language-ngrams.json"), JSON.stringify(model));
  return model;
}
