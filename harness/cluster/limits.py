#!/usr/bin/env python3
"""Per-rule (and per-run) Slurm time limits for the harness -> a Snakemake workflow profile.

  limits.py static --trace data/harness/trace.tsv [--quantile 0.9] [--pad-s 0] --out DIR
      the operator's policy: one limit per rule = the step's historical quantile of wall time
      (trace.tsv `realtime`, COMPLETED rows), in whole minutes rounded up (Slurm's granularity).
  limits.py gwtime --export EXPORT_DIR [--pad-s 0] [--fallback-trace TRACE [--quantile 0.9]] --out DIR
      gwtime's predicted upper quantile per sample and rule, from `gwtime export --to snakemake`
      (EXPORT_DIR/gwtime_runtime.yaml: steps -> rule -> fallback_min, samples -> id -> limit_s and
      runtime_min); --pad-s is added to limit_s before rounding up, as for static limits. Rules gwtime
      has no model for get the static limit from --fallback-trace (what an operator would keep).
Both write DIR/limits.tsv (policy, rule, run, runtime_min, source; run `*` = every run without its
own row; source = where the limit came from: static_pNN or gwtime) and
DIR/config.yaml, a workflow profile whose set-resources give each limited rule
    runtime = <the run's minutes, else the rule's> * attempt
so a job killed at its limit (TIMEOUT) is retried with the limit doubled (snakemake --retries 1).
Rules without a limit keep the Slurm profile's default runtime (harness/profiles/slurm).
The moment: static limits use only past runs; gwtime's use the input's QC at submission.
"""
import argparse
import csv
import math
import os
import re
import sys

IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
RUN_ID = re.compile(r"^[A-Za-z0-9_.-]+$")


def quantile(values, q):
    """Linear-interpolation quantile (numpy's default 'linear')."""
    v = sorted(values)
    if not v:
        raise ValueError("no values")
    pos = (len(v) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return v[lo] + (v[hi] - v[lo]) * (pos - lo)


def minutes(seconds):
    """Whole minutes rounded up, at least 1 (Slurm --time granularity)."""
    return max(1, math.ceil(seconds / 60 - 1e-9))


def static_limits(trace_path, q=0.9, pad_s=0.0):
    """{rule: minutes} from the historical quantile of each step's wall time."""
    by_rule = {}
    with open(trace_path, newline="") as fh:
        rd = csv.DictReader(fh, delimiter="\t")
        for col in ("process", "status", "realtime"):
            if col not in (rd.fieldnames or []):
                raise ValueError(f"{trace_path}: no column {col!r}")
        for lineno, r in enumerate(rd, 2):
            if r["status"] != "COMPLETED":
                continue
            try:
                ms = float(r["realtime"])
            except ValueError:
                raise ValueError(f"{trace_path}: line {lineno}: realtime {r['realtime']!r} is not a number") from None
            by_rule.setdefault(r["process"], []).append(ms / 1000)
    if not by_rule:
        raise ValueError(f"{trace_path}: no COMPLETED rows")
    return {rule: minutes(quantile(v, q) + pad_s) for rule, v in sorted(by_rule.items())}


def gwtime_limits(export_dir, pad_s=0.0):
    """({rule: fallback minutes}, {(rule, run): minutes}) from gwtime's Snakemake export; a sample's
    minutes are limit_s + pad_s rounded up (runtime_min + pad when the file has no limit_s)."""
    import yaml  # PyYAML (in .venv-slurm with Snakemake)
    path = os.path.join(export_dir, "gwtime_runtime.yaml")
    with open(path, encoding="utf-8") as fh:
        t = yaml.safe_load(fh)
    steps = (t or {}).get("steps")
    if not isinstance(steps, dict) or not steps:
        raise ValueError(f"{path}: no 'steps' mapping")
    rule_min, per_run = {}, {}
    pad_min = pad_s / 60
    for rule, s in steps.items():
        try:
            rule_min[rule] = max(1, math.ceil(int(s["fallback_min"]) + pad_min))
            for run, row in (s.get("samples") or {}).items():
                if row.get("limit_s") is not None:
                    per_run[(rule, str(run))] = minutes(float(row["limit_s"]) + pad_s)
                else:
                    per_run[(rule, str(run))] = max(1, math.ceil(int(row["runtime_min"]) + pad_min))
        except (KeyError, TypeError, ValueError) as e:
            raise ValueError(f"{path}: step {rule!r}: {e!r}") from None
    return rule_min, per_run


def runtime_expression(rule_minutes, run_minutes):
    """Snakemake resource expression (evaluated with `wildcards` and `attempt`); no braces, which
    Snakemake would read as a format field."""
    if not run_minutes:
        return f"{rule_minutes} * attempt"
    pairs = ", ".join(f"({run!r}, {m})" for run, m in sorted(run_minutes.items()))
    return f"dict([{pairs}]).get(wildcards.run, {rule_minutes}) * attempt"


def write_outputs(out, policy, rule_min, per_run, source=None):
    """source: {rule: where its limits came from} (default: the policy for every rule)."""
    source = source or {}
    os.makedirs(out, exist_ok=True)
    for rule in rule_min:
        if not IDENT.match(rule):
            raise ValueError(f"rule name {rule!r} is not a Snakemake rule identifier")
    for (_, run) in per_run:
        if not RUN_ID.match(run):
            raise ValueError(f"run id {run!r}: only letters, digits, '_', '.', '-' are accepted")
    with open(os.path.join(out, "limits.tsv"), "w", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["policy", "rule", "run", "runtime_min", "source"])
        for rule, m in sorted(rule_min.items()):
            src = source.get(rule, policy)
            w.writerow([policy, rule, "*", m, src])
            for (r2, run), m2 in sorted(per_run.items()):
                if r2 == rule:
                    w.writerow([policy, rule, run, m2, src])
    lines = [f"# Slurm time limits, policy {policy} (harness/cluster/limits.py); minutes x attempt",
             "set-resources:"]
    for rule, m in sorted(rule_min.items()):
        runs = {run: m2 for (r2, run), m2 in per_run.items() if r2 == rule}
        expr = runtime_expression(m, runs)
        lines += [f"  {rule}:", f"    runtime: \"{expr}\""]
    with open(os.path.join(out, "config.yaml"), "w") as fh:
        fh.write("\n".join(lines) + "\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="source", required=True)
    s = sub.add_parser("static")
    s.add_argument("--trace", required=True)
    s.add_argument("--quantile", type=float, default=0.9)
    g = sub.add_parser("gwtime")
    g.add_argument("--export", required=True, help="folder written by gwtime export --to snakemake")
    g.add_argument("--fallback-trace", help="trace.tsv: static limits for rules without a gwtime model")
    g.add_argument("--quantile", type=float, default=0.9, help="quantile of the static fallback")
    for p in (s, g):
        p.add_argument("--pad-s", type=float, default=0.0, help="seconds added before rounding (job overhead)")
        p.add_argument("--out", required=True)
    a = ap.parse_args(argv)
    if not 0 < a.quantile < 1:
        raise ValueError(f"--quantile: expected 0 < q < 1, got {a.quantile}")
    static_name = f"static_p{round(a.quantile * 100)}"
    source = {}
    if a.source == "static":
        rule_min, per_run, policy = static_limits(a.trace, a.quantile, a.pad_s), {}, static_name
    else:
        (rule_min, per_run), policy = gwtime_limits(a.export, a.pad_s), "gwtime"
        if a.fallback_trace:
            for rule, m in static_limits(a.fallback_trace, a.quantile, a.pad_s).items():
                if rule not in rule_min:
                    rule_min[rule], source[rule] = m, static_name
    write_outputs(a.out, policy, rule_min, per_run, source)
    fb = f" ({len(source)} from {static_name})" if source else ""
    print(f"limits: {policy}: {len(rule_min)} rules{fb}, {len(per_run)} per-run limits -> {a.out}/config.yaml", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (ValueError, OSError) as e:
        print(f"limits: {e}", file=sys.stderr)
        sys.exit(1)
