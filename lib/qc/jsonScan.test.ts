import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { parseTopLevelKeys } from "./jsonScan";

const KEYS = ["a", "b", "summary"];

/** parseTopLevelKeys must accept exactly the JSON objects JSON.parse accepts, with the same values. */
function agrees(t: string): void {
  let ref: unknown;
  let ok = true;
  try {
    ref = JSON.parse(t);
  } catch {
    ok = false;
  }
  const isObj = ok && ref !== null && typeof ref === "object" && !Array.isArray(ref);
  const got = parseTopLevelKeys(t, KEYS);
  assert.equal(got !== undefined, isObj, JSON.stringify(t));
  if (got && isObj) for (const k of KEYS) assert.deepEqual(got[k], Object.hasOwn(ref as object, k) ? (ref as Record<string, unknown>)[k] : undefined, JSON.stringify(t));
}

test("parseTopLevelKeys: same grammar and values as JSON.parse on edge cases", () => {
  for (const t of ['{"a":1}', '{"a":1,"a":2}', '{"\\u0061":3}', "{}", " {} ", '{"a":[1,{"b":[]}],"b":-0.5e+3}', '{"a":01}', '{"a":1.}', '{"a":.5}', '{"a":"\\x"}', '{"a":"\t"}', '{"a":1,}', "[1]", '"s"', '{"a":1} x', '{"a":1e}', '{"a":-}', '{"a":truex}', "\ufeff{}", '{"a":"\\ud800"}', '{"summary":{"x":null}}', ""]) agrees(t);
});

test("parseTopLevelKeys: agrees with JSON.parse on random JSON and random near-JSON", () => {
  fc.assert(fc.property(fc.dictionary(fc.constantFrom("a", "b", "c", "summary"), fc.jsonValue()), (o) => agrees(JSON.stringify(o, null, 1))));
  const tokens = ["{", "}", "[", "]", '"', "\\", ":", ",", " ", "\n", "\r", "0", "1", "-", ".", "e", "u", "a", "b", "true", "null", '"a"', "\u0001", "\u00a0", "/", "\\u0041"];
  fc.assert(fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 14 }), (ts) => agrees(`{${ts.join("")}`)), { numRuns: 3000 });
});
