import assert from "node:assert/strict";
import { test } from "node:test";
import { comparableMedians, median, tailFlags } from "./stats";

test("comparableMedians: one median per stratum, non-finite values left out", () => {
  const m = comparableMedians([1, 3, 10, NaN, 4, 6], ["a", "a", "b", "b", "c", "c"]);
  assert.deepEqual([...m.entries()], [["a", 2], ["b", 10], ["c", 5]]);
  assert.equal(m.get("c"), median([4, 6]));
});

test("tailFlags: strictly above k x the comparable median; strata keep sizes apart", () => {
  assert.deepEqual(tailFlags([1, 1, 10, 5, 5, 5], ["a", "a", "a", "b", "b", "b"], 2), [false, false, true, false, false, false]);
  // exactly k x median is not a tail run
  assert.deepEqual(tailFlags([1, 1, 2], [0, 0, 0], 2), [false, false, false]);
  // a large run among large runs is not slow
  assert.deepEqual(tailFlags([1, 1, 100, 100], [0, 0, 1, 1], 1.5), [false, false, false, false]);
});

test("inputs are not mutated", () => {
  const v = [3, 1, 2];
  comparableMedians(v, [0, 0, 0]);
  assert.deepEqual(v, [3, 1, 2]);
});
