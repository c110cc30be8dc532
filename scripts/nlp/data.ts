/** Paths and readers shared by the NLP training and evaluation scripts. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const MODELS_DIR = join(REPO_ROOT, "src/server/ai/models");
export const EVAL_DIR = join(REPO_ROOT, "eval/nlp");

/** The shared corpora (XED, AFINN, …): ../shared/corpora/nlp beside the repo, or $RAPPORT_CORPORA. */
export function corporaDir(): string | null {
  const dir = process.env.RAPPORT_CORPORA ?? resolve(REPO_ROOT, "../shared/corpora/nlp");
  return existsSync(dir) ? dir : null;
}

export type Labelled = {
  text: string;
  language: string;
  emotion: string;
  wantsHuman: boolean;
  urgency: "low" | "normal" | "high";
  /** Line number in its file: the same situation is on the same line in every language (used to fold by situation). */
  scenario: number;
};

/**
 * test-original, test-fresh: held-out sets written separately in each language (lines do not align across languages).
 * dev-human: a development set of ways to ask for a person and hard negatives, for tuning the wants-human cues.
 */
export const SPLITS = ["train", "test", "test-original", "test-fresh", "test-blind2", "test-blind3", "test-blind4", "test-blind5", "test-blind6", "test-blind7", "dev-human", "dev-human2"] as const;
export type Split = (typeof SPLITS)[number];

/** Our own labelled customer-service messages: eval/nlp/<split>/<lang>.jsonl. */
export function readSplit(split: Split): Labelled[] {
  const dir = join(EVAL_DIR, split);
  const rows: Labelled[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort()) {
    const lines = readFileSync(join(dir, file), "utf8").split("\n").filter((l) => l.trim());
    lines.forEach((line, scenario) => {
      rows.push({ ...(JSON.parse(line) as Omit<Labelled, "scenario">), scenario });
    });
  }
  return rows;
}

/** Deterministic pseudo-random numbers, so training is reproducible. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
