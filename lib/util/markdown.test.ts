import assert from "node:assert/strict";
import { test } from "node:test";
import { escapeMarkdown, isSafeLinkDestination, markdownTable, md, sanitizeMarkdown } from "./markdown";

const IMG = "<img src=x onerror=alert(1)>";

test("escapeMarkdown: HTML becomes entities, markdown syntax is escaped, plain names are unchanged", () => {
  assert.equal(escapeMarkdown(IMG), "&lt;img src=x onerror=alert(1)&gt;");
  assert.equal(escapeMarkdown("[S1](javascript:alert(1))"), "\\[S1\\](javascript:alert(1))");
  assert.equal(escapeMarkdown("a|b`c`*d*~e~$f$\\"), "a\\|b\\`c\\`\\*d\\*\\~e\\~\\$f\\$\\\\");
  assert.equal(escapeMarkdown("&lt;"), "&amp;lt;", "an entity in a name is shown as typed");
  assert.equal(escapeMarkdown("line1\nline2\t|"), "line1 line2 \\|", "no new block or row from a newline");
  for (const plain of ["fastqc.per_base_n_content", "picard.dup.PERCENT_DUPLICATION", "ancestor.bwa_mem.cpuS", "E. coli K-12", "log1p"]) assert.equal(escapeMarkdown(plain), plain);
  assert.equal(escapeMarkdown("_x_"), "\\_x\\_", "underscores at word edges would emphasise");
  assert.equal(escapeMarkdown(-1.5), "-1.5");
  assert.equal(escapeMarkdown(null), "");
});

test("escapeMarkdown: a value opening a line cannot start a heading or list; mid-line it stays as is", () => {
  assert.equal(escapeMarkdown("# h"), "\\# h");
  assert.equal(escapeMarkdown("- x"), "\\- x");
  assert.equal(escapeMarkdown("1. x"), "1\\. x");
  assert.equal(escapeMarkdown("- x", { midLine: true }), "- x");
});

test("md escapes every value, block starters only where the value opens a line or list item", () => {
  assert.equal(md`**${IMG}** ran ${12} s`, "**&lt;img src=x onerror=alert(1)&gt;** ran 12 s");
  assert.equal(md`${"# h"} and ${"# h"}`, "\\# h and # h");
  assert.equal(md`- ${"# h"}\n> ${"- x"}`, "- \\# h\n> \\- x");
});

test("markdownTable escapes headers and cells; a pipe or newline never breaks the table", () => {
  assert.equal(markdownTable([{ sample: "a|b\nc", "x<y": 1 }]), "| sample | x&lt;y |\n|---|---|\n| a\\|b c | 1 |");
  assert.equal(markdownTable([{ v: "-" }], { format: (v) => v }), "| v |\n|---|\n| - |");
});

test("sanitizeMarkdown: no raw HTML, comment or autolink; entities and markdown pass unchanged", () => {
  assert.equal(sanitizeMarkdown(`**S1** ${IMG}`), "**S1** &lt;img src=x onerror=alert(1)>");
  assert.equal(sanitizeMarkdown("<!-- c --> <javascript:alert(1)> <?x?>").includes("<"), false);
  const ok = "**bold** `code` [doc](https://example.org/a?b=1&c=2) [top](#top) [rel](notes/x.md) &lt;i&gt; p < 0.05";
  assert.equal(sanitizeMarkdown(ok), ok.replace("p < 0.05", "p &lt; 0.05"));
  assert.equal(sanitizeMarkdown("`a<b`"), "`a&lt;b`", "documented: also inside code spans");
});

test("sanitizeMarkdown: links and images to script URLs become text, however the scheme is spelled", () => {
  const hostile = [
    "[c](javascript:alert(1))", "[c](JaVaScRiPt:alert(1))", "[c](jav&#97;script:alert(1))", "[c](javascript&colon;alert(1))",
    "[c]( javascript:alert(1))", "[c](\njavascript:alert(1))", "![i](data:image/svg+xml,x)", "[c](vbscript:x)", "[c](java\\script:x)",
    "[c](<javascript:alert(1)>)", "[c](file:///etc/passwd)",
  ];
  for (const h of hostile) assert.ok(sanitizeMarkdown(h).includes("]\\("), `${h} -> ${sanitizeMarkdown(h)}`);
  assert.equal(sanitizeMarkdown("[x]: javascript:alert(1)\n\n[x]"), "[x]\\: javascript:alert(1)\n\n[x]", "no reference definitions");
  assert.equal(sanitizeMarkdown("[a](http://x/(1)) [b](mailto:a@b)"), "[a](http://x/(1)) [b](mailto:a@b)");
});

test("isSafeLinkDestination: http(s), mailto and relative only", () => {
  for (const d of ["https://a", "HTTP://a", "mailto:x@y", "#x", "/a/b", "a/b:c", "?q=a:b", "x.md"]) assert.equal(isSafeLinkDestination(d), true, d);
  for (const d of ["javascript:x", "data:text/html,x", "jav&#97;script:x", "a\\:b", "file:x", "ftp://x"]) assert.equal(isSafeLinkDestination(d), false, d);
});
