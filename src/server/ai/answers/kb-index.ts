import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { type Passage, inlineText, splitPassages } from "./passages";
import { termOf, wordsIn } from "./text";

/** Counts of each word's 5- and 4-letter prefixes (and the whole word) in one field. */
export type Bag = Map<string, number>;

/** A passage's bag is made when the passage is first weighed (only the best few articles' are). */
export type IndexedPassage = Passage & { bag?: Bag; len?: number };

export function passageBag(p: IndexedPassage): { bag: Bag; len: number } {
  if (!p.bag) {
    const b = bagOf(`${p.heading ?? ""} ${p.text}`);
    p.bag = b.bag;
    p.len = b.len;
  }
  return { bag: p.bag, len: p.len ?? 0 };
}

export type IndexedTranslation = {
  /** Its position in KbIndex.translations (postings refer to it). */
  n: number;
  articleId: string;
  slug: string;
  locale: string;
  title: string;
  summary: string | null;
  visibility: "public" | "internal";
  title_: Bag;
  summary_: Bag;
  body_: Bag;
  bodyLen: number;
  passages: IndexedPassage[];
};

export type KbIndex = {
  stamp: string;
  byArticle: Map<string, IndexedTranslation[]>;
  translations: IndexedTranslation[];
  /** Which translations hold each key (in title, summary or body): a question only scores those. */
  postings: Map<string, number[]>;
  docs: number;
  /** Rough memory it holds (text, bags, postings), for the cache's budget. */
  bytes: number;
  usedAt: number;
};

/** Knowledge bases up to this many published translations are indexed in memory (tens of MB at most). */
export const indexLimits = { maxIndexed: 2000 };
const MAX_BODY = 16_000;
const MAX_ACCOUNTS = 64;
/** All accounts' indexes together stay under this; the least recently used go first. */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;
/** An index nobody asked for in this long is dropped (an idle account costs nothing). */
const IDLE_MS = 30 * 60_000;

/** Keys a word is indexed under: w:word, 5:prefix, 4:prefix; and the key its prefix has inside compounds. */
export function keysOf(word: string): string[] {
  const t = termOf(word);
  return [`w:${t.word}`, `5:${t.p5}`, `4:${t.p4}`, t.word.length >= 5 && !t.word.includes("_") ? `g:${t.p5}` : ""];
}

/**
 * `inner`: also index the 5-letter pieces inside long words, so a compound's later part is found
 * ("adressen" in "leveringsadresse", "Rechnung" in "Rechnungsdaten"); used for titles and summaries.
 */
export function bagOf(text: string, inner = false): { bag: Bag; len: number } {
  const bag: Bag = new Map();
  const words = wordsIn(text);
  for (const w of words) {
    for (const k of keysOf(w)) bag.set(k, (bag.get(k) ?? 0) + 1);
    if (inner && w.length >= COMPOUND_MIN) {
      for (let i = 3; i + 5 <= w.length; i++) {
        const k = `g:${w.slice(i, i + 5)}`;
        bag.set(k, (bag.get(k) ?? 0) + 1);
      }
    }
  }
  return { bag, len: words.length };
}

/** Words this long may be compounds (German, Danish, Dutch, Swedish, Norwegian, Finnish). */
const COMPOUND_MIN = 9;

const cache = new Map<string, KbIndex>();
const building = new Map<string, Promise<KbIndex>>();

/**
 * The account's published articles as an in-memory index, rebuilt when any article or translation
 * changed (a cheap count + last-update stamp is read per request, so every node sees edits at once).
 */
export async function kbIndex(db: DbOrTx, accountId: string): Promise<KbIndex | null> {
  const st = await db.execute(sql`
    SELECT (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM article_translations WHERE account_id = ${accountId})
      || '/' || (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM articles WHERE account_id = ${accountId}) AS stamp,
      (SELECT count(*) FROM article_translations WHERE account_id = ${accountId} AND status = 'published')::int AS published`);
  const row = st.rows[0] as { stamp: string; published: number };
  // Too many to hold and rebuild on every edit: the caller narrows with the database's full-text search first.
  if (row.published > indexLimits.maxIndexed) return null;
  const stamp = String(row.stamp);
  const hit = cache.get(accountId);
  if (hit && hit.stamp === stamp) {
    // Refresh its place in the least-recently-used order.
    cache.delete(accountId);
    hit.usedAt = Date.now();
    cache.set(accountId, hit);
    evict();
    return hit;
  }
  const key = `${accountId}|${stamp}`;
  let p = building.get(key);
  if (!p) {
    p = build(db, accountId, stamp).finally(() => building.delete(key));
    building.set(key, p);
  }
  const idx = await p;
  idx.usedAt = Date.now();
  cache.delete(accountId);
  cache.set(accountId, idx);
  evict();
  return idx;
}

/** Keeps the cache within its count and memory budget and drops idle indexes, oldest use first. */
function evict(now = Date.now()): void {
  let total = 0;
  for (const idx of cache.values()) total += idx.bytes;
  for (const [accountId, idx] of cache) {
    if (cache.size <= 1) break;
    if (cache.size <= MAX_ACCOUNTS && total <= MAX_CACHE_BYTES && now - idx.usedAt < IDLE_MS) break;
    cache.delete(accountId);
    total -= idx.bytes;
  }
  for (const [accountId, idx] of cache) if (now - idx.usedAt >= IDLE_MS && cache.size > 1) cache.delete(accountId);
}

/** For tests: what the cache holds. */
export function cachedIndexes(): { accounts: number; bytes: number } {
  let bytes = 0;
  for (const idx of cache.values()) bytes += idx.bytes;
  return { accounts: cache.size, bytes };
}

export type TranslationRow = {
  article_id: string;
  slug: string;
  locale: string;
  title: string;
  summary: string | null;
  body: string;
  visibility: "public" | "internal";
};

const ROW_COLUMNS = sql`t.article_id, a.slug, t.locale, t.title, t.summary, left(t.body_markdown, ${MAX_BODY}) AS body, a.visibility`;

async function build(db: DbOrTx, accountId: string, stamp: string): Promise<KbIndex> {
  const res = await db.execute(sql`
    SELECT ${ROW_COLUMNS}
    FROM article_translations t JOIN articles a ON a.id = t.article_id
    WHERE t.account_id = ${accountId} AND a.account_id = ${accountId} AND t.status = 'published'
    ORDER BY t.article_id, t.locale LIMIT ${indexLimits.maxIndexed}`);
  return indexRows(res.rows as TranslationRow[], stamp);
}

/** Every published translation of these articles (a large knowledge base's search hits), indexed. */
export async function indexArticles(db: DbOrTx, accountId: string, articleIds: string[]): Promise<KbIndex> {
  if (!articleIds.length) return indexRows([], "");
  const res = await db.execute(sql`
    SELECT ${ROW_COLUMNS}
    FROM article_translations t JOIN articles a ON a.id = t.article_id
    WHERE t.account_id = ${accountId} AND a.account_id = ${accountId} AND t.status = 'published'
      AND t.article_id = ANY(${sql.param(articleIds)}::uuid[])
    ORDER BY t.article_id, t.locale`);
  return indexRows(res.rows as TranslationRow[], "");
}

export function indexRows(rows: TranslationRow[], stamp: string): KbIndex {
  const byArticle = new Map<string, IndexedTranslation[]>();
  const translations: IndexedTranslation[] = [];
  const postings = new Map<string, number[]>();
  for (const r of rows) {
    const title = bagOf(r.title, true);
    const summary = bagOf(r.summary ?? "", true);
    const passages: IndexedPassage[] = splitPassages(r.body);
    const body = bagOf(passages.map((p) => `${p.heading ?? ""} ${p.text}`).join("\n"));
    const tr: IndexedTranslation = {
      n: translations.length,
      articleId: r.article_id,
      slug: r.slug,
      locale: r.locale,
      title: inlineText(r.title),
      summary: r.summary ? inlineText(r.summary) : null,
      visibility: r.visibility,
      title_: title.bag,
      summary_: summary.bag,
      body_: body.bag,
      bodyLen: body.len,
      passages,
    };
    translations.push(tr);
    for (const k of new Set([...title.bag.keys(), ...summary.bag.keys(), ...body.bag.keys()])) {
      const list = postings.get(k);
      if (list) list.push(tr.n);
      else postings.set(k, [tr.n]);
    }
    const list = byArticle.get(r.article_id) ?? [];
    list.push(tr);
    byArticle.set(r.article_id, list);
  }
  // ~2 bytes a character of kept text, plus map entries for every key of every bag and posting.
  let bytes = 0;
  for (const tr of translations) {
    bytes += 2 * (tr.title.length + (tr.summary?.length ?? 0) + tr.passages.reduce((n, p) => n + p.text.length + (p.heading?.length ?? 0), 0));
    bytes += 80 * (tr.title_.size + tr.summary_.size + tr.body_.size);
  }
  for (const list of postings.values()) bytes += 80 + 8 * list.length;
  return { stamp, byArticle, translations, postings, docs: rows.length, bytes, usedAt: Date.now() };
}

/** For tests: forget every cached index. */
export function clearKbIndexCache(): void {
  cache.clear();
}
