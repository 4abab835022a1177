/** Seeded synthetic data shared by the model tests (not exported from the barrel). */
import { rng } from "../util/stats";

/** y = 2*[x0 > 0.5] + x1 + noise*N(0,1)-ish; p features in [0,1). */
export function stepData(n: number, p: number, seed: number, noise = 0.1): { X: Float64Array[]; y: Float64Array } {
  const r = rng(seed);
  const X: Float64Array[] = [];
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = new Float64Array(p);
    for (let j = 0; j < p; j++) row[j] = r();
    X.push(row);
    const e = (r() + r() + r() + r() - 2) * Math.sqrt(3); // approx N(0,1)
    y[i] = 2 * ((row[0] as number) > 0.5 ? 1 : 0) + (row[1] as number) + noise * e;
  }
  return { X, y };
}
