import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { collectFile, listFiles, wideRecord } from "./collect";
import { NO_MIRROR, QC_TOOL_DIRS, qcTestData } from "./testData";
import { isWideColumn, WIDE_COLUMN_FAMILIES, WIDE_COLUMNS } from "./vocabulary";

/** Every column each module's wide() emits over `paths` (keys, null values included), by record kind. */
function emitted(paths: readonly string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of listFiles(paths)) {
    for (const r of collectFile(f).records) {
      const s = out.get(r.kind) ?? new Set<string>();
      for (const k of Object.keys(wideRecord(r).columns)) s.add(k);
      out.set(r.kind, s);
    }
  }
  return out;
}

const undeclared = (byKind: Map<string, Set<string>>): string[] => [...byKind].flatMap(([kind, cols]) => [...cols].filter((c) => !isWideColumn(c)).map((c) => `${kind}: ${c}`));

test("vocabulary: the harness's own QC outputs emit only declared columns", () => {
  const byKind = emitted(["data/harness/runs/r0001/qc", "data/harness/runs/r0150/qc"]);
  assert.ok(byKind.has("fastqc") && byKind.has("fastp") && byKind.has("samtools/stats") && byKind.has("picard/AlignmentSummaryMetrics"));
  assert.deepEqual(undeclared(byKind), []);
});

const mqc = qcTestData();
test("vocabulary: every module on multiqc-test-data's real outputs emits only declared columns, and every declared column is emitted", { skip: !mqc && NO_MIRROR }, () => {
  const byKind = emitted([...QC_TOOL_DIRS.map((d) => join(mqc as string, d)), "data/harness/runs/r0001/qc"]);
  assert.deepEqual(undeclared(byKind), [], "columns a module emits that lib/qc/vocabulary.ts does not declare");
  const all = new Set([...byKind.values()].flatMap((s) => [...s]));
  const declared = Object.values(WIDE_COLUMNS).flat() as string[];
  assert.deepEqual(declared.filter((c) => !all.has(c)), [], "declared columns no module emitted on the real outputs");
  // the open-ended families: DepthOfCoverage thresholds here; MultiQC general stats in lib/qc/multiqcTables.test.ts
  assert.ok([...all].some((c) => c.startsWith("gatk.doc.pct_bases_above_")));
  assert.deepEqual(Object.keys(WIDE_COLUMN_FAMILIES).sort(), ["gatk.doc.pct_bases_above_", "multiqc."]);
});

test("vocabulary: a column is declared exactly once, under its own tool", () => {
  const seen = new Map<string, string>();
  for (const [tool, cols] of Object.entries(WIDE_COLUMNS)) for (const c of cols as readonly string[]) {
    assert.ok(!seen.has(c), `${c} declared twice (${seen.get(c)}, ${tool})`);
    assert.ok(c.startsWith(`${tool}.`), `${c} is declared under ${tool}`);
    seen.set(c, tool);
  }
  assert.ok(!isWideColumn("fastqc.total_sequence") && isWideColumn("fastqc.total_sequences") && isWideColumn("multiqc.fastqc-percent_gc") && !isWideColumn("multiqc."));
});
