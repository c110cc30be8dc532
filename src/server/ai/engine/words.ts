import type { Features } from "./linear";

/** Letters of a word kept as its stem: enough to join "technician"/"technik"/"technika", short enough to generalise. */
const STEM = 5;

/**
 * Cue features that say a person or a contact verb is in the message at all. (A phrase, a call or a refused bot
 * would also say so, but each of those already makes the rule fire, so the word model is never asked.)
 */
const PERSON_CUES = ["h:noun", "h:verb"];

/**
 * Word features for the wants-a-human word model: each word's stem and each pair of neighbouring stems, tagged
 * with the language. The cue lists catch the phrasings someone wrote down; these let the model hear the ones
 * nobody did ("could one of your advisors look at my case", "kann ein Techniker vorbeikommen"). Message shape
 * (short, a question mark) is left out: in our request-heavy training data it taught "Can I pay with PayPal?" to
 * ask for a person.
 */
export function wordFeatures(tokens: readonly string[], language: string): Features {
  const out: Features = new Map();
  for (let i = 0; i < tokens.length; i++) {
    const stem = tokens[i].slice(0, STEM);
    out.set(`w:${language}:${stem}`, 1);
    if (i + 1 < tokens.length) out.set(`b:${language}:${stem}_${tokens[i + 1].slice(0, STEM)}`, 1);
  }
  return out;
}

/** The word model speaks only where the cues saw a person or a contact verb: words alone never hand over. */
export function mentionsPerson(cueFeatures: Features): boolean {
  return PERSON_CUES.some((k) => (cueFeatures.get(k) ?? 0) > 0);
}
