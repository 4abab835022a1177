import assert from "node:assert/strict";
import { test } from "node:test";
import type { FeatureDef } from "../../features/types";
import { rng, tailFlags } from "../../util/stats";
import { aucOf, clusterResample, featureEffects, topPerStep } from "./featureEffects";
import type { StepTable } from "./stepTable";

const def = (name: string, kind: "size" | "quality"): FeatureDef => ({ name, kind, source: "t", column: `trace.${name}`, unit: "", transform: "identity", stage: "reads", affects: ["s"], rationale: "" });

function table(n: number, seed: number): StepTable {
  const r = rng(seed);
  const size: number[] = [];
  const err: number[] = [];
  const gc: number[] = [];
  const time: number[] = [];
  const groups: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = 5 + r() * 1; // log10 reads
    const e = r() * 0.05; // error rate, independent of size
    const g = 40 + r() * 20; // irrelevant
    size.push(s);
    err.push(e);
    gc.push(g);
    time.push(Math.exp(Math.log(10) * s * 0.9 + 12 * e + 0.05 * (r() - 0.5)));
    groups.push(`c${Math.floor(i / 2)}`);
  }
  return { step: "s", runIds: groups, groups, time, features: { reads: size, error: err, gc }, load1: time.map(() => 0), loadLabel: time.map(() => "none") };
}

test("featureEffects finds a planted quality effect beyond size, and none for an irrelevant metric", () => {
  const t = table(200, 1);
  const fx = featureEffects(t, [def("reads", "size"), def("error", "quality"), def("gc", "quality")], ["reads"], { reps: 100 });
  const byName = new Map(fx.map((f) => [f.feature, f]));
  const err = byName.get("error");
  const gc = byName.get("gc");
  assert.ok(err && gc);
  assert.ok(err.partial > 0.8 && err.partialLo > 0.6, `error partial ${err.partial} [${err.partialLo}, ${err.partialHi}]`);
  assert.ok(gc.partialLo < 0 && gc.partialHi > 0, "the irrelevant metric's CI covers 0");
  assert.ok(err.mi > gc.mi);
});

test("cluster resampling keeps repeats of one input together", () => {
  const groups = ["a", "a", "b", "c", "c", "c"];
  const idx = clusterResample(groups, rng(3));
  const counts = new Map<string, number>();
  for (const i of idx) counts.set(groups[i] as string, (counts.get(groups[i] as string) ?? 0) + 1);
  for (const [g, c] of counts) assert.equal(c % groups.filter((x) => x === g).length, 0);
});

test("aucOf and tailFlags", () => {
  assert.equal(aucOf([1, 2, 3, 4], [false, false, true, true]), 1);
  assert.equal(aucOf([1, 1], [false, true]), 0.5);
  const t = { ...table(6, 2), time: [1, 1, 10, 5, 5, 5] };
  assert.deepEqual(tailFlags(t.time, ["a", "a", "a", "b", "b", "b"], 2), [false, false, true, false, false, false]);
});

test("topPerStep keeps the first n of each step in order", () => {
  const e = [{ step: "a", v: 1 }, { step: "b", v: 2 }, { step: "a", v: 3 }, { step: "a", v: 4 }, { step: "b", v: 5 }];
  assert.deepEqual(topPerStep(e, 2).map((x) => x.v), [1, 2, 3, 5]);
  assert.deepEqual(topPerStep(e, 0), []);
});
