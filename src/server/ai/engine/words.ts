import type { Features } from "./linear";

/** Letters of a word kept as its stem: enough to join "technician"/"technik"/"technika", short enough to generalise. */
const STEM = 5;

/**
 * Word features for the wants-a-human word model: each word's stem and each pair of neighbouring stems, tagged
 * with the language, plus the few language-free features that say how the message is shaped. The cue lists
 * catch the phrasings someone wrote down; these let the model hear the ones nobody did ("kan jeg få en tid hos
 * en optiker", "que venga un técnico").
 */
export function wordFeatures(tokens: readonly string[], language: string, base: Features): Features {
  const out: Features = new Map();
  for (const [k, v] of base) if (k === "bias:text" || k.startsWith("len:") || k.startsWith("sig:q")) out.set(k, v);
  for (let i = 0; i < tokens.length; i++) {
    const stem = tokens[i].slice(0, STEM);
    out.set(`w:${language}:${stem}`, 1);
    if (i + 1 < tokens.length) out.set(`b:${language}:${stem}_${tokens[i + 1].slice(0, STEM)}`, 1);
  }
  return out;
}
