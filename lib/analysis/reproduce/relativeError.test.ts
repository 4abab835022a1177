import assert from "node:assert/strict";
import { test } from "node:test";
import { medianRelativeError, relativeError } from "./relativeError";

test("relative error is |pred - actual| / actual (hand-computed)", () => {
  assert.equal(relativeError(120, 100), 0.2);
  assert.equal(relativeError(80, 100), 0.2);
  assert.equal(relativeError(300, 100), 2);
  assert.ok(Number.isNaN(relativeError(1, 0)));
  // errors 0.1, 0.5, 2 → median 0.5; a zero actual is skipped
  assert.equal(medianRelativeError([110, 50, 300, 5], [100, 100, 100, 0]), 0.5);
  // even count: mean of the middle two (0.1, 0.25, 0.5, 2 → 0.375)
  assert.equal(medianRelativeError([110, 75, 50, 300], [100, 100, 100, 100]), 0.375);
});
