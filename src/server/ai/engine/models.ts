import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Where the derived model files live (written by scripts/nlp/train.ts, committed). */
export const MODELS_DIR = fileURLToPath(new URL("../models/", import.meta.url));

const cache = new Map<string, unknown>();

/** Reads a model file once, synchronously, on first use; a missing file is a packaging bug, so it throws. */
export function loadModel<T>(name: string): T {
  let model = cache.get(name);
  if (model === undefined) {
    model = JSON.parse(readFileSync(MODELS_DIR + name, "utf8"));
    cache.set(name, model);
  }
  return model as T;
}

/** Training writes new files mid-process; this forgets what was read. */
export function clearModelCache(): void {
  cache.clear();
}
