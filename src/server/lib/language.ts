import { franc } from "franc-min";

/** ISO 639-3 (franc) → ISO 639-1 for the languages Rapport names. */
const ISO3_TO_1: Record<string, string> = {
  eng: "en", dan: "da", pol: "pl", slk: "sk", ces: "cs", deu: "de", spa: "es", fra: "fr", ita: "it",
  nld: "nl", por: "pt", swe: "sv", nob: "no", nno: "no", fin: "fi", hun: "hu", ron: "ro", rus: "ru",
  tur: "tr", ukr: "uk", ell: "el", arb: "ar", cmn: "zh", jpn: "ja", kor: "ko", hin: "hi", ind: "id",
  lit: "lt", lav: "lv", est: "et", slv: "sl", hrv: "hr", srp: "sr", bul: "bg", cat: "ca", gle: "ga",
};

const CANDIDATES = Object.keys(ISO3_TO_1);

/** PostgreSQL's built-in text-search configurations by language; others fall back to 'simple'. */
const PG_CONFIG: Record<string, string> = {
  ar: "arabic", hy: "armenian", eu: "basque", ca: "catalan", da: "danish", nl: "dutch", en: "english",
  fi: "finnish", fr: "french", de: "german", el: "greek", hi: "hindi", hu: "hungarian", id: "indonesian",
  ga: "irish", it: "italian", lt: "lithuanian", ne: "nepali", no: "norwegian", pt: "portuguese",
  ro: "romanian", ru: "russian", sr: "serbian", es: "spanish", sv: "swedish", ta: "tamil", tr: "turkish",
  yi: "yiddish",
};

/** Best guess of a text's language as an ISO 639-1 code, or null when the text is too short to tell. */
export function detectLanguage(text: string): string | null {
  if (text.trim().length < 20) return null;
  const code = franc(text.slice(0, 1000), { minLength: 20, only: CANDIDATES });
  return ISO3_TO_1[code] ?? null;
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
