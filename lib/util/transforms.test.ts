import assert from "node:assert/strict";
import { test } from "node:test";
import { forward, inverse, isTransform, modelFeatureTransform, TRANSFORMS } from "./transforms";

test("forward then inverse gives the value back on each transform's domain", () => {
  const values: Record<string, number[]> = {
    identity: [-3, 0, 2.5, 1e9], log: [1e-3, 1, 30, 1e7], log10: [1e-3, 1, 30, 1e7], log1p: [0, 0.5, 99, 1e9],
    signedLog1p: [-1e6, -2, 0, 2, 1e6], logit: [1e-6, 0.01, 0.5, 0.99],
  };
  for (const t of TRANSFORMS) for (const v of values[t] as number[]) {
    const back = inverse(t, forward(t, v));
    assert.ok(Math.abs(back - v) <= 1e-9 * Math.max(1, Math.abs(v)), `${t}(${v}) -> ${back}`);
  }
});

test("forward: the values the shipped models and screening rely on", () => {
  assert.equal(forward("log1p", 99), Math.log(100));
  assert.equal(forward("log1p", -5), 0, "log1p takes a negative count as 0");
  assert.ok(Number.isNaN(forward("log10", 0)) && Number.isNaN(forward("log", -1)));
  assert.equal(forward("signedLog1p", -99), -Math.log(100));
  assert.equal(forward("logit", 0), Math.log(1e-6 / (1 - 1e-6)), "logit clamps");
  for (const t of TRANSFORMS) assert.ok(Number.isNaN(forward(t, NaN)) && Number.isNaN(forward(t, Infinity)), `${t}: non-finite stays missing`);
  assert.equal(inverse("log", 0), 1);
});

test("model transform of a registry transform; name validation", () => {
  assert.equal(modelFeatureTransform("log10"), "log1p");
  assert.equal(modelFeatureTransform("log1p"), "log1p");
  assert.equal(modelFeatureTransform("identity"), "identity");
  assert.equal(modelFeatureTransform("logit"), "identity");
  assert.ok(isTransform("log1p") && !isTransform("exp") && !isTransform(3));
});
