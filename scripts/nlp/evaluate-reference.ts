/**
 * For reference only: the engine on public emotion data it was not tuned on (film subtitles, Reddit),
 * mapped to our six labels. Skipped with a message when the corpora are absent.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeText, type EmotionLabel } from "../../src/server/ai/engine/index";
import { corporaDir, rng } from "./data";

/** XED's Plutchik labels 1..8; anticipation, surprise and trust have no counterpart and are left out. */
const XED: Record<string, EmotionLabel | null> = { "1": "anger", "2": null, "3": "anger", "4": "fear", "5": "joy", "6": "sadness", "7": null, "8": null };
const EKMAN: (EmotionLabel | null)[] = ["anger", "anger", "fear", "joy", "neutral", "sadness", null];

type Item = { text: string; label: EmotionLabel; language: string };

/** The held-out part of XED: every 5th single-label line (the training scripts never read these files). */
export function xedHeldOut(corpora: string, language: "en" | "fi"): Item[] {
  const items: Item[] = [];
  const lines = readFileSync(join(corpora, "emotion-xed/AnnotatedData", `${language}-annotated.tsv`), "utf8").split("\n");
  lines.forEach((line, i) => {
    const [text, labels] = line.split("\t");
    if (!text || !labels || i % 5 !== 0) return;
    const ls = labels.split(",").map((s) => s.trim());
    const mapped = XED[ls[0]];
    if (ls.length === 1 && mapped) items.push({ text, label: mapped, language });
  });
  const neutral = readFileSync(join(corpora, "emotion-xed/AnnotatedData", `neu_${language}.txt`), "utf8").split("\n");
  neutral.forEach((line, i) => {
    const cols = line.split("\t");
    const text = language === "en" ? cols[1] : cols[1];
    if (text && i % 10 === 0) items.push({ text, label: "neutral", language });
  });
  return items;
}

export function goEmotionsTest(corpora: string): Item[] {
  const items: Item[] = [];
  for (const line of readFileSync(join(corpora, "emotion-en-goemotions/data/ekman/test.tsv"), "utf8").split("\n")) {
    const [text, labels] = line.split("\t");
    if (!text || !labels || labels.includes(",")) continue;
    const mapped = EKMAN[Number(labels)];
    if (mapped) items.push({ text, label: mapped, language: "en" });
  }
  return items;
}

function accuracy(items: Item[]): string {
  const sample = items.length > 3000 ? items.filter(() => rand() < 3000 / items.length) : items;
  let ok = 0;
  for (const it of sample) if (analyzeText(it.text, { languageHint: it.language }).emotion.label === it.label) ok++;
  const majority = Math.max(...["anger", "fear", "joy", "sadness", "neutral"].map((l) => sample.filter((s) => s.label === l).length));
  return `${((ok / sample.length) * 100).toFixed(1)}% of ${sample.length} (majority class ${((majority / sample.length) * 100).toFixed(1)}%)`;
}
const rand = rng(7);

export function evaluateReference(): void {
  const corpora = corporaDir();
  if (!corpora) {
    console.log("\nReference corpora absent (../shared/corpora/nlp or $RAPPORT_CORPORA): XED/GoEmotions figures skipped.");
    return;
  }
  console.log("\nReference, not customer service (frustration does not exist in these label sets):");
  console.log(`- XED en held-out (subtitles, 1 label): ${accuracy(xedHeldOut(corpora, "en"))}`);
  console.log(`- XED fi held-out (subtitles, 1 label): ${accuracy(xedHeldOut(corpora, "fi"))}`);
  console.log(`- GoEmotions ekman test (Reddit, 1 label): ${accuracy(goEmotionsTest(corpora))}`);
}
