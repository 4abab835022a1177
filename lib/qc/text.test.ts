import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { LineIndex, defineLazy, isBlankRange, splitLines } from "./text";

const linesOf = (x: LineIndex): string[] => Array.from({ length: x.length }, (_, i) => x.line(i));

test("LineIndex gives the same lines as splitLines (LF, CRLF, trailing and blank lines)", () => {
  for (const t of ["", "\n", "\n\n", "a", "a\n", "a\n\n", "a\r\n", "\r", "\r\n\r\n", "a\nb", "a\r\nb\r", " \t\n#x\n\n"]) {
    const x = new LineIndex(t);
    assert.deepEqual(linesOf(x), splitLines(t), JSON.stringify(t));
    for (let i = 0; i < x.length; i++) {
      assert.equal(x.blank(i), (splitLines(t)[i] as string).trim() === "");
      assert.equal(x.startsWith(i, "#"), (splitLines(t)[i] as string).startsWith("#"));
    }
  }
  fc.assert(
    fc.property(fc.array(fc.constantFrom("a", "#", " ", "\t", "\r", "\n", "\u00a0", "é"), { maxLength: 60 }), (cs) => {
      const t = cs.join("");
      const x = new LineIndex(t);
      const want = splitLines(t);
      assert.deepEqual(linesOf(x), want);
      want.forEach((l, i) => {
        assert.equal(x.blank(i), l.trim() === "");
        assert.equal(x.startsWith(i, "#"), l.startsWith("#"));
      });
    }),
  );
});

test("isBlankRange matches trim() on ASCII and Unicode whitespace", () => {
  for (const s of ["", " ", "\t\r", "x", " x ", "\u00a0", "\u2003 ", "é"]) assert.equal(isBlankRange(s, 0, s.length), s.trim() === "", JSON.stringify(s));
});

test("defineLazy: computed once on first read, enumerable in place, then a plain value", () => {
  let calls = 0;
  const o = { a: 1, b: [] as number[], c: 3 };
  defineLazy(o, "b", () => (calls++, [1, 2]));
  assert.equal(calls, 0);
  assert.deepEqual(Object.keys(o), ["a", "b", "c"]);
  assert.equal(JSON.stringify(o), '{"a":1,"b":[1,2],"c":3}');
  assert.deepEqual(o, { a: 1, b: [1, 2], c: 3 });
  assert.equal(calls, 1);
  assert.equal(Object.getOwnPropertyDescriptor(o, "b")?.get, undefined);
});
