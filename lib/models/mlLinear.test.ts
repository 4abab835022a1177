import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { mirrorRoot, projectRoot } from "../data/paths";
import { readTrace } from "../traces/read";
import { LogLinearSize, THEIL_SEN_MAX_ROWS } from "./baseline";
import { ModelInputError, NotFittedError } from "./estimator";
import { galaxyTable } from "../features/galaxyTable";
import { LinearOLS } from "./mlLinear";
import { rebuildModel } from "./registry";
import { canonicalJSON, modelToJSON, parseModel, trainingDataSha256 } from "./serialize";

const mirror = mirrorRoot();
const GALAXY = mirror ? join(mirror, "galaxy-main", "csv_dump/devteam_samtools_sort_samtools_sort_2.0.1.csv") : "";
const haveGalaxy = GALAXY !== "" && existsSync(GALAXY);
const TRACE = join(projectRoot(), "data/harness/trace.tsv");

/** Solve the (p x p) system A x = b by Gaussian elimination with partial pivoting (test-only closed form). */
function gauss(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((r, i) => [...r, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs((M[r] as number[])[c] as number) > Math.abs((M[piv] as number[])[c] as number)) piv = r;
    [M[c], M[piv]] = [M[piv] as number[], M[c] as number[]];
    const rc = M[c] as number[];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const rr = M[r] as number[];
      const f = (rr[c] as number) / (rc[c] as number);
      for (let k = c; k <= n; k++) rr[k] = (rr[k] as number) - f * (rc[k] as number);
    }
  }
  return M.map((r, i) => (r[n] as number) / (r[i] as number));
}

/** bwa_mem CPU seconds vs input bytes from the committed harness trace. */
function bwaTrace(): { X: number[][]; y: number[] } {
  const t = readTrace(TRACE, { format: "nextflow" });
  const rows = t.runs.filter((r) => r.task === "bwa_mem" && (r.cpuS ?? 0) > 0 && (r.inputBytes ?? 0) > 0);
  return { X: rows.map((r) => [r.inputBytes as number]), y: rows.map((r) => Math.log(r.cpuS as number)) };
}

test("LogLinearSize (ml-regression OLS) matches the closed-form slope cov(x,y)/var(x) on the harness trace", { skip: existsSync(TRACE) ? false : "no data/harness/trace.tsv" }, () => {
  const { X, y } = bwaTrace();
  assert.ok(X.length >= 20, `${X.length} bwa_mem rows`);
  const x = X.map((r) => Math.log1p(r[0] as number));
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  x.forEach((v, i) => ((sxy += (v - mx) * ((y[i] as number) - my)), (sxx += (v - mx) ** 2)));
  const slope = sxy / sxx;
  const m = new LogLinearSize({ sizeFeature: 0 }).fit(X, y);
  const st = m.toJSON().state as { slope: number; intercept: number };
  assert.ok(Math.abs(st.slope - slope) < 1e-9 * Math.abs(slope), `slope ${st.slope} vs ${slope}`);
  assert.ok(Math.abs(st.intercept - (my - slope * mx)) < 1e-8, `intercept ${st.intercept}`);
  assert.ok(slope > 0.5, `CPU time grows with input size (slope ${slope})`);
});

test("LogLinearSize theil-sen = median of pairwise slopes, and resists slow-tail outliers", { skip: existsSync(TRACE) ? false : "no data/harness/trace.tsv" }, () => {
  const { X, y } = bwaTrace();
  const x = X.map((r) => Math.log1p(r[0] as number));
  const slopes: number[] = [];
  for (let i = 0; i < x.length; i++) for (let j = i + 1; j < x.length; j++) if (x[i] !== x[j]) slopes.push(((y[j] as number) - (y[i] as number)) / ((x[j] as number) - (x[i] as number)));
  // a median: for an even count ml-array-median returns one of the two middle values
  const isMedian = (m: number, v: number[]): boolean => {
    const s = [...v].sort((a, b) => a - b);
    return m >= (s[(s.length - 1) >> 1] as number) && m <= (s[s.length >> 1] as number) && s.includes(m);
  };
  const ts = new LogLinearSize({ method: "theil-sen" }).fit(X, y).toJSON().state as { slope: number; intercept: number };
  assert.ok(isMedian(ts.slope, slopes), `slope ${ts.slope} is the median of ${slopes.length} pair slopes`);
  assert.ok(isMedian(ts.intercept, y.map((v, i) => v - ts.slope * (x[i] as number))), "intercept is the median residual");
  // a few runs 5x slower at the largest inputs (the slow tail): Theil-Sen's slope barely moves, OLS's does
  const order = x.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]).slice(0, 3).map(([, i]) => i);
  const yTail = y.map((v, i) => (order.includes(i) ? v + Math.log(5) : v));
  const ts2 = new LogLinearSize({ method: "theil-sen" }).fit(X, yTail).toJSON().state as { slope: number };
  const ols = new LogLinearSize().fit(X, y).toJSON().state as { slope: number };
  const ols2 = new LogLinearSize().fit(X, yTail).toJSON().state as { slope: number };
  assert.ok(Math.abs(ts2.slope - ts.slope) < Math.abs(ols2.slope - ols.slope), `theil-sen moved ${ts2.slope - ts.slope}, ols ${ols2.slope - ols.slope}`);
});

test("LogLinearSize: flat line for one distinct size, NaN sizes get the mean, Theil-Sen refuses too many rows", () => {
  const m = new LogLinearSize().fit([[100], [100], [NaN]], [1, 2, 6]);
  assert.deepEqual(Array.from(m.predict([[100], [5000], [NaN]])), [1.5, 1.5, 3]);
  for (const method of ["ols", "theil-sen"] as const) assert.ok(new LogLinearSize({ method }).fit([[1], [2]], [1, 1]).predict([[3]]).every(Number.isFinite));
  const big = Array.from({ length: THEIL_SEN_MAX_ROWS + 1 }, (_, i) => [i]);
  assert.throws(() => new LogLinearSize({ method: "theil-sen" }).fit(big, big.map((r) => r[0] as number)), ModelInputError);
  // a file written before `method` existed loads as OLS
  const old = rebuildModel({ type: "LogLinearSize", params: { sizeFeature: 0 }, state: { nFeatures: 1, intercept: 1, slope: 2, meanY: 3 } });
  assert.equal((old.params as { method: string }).method, "ols");
  assert.deepEqual(Array.from(old.predict([[Math.E - 1]])), [3]);
});

test("LinearOLS (ml-regression) matches the normal equations on real Galaxy data (samtools sort)", { skip: haveGalaxy ? false : "no dataset mirror" }, () => {
  const t = galaxyTable(readFileSync(GALAXY, "utf8"), GALAXY);
  const X = t.X.slice(0, 2000);
  const y = Array.from(t.runtimeS.subarray(0, 2000), Math.log);
  const p = t.featureNames.length;
  const m = new LinearOLS().fit(X, y);
  // closed form: normal equations on [1, log1p features] (mean-imputed) by Gaussian elimination, where
  // LinearOLS goes through ml-regression's SVD. Columns are centred and scaled first because memtotal
  // takes two values 3e-6 apart in log space (a reparametrization: the fitted values do not change).
  const tf = (v: number): number => Math.sign(v) * Math.log1p(Math.abs(v));
  const cols = Array.from({ length: p }, (_, j) => {
    const fin = X.map((r) => r[j] as number).filter(Number.isFinite).map(tf);
    const mean = fin.reduce((a, b) => a + b, 0) / fin.length;
    const v = X.map((r) => (Number.isFinite(r[j] as number) ? tf(r[j] as number) : mean) - mean);
    const sd = Math.sqrt(v.reduce((a, b) => a + b * b, 0) / v.length) || 1;
    return v.map((z) => z / sd);
  });
  const D = X.map((_, i) => [1, ...cols.map((c) => c[i] as number)]);
  const A = Array.from({ length: p + 1 }, (_, a) => Array.from({ length: p + 1 }, (_, b) => D.reduce((s, r) => s + (r[a] as number) * (r[b] as number), 0)));
  const b = Array.from({ length: p + 1 }, (_, a) => D.reduce((s, r, i) => s + (r[a] as number) * (y[i] as number), 0));
  const beta = gauss(A, b);
  const want = D.map((r) => r.reduce((s, v, j) => s + v * (beta[j] as number), 0));
  const got = m.predict(X);
  let worst = 0;
  want.forEach((w, i) => (worst = Math.max(worst, Math.abs(w - (got[i] as number)))));
  assert.ok(worst < 1e-8, `max |OLS - closed form| = ${worst} (log s)`);
});

test("LinearOLS: NaN imputed with the training mean, aliased columns dropped, clamp, byte-identical JSON on refit", () => {
  const X = Array.from({ length: 60 }, (_, i) => [i + 1, (i * 7) % 11, i + 1]); // column 2 duplicates column 0
  const y = X.map((r) => 0.5 * Math.log1p(r[0] as number) - 0.1 * Math.log1p(r[1] as number) + 2);
  const m = new LinearOLS().fit(X, y);
  const p = m.predict(X);
  p.forEach((v, i) => assert.ok(Math.abs(v - (y[i] as number)) < 1e-9, `row ${i}: ${v} vs ${y[i]}`));
  const c = m.coefficients;
  assert.equal(c.coef[2], 0, "an aliased column (a copy of column 0) gets weight 0, as in R's lm");
  const m2 = new LinearOLS().fit(X.map((r) => [r[0] as number, r[1] as number]), y);
  assert.deepEqual(m2.predict(X.map((r) => [r[0] as number, r[1] as number])), p, "same fit as without the copy");
  // a missing value predicts as the training mean of that (transformed) feature
  const Xn = X.map((r, i) => (i % 5 === 0 ? [r[0] as number, NaN, r[2] as number] : r));
  const mn = new LinearOLS().fit(Xn, y);
  const st = mn.toJSON().state as { means: number[]; weights: number[] };
  const row = [10, NaN, 10];
  const atMean = [10, Math.expm1(st.means[1] as number), 10];
  assert.ok(Math.abs((mn.predict([row])[0] as number) - (mn.predict([atMean])[0] as number)) < 1e-12);
  // an unseen extreme value is clamped to the training range
  assert.equal(m.predict([[60, 1e9, 60]])[0], m.predict([[60, 10, 60]])[0]);
  // same data → byte-identical file; fromJSON → toJSON gives the same bytes
  const meta = { features: ["a", "b", "c"].map((name) => ({ name, unit: "1", transform: "identity" as const })), target: { name: "cpuS", unit: "s", transform: "log" as const }, trainingDataSha256: trainingDataSha256(X, y), seed: 0 };
  const a = modelToJSON(new LinearOLS().fit(X, y), meta);
  assert.equal(a, modelToJSON(new LinearOLS().fit(X, y), meta));
  const loaded = parseModel(a).model;
  assert.equal(canonicalJSON(loaded.toJSON()), canonicalJSON(m.toJSON()));
  assert.deepEqual(loaded.predict(X), p);
  assert.throws(() => new LinearOLS().predict(X), NotFittedError);
});
