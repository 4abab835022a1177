/**
 * Every export of a lib/ module has a caller outside its own file, or is part of the public API that
 * lib/index.ts reaches. Reads the TypeScript sources under lib/ with the compiler's own checker (so
 * namespace imports, `import("./x").T` and re-exports resolve to the declaration they name), and the
 * JavaScript under bench/ and scripts/ that loads modules from dist/.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { test } from "node:test";
import ts from "typescript";
import { projectRoot } from "./data/paths";

const ROOT = projectRoot();
const LIB = join(ROOT, "lib");

function walk(dir: string, keep: (p: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === "node_modules" || f === "fixtures" ? [] : walk(p, keep);
    return keep(p) ? [p] : [];
  });
}

const isIndex = (file: string): boolean => /(^|\/)index\.ts$/.test(file);
const isTest = (file: string): boolean => file.endsWith(".test.ts");

/** The declaration a symbol names, through any chain of imports and re-exports. */
function resolved(checker: ts.TypeChecker, s: ts.Symbol): ts.Symbol {
  return s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
}

/** Every declaration reachable from a module's exports, through `export * as ns` namespaces too. */
function reachable(checker: ts.TypeChecker, moduleSymbol: ts.Symbol, seen = new Set<ts.Symbol>()): Set<ts.Symbol> {
  for (const e of checker.getExportsOfModule(moduleSymbol)) {
    const target = resolved(checker, e);
    if (seen.has(target)) continue;
    seen.add(target);
    if (target.flags & ts.SymbolFlags.ValueModule && target.declarations?.some(ts.isSourceFile)) reachable(checker, target, seen);
  }
  return seen;
}

/** `ns.member` or `ns.Type`: the identifier is the namespace on the left of a member access. */
function isMemberAccess(node: ts.Identifier): boolean {
  const p = node.parent;
  return (ts.isPropertyAccessExpression(p) && p.expression === node) || (ts.isQualifiedName(p) && p.left === node) || ts.isNamespaceImport(p);
}

/** Lib module path (no extension, e.g. `traces/read`) → its source file, for the module strings JS files load from dist/. */
function libModuleOf(lib: string, spec: string): string | undefined {
  const m = /(?:^|\/)dist\/(.+?)(?:\.js)?$/.exec(spec) ?? /^([a-z][\w]*(?:\/[\w]+)+)$/.exec(spec);
  if (!m) return undefined;
  const base = join(lib, m[1] as string);
  return [`${base}.ts`, join(base, "index.ts")].find((c) => existsSync(c));
}

/** `file → names` used by the JavaScript under bench/ and scripts/ from the lib modules it loads. */
function jsCallers(lib: string, jsDirs: readonly string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const files = jsDirs.flatMap((d) => walk(d, (p) => /\.(c|m)?js$/.test(p)));
  for (const f of files) {
    const src = readFileSync(f, "utf8");
    const words = new Set(src.match(/[A-Za-z_$][\w$]*/g) ?? []);
    for (const m of src.matchAll(/["'`]([^"'`\n]+)["'`]/g)) {
      const mod = libModuleOf(lib, m[1] as string);
      if (!mod) continue;
      const set = out.get(mod) ?? new Set<string>();
      for (const w of words) set.add(w);
      out.set(mod, set);
    }
  }
  return out;
}

/** Exports of lib/ modules that nothing outside their file uses and that lib/index.ts does not reach. */
function unusedExports(lib: string, jsDirs: readonly string[]): string[] {
  const files = walk(lib, (p) => p.endsWith(".ts") && !p.endsWith(".d.ts"));
  const program = ts.createProgram(files, { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true, resolveJsonModule: true, skipLibCheck: true, noEmit: true, types: ["node"] });
  const checker = program.getTypeChecker();
  const source = (f: string): ts.SourceFile => program.getSourceFile(f) as ts.SourceFile;
  const publicApi = reachable(checker, checker.getSymbolAtLocation(source(join(lib, "index.ts"))) as ts.Symbol);

  // symbol → files (other than its own) whose identifiers resolve to it; an index file's re-export is not a use
  const usedFrom = new Map<ts.Symbol, Set<string>>();
  for (const f of files) {
    const sf = source(f);
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && !(isIndex(f) && ts.isExportSpecifier(node.parent))) {
        const s = checker.getSymbolAtLocation(node);
        if (s) {
          const target = resolved(checker, s);
          // `import * as reader from "./x"` passed on as a value (a registry of modules): every export is used
          const asWhole = s.declarations?.some(ts.isNamespaceImport) && !isMemberAccess(node);
          for (const t of asWhole ? [target, ...checker.getExportsOfModule(target).map((e) => resolved(checker, e))] : [target]) {
            const set = usedFrom.get(t) ?? new Set<string>();
            set.add(f);
            usedFrom.set(t, set);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  const js = jsCallers(lib, jsDirs);

  const out: string[] = [];
  for (const f of files.filter((p) => !isTest(p))) {
    const moduleSymbol = checker.getSymbolAtLocation(source(f));
    if (!moduleSymbol) continue; // a script, not a module: nothing exported
    for (const e of checker.getExportsOfModule(moduleSymbol)) {
      const target = resolved(checker, e);
      if (!target.declarations?.some((d) => d.getSourceFile().fileName === f)) continue; // a re-export: judged at its own file
      if (publicApi.has(target)) continue;
      if ([...(usedFrom.get(target) ?? [])].some((u) => u !== f)) continue;
      if (js.get(f)?.has(e.name)) continue;
      out.push(`${relative(lib, f)}: ${e.name}`);
    }
  }
  return out.sort();
}

test("unusedExports() flags an export only its own file uses, and nothing public, imported or loaded from dist/", () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-exports-"));
  try {
    const lib = join(dir, "lib");
    mkdirSync(join(lib, "inner"), { recursive: true });
    mkdirSync(join(dir, "bench"));
    writeFileSync(join(lib, "index.ts"), 'export * as inner from "./inner/api";\n');
    writeFileSync(join(lib, "inner", "api.ts"), 'import { helper } from "../util";\nexport const pub = (): number => helper() + 1;\n');
    writeFileSync(join(lib, "util.ts"), "export function helper(): number { return own(); }\nexport function own(): number { return 1; }\nexport const loaded = 2;\nexport interface Opts { a: number }\n");
    writeFileSync(join(lib, "reader.ts"), "export const parse = (): number => 1;\nexport const reader = { parse };\n");
    writeFileSync(join(lib, "user.ts"), 'import * as r from "./reader";\nexport const all = [r];\n');
    writeFileSync(join(dir, "bench", "run.js"), 'const { loaded } = require("../dist/util");\n');
    assert.deepEqual(unusedExports(lib, [join(dir, "bench")]), ["user.ts: all", "util.ts: Opts", "util.ts: own"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("every export has a caller outside its file or is public API (lib/index.ts)", { skip: existsSync(join(LIB, "index.ts")) ? false : "lib/ sources not found beside dist/" }, () => {
  assert.deepEqual(unusedExports(LIB, [join(ROOT, "bench"), join(ROOT, "scripts")]), []);
});
