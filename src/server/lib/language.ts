import { identifyLanguage } from "../ai/engine/language-id";

/** Below this the identifier is guessing (very short or mixed text): say nothing rather than mislabel. */
const MIN_CONFIDENCE = 0.45;

/** PostgreSQL's built-in text-search configurations by language; others fall back to 'simple'. */
const PG_CONFIG: Record<string, string> = {
  ar: "arabic", hy: "armenian", eu: "basque", ca: "catalan", da: "danish", nl: "dutch", en: "english",
  fi: "finnish", fr: "french", de: "german", el: "greek", hi: "hindi", hu: "hungarian", id: "indonesian",
  ga: "irish", it: "italian", lt: "lithuanian", ne: "nepali", no: "norwegian", pt: "portuguese",
  ro: "romanian", ru: "russian", sr: "serbian", es: "spanish", sv: "swedish", ta: "tamil", tr: "turkish",
  yi: "yiddish",
};

/** Best guess of a text's language as an ISO 639-1 code, or null when the text is too short or mixed to tell. */
export function detectLanguage(text: string): string | null {
  const { language, confidence } = identifyLanguage(text);
  return language !== null && confidence >= MIN_CONFIDENCE ? language : null;
}

export function searchConfigFor(language: string | null | undefined): string {
  if (!language) return "simple";
  return PG_CONFIG[language.slice(0, 2).toLowerCase()] ?? "simple";
}

/** The same mapping as searchConfigFor, as SQL over a language column (for statements that read it). */
export function searchConfigSql(column: string): string {
  const cases = Object.entries(PG_CONFIG).map(([lang, cfg]) => `WHEN '${lang}' THEN '${cfg}'`).join(" ");
  return `(CASE lower(left(coalesce(${column}, ''), 2)) ${cases} ELSE 'simple' END)::regconfig`;
}
