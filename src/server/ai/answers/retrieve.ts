import type { Citation } from "../../../shared/schemas";
import type { DbOrTx } from "../../db/client";
import { detectLanguage } from "../../lib/language";
import { ensureHelpCenter, helpCenterBase } from "../../modules/knowledge/help-centers";
import type { HelpCenterRow } from "../../modules/knowledge/help-centers";
import { pickLocale, searchArticles } from "../../modules/knowledge/search";
import { correctWords } from "../../modules/knowledge/search-query";
import { expandQuery } from "./expand";
import { type Bag, type IndexedTranslation, indexArticles, type KbIndex, keysOf, kbIndex, passageBag } from "./kb-index";
import { isConceptWord } from "./lexicon";
import { contentWords } from "./text";

export type RetrieveOptions = {
  accountId: string;
  question: string;
  /** The customer's language; identified from the question when absent. */
  locale?: string | null;
  /** Agents' answers may quote internal articles; customers' never do. */
  includeInternal?: boolean;
  limit?: number;
  /** Articles already offered: left out, so the confidence is that of the best one not tried yet. */
  excludeArticleIds?: string[];
  /** Absolute base for citation URLs (e.g. https://support.example.com). */
  publicBase: string;
};

export type Retrieval = {
  citations: Citation[];
  /** The language the question was read in (the customer's). */
  language: string;
  /** 0..1: how surely the first citation answers the question (term coverage and margin over the runner-up). */
  confidence: number;
  /** What the confidence was made of: the best article's coverage of the question and its margin. */
  signals?: { coverage: number; margin: number };
};

const MAX_TERMS = 32;
// Field weights: a word in the title says more about what the article is for than one in its body.
const W_TITLE = 2.2;
const W_SUMMARY = 1.2;
const W_BODY = 1.0;
const K1 = 1.2;
/** A word no article uses (a name, a typo, a topic not covered) weighs this share of the rarest word. */
const UNKNOWN_IDF_SHARE = 1;

type Alt = { keys: string[]; weight: number };
type Query = { word: string; alts: Alt[]; altWords: string[] };
type Scored = { tr: IndexedTranslation; score: number; coverage: number };

export async function retrieveCitations(db: DbOrTx, opts: RetrieveOptions): Promise<Retrieval> {
  const [hc, cached] = await Promise.all([ensureHelpCenter(db, opts.accountId), kbIndex(db, opts.accountId)]);
  const language = normalizeLanguage(opts.locale) ?? detectLanguage(opts.question) ?? hc.defaultLocale;
  const locale = pickLocale(hc, language);
  let terms = queryTerms(opts.question);
  if (!terms.length) return { citations: [], language, confidence: 0 };
  const idx = cached ?? (await narrowed(db, opts, hc, language, terms));
  if (idx.docs === 0) return { citations: [], language, confidence: 0 };

  const candidates: IndexedTranslation[] = [];
  const excluded = new Set(opts.excludeArticleIds ?? []);
  for (const [articleId, translations] of idx.byArticle) {
    if (excluded.has(articleId)) continue;
    const tr = choose(translations, language, locale, hc.defaultLocale, !!opts.includeInternal);
    if (tr) candidates.push(tr);
  }
  if (!candidates.length) return { citations: [], language, confidence: 0 };
  let stats = statsOf(idx, candidates);
  const corrected = await withCorrections(db, opts.accountId, [locale, hc.defaultLocale], terms, stats);
  if (corrected !== terms) {
    terms = corrected;
    stats = statsOf(idx, candidates);
  }
  const scored: Scored[] = [];
  for (const n of stats.shortlist(terms, SHORTLIST)) {
    const s = scoreTranslation(stats, idx.translations[n], terms);
    if (s.score > 0) scored.push(s);
  }
  scored.sort((a, b) => b.score - a.score || a.tr.slug.localeCompare(b.tr.slug));
  const limit = Math.min(Math.max(opts.limit ?? 3, 1), 10);
  const top = scored.slice(0, limit);
  const base = helpCenterBase(hc, opts.publicBase);
  const citations = top.map(
    (s): Citation => ({
      articleId: s.tr.articleId,
      slug: s.tr.slug,
      title: s.tr.title,
      locale: s.tr.locale,
      score: Math.round(s.score * 10_000) / 10_000,
      url:
        s.tr.visibility === "public"
          ? `${base}/${s.tr.locale}/articles/${s.tr.slug}`
          : `${opts.publicBase}/knowledge/articles/${s.tr.articleId}`,
      passage: bestPassage(stats, s.tr, terms),
    }),
  );
  const [a, b] = scored;
  const signals = a ? { coverage: a.coverage, margin: b ? (a.score - b.score) / a.score : 1 } : undefined;
  return { citations, language, confidence: confidenceOf(scored), signals };
}

/** "da-DK" → "da"; anything that is not a language tag → null. */
export function normalizeLanguage(locale: string | null | undefined): string | null {
  if (!locale) return null;
  const m = /^([a-z]{2,3})(?:[-_][a-z0-9]{2,8})*$/i.exec(locale.trim());
  if (!m) return null;
  const l = m[1].toLowerCase();
  return l === "nb" || l === "nn" ? "no" : l;
}

function queryTerms(question: string): Query[] {
  const words = contentWords(question, MAX_TERMS, isConceptWord);
  return expandQuery(words).map((e) => ({
    word: e.word,
    alts: e.alts.map((a) => ({ keys: keysOf(a.word), weight: a.weight })),
    altWords: e.alts.slice(1).map((a) => a.word),
  }));
}

/** At most this many articles are scored in full per question (see Stats.shortlist). */
const SHORTLIST = 150;
/** How many of a large knowledge base's full-text hits are weighed here. */
const NARROW_TO = 40;

/**
 * A knowledge base too large to hold in memory: the database's full-text search (stemmed, typo-tolerant,
 * falling back to the default language) picks the candidates, with the question's words and their other
 * names; they are then weighed here like a small knowledge base. Idf is then over the candidates only.
 */
async function narrowed(db: DbOrTx, opts: RetrieveOptions, hc: HelpCenterRow, language: string, terms: Query[]): Promise<KbIndex> {
  const audience = opts.includeInternal ? "agent" : "public";
  const words = [...new Set(terms.flatMap((q) => [q.word, ...q.altWords.slice(0, 6)]))].filter((w) => !w.includes("_")).slice(0, 40);
  const typed = await searchArticles(db, {
    accountId: opts.accountId,
    q: terms.map((q) => q.word).join(" "),
    locale: language,
    audience,
    limit: NARROW_TO,
    helpCenter: hc,
  });
  // Few hits for the words as typed: their other names (other languages, synonyms) widen the net.
  const loose =
    typed.items.length >= 5
      ? { items: [] }
      : await searchArticles(db, {
          accountId: opts.accountId,
          q: words.join(" "),
          locale: language,
          audience,
          mode: "text",
          limit: NARROW_TO,
          helpCenter: hc,
        });
  const ids = [...new Set([...typed.items, ...loose.items].map((i) => i.articleId))];
  return indexArticles(db, opts.accountId, ids);
}

/** A corrected spelling counts a little less than a word as typed. */
const CORRECTION_WEIGHT = 0.75;

/**
 * Typo tolerance: words no candidate article uses ("refnd") also search for the closest words the
 * account's articles do use ("refund"), by the knowledge base's own trigram correction (search-query.ts).
 */
async function withCorrections(db: DbOrTx, accountId: string, locales: string[], terms: Query[], st: Stats): Promise<Query[]> {
  const unknown = terms
    .map((q, ord) => ({ q, ord }))
    .filter(({ q }) => q.word.length >= 4 && !q.word.includes("_") && /\p{L}/u.test(q.word) && st.idf(q) < 0);
  if (!unknown.length) return terms;
  const fixed = await correctWords(
    db,
    accountId,
    [...new Set(locales)],
    unknown.map(({ q, ord }) => ({ ord, words: [q.word] })),
  );
  const extra = new Map<number, string[]>(fixed.map((t) => [t.ord, t.words.slice(1)]));
  if (![...extra.values()].some((w) => w.length)) return terms;
  return terms.map((q, ord) => {
    const words = extra.get(ord);
    if (!words?.length) return q;
    const alts = [...q.alts];
    for (const w of words) {
      for (const e of expandQuery([w])[0].alts) alts.push({ keys: keysOf(e.word), weight: e.weight * CORRECTION_WEIGHT });
    }
    return { word: q.word, alts, altWords: [...q.altWords, ...words] };
  });
}

/** The translation a reader of `language` gets: theirs, else the help center's default (cross-language). */
function choose(
  list: IndexedTranslation[],
  language: string,
  locale: string,
  fallback: string,
  internal: boolean,
): IndexedTranslation | null {
  const visible = internal ? list : list.filter((t) => t.visibility === "public");
  if (!visible.length) return null;
  const lang = language.split("-")[0];
  return (
    visible.find((t) => t.locale === locale) ??
    visible.find((t) => t.locale.split("-")[0] === lang) ??
    visible.find((t) => t.locale === fallback) ??
    (internal ? visible[0] : null)
  );
}

/**
 * Document frequencies over the articles this reader can get (one translation each), per question word
 * with all its other names: a word's weight depends on how many competing articles speak of its concept
 * in any language, not on how many languages the knowledge base happens to be translated into.
 */
type Stats = {
  docs: number;
  avgBodyLen: number;
  idf: (q: Query) => number;
  /**
   * The candidates worth scoring in full: those holding the most (idf-weighted) question words in any
   * form, at most `max` of them, so a large knowledge base costs a bounded amount per question.
   */
  shortlist: (qs: Query[], max: number) => number[];
};

/** The keys a word can match by (see matchKeys): a 4-letter prefix only for words of 4+ letters. */
const matchableKeys = (keys: string[]) => keys.filter((k, i) => k && (i !== 2 || k.length >= 6));

function statsOf(idx: KbIndex, candidates: IndexedTranslation[]): Stats {
  const chosen = new Set(candidates.map((t) => t.n));
  const holders = new Map<Query, Set<number>>();
  const holdersOf = (q: Query) => {
    let set = holders.get(q);
    if (!set) {
      set = new Set<number>();
      for (const a of q.alts) {
        for (const k of matchableKeys(a.keys)) for (const n of idx.postings.get(k) ?? []) if (chosen.has(n)) set.add(n);
      }
      holders.set(q, set);
    }
    return set;
  };
  const avgBodyLen = candidates.reduce((n, t) => n + t.bodyLen, 0) / candidates.length || 1;
  const docs = candidates.length;
  return {
    docs,
    avgBodyLen,
    idf(q) {
      const df = holdersOf(q).size;
      // A word no article uses (a name, a typo, a topic not covered) weighs as much as the rarest word.
      return df === 0 ? -Math.log(1 + docs + 0.5) : Math.log(1 + (docs - df + 0.5) / (df + 0.5));
    },
    shortlist(qs, max) {
      const rough = new Map<number, number>();
      for (const q of qs) {
        const w = Math.max(0, this.idf(q));
        for (const n of holdersOf(q)) rough.set(n, (rough.get(n) ?? 0) + w);
      }
      if (rough.size <= max) return [...rough.keys()];
      return [...rough]
        .sort((a, b) => b[1] - a[1])
        .slice(0, max)
        .map(([n]) => n);
    },
  };
}

type Match = { strength: number; tf: number; key: string | null; idf: number };
const NO_MATCH: Match = { strength: 0, tf: 0, key: null, idf: 0 };

/** The best way a field holds a question word or one of its other names (a typed word beats a synonym). */
function match(st: Stats, bag: Bag, q: Query): Match {
  let best = NO_MATCH;
  let bestValue = 0;
  for (const alt of q.alts) {
    const m = matchKeys(bag, alt.keys);
    if (!m.key) continue;
    const value = alt.weight * m.strength;
    if (value > bestValue) {
      bestValue = value;
      best = { ...m, strength: value, idf: Math.max(0, st.idf(q)) };
    }
  }
  return best;
}

/** How well a field holds one word: the whole word 1, its first five letters 0.85, first four 0.55. */
function matchKeys(bag: Bag, keys: string[]): { strength: number; tf: number; key: string | null } {
  const [w, p5, p4, inner] = keys;
  const tw = bag.get(w);
  if (tw) return { strength: 1, tf: tw, key: w };
  const t5 = bag.get(p5);
  if (t5) return { strength: 0.85, tf: t5, key: p5 };
  const t4 = bag.get(p4);
  if (t4 && p4.length >= 6) return { strength: 0.55, tf: t4, key: p4 }; // "4:" + 4 letters
  const tg = inner ? bag.get(inner) : undefined;
  if (tg) return { strength: 0.6, tf: tg, key: inner };
  return { strength: 0, tf: 0, key: null };
}

/** What a question word could contribute at most; a word no article uses counts as a rare one. */
function possibleIdf(st: Stats, q: Query): number {
  return Math.abs(st.idf(q)) * UNKNOWN_IDF_SHARE ** (st.idf(q) < 0 ? 1 : 0);
}

function scoreTranslation(st: Stats, tr: IndexedTranslation, terms: Query[]): Scored {
  let score = 0;
  let covered = 0;
  let possible = 0;
  const lenNorm = 0.25 + 0.75 * (tr.bodyLen / st.avgBodyLen);
  for (const q of terms) {
    const mt = match(st, tr.title_, q);
    const ms = match(st, tr.summary_, q);
    const mb = match(st, tr.body_, q);
    possible += possibleIdf(st, q);
    const bodySat = mb.key ? (mb.tf * (K1 + 1)) / (mb.tf + K1 * lenNorm) : 0;
    score += W_TITLE * mt.idf * mt.strength + W_SUMMARY * ms.idf * ms.strength + W_BODY * mb.idf * mb.strength * bodySat;
    covered += Math.max(mt.idf * mt.strength, ms.idf * ms.strength, mb.idf * mb.strength);
  }
  return { tr, score, coverage: possible > 0 ? covered / possible : 0 };
}

function bestPassage(st: Stats, tr: IndexedTranslation, terms: Query[]): string {
  let best = -1;
  let text = tr.passages[0]?.text ?? tr.summary ?? tr.title;
  for (const p of tr.passages) {
    let s = 0;
    const lenNorm = 0.5 + 0.5 * Math.min(3, passageBag(p).len / 40);
    for (const q of terms) {
      const m = match(st, passageBag(p).bag, q);
      if (m.key) s += m.idf * m.strength * ((m.tf * (K1 + 1)) / (m.tf + K1 * lenNorm));
    }
    if (s > best + 1e-9) {
      best = s;
      text = p.heading && !p.text.startsWith(p.heading) ? `${p.heading}\n${p.text}` : p.text;
    }
  }
  if (best <= 0 && tr.summary) return tr.summary;
  return text;
}

/**
 * Confidence from what the best article covers of the question (idf-weighted, so rare words count most)
 * and how far it is ahead of the runner-up: a question half of whose words appear nowhere, or two
 * articles scoring alike, is not one to answer without a person.
 */
function confidenceOf(scored: Scored[]): number {
  const [a, b] = scored;
  if (!a) return 0;
  const margin = b ? (a.score - b.score) / a.score : 1;
  // Fitted on eval/answers so that 0.55 answers ~70% of questions right and none about a missing topic.
  const c = Math.min(1, a.coverage * 1.4) * (0.6 + 0.4 * Math.min(1, margin * 6));
  return Math.round(Math.max(0, Math.min(1, c)) * 1000) / 1000;
}
