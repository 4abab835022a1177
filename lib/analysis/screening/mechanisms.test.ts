import assert from "node:assert/strict";
import { test } from "node:test";
import type { DesignEffectRow } from "./designEffects";
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

// qual_shift range -15 → 0 in the joint model: multiplier = time at 0 / time at -15 (< 1 when errors cost time).
const joint = (mult: number, lo: number, hi: number): DesignEffectRow => ({ step: "bwa_mem", factor: "qual_shift", lo: -15, hi: 0, multiplier: mult, ciLo: lo, ciHi: hi, draws: 500, n: 300, configs: 250, r2: 0.9 });

test("the joint design effect is oriented towards the extreme level and can carry the design verdict", () => {
  const [e] = mechanismEvidence([m], [factor(1.05)], [effect(-0.1, 0.2)], [joint(0.5, 0.45, 0.56)]);
  assert.equal(e?.verdict, "supported by the controlled design", "OFAT within noise, joint CI clear of 1");
  assert.ok(Math.abs((e?.jointRatio ?? 0) - 2) < 1e-12);
  assert.ok(Math.abs((e?.jointLo ?? 0) - 1 / 0.56) < 1e-12 && Math.abs((e?.jointHi ?? 0) - 1 / 0.45) < 1e-12);
  assert.match(describeEvidence(e!), /with all factors varying, 2\.00x \[1\.79, 2\.22\]/);
  assert.equal(mechanismEvidence([m], [factor(1.05)], [effect(-0.1, 0.2)], [joint(0.9, 0.7, 1.1)])[0]?.verdict, "not distinguishable from noise here", "CI covering 1 is no evidence");
  assert.equal(mechanismEvidence([m], [factor(2)], [effect(-0.1, 0.2)], [joint(1.5, 1.3, 1.8)])[0]?.verdict, "not distinguishable from noise here", "OFAT and joint disagree: no design verdict");
  assert.equal(mechanismEvidence([m], [factor(1.0)], [effect(-0.6, -0.3)], [joint(1.5, 1.3, 1.8)])[0]?.verdict, "contradicted");
});
