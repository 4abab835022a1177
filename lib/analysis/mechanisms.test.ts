import assert from "node:assert/strict";
import { test } from "node:test";
import type { FactorEffectRow } from "./factorEffects";
import type { FeatureEffect } from "./featureEffects";
import { describeEvidence, mechanismEvidence, type Mechanism } from "./mechanisms";

const m: Mechanism = { id: "x", step: "bwa_mem", factor: "qual_shift", feature: "mismatch_rate", sign: 1, claim: "" };
const factor = (ratio: number, noiseCv = 0.05): FactorEffectRow => ({ factor: "qual_shift", step: "bwa_mem", baselineLevel: 0, extremeLevel: -15, nExtreme: 2, baselineMedianS: 10, extremeMedianS: 10 * ratio, ratio, noiseCv });
const effect = (lo: number, hi: number): FeatureEffect => ({ step: "bwa_mem", feature: "mismatch_rate", kind: "quality", n: 50, pearson: 0, spearman: 0, partial: (lo + hi) / 2, partialLo: lo, partialHi: hi, mi: 0, expected: true });

test("verdicts combine the controlled effect (vs 2x noise) and the screening CI", () => {
  assert.equal(mechanismEvidence([m], [factor(2)], [effect(0.3, 0.7)])[0]?.verdict, "supported (design and screening)");
  assert.equal(mechanismEvidence([m], [factor(2)], [effect(-0.1, 0.4)])[0]?.verdict, "supported by the controlled design");
  assert.equal(mechanismEvidence([m], [factor(1.05)], [effect(0.2, 0.5)])[0]?.verdict, "supported by screening only");
  assert.equal(mechanismEvidence([m], [factor(1.05)], [effect(-0.2, 0.3)])[0]?.verdict, "not distinguishable from noise here");
  assert.equal(mechanismEvidence([m], [factor(0.5)], [effect(-0.6, -0.2)])[0]?.verdict, "contradicted");
  assert.equal(mechanismEvidence([m], [], [])[0]?.verdict, "not distinguishable from noise here", "no data is no evidence");
});

test("describeEvidence states the verdict and the numbers, n/a where missing", () => {
  const [e] = mechanismEvidence([m], [factor(2)], []);
  const s = describeEvidence(e!);
  assert.match(s, /^\*\*supported by the controlled design\*\*/);
  assert.match(s, /2\.00x baseline/);
  assert.match(s, /partial r of mismatch_rate = n\/a/);
});
