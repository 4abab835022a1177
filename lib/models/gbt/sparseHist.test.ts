import assert from "node:assert/strict";
import { test } from "node:test";
import { rng } from "../../util/stats";
import { stepData } from "../testData";
import { binMatrix, binOf, fitBins } from "./binning";
import { TreeGrower, type GrowOptions } from "./tree";

/** Grow one tree with the given sparse threshold (0 = dense histograms only). */
function growWith(sparseMaxRows: number, X: Float64Array[], grad: Float64Array, hess: Float64Array | null, rows: Int32Array, o: GrowOptions, seed: number) {
  const mapper = fitBins(X, 255, 200000, 1);
  const n = X.length;
  const g = new TreeGrower(binMatrix(X, mapper), n, mapper.nBins, rows.length, Int32Array.from(mapper.edges, (e) => binOf(e, 0)), sparseMaxRows);
  const allowed = Int32Array.from({ length: mapper.nBins.length }, (_, i) => i);
  return g.grow(Int32Array.from(rows), rows.length, grad, hess, allowed, o, rng(seed));
}

test("sparse histograms for small nodes give exactly the trees of dense histograms", () => {
  const { X, y } = stepData(1500, 6, 4, 0.3);
  // many distinct values (255 bins), a few NaN, one low-cardinality column
  X.forEach((r, i) => {
    if (i % 17 === 0) r[3] = NaN;
    r[5] = Math.floor((r[5] as number) * 4);
  });
  const r = rng(9);
  const boot = Int32Array.from({ length: X.length }, () => Math.floor(r() * X.length)).sort();
  const all = Int32Array.from({ length: X.length }, (_, i) => i);
  const grad = Float64Array.from(y, (v) => -v);
  const hess = Float64Array.from(y, (v, i) => 0.1 + ((i * 7) % 10) / 10 + Math.abs(v) / 100);
  const rf: GrowOptions = { maxDepth: -1, numLeaves: 0, minSamplesLeaf: 1, minChildWeight: 1e-3, lambda: 0, minGain: 0, featureFractionByNode: 0.6 };
  const gbt: GrowOptions = { maxDepth: -1, numLeaves: 31, minSamplesLeaf: 20, minChildWeight: 1e-3, lambda: 1, minGain: 0, featureFractionByNode: 1 };
  for (const [name, rows, h, o] of [["rf bootstrap", boot, null, rf], ["gbt", all, null, gbt], ["gbt with hessian", all, hess, gbt], ["rf with hessian", boot, hess, rf]] as const) {
    const dense = growWith(0, X, grad, h, rows, o, 3);
    for (const t of [8, 64, 100000]) assert.deepEqual(growWith(t, X, grad, h, rows, o, 3), dense, `${name}, sparse up to ${t} rows`);
    assert.ok(dense.feature.length > (o === rf ? 500 : 40), `${name}: ${dense.feature.length} nodes`);
  }
});
