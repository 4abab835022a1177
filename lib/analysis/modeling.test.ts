import assert from "node:assert/strict";
import { test } from "node:test";
import { featuresForStep, liftRows } from "./modeling";

test("a model of a step only sees features measured before the step runs", () => {
  const bwa = featuresForStep("bwa_mem").map((f) => f.name);
  assert.ok(bwa.includes("mean_base_quality") && bwa.includes("reads"));
  assert.equal(bwa.includes("mismatch_rate"), false, "alignment metrics do not exist before BWA-MEM");
  assert.equal(bwa.includes("input_bytes"), false, "trace sizes are not QC features");
  assert.ok(featuresForStep("markduplicates").some((f) => f.name === "picard_dup"));
  assert.equal(featuresForStep("bwa_mem")[0]?.kind, "size", "size features come first (the tail model's comparables use column 0)");
});

test("liftRows pairs size-only and size+quality results per step", () => {
  const rows = [
    { step: "a", featureSet: "size only", n: 30, r2Log: 0.5, mdape: 0.2, maeS: 1 },
    { step: "a", featureSet: "size + quality", n: 30, r2Log: 0.8, mdape: 0.1, maeS: 1 },
  ];
  const [a, b] = liftRows(rows, ["a", "b"]);
  assert.ok(a && b);
  assert.ok(Math.abs(a.lift - 0.3) < 1e-12);
  assert.equal(b.n, 0);
  assert.ok(Number.isNaN(b.lift));
});
