/** Valence lexicons (word → −5..+5) per supported language, folded like the analyser's tokens. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SUPPORTED_LANGUAGES } from "../../src/server/ai/engine/language-id";
import { tokenize } from "../../src/server/ai/engine/normalize";
import { MODELS_DIR } from "./data";

/** Finn Årup Nielsen's hand-checked lists win over the machine-translated multilang ones. */
const CURATED: Record<string, string> = {
  en: "AFINN-en-165.txt",
  da: "AFINN-da-32.txt",
  fi: "AFINN-fi-165.txt",
  fr: "AFINN-fr-165.txt",
  pl: "AFINN-pl-165.txt",
  sv: "AFINN-sv-165.txt",
};

export function trainLexicon(corpora: string): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const lang of SUPPORTED_LANGUAGES) {
    const lex: Record<string, number> = {};
    const put = (word: string, score: unknown) => {
      const toks = tokenize(word);
      if (toks.length === 1 && typeof score === "number" && Number.isFinite(score) && score !== 0) lex[toks[0]] = score;
    };
    const multi = join(corpora, "lexicon-multilang-afinn/build/languages", `AFINN-${lang}.json`);
    if (existsSync(multi)) for (const [w, s] of Object.entries(JSON.parse(readFileSync(multi, "utf8")))) put(w, s);
    const curated = CURATED[lang] && join(corpora, "lexicon-afinn/afinn/data", CURATED[lang]);
    if (curated && existsSync(curated)) {
      for (const line of readFileSync(curated, "utf8").split("\n")) {
        const [w, s] = line.split("\t");
        if (w && s) put(w, Number(s));
      }
    }
    out[lang] = lex;
  }
  writeFileSync(join(MODELS_DIR, "valence.json"), JSON.stringify(out));
  return out;
}
