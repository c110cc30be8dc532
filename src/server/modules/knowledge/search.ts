import { type SQL, sql } from "drizzle-orm";
import type { SearchHit } from "../../../shared/schemas";
import type { DbOrTx } from "../../db/client";
import { ensureHelpCenter, type HelpCenterRow, helpCenterBase } from "./help-centers";
import { verificationOf } from "./present";
import { buildTsQueries, correctWords, type Term, type TsQueries } from "./search-query";
import { clip, textSearchConfig, wordsOf } from "./text";

export type SearchSource = "help_center" | "widget" | "api";

export type SearchOptions = {
  accountId: string;
  /** What the visitor typed (or, with mode "text", a conversation's text). Always treated as plain words. */
  q: string;
  /** The visitor's language; articles not translated into it are found in the help center's default language. */
  locale?: string | null;
  /** public: published public articles (help center, widget); agent: published internal ones too. */
  audience?: "public" | "agent";
  limit?: number;
  /** query: all words must match (then typo-corrected, then any word); text: any word, for long texts. */
  mode?: "query" | "text";
  /** Set for searches visitors make: recorded in help_searches with the result count. */
  source?: SearchSource;
  /** Absolute base for result URLs (e.g. https://support.example.com); relative URLs without it. */
  publicBase?: string;
  helpCenter?: HelpCenterRow;
};

export type ArticleHit = SearchHit & { verified: boolean };
export type SearchOutcome = { query: string; locale: string; items: ArticleHit[] };

const HEADLINE = 'StartSel=«, StopSel=», MaxWords=28, MinWords=12, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "';
const WEIGHTS = "{0.05, 0.2, 0.4, 1.0}"; // D, C (body), B (summary), A (title)
/** Bounds on the rows one search reads: see run(). */
const TITLE_HITS = 400;
const BODY_HITS = 300;
const CANDIDATES = 40;

/** The help-center locale for what a visitor asked for: exact, then by language (da-DK → da), else the default. */
export function pickLocale(hc: Pick<HelpCenterRow, "locales" | "defaultLocale">, wanted: string | null | undefined): string {
  if (!wanted) return hc.defaultLocale;
  const w = wanted.toLowerCase();
  const exact = hc.locales.find((l) => l.toLowerCase() === w);
  if (exact) return exact;
  const lang = w.split("-")[0];
  return (
    hc.locales.find((l) => l.toLowerCase() === lang) ?? hc.locales.find((l) => l.split("-")[0].toLowerCase() === lang) ?? hc.defaultLocale
  );
}

/**
 * Full-text search over the knowledge base: PostgreSQL text search in the locale's configuration (title
 * weighted above summary above body), falling back per article to the help center's default language;
 * typo-tolerant through trigram corrections against the articles' own vocabulary. Snippets are plain text
 * with «» around matched words. Used by the public API, the help center, the chat widget and suggestions.
 */
export async function searchArticles(db: DbOrTx, opts: SearchOptions): Promise<SearchOutcome> {
  const hc = opts.helpCenter ?? (await ensureHelpCenter(db, opts.accountId));
  const audience = opts.audience ?? "public";
  const locale = audience === "agent" && opts.locale ? opts.locale : pickLocale(hc, opts.locale);
  const query = clip(opts.q, 200);
  const mode = opts.mode ?? "query";
  const limit = Math.min(Math.max(opts.limit ?? 8, 1), 50);
  const words = wordsOf(opts.q, mode === "text" ? 40 : 16);
  if (!words.length) return { query, locale, items: [] };

  const ctx: Ctx = {
    db,
    accountId: opts.accountId,
    locale,
    fallback: hc.defaultLocale,
    cfg: await textSearchConfig(db, locale),
    fallbackCfg: await textSearchConfig(db, hc.defaultLocale),
    audience,
    limit,
  };
  let terms: Term[] = words.map((w, ord) => ({ ord, words: [w] }));
  let queries = await buildTsQueries(db, terms, [ctx.cfg, ctx.fallbackCfg]);
  let rows = mode === "text" ? await run(ctx, queries, "loose") : await run(ctx, queries, "strict");
  // Results that match only some of the words are offered, but the search still counts as unanswered.
  let partial = false;
  const loose = async (c: Ctx) => {
    const r = await run(c, queries, "loose");
    partial = r.length > 0;
    return r;
  };
  if (!rows.length && mode === "query") {
    const corrected = await correctWords(db, opts.accountId, [...new Set([locale, hc.defaultLocale])], terms);
    if (corrected !== terms) {
      terms = corrected;
      queries = await buildTsQueries(db, terms, [ctx.cfg, ctx.fallbackCfg]);
      rows = await run(ctx, queries, "strict");
    }
    if (!rows.length) rows = await loose(ctx);
  }
  if (!rows.length && ctx.locale !== ctx.fallback) {
    // Visitors often type the default language's words (an English product term on a Danish page): the
    // articles' default-language text is the last place to look.
    const inDefault = { ...ctx, locale: ctx.fallback, cfg: ctx.fallbackCfg };
    rows = await run(inDefault, queries, mode === "text" ? "loose" : "strict");
    if (!rows.length && mode === "query") rows = await loose(inDefault);
  }

  const helpBase = helpCenterBase(hc, opts.publicBase ?? "");
  const items = rows.map(
    (r): ArticleHit => ({
      articleId: r.article_id,
      slug: r.slug,
      locale: r.locale,
      title: r.title,
      snippet: clip(r.snippet ?? "", 320),
      score: Math.round(Number(r.score) * 10_000) / 10_000,
      url:
        r.visibility === "public"
          ? `${helpBase}/${r.locale}/articles/${r.slug}`
          : `${opts.publicBase ?? ""}/knowledge/articles/${r.article_id}`,
      visibility: r.visibility,
      verified: verificationOf(r).state === "verified",
    }),
  );
  if (opts.source) await recordSearch(db, opts.accountId, query, locale, partial ? 0 : items.length, opts.source);
  return { query, locale, items };
}

type Ctx = {
  db: DbOrTx;
  accountId: string;
  locale: string;
  fallback: string;
  cfg: string;
  fallbackCfg: string;
  audience: "public" | "agent";
  limit: number;
};

type Row = {
  article_id: string;
  slug: string;
  visibility: "public" | "internal";
  locale: string;
  title: string;
  snippet: string | null;
  score: number;
  verified_at: string | null;
  verified_by_id: null;
  verified_by_name: null;
  verify_every_days: number;
};

/**
 * One search pass, with bounded work however many articles match: articles matching in their title or
 * summary come first (found through the small search_title vector's own index, at most TITLE_HITS of them
 * ranked by it); only when those are too few are body matches added, the most viewed of at most
 * BODY_HITS. The best CANDIDATES are then ranked by the full (large, compressed) vector.
 */
async function run(ctx: Ctx, queries: Map<string, TsQueries>, kind: keyof TsQueries): Promise<Row[]> {
  const q = queries.get(ctx.cfg)?.[kind] ?? null;
  const fq = queries.get(ctx.fallbackCfg)?.[kind] ?? null;
  if (!q && !(fq && ctx.fallback !== ctx.locale)) return [];
  const where = (column: SQL) => {
    const branches: SQL[] = [];
    if (q) branches.push(sql`(t.locale = ${ctx.locale} AND ${column} @@ ${q}::tsquery)`);
    if (fq && ctx.fallback !== ctx.locale) {
      branches.push(sql`(t.locale = ${ctx.fallback} AND ${column} @@ ${fq}::tsquery AND NOT EXISTS (
        SELECT 1 FROM article_translations x WHERE x.article_id = t.article_id AND x.locale = ${ctx.locale} AND x.status = 'published'))`);
    }
    return sql`t.account_id = ${ctx.accountId} AND t.status = 'published'
      ${ctx.audience === "public" ? sql`AND t.visibility = 'public'` : sql``} AND (${sql.join(branches, sql` OR `)})`;
  };
  const query = sql`(CASE WHEN t.locale = ${ctx.locale} THEN ${q} ELSE ${fq} END)::tsquery`;
  const cfg = sql`(CASE WHEN t.locale = ${ctx.locale} THEN ${ctx.cfg} ELSE ${ctx.fallbackCfg} END)::regconfig`;
  // The outer LIMIT stops the second branch from running at all when titles gave enough.
  const res = await ctx.db.execute(sql`
    WITH best AS (
      (SELECT * FROM (
        SELECT t.article_id, t.locale, t.views, ts_rank(${WEIGHTS}, t.search_title, ${query}) AS head
        FROM article_translations t WHERE ${where(sql`t.search_title`)} LIMIT ${TITLE_HITS}
      ) th ORDER BY head DESC, views DESC LIMIT ${CANDIDATES})
      UNION ALL
      (SELECT * FROM (
        SELECT t.article_id, t.locale, t.views, 0::real AS head
        FROM article_translations t WHERE ${where(sql`t.search`)} AND NOT coalesce(t.search_title @@ ${query}, false) LIMIT ${BODY_HITS}
      ) bh ORDER BY views DESC LIMIT ${CANDIDATES})
      LIMIT ${CANDIDATES}
    ), ranked AS (
      SELECT t.article_id, a.slug, t.visibility, t.locale, t.title, t.views, a.verified_at, a.verify_every_days,
        ${cfg} AS cfg, ${query} AS query, b.head + ts_rank(${WEIGHTS}, t.search, ${query}, 1) AS score,
        translate(concat_ws(E'\n', t.summary, left(t.body_text, 4000)), '«»', '""') AS text
      FROM best b JOIN article_translations t ON t.article_id = b.article_id AND t.locale = b.locale JOIN articles a ON a.id = t.article_id
      ORDER BY score DESC, t.views DESC, t.article_id
      LIMIT ${ctx.limit}
    )
    SELECT r.article_id, r.slug, r.visibility, r.locale, r.title, r.score, r.verified_at, r.verify_every_days,
      ts_headline(r.cfg, r.text, r.query, ${HEADLINE}) AS snippet
    FROM ranked r
    ORDER BY r.score DESC, r.views DESC, r.article_id`);
  return res.rows as Row[];
}

/** Logs a visitor's search and how many results it had; 0 results is a gap the knowledge base should fill. */
export async function recordSearch(db: DbOrTx, accountId: string, query: string, locale: string, results: number, source: SearchSource) {
  // Analytics, not business data: not waiting for the disk flush keeps searches fast (a crash loses at most
  // the last few). One statement, so the setting applies to its own transaction only.
  await db.execute(sql`
    WITH async AS (SELECT set_config('synchronous_commit', 'off', true))
    INSERT INTO help_searches (account_id, query, locale, results, source)
    SELECT ${accountId}, ${query}, ${locale}, ${results}, ${source} FROM async`);
}
