import assert from "node:assert/strict";
import { test } from "node:test";
import { csvCell, csvNeutralise, terminalSafe, xmlSafeText } from "./safeText";

test("csvNeutralise: formula starters get a leading quote (OWASP), other text and numbers do not", () => {
  for (const s of ["=1+1", '=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"]) assert.equal(csvNeutralise(s), `'${s}`);
  for (const s of ["S1", "1e3", "", "a=1", " =1"]) assert.equal(csvNeutralise(s), s);
  assert.equal(csvCell(-1), "-1", "numbers stay numbers");
  assert.equal(csvCell("-1"), "'-1", "text that looks like a negative number is text");
  assert.equal(csvCell("=1+1", true), "=1+1", "raw opt-out");
  assert.equal(csvCell('=A1,"b"'), `"'=A1,""b"""`);
});

test("terminalSafe: ESC/OSC/BEL/C1/bidi become visible escapes; printable text is unchanged", () => {
  assert.equal(terminalSafe("a\u001b[31mred\u001b]0;title\u0007\u009b2J\u202eb"), "a\\x1b[31mred\\x1b]0;title\\x07\\x9b2J\\u202eb");
  assert.equal(terminalSafe("S1 résumé 样本"), "S1 résumé 样本");
  assert.equal(terminalSafe("a\tb\nc\r"), "a\\x09b\\x0ac\\x0d");
  assert.doesNotMatch(terminalSafe(String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i))), /[\u0000-\u001f\u007f-\u009f]/);
});

test("xmlSafeText drops what XML 1.0 cannot hold, keeps tab/LF/CR and pairs", () => {
  assert.equal(xmlSafeText("G\u0001C\u000b%\t\n😀\ud800x\udc00\uffff"), "GC%\t\n😀x");
});
