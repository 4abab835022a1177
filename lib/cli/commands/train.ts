import { DEFAULT_TRAIN_OPTIONS, train } from "../../train/train";
import type { Moment } from "../../train/features";
import type { Target } from "../../train/join";
import { type Command, type ParsedArgs, parseArgs } from "../command";

/** Control characters (escape sequences, tabs inside names) shown as `?`; newlines and tabs between fields kept. */
function terminalSafe(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "?");
}

/** Values of a flag that may take several space-separated values (`--trace a b c`). */
function multi(argv: readonly string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] !== `--${name}`) continue;
    for (let k = i + 1; k < argv.length && !(argv[k] as string).startsWith("--"); k++) out.push(argv[k] as string);
  }
  for (const a of argv) if (a.startsWith(`--${name}=`)) out.push(a.slice(name.length + 3));
  return out;
}

const one = (args: ParsedArgs, name: string): string | undefined => {
  const v = args.flags.get(name);
  return typeof v === "string" ? v : undefined;
};

function int(v: string | undefined, name: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min} (got '${v}')`);
  return n;
}

/** `gwtime train --trace <files...> --qc <dirs...> --out DIR [...]`: models per step from an operator's own runs. */
export const trainCommand: Command = {
  name: "train",
  summary: "learn per-step run-time models from your own traces joined with the samples' QC (MultiQC data or QC files); writes model JSON + card per step and training-report.html",
  usage: "gwtime train --trace <files|dirs...> --qc <multiqc_data|qc dirs...> --out DIR [--target cpu|wall] [--moment submission|in-flight --dag dag.tsv] [--samples map.tsv] [--min-runs N] [--seed S] [--max-rows N (default 5000; 0: all)] [--format F]",
  async run(argv) {
    const args = parseArgs(argv);
    const trace = multi(argv, "trace");
    const qc = multi(argv, "qc");
    const out = one(args, "out");
    if (trace.length === 0 || qc.length === 0 || !out) throw new Error(`usage: ${this.usage}`);
    const target = one(args, "target") ?? DEFAULT_TRAIN_OPTIONS.target;
    if (target !== "cpu" && target !== "wall") throw new Error(`--target must be cpu or wall (got '${target}')`);
    const moment = one(args, "moment") ?? DEFAULT_TRAIN_OPTIONS.moment;
    if (moment !== "submission" && moment !== "in-flight") throw new Error(`--moment must be submission or in-flight (got '${moment}')`);
    const res = await train({
      trace, qc, out, target: target as Target, moment: moment as Moment,
      samples: one(args, "samples"), dag: one(args, "dag"), format: one(args, "format"),
      minRuns: int(one(args, "min-runs"), "min-runs", 3), seed: int(one(args, "seed"), "seed", 0), maxRows: int(one(args, "max-rows"), "max-rows", 0),
    });
    const j = res.join;
    // Names come from input files: control characters never reach the terminal.
    const w = (s: string): boolean => process.stderr.write(`${terminalSafe(s)}\n`);
    w(`gwtime train: ${j.tasksRead} task rows; ${j.tasksUsable} usable; ${j.tasksJoined} joined (${(100 * j.joinRate).toFixed(1)}%) to ${j.samplesJoined} samples`);
    for (const [reason, c] of Object.entries(j.excluded)) w(`  excluded ${c.n}: ${reason} (e.g. ${c.examples.slice(0, 2).join("; ")})`);
    for (const [reason, c] of Object.entries(j.notJoined)) w(`  not joined ${c.n}: ${reason} (e.g. ${c.examples.slice(0, 3).join("; ")}; QC samples e.g. ${j.qcSampleExamples.slice(0, 3).join(", ")})`);
    if (j.samplesWithQcNoTasks.n) w(`  ${j.samplesWithQcNoTasks.n} samples have QC but no joined task (e.g. ${j.samplesWithQcNoTasks.examples.slice(0, 3).join(", ")})`);
    if (j.qcRowsWithoutTasks.n) w(`  ${j.qcRowsWithoutTasks.n} QC rows match no usable task (e.g. ${j.qcRowsWithoutTasks.examples.slice(0, 3).join(", ")})`);
    const rows = res.steps.map((s) => [s.step, String(s.runs), String(s.inputs), s.model ? s.model.base : "-", s.model ? s.model.cvR2.toFixed(3) : "-", s.model ? s.model.cvMdape.toFixed(3) : "-", String(s.features.length), s.skipped ?? (s.sampling ? `fitted on a stratified sample of ${s.sampling.rowsUsed} runs (--max-rows)` : "")]);
    process.stdout.write(terminalSafe(["step\truns\tinputs\tmodel\tcv_r2_log\tcv_mdape\tfeatures\tnote", ...rows.map((r) => r.join("\t"))].join("\n")) + "\n");
    const made = res.steps.filter((s) => s.model).length;
    w(`${made} model(s) in ${res.out}; ${res.steps.length - made} step(s) without a model (reason in the note column); report: ${res.report}`);
    return made > 0 ? 0 : 1;
  },
};
