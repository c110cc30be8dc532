import { conceptWords, conceptsOf } from "./lexicon";

/**
 * Query expansion: each question word with the other names of the concepts it names (lexicon.ts), in
 * every language. A name found through the lexicon counts a little less than the word typed.
 */
export type Alt = { word: string; weight: number };
export type QueryWord = { word: string; alts: Alt[] };

const SYNONYM_WEIGHT = 0.8;

export function expandQuery(words: string[]): QueryWord[] {
  return words.map((word) => {
    const alts = new Map<string, number>([[word, 1]]);
    for (const c of conceptsOf(word)) for (const w of conceptWords(c)) if (!alts.has(w)) alts.set(w, SYNONYM_WEIGHT);
    return { word, alts: [...alts].map(([w, weight]) => ({ word: w, weight })) };
  });
}
