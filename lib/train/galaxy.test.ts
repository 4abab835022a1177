/**
 * Why `gwtime train` cannot join Galaxy jobs to their input datasets' QC on the usegalaxy.org dump
 * (`galaxy-main/csv_dump`): checked on the files, so the README's statement stays true.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { mirrorRoot } from "../data/paths";
import { readTrace } from "../traces/read";

const DUMP = ((m) => (m ? join(m, "galaxy-main", "csv_dump") : undefined))(mirrorRoot());
const HAVE = DUMP !== undefined && existsSync(join(DUMP, "devteam_fastqc_fastqc_0.68.csv"));

/** Input dataset ids (`{'src': 'hda', 'id': N}`) a job's `parameters.*.values` cells name. */
function inputIds(raw: Readonly<Record<string, string>>): number[] {
  const out: number[] = [];
  for (const [k, v] of Object.entries(raw)) if (k.startsWith("parameters.") && k.endsWith(".values")) for (const m of v.matchAll(/'src': '(?:hda|ldda)', 'id': (\d+)/g)) out.push(Number(m[1]));
  return out;
}

test("Galaxy dump: every job row carries its input sizes, but no dataset's QC; FastQC's and BWA-MEM's input datasets do not overlap", { skip: HAVE ? false : "galaxy-main mirror absent (set GWT_DATA_MIRROR or place ../shared/datasets): skipped" }, () => {
  const fq = readTrace(join(DUMP as string, "devteam_fastqc_fastqc_0.68.csv"));
  const bwa = readTrace(join(DUMP as string, "devteam_bwa_bwa_mem_0.4.2.csv"));
  assert.equal(fq.runs.length, 6919);
  assert.equal(bwa.runs.length, 3130);
  // sizes: already on the job row (the `<param>` / `<param>_filetype` pairs), so no join is needed for them
  assert.ok(bwa.runs.filter((r) => r.inputBytes !== undefined).length > 3000);
  // QC: no column of either file holds a QC value of a dataset or the job's output dataset
  for (const r of [fq.runs[0], bwa.runs[0]]) assert.ok(!Object.keys(r?.raw ?? {}).some((k) => /output|total_sequences|percent_gc|gc_content|quality|dataset_id/i.test(k) && !k.startsWith("parameters.")), Object.keys(r?.raw ?? {}).join(","));
  // the only link to a dataset: input ids in the parameters; FastQC's inputs and BWA-MEM's never coincide
  const fqIds = new Set(fq.runs.flatMap((r) => inputIds(r.raw)));
  const bwaWithIds = bwa.runs.filter((r) => inputIds(r.raw).length > 0);
  assert.equal(fqIds.size, 6537);
  assert.equal(bwaWithIds.length, 356);
  assert.equal(bwaWithIds.filter((r) => inputIds(r.raw).some((i) => fqIds.has(i))).length, 0);
});
