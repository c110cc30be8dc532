import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Actor } from "../../actor";
import type { Db } from "../../db/client";
import { seedArticles } from "../../demo/articles";
import { answerQuestion } from "./answer-question";
import { retrieveCitations } from "./retrieve";

/**
 * The answer-quality evaluation shared by `npm run eval:answers` and test/ai/answers-quality.test.ts:
 * customer-phrased questions per language (eval/answers/<lang>.jsonl) against the demo knowledge base,
 * right article top-1 / top-3, confidence on the right and wrong ones, and answer latency.
 */
export type EvalItem = { question: string; slug: string | null; locale?: string };
export type EvalSet = { name: string; locale: string | null; items: EvalItem[] };

export type SetResult = {
  name: string;
  n: number;
  top1: number;
  top3: number;
  /** Share of questions whose confidence clears the default threshold (0.55). */
  confident: number;
  /** Of the confident ones, share citing the right article first (what the AI agent would answer). */
  confidentCorrect: number;
  misses: { q: string; want: string | null; got: string[]; confidence: number }[];
};

export type EvalReport = {
  sets: SetResult[];
  p50Ms: number;
  p99Ms: number;
  /** The whole offline answer: analysis, retrieval and composition. */
  answerP50Ms: number;
  answerP99Ms: number;
  negativesConfident: number;
  negatives: number;
  negativeConfidences: string[];
  /** Every question with its confidence signals, for calibrating the threshold. */
  dump: Record<string, unknown>[];
};

export const THRESHOLD = 0.55;

export function loadEvalSets(dir: string): { same: EvalSet[]; cross: EvalSet | null; typos: EvalSet | null; negatives: EvalSet | null } {
  const read = (file: string): EvalItem[] =>
    fs
      .readFileSync(path.join(dir, file), "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as EvalItem);
  const same: EvalSet[] = [];
  for (const f of fs.readdirSync(dir).sort()) {
    const m = /^([a-z]{2})\.jsonl$/.exec(f);
    if (m) same.push({ name: m[1], locale: m[1], items: read(f) });
  }
  const has = (f: string) => fs.existsSync(path.join(dir, f));
  return {
    same,
    cross: has("cross.jsonl") ? { name: "cross-language", locale: null, items: read("cross.jsonl") } : null,
    typos: has("typos.jsonl") ? { name: "typos", locale: null, items: read("typos.jsonl") } : null,
    negatives: has("negatives.jsonl") ? { name: "no article", locale: null, items: read("negatives.jsonl") } : null,
  };
}

/** A fresh account with the demo help center and articles; returns its id. */
export async function seedDemoKnowledge(db: Db): Promise<string> {
  const acc = await db.execute(sql`INSERT INTO accounts (name) VALUES ('Northwind eval') RETURNING id`);
  const accountId = (acc.rows[0] as { id: string }).id;
  const u = await db.execute(sql`
    INSERT INTO users (account_id, name, email, role, password_hash)
    VALUES (${accountId}, 'Eval Owner', ${`eval-${accountId}@example.com`}, 'owner', 'x') RETURNING id`);
  const author: Actor = { accountId, userId: (u.rows[0] as { id: string }).id, name: "Eval Owner", role: "owner", via: "session" };
  await seedArticles(db, { author, owners: [author] });
  return accountId;
}

export async function evaluate(db: Db, accountId: string, sets: EvalSet[], negatives: EvalSet | null): Promise<EvalReport> {
  const times: number[] = [];
  const dump: Record<string, unknown>[] = [];
  const results: SetResult[] = [];
  const ask = async (item: EvalItem, locale: string | null) => {
    const t0 = performance.now();
    const r = await retrieveCitations(db, {
      accountId,
      question: item.question,
      locale: item.locale ?? locale,
      publicBase: "https://help.example.com",
    });
    times.push(performance.now() - t0);
    return r;
  };
  for (const set of sets) {
    const res: SetResult = { name: set.name, n: set.items.length, top1: 0, top3: 0, confident: 0, confidentCorrect: 0, misses: [] };
    let confidentRight = 0;
    for (const item of set.items) {
      const r = await ask(item, set.locale);
      const slugs = r.citations.map((c) => c.slug);
      const right1 = slugs[0] === item.slug;
      if (right1) res.top1++;
      if (slugs.slice(0, 3).includes(item.slug ?? "")) res.top3++;
      if (r.confidence >= THRESHOLD) {
        res.confident++;
        if (right1) confidentRight++;
      }
      dump.push({ set: set.name, q: item.question, right: right1, confidence: r.confidence, ...r.signals });
      if (!right1) res.misses.push({ q: item.question, want: item.slug, got: slugs.slice(0, 3), confidence: r.confidence });
    }
    res.confidentCorrect = res.confident ? confidentRight / res.confident : 1;
    res.top1 /= res.n;
    res.top3 /= res.n;
    res.confident /= res.n;
    results.push(res);
  }
  let negativesConfident = 0;
  const negativeConfidences: string[] = [];
  for (const item of negatives?.items ?? []) {
    const r = await ask(item, null);
    if (r.confidence >= THRESHOLD) negativesConfident++;
    negativeConfidences.push(`${r.confidence} ${item.question}`);
    dump.push({ set: "negative", q: item.question, right: false, confidence: r.confidence, ...r.signals });
  }
  // The whole offline answer (analysis, retrieval, composition) for every question once more.
  const answerTimes: number[] = [];
  for (const set of sets) {
    for (const item of set.items) {
      const t0 = performance.now();
      await answerQuestion({
        db,
        accountId,
        question: item.question,
        locale: item.locale ?? set.locale,
        publicBase: "https://help.example.com",
      });
      answerTimes.push(performance.now() - t0);
    }
  }
  // Warm runs only: the first question of a process builds the index.
  const pctOf = (xs: number[]) => {
    const sorted = xs.slice(1).sort((a, b) => a - b);
    return (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  };
  const pct = pctOf(times);
  const apct = pctOf(answerTimes);
  return {
    sets: results,
    p50Ms: pct(0.5),
    p99Ms: pct(0.99),
    answerP50Ms: apct(0.5),
    answerP99Ms: apct(0.99),
    negativesConfident,
    negatives: negatives?.items.length ?? 0,
    negativeConfidences,
    dump,
  };
}

export function formatReport(r: EvalReport, verbose = false): string {
  const pc = (x: number) => `${(x * 100).toFixed(0)}%`.padStart(5);
  const lines = ["set              n  top-1  top-3  confident  right-when-confident"];
  for (const s of r.sets) {
    lines.push(
      `${s.name.padEnd(15)}${String(s.n).padStart(3)}  ${pc(s.top1)}  ${pc(s.top3)}      ${pc(s.confident)}                 ${pc(s.confidentCorrect)}`,
    );
    if (verbose)
      for (const m of s.misses) lines.push(`    miss: "${m.q}" want ${m.want} got ${m.got.join(", ") || "-"} (confidence ${m.confidence})`);
  }
  lines.push(`questions with no article answered confidently: ${r.negativesConfident}/${r.negatives}`);
  if (verbose) for (const n of r.negativeConfidences) lines.push(`    no article: ${n}`);
  lines.push(`retrieval latency p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms`);
  lines.push(`offline answer latency p50 ${r.answerP50Ms.toFixed(1)} ms, p99 ${r.answerP99Ms.toFixed(1)} ms`);
  return lines.join("\n");
}
