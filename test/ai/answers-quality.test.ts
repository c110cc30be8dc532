import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EvalReport, evaluate, formatReport, loadEvalSets, seedDemoKnowledge } from "../../src/server/ai/answers/evaluate";
import { startTestApp, type TestApp } from "../helpers/app";

// The committed question sets (eval/answers): a regression in retrieval fails here, not in production.
const DIR = path.join(__dirname, "../../eval/answers");
let t: TestApp;
let report: EvalReport;

beforeAll(async () => {
  t = await startTestApp();
  const accountId = await seedDemoKnowledge(t.app.ctx.db);
  const sets = loadEvalSets(DIR);
  report = await evaluate(t.app.ctx.db, accountId, [...sets.same, ...[sets.cross, sets.typos].filter((x) => x !== null)], sets.negatives);
  console.log(formatReport(report));
}, 180_000);
afterAll(async () => t?.close());

describe("answer quality on the demo knowledge base", () => {
  it("has at least 15 customer-phrased questions per demo language", () => {
    for (const lang of ["en", "da", "de", "pl", "es"]) {
      expect(report.sets.find((s) => s.name === lang)?.n ?? 0, lang).toBeGreaterThanOrEqual(15);
    }
  });

  it("finds the right article first for ≥ 85% and in the top 3 for ≥ 95% of questions, per language", () => {
    for (const s of report.sets.filter((x) => x.name.length === 2)) {
      expect(s.top1, `${s.name} top-1`).toBeGreaterThanOrEqual(0.85);
      expect(s.top3, `${s.name} top-3`).toBeGreaterThanOrEqual(0.95);
    }
  });

  it("finds English articles for questions in languages without articles (reported separately)", () => {
    const cross = report.sets.find((s) => s.name === "cross-language");
    expect(cross?.top3 ?? 0).toBeGreaterThanOrEqual(0.8);
  });

  it("tolerates typos (reported separately)", () => {
    const typos = report.sets.find((s) => s.name === "typos");
    expect(typos?.top3 ?? 0).toBeGreaterThanOrEqual(0.8);
  });

  it("is sure of itself only when right: no question without an article clears the default threshold", () => {
    expect(report.negativesConfident).toBe(0);
    for (const s of report.sets.filter((x) => x.name.length === 2)) expect(s.confidentCorrect, s.name).toBeGreaterThanOrEqual(0.9);
  });

  it("answers fast: the whole offline answer p99 under 100 ms", () => {
    expect(report.p99Ms).toBeLessThan(100);
    expect(report.answerP99Ms).toBeLessThan(100);
  });
});
