import { test } from "node:test";
import assert from "node:assert/strict";
import { IntColumn, Interner, NumberColumn, StringColumn } from "./columns";

test("columns give back what was pushed, past their first growth and across string batches", () => {
  const n = 3 * StringColumn.BATCH + 17;
  const nums = new NumberColumn();
  const ints = new IntColumn();
  const strs = new StringColumn();
  const num = (i: number): number | undefined => (i % 7 === 0 ? undefined : i % 11 === 0 ? NaN : i % 13 === 0 ? -0 : i * 1.5e10 + 0.25);
  const str = (i: number): string => (i % 5 === 0 ? "" : `NFCORE_X:X:STEP${i % 10} (s\u00e9${i})`.repeat(1 + (i % 3)));
  for (let i = 0; i < n; i++) {
    nums.push(num(i));
    ints.push(i % 1000);
    strs.push(str(i));
  }
  assert.deepEqual([nums.length, ints.length, strs.length], [n, n, n]);
  for (let i = 0; i < n; i++) {
    assert.ok(Object.is(nums.get(i), num(i)), `number ${i}`);
    assert.equal(ints.get(i), i % 1000);
    assert.equal(strs.get(i), str(i));
  }
});

test("a string column does not keep the text its strings were cut from", () => {
  // a sealed batch is one string of the batch's characters, whatever its rows were sliced from
  const big = "x".repeat(1 << 20);
  const c = new StringColumn();
  for (let i = 0; i < StringColumn.BATCH; i++) c.push(big.slice(i, i + 20));
  assert.equal(c.get(5), big.slice(5, 25));
  assert.equal((c as unknown as { batches: string[] }).batches[0]?.length, 20 * StringColumn.BATCH);
});

test("an interner gives equal values one id, in order of first use", () => {
  const t = new Interner<string | undefined>();
  assert.deepEqual(["a", "b", "a", undefined, "b", undefined].map((v) => t.id(v)), [0, 1, 0, 2, 1, 2]);
  assert.deepEqual([t.of(0), t.of(1), t.of(2)], ["a", "b", undefined]);
});
