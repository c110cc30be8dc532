/** A multinomial logistic-regression model over named, sparse features (trained by scripts/nlp). */
export type LinearModel = {
  classes: string[];
  bias: number[];
  weights: Record<string, number[]>;
};

export type Features = Map<string, number>;

/** Class probabilities (softmax of the linear scores); features the model never saw are ignored. */
export function predict(model: LinearModel, features: Features): number[] {
  const scores = model.bias.slice();
  for (const [name, value] of features) {
    const w = model.weights[name];
    if (!w || value === 0) continue;
    for (let k = 0; k < scores.length; k++) scores[k] += w[k] * value;
  }
  return softmax(scores);
}

export function softmax(scores: number[]): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export function argmax(values: number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
