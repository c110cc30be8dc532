/**
 * Builds every model file in src/server/ai/models from the shared corpora and eval/nlp (train, dev-human, dev-human2, test-blind3, test-blind4, test-blind5, test-blind6).
 * Run: npx tsx scripts/nlp/train.ts  (corpora: ../shared/corpora/nlp or $RAPPORT_CORPORA)
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import { clearModelCache } from "../../src/server/ai/engine/models";
import { corporaDir, MODELS_DIR, readSplit } from "./data";
import { trainEngine, trainHumanWords, writeEngine, writeHumanWords } from "./train-engine";
import { trainLanguage } from "./train-language";
import { trainLexicon } from "./train-lexicon";

const corpora = corporaDir();
if (!corpora) {
  console.error("Corpora not found: set RAPPORT_CORPORA or place them at ../shared/corpora/nlp");
  process.exit(1);
}
const t0 = Date.now();
trainLexicon(corpora);
trainLanguage(corpora);
clearModelCache();
// dev-human and dev-human2 (wants-a-human work) and test-blind3 to 6 (each measured once, blind, before it joined training) teach the
// models too; later blind sets are measured, never trained on.
const train = [...readSplit("train"), ...readSplit("dev-human"), ...readSplit("dev-human2"), ...readSplit("test-blind3"), ...readSplit("test-blind4"), ...readSplit("test-blind5"), ...readSplit("test-blind6")];
writeEngine(trainEngine(train));
writeHumanWords(trainHumanWords(train));
for (const f of ["valence.json", "language-ngrams.json", "engine.json", "human-words.json"]) {
  console.log(`${f}: ${(statSync(join(MODELS_DIR, f)).size / 1024).toFixed(0)} KB`);
}
console.log(`trained on ${train.length} labelled messages in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
