/**
 * Help-center search at scale: one account with BENCH_HELP_ARTICLES (10,000) articles in five languages
 * (en, da, de, es, pl: 50,000 translations), bulk-loaded in SQL with the same search vectors and vocabulary
 * the API writes. Measures p50/p99 of the search function the widget calls (in this process, on its own
 * pool) and of the public endpoint GET /api/v1/public/:slug/search on the server, one request at a time,
 * over a mix of queries: common words, a rare term, a typo, nothing to find, and a fallback to the default
 * language. Target: p99 < 50 ms.
 */
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import type pg from "pg";
import { DEMO_ARTICLES } from "../src/server/demo/articles-content";
import { createDb } from "../src/server/db/client";
import { renderMarkdown } from "../src/server/modules/knowledge/markdown";
import { searchVector, titleVector } from "../src/server/modules/knowledge/save-translation";
import { searchArticles } from "../src/server/modules/knowledge/search";
import { textSearchConfig, vocabularyOf, wordsOf } from "../src/server/modules/knowledge/text";
import type { CpuMeter, CpuUse } from "./cpu";
import { Client, type Stats, sequential, summarize } from "./load";

// The public search is rate-limited per IP; the benchmark is one IP asking thousands of times.
process.env.RAPPORT_HELP_RATE_LIMIT ??= "100000";

const ARTICLES = Number(process.env.BENCH_HELP_ARTICLES ?? 10_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const WARMUP = 30;
const LOCALES = ["en", "da", "de", "es", "pl"] as const;
const SLUG = "bench-help";

export type HelpBench = {
  articles: number;
  translations: number;
  loadSeconds: number;
  fn: Stats;
  http: Stats;
  byKind: { kind: string; fn: Stats; http: Stats }[];
  cpu: CpuUse;
};

/** mulberry32: the same data on every run. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Each language's real words (from the demo knowledge base), most frequent first, plus made-up product terms. */
function vocabularies(rand: () => number) {
  const SYL = ["ka", "lo", "mi", "ren", "tas", "vo", "bex", "dri", "nor", "quel", "sta", "fu", "zan", "pli", "gor", "wen"];
  const terms = new Set<string>();
  while (terms.size < 4000)
    terms.add(Array.from({ length: 2 + Math.floor(rand() * 3) }, () => SYL[Math.floor(rand() * SYL.length)]).join(""));
  const rare = [...terms];
  const common: Record<string, string[]> = {};
  for (const l of LOCALES) {
    const counts = new Map<string, number>();
    for (const a of DEMO_ARTICLES) {
      const t = a.t[l];
      if (!t) continue;
      for (const w of wordsOf(`${t.title} ${t.summary} ${t.body}`, 10_000))
        if (w.length > 1 && !/^\d+$/.test(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    common[l] = [...counts].sort((a, b) => b[1] - a[1]).map(([w]) => w);
  }
  return { common, rare };
}

/**
 * Articles are about something: each draws most words from one of 40 topics (a few dozen of the language's
 * words and product terms), some from the language's most common words, a few from anywhere. So a word
 * matches a realistic share of articles, from almost all (the, and) to a handful (a product name).
 */
type Topics = Record<string, { words: string[]; terms: string[] }[]>;
function topics(rand: () => number, voc: ReturnType<typeof vocabularies>): Topics {
  const out: Topics = {};
  for (const l of LOCALES) {
    const pool = voc.common[l];
    out[l] = Array.from({ length: 40 }, () => ({
      words: Array.from({ length: 40 }, () => pool[Math.floor(pool.length * rand() ** 1.3)]),
      terms: Array.from({ length: 25 }, () => voc.rare[Math.floor(rand() * voc.rare.length)]),
    }));
  }
  return out;
}

function generate(rand: () => number, voc: ReturnType<typeof vocabularies>, tops: Topics, i: number, locale: string) {
  const pool = voc.common[locale];
  const topic = tops[locale][i % 40];
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const word = () => {
    const r = rand();
    if (r < 0.25) return pool[Math.floor(30 * rand())]; // the language's most common words
    if (r < 0.75) return pick(topic.words);
    if (r < 0.9) return pick(topic.terms);
    return rand() < 0.5 ? pool[Math.floor(pool.length * rand())] : pick(voc.rare);
  };
  const words = (n: number) => Array.from({ length: n }, word);
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const title = cap([pick(topic.words), pick(topic.words), pick(topic.terms), i % 7 === 0 ? pick(voc.rare) : ""].filter(Boolean).join(" "));
  const summary = cap(`${words(12).join(" ")}.`);
  const paragraphs = Array.from({ length: 2 + (i % 4) }, () => cap(`${words(40 + Math.floor(rand() * 60)).join(" ")}.`));
  paragraphs[0] = paragraphs[0].replace(/^(\S+ \S+)/, "**$1**");
  return { title, summary, body: paragraphs.join("\n\n") };
}

export async function loadHelpCenterDataset(
  pool: pg.Pool,
): Promise<{ accountId: string; seconds: number; queries: { kind: string; q: string; locale: string }[] }> {
  const started = performance.now();
  const rand = prng(4242);
  const voc = vocabularies(rand);
  const tops = topics(rand, voc);
  const accountId = (await pool.query("INSERT INTO accounts (name) VALUES ('Bench help center') RETURNING id")).rows[0].id as string;
  await pool.query("INSERT INTO help_centers (account_id, slug, title, default_locale, locales) VALUES ($1, $2, 'Bench', 'en', $3)", [
    accountId,
    SLUG,
    LOCALES,
  ]);
  const vocab = new Map<string, Set<string>>(LOCALES.map((l) => [l, new Set<string>()]));
  const titles: Record<string, string[]> = Object.fromEntries(LOCALES.map((l) => [l, []]));
  const BATCH = 500;
  for (let start = 0; start < ARTICLES; start += BATCH) {
    const n = Math.min(BATCH, ARTICLES - start);
    const ids = Array.from({ length: n }, () => crypto.randomUUID());
    await pool.query(
      `INSERT INTO articles (id, account_id, slug, visibility, verified_at)
       SELECT id, $1, 'a-' || s, CASE WHEN s % 10 = 0 THEN 'internal' ELSE 'public' END, now() FROM unnest($2::uuid[], $3::int[]) AS x(id, s)`,
      [accountId, ids, ids.map((_, k) => start + k)],
    );
    const rows: { id: string; locale: string; title: string; summary: string; md: string; html: string; text: string; status: string }[] =
      [];
    for (let k = 0; k < n; k++) {
      const i = start + k;
      // Every article in English; the others in most languages (a few fall back to English).
      for (const locale of LOCALES) {
        if (locale !== "en" && (i + locale.charCodeAt(0)) % 9 === 0) continue;
        const g = generate(rand, voc, tops, i, locale);
        const r = renderMarkdown(g.body);
        for (const w of vocabularyOf(`${g.title}\n${g.summary}\n${r.text}`)) vocab.get(locale)?.add(w);
        if (i % 97 === 0) titles[locale].push(g.title);
        rows.push({
          id: ids[k],
          locale,
          title: g.title,
          summary: g.summary,
          md: g.body,
          html: r.html,
          text: r.text,
          status: i % 20 === 7 ? "draft" : "published",
        });
      }
    }
    await pool.query(
      `INSERT INTO article_translations (account_id, article_id, locale, title, summary, body_markdown, body_html, body_text, status, visibility,
         published_at, views)
       SELECT $1, x.id, locale, title, summary, md, html, txt, status, a.visibility, CASE WHEN status = 'published' THEN now() END, (random() * 500)::int
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS x(id, locale, title, summary, md, html, txt, status)
       JOIN articles a ON a.id = x.id`,
      [accountId, ...(["id", "locale", "title", "summary", "md", "html", "text", "status"] as const).map((f) => rows.map((r) => r[f]))],
    );
  }
  const db = createDb(pool);
  for (const locale of LOCALES) {
    const cfg = await textSearchConfig(db, locale);
    await db.execute(sql`
      UPDATE article_translations SET search = ${searchVector(cfg, sql`title`, sql`coalesce(summary, '')`, sql`body_text`)},
        search_title = ${titleVector(cfg, sql`title`, sql`coalesce(summary, '')`)}
      WHERE account_id = ${accountId} AND locale = ${locale}`);
    const words = [...(vocab.get(locale) ?? [])].sort();
    await pool.query(
      "INSERT INTO knowledge_words (account_id, locale, word) SELECT $1, $2, w FROM unnest($3::text[]) AS w ON CONFLICT DO NOTHING",
      [accountId, locale, words],
    );
  }
  await pool.query("VACUUM ANALYZE articles, article_translations, knowledge_words");

  // The query mix, per language: common words, a rare product term, a typo of it, nothing to find, fallback.
  const queries: { kind: string; q: string; locale: string }[] = [];
  const qrand = prng(99);
  for (const locale of LOCALES) {
    const pool = voc.common[locale];
    for (let j = 0; j < 4; j++) {
      const title = titles[locale][Math.floor(qrand() * titles[locale].length)];
      const [a, b, term] = title.toLowerCase().split(" ");
      queries.push({ kind: "two common words", q: `${pool[j * 3]} ${pool[j * 5 + 1]}`, locale });
      queries.push({ kind: "topic words", q: `${pool[40 + j * 7]} ${pool[60 + j * 11]}`, locale });
      queries.push({ kind: "title words", q: `${a} ${b} ${term}`, locale });
      queries.push({ kind: "rare term", q: term, locale });
      queries.push({ kind: "typo", q: `${term.slice(0, 2)}${term.slice(3)} ${a}`, locale });
      queries.push({ kind: "no result", q: `xylophone${j} quixotic${j}`, locale });
    }
  }
  return { accountId, seconds: (performance.now() - started) / 1000, queries };
}

export async function helpCenterBench(server: { url: URL }, pool: pg.Pool, meter: CpuMeter): Promise<HelpBench> {
  const { accountId, seconds, queries } = await loadHelpCenterDataset(pool);
  const db = createDb(pool);
  const done = meter.start();

  const fnLat = new Map<string, number[]>();
  const runFn = async (i: number, record: boolean) => {
    const x = queries[i % queries.length];
    const t0 = performance.now();
    await searchArticles(db, { accountId, q: x.q, locale: x.locale, source: "api", publicBase: "http://bench" });
    if (record) fnLat.set(x.kind, [...(fnLat.get(x.kind) ?? []), performance.now() - t0]);
  };
  for (let i = 0; i < WARMUP; i++) await runFn(i, false);
  const t0 = performance.now();
  for (let i = 0; i < SAMPLES; i++) await runFn(i, true);
  const fnSeconds = (performance.now() - t0) / 1000;

  const client = new Client(server.url, "", 1);
  const httpLat = new Map<string, number[]>();
  let i = 0;
  const http = await sequential(SAMPLES, WARMUP, async () => {
    const x = queries[i++ % queries.length];
    const r = await client.request("GET", `/api/v1/public/${SLUG}/search?q=${encodeURIComponent(x.q)}&locale=${x.locale}`);
    if (i > WARMUP) httpLat.set(x.kind, [...(httpLat.get(x.kind) ?? []), r.ms]);
    return r;
  });
  client.close();
  const all = [...fnLat.values()].flat();
  const kinds = [...new Set(queries.map((q) => q.kind))];
  const translations = (await pool.query("SELECT count(*)::int AS n FROM article_translations WHERE account_id = $1", [accountId])).rows[0]
    .n as number;
  return {
    articles: ARTICLES,
    translations,
    loadSeconds: seconds,
    fn: summarize(all, 0, fnSeconds),
    http,
    byKind: kinds.map((kind) => ({ kind, fn: summarize(fnLat.get(kind) ?? [], 0, 1), http: summarize(httpLat.get(kind) ?? [], 0, 1) })),
    cpu: done(),
  };
}
