/**
 * Which cues fire on one message, and the engine's verdict: for working on the cue lists.
 * Run: npx tsx scripts/nlp/explain.ts <language> <text…>
 */
import { CueIndex } from "../../src/server/ai/engine/cue-index";
import { CUES } from "../../src/server/ai/engine/cues";
import type { LanguageCues } from "../../src/server/ai/engine/cues/types";
import { analyzeText } from "../../src/server/ai/engine/index";
import { tokenize } from "../../src/server/ai/engine/normalize";

const [language, ...words] = process.argv.slice(2);
const cues = CUES[language as keyof typeof CUES];
if (!cues || words.length === 0) {
  console.error(`usage: explain.ts <${Object.keys(CUES).join("|")}> <text…>`);
  process.exit(2);
}
const text = words.join(" ");
const tokens = tokenize(text);
console.log(tokens.map((t, i) => `${i}:${t}`).join(" "));
for (const h of new CueIndex(cues as LanguageCues & Record<string, readonly string[]>).match(tokens)) {
  console.log(`${h.category.padEnd(14)} ${h.start}–${h.end} ${tokens.slice(h.start, h.end).join(" ")}`);
}
console.log(JSON.stringify(analyzeText(text, { languageHint: language }), null, 2));
