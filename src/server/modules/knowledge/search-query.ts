import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";

/** A query word and the spellings it may also mean (typo corrections), all at one position. */
export type Term = { ord: number; words: string[] };

export type TsQueries = {
  /** Every word (or one of its spellings) must match, stemmed or as typed; null when all are stop words. */
  strict: string | null;
  /** Any word, stemmed: for long texts and as the last resort. */
  loose: string | null;
};

/**
 * Turns plain words into tsquery texts for each text-search configuration, in PostgreSQL itself (its
 * parser and stemmers decide the lexemes; the words are only ever parameters, never query syntax).
 */
export async function buildTsQueries(db: DbOrTx, terms: Term[], configs: string[]): Promise<Map<string, TsQueries>> {
  const words: string[] = [];
  const ords: number[] = [];
  for (const t of terms) {
    for (const w of t.words) {
      words.push(w);
      ords.push(t.ord);
    }
  }
  const out = new Map<string, TsQueries>();
  if (!words.length) return out;
  const res = await db.execute(sql`
    WITH w AS (SELECT * FROM unnest(${sql.param(words)}::text[], ${sql.param(ords)}::int[]) AS u(word, ord)),
    c AS (SELECT DISTINCT cfg FROM unnest(${sql.param([...new Set(configs)])}::text[]) AS x(cfg)),
    p AS (
      SELECT c.cfg, w.ord, nullif(plainto_tsquery(c.cfg::regconfig, w.word)::text, '') AS stem, nullif(plainto_tsquery('simple', w.word)::text, '') AS plain
      FROM c CROSS JOIN w
    ),
    t AS (SELECT cfg, ord, string_agg(stem, ' | ') AS stems, string_agg(plain, ' | ') AS plains FROM p GROUP BY cfg, ord)
    SELECT cfg,
      string_agg('(' || stems || ' | ' || plains || ')', ' & ' ORDER BY ord) FILTER (WHERE stems IS NOT NULL) AS strict,
      string_agg(stems, ' | ' ORDER BY ord) FILTER (WHERE stems IS NOT NULL) AS loose
    FROM t GROUP BY cfg`);
  for (const r of res.rows as { cfg: string; strict: string | null; loose: string | null }[])
    out.set(r.cfg, { strict: r.strict, loose: r.loose });
  return out;
}

/**
 * Typo tolerance: for each query word of 3+ letters that none of the account's articles (in these locales)
 * uses, the closest words they do use, by trigram similarity ("pasword" → "password", "resett" → "reset").
 */
export async function correctWords(db: DbOrTx, accountId: string, locales: string[], terms: Term[], minSimilarity = 0.4): Promise<Term[]> {
  const candidates = terms.filter((t) => t.words[0].length >= 3 && /\p{L}/u.test(t.words[0]));
  if (!candidates.length) return terms;
  const res = await db.execute(sql`
    SELECT u.ord, k.word, k.sim
    FROM unnest(${sql.param(candidates.map((t) => t.words[0]))}::text[], ${sql.param(candidates.map((t) => t.ord))}::int[]) AS u(word, ord)
    CROSS JOIN LATERAL (
      SELECT v.word, similarity(v.word, u.word) AS sim FROM knowledge_words v
      WHERE v.account_id = ${accountId} AND v.locale = ANY(${sql.param(locales)}::text[]) AND v.word % u.word AND v.word <> u.word
      ORDER BY similarity(v.word, u.word) DESC, v.word LIMIT 2
    ) k
    WHERE NOT EXISTS (
      SELECT 1 FROM knowledge_words e WHERE e.account_id = ${accountId} AND e.locale = ANY(${sql.param(locales)}::text[]) AND e.word = u.word)`);
  const alts = new Map<number, string[]>();
  for (const r of res.rows as { ord: number; word: string; sim: number }[]) {
    if (r.sim < minSimilarity) continue;
    alts.set(r.ord, [...(alts.get(r.ord) ?? []), r.word]);
  }
  if (!alts.size) return terms;
  return terms.map((t) => ({ ord: t.ord, words: [...t.words, ...(alts.get(t.ord) ?? [])] }));
}
