/** Multinomial logistic regression with L2, trained by full-batch gradient descent (small data, fast). */
import type { Features, LinearModel } from "../../src/server/ai/engine/linear";
import { softmax } from "../../src/server/ai/engine/linear";

export type Example = { features: Features; label: number; weight?: number };

export function trainLogistic(
  examples: Example[],
  classes: string[],
  opts: { l2?: number; epochs?: number; rate?: number; featureL2?: (name: string) => number } = {},
): LinearModel {
  const l2 = opts.l2 ?? 0.01;
  const epochs = opts.epochs ?? 400;
  const rate = opts.rate ?? 0.5;
  const K = classes.length;
  const names = new Set<string>();
  for (const e of examples) for (const k of e.features.keys()) names.add(k);
  const index = new Map([...names].map((n, i) => [n, i]));
  const W = [...names].map(() => new Float64Array(K));
  const penalty = [...names].map((n) => l2 * (opts.featureL2?.(n) ?? 1));
  const b = new Float64Array(K);
  const rows = examples.map((e) => ({ idx: [...e.features].map(([k, v]) => [index.get(k)!, v] as const), label: e.label, w: e.weight ?? 1 }));
  const totalW = rows.reduce((a, r) => a + r.w, 0);
  // Adagrad keeps rare features (one language's words) learning at a useful pace.
  const gW = [...names].map(() => new Float64Array(K));
  const gB = new Float64Array(K);
  const accW = [...names].map(() => new Float64Array(K).fill(1e-8));
  const accB = new Float64Array(K).fill(1e-8);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const g of gW) g.fill(0);
    gB.fill(0);
    for (const r of rows) {
      const s = Array.from(b);
      for (const [i, v] of r.idx) for (let k = 0; k < K; k++) s[k] += W[i][k] * v;
      const p = softmax(s);
      for (let k = 0; k < K; k++) {
        const d = (r.w * (p[k] - (k === r.label ? 1 : 0))) / totalW;
        gB[k] += d;
        for (const [i, v] of r.idx) gW[i][k] += d * v;
      }
    }
    for (let i = 0; i < W.length; i++) {
      for (let k = 0; k < K; k++) {
        const g = gW[i][k] + penalty[i] * W[i][k];
        accW[i][k] += g * g;
        W[i][k] -= (rate * g) / Math.sqrt(accW[i][k]);
      }
    }
    for (let k = 0; k < K; k++) {
      accB[k] += gB[k] * gB[k];
      b[k] -= (rate * gB[k]) / Math.sqrt(accB[k]);
    }
  }
  const weights: Record<string, number[]> = {};
  for (const [n, i] of index) {
    const w = Array.from(W[i], (x) => Math.round(x * 1e4) / 1e4);
    if (w.some((x) => Math.abs(x) >= 1e-3)) weights[n] = w;
  }
  return { classes, bias: Array.from(b, (x) => Math.round(x * 1e4) / 1e4), weights };
}
