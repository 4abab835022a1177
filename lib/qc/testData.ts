/** Test helper: where the multiqc-test-data QC modules live in the local mirror (undefined when absent). */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { mirrorRoot } from "../data/paths";

/** `<mirror>/multiqc-test-data/data/modules[/sub]`, or undefined when the mirror is absent. */
export function qcTestData(sub = ""): string | undefined {
  const m = mirrorRoot();
  const dir = m ? join(m, "multiqc-test-data", "data", "modules", sub) : undefined;
  return dir && existsSync(dir) ? dir : undefined;
}

/** Skip message used by tests when the mirror is absent. */
export const NO_MIRROR = "multiqc-test-data mirror absent (set GWT_DATA_MIRROR or place ../shared/datasets): skipped";

/** The QC tool folders of multiqc-test-data that gwtime covers. */
export const QC_TOOL_DIRS = ["fastqc", "picard", "gatk", "samtools", "fastp"] as const;
