import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { searchConfigFor } from "../../lib/language";

/** Norwegian comes as no, nb or nn; PostgreSQL has one 'norwegian' configuration for all of them. */
const ALIASES: Record<string, string> = { nb: "no", nn: "no" };

let available: Promise<Set<string>> | null = null;

/** The configurations this PostgreSQL has (15 lacks some that 16+ ship); asked once per process. */
function availableConfigs(db: DbOrTx): Promise<Set<string>> {
  available ??= db
    .execute(sql`SELECT cfgname FROM pg_ts_config`)
    .then((r) => new Set((r.rows as { cfgname: string }[]).map((x) => x.cfgname)))
    .catch((err) => {
      available = null;
      throw err;
    });
  return available;
}

/** The text-search configuration for a locale: its language's stemmer where PostgreSQL has one, else 'simple'. */
export async function textSearchConfig(db: DbOrTx, locale: string | null | undefined): Promise<string> {
  const lang = (locale ?? "").slice(0, 2).toLowerCase();
  const cfg = searchConfigFor(ALIASES[lang] ?? lang);
  if (cfg === "simple") return cfg;
  return (await availableConfigs(db)).has(cfg) ? cfg : "simple";
}

/**
 * The words of a text as a search sees them: letters and digits in any script, lower-cased. Everything
 * else (quotes, operators, tags, SQL) is a separator, so a query is only ever plain words.
 */
export function wordsOf(text: string, max = 16): string[] {
  const out = new Set<string>();
  for (const m of text
    .normalize("NFKC")
    .toLowerCase()
    .matchAll(/[\p{L}\p{N}]+(?:[\p{M}][\p{L}\p{N}]*)*/gu)) {
    const w = m[0].slice(0, 40);
    if (w) out.add(w);
    if (out.size >= max) break;
  }
  return [...out];
}

/** The vocabulary typo correction draws on: words of 3–40 letters (numbers and one-letter words never need it). */
export function vocabularyOf(text: string): string[] {
  return wordsOf(text, 5000).filter((w) => w.length >= 3 && /\p{L}/u.test(w));
}

const FOLD: Record<string, string> = { æ: "ae", ø: "o", å: "a", ß: "ss", ł: "l", đ: "d", þ: "th", œ: "oe" };

/** "Return a parcel (EU)" → "return-a-parcel-eu"; letters are folded to ASCII. */
export function slugify(text: string, fallback = "article"): string {
  const s = text
    .toLowerCase()
    .replace(/[æøåßłđþœ]/g, (c) => FOLD[c] ?? c)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
  return s || fallback;
}

/** Plain text of at most `max` characters, cut at a word boundary. */
export function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const at = cut.lastIndexOf(" ");
  return `${(at > max * 0.6 ? cut.slice(0, at) : cut).trimEnd()}…`;
}
