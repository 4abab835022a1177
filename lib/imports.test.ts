/**
 * The library's import graph: no cycle among lib/ modules (type imports and `require` included), and
 * the lower layers never import the upper ones. Reads the TypeScript sources under lib/.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { test } from "node:test";
import { projectRoot } from "./data/paths";

const LIB = join(projectRoot(), "lib");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === "fixtures" ? [] : sources(p);
    return p.endsWith(".ts") && !p.endsWith(".test.ts") && !p.endsWith(".d.ts") ? [p] : [];
  });
}

/** Module (lib-relative, no extension) → the lib modules it imports. */
export function importGraph(files: readonly string[]): Map<string, string[]> {
  const g = new Map<string, string[]>();
  const id = (p: string): string => relative(LIB, p).replace(/\.ts$/, "").replace(/\/index$/, "/index");
  for (const f of files) {
    const src = readFileSync(f, "utf8");
    const deps = new Set<string>();
    for (const m of src.matchAll(/(?:from\s+|require\(\s*|import\(\s*)["'](\.{1,2}\/[^"']*)["']/g)) {
      const base = resolve(dirname(f), m[1] as string);
      const target = [`${base}.ts`, join(base, "index.ts")].find((c) => existsSync(c));
      if (target) deps.add(id(target));
    }
    g.set(id(f), [...deps].sort());
  }
  return g;
}

/** Every cycle found by depth-first search, each as the list of modules on it. */
export function cycles(g: ReadonlyMap<string, readonly string[]>): string[][] {
  const out: string[][] = [];
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (n: string): void => {
    state.set(n, 1);
    stack.push(n);
    for (const d of g.get(n) ?? []) {
      if (state.get(d) === 1) out.push([...stack.slice(stack.indexOf(d)), d]);
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of [...g.keys()].sort()) if (!state.has(n)) visit(n);
  return out;
}

const have = existsSync(LIB);

test("cycles() finds a cycle and only then", () => {
  assert.deepEqual(cycles(new Map([["a", ["b"]], ["b", ["c"]], ["c", []]])), []);
  assert.deepEqual(cycles(new Map([["a", ["b"]], ["b", ["a"]]])), [["a", "b", "a"]]);
});

test("no import cycle in lib/", { skip: have ? false : "lib/ sources not found beside dist/" }, () => {
  const found = cycles(importGraph(sources(LIB)));
  assert.deepEqual(found.map((c) => c.join(" -> ")), []);
});

/** Lower layers and what they must never import (the data flow of docs/ARCHITECTURE.md). */
const FORBIDDEN: Record<string, readonly string[]> = {
  util: ["data", "qc", "traces", "features", "models", "analysis", "plots", "report", "cli"],
  models: ["data", "qc", "traces", "features", "analysis", "plots", "report", "cli"],
  plots: ["data", "qc", "traces", "features", "models", "analysis", "report", "cli"],
  qc: ["traces", "features", "models", "analysis", "plots", "report", "cli"],
  traces: ["qc", "features", "models", "analysis", "plots", "report", "cli"],
  features: ["analysis", "plots", "report", "cli"],
  analysis: ["report", "cli"],
  report: ["analysis", "cli"],
};

test("layers: lower folders never import upper ones", { skip: have ? false : "lib/ sources not found beside dist/" }, () => {
  const bad: string[] = [];
  for (const [mod, deps] of importGraph(sources(LIB))) {
    const from = mod.split("/")[0] as string;
    for (const d of deps) if ((FORBIDDEN[from] ?? []).includes(d.split("/")[0] as string)) bad.push(`${mod} -> ${d}`);
  }
  assert.deepEqual(bad, []);
});
