import assert from "node:assert/strict";
import { test } from "node:test";
import { calibrationFromPoints } from "./calibrate";

test("calibration: geometric-mean scale inside its bootstrap CI; conformal half-width only with enough runs (leave-one-out)", () => {
  const pts = (n: number) => Array.from({ length: n }, (_, i) => ({ sample: `s${i}`, predicted: 10, actual: 20 * Math.exp(((i % 3) - 1) * 0.1) }));
  const c = calibrationFromPoints(pts(12), { source: "t" });
  assert.equal(c.runs, 12);
  assert.ok(Math.abs(c.scale - 2) < 1e-9, String(c.scale));
  assert.ok(c.scaleLo <= c.scale && c.scale <= c.scaleHi && c.scaleLo < c.scaleHi);
  assert.ok(c.conformalHalfWidthLog !== null && c.conformalHalfWidthLog > 0.1 && c.conformalHalfWidthLog < 0.2, String(c.conformalHalfWidthLog));
  assert.equal(calibrationFromPoints(pts(8)).conformalHalfWidthLog, null, "8 runs cannot give a 90% split-conformal interval");
  assert.ok(Math.abs(calibrationFromPoints([{ sample: "a", predicted: 5, actual: 15 }]).scale - 3) < 1e-12);
  assert.throws(() => calibrationFromPoints([{ sample: "a", predicted: 5, actual: 0 }]), /no run has both/);
});
