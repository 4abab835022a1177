import assert from "node:assert/strict";
import { test } from "node:test";
import { escapeFigure } from "../plots/figure";
import { figureHtml } from "./figureHtml";
import { escapeHtml, jsonForScript } from "./escape";
import { htmlTable } from "./table";

const EVIL = `<img src=x onerror="alert(1)"></script><b>S1</b>&`;

test("escapeHtml neutralises markup from input files", () => {
  assert.equal(escapeHtml(EVIL).includes("<"), false);
  assert.equal(escapeHtml(`a"b'c`), "a&quot;b&#39;c");
});

test("jsonForScript cannot close the script element", () => {
  const s = jsonForScript({ name: EVIL });
  assert.equal(s.includes("</script"), false);
  assert.equal(JSON.parse(s).name, EVIL);
});

test("tables escape every cell and header", () => {
  const html = htmlTable([{ [EVIL]: EVIL, n: 1.23456789 }]);
  assert.equal(html.includes("<img"), false);
  assert.equal(html.includes("<b>S1"), false);
  assert.match(html, /1\.235/);
});

test("figures escape sample names in trace names and text, but keep our hover templates", () => {
  const fig = { data: [{ type: "box" as const, name: EVIL, text: [EVIL], hovertemplate: "%{y}<br>s" }], layout: { title: { text: EVIL } } };
  const safe = escapeFigure(fig);
  assert.equal(JSON.stringify(safe).includes("<img"), false);
  assert.equal(safe.data[0]?.hovertemplate, "%{y}<br>s");
  assert.equal(fig.data[0]?.name, EVIL, "input not mutated");
  const html = figureHtml(fig, "t");
  assert.equal(html.includes("<img"), false);
  assert.equal((html.match(/<\/script>/g) ?? []).length, 1);
});
