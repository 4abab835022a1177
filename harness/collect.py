#!/usr/bin/env python3
"""Turn step records into the committed trace + manifest.

  collect.py run --run R ... --status COMPLETED|FAILED
      per-run: data/harness/runs/R/trace.tsv (Nextflow-style rows) and run.json (done marker)
  collect.py aggregate --outdir data/harness ...
      data/harness/trace.tsv (all runs, design order) and manifest.json; idempotent, rebuilt
      from the per-run files only, so it works in a fresh clone (no scratch dir needed).
"""
import argparse
import csv
import glob
import gzip
import hashlib
import json
import time
import zlib
from pathlib import Path

HARNESS_VERSION = "1.0.0"
STEPS = ["fastqc", "fastp", "bwa_mem", "samtools_view", "sortsam", "markduplicates",
         "flagstat_stats", "alignment_summary", "insert_size", "gc_bias", "wgs_metrics",
         "bcftools_call", "freebayes"]
NF_COLS = ["task_id", "hash", "native_id", "name", "process", "tag", "status", "exit", "submit",
           "start", "complete", "duration", "realtime", "%cpu", "peak_rss", "peak_vmem", "rchar",
           "wchar", "read_bytes", "write_bytes", "cpus", "memory"]
EXTRA_COLS = ["user_s", "sys_s", "tool", "tool_version", "threads", "input_bytes", "output_bytes",
              "load1_start", "load1_end", "host", "cpu_model", "cores", "mem_total", "repeat",
              "load_label", "limit_hit"]
COLS = NF_COLS + EXTRA_COLS


def design_row(design, run):
    with open(design) as f:
        return next(r for r in csv.DictReader(f, delimiter="\t") if r["run_id"] == run)


def trace_row(rec, row, status=None):
    tv = rec.get("time_v", {})
    wall_ms = int(round(rec["wall_s"] * 1000))
    user, sys_ = float(tv.get("user_s", 0)), float(tv.get("sys_s", 0))
    h = hashlib.sha1(f"{rec['run_id']}/{rec['step']}".encode()).hexdigest()
    return {
        "task_id": 0, "hash": f"{h[:2]}/{h[2:8]}", "native_id": rec["native_id"],
        "name": f"{rec['step']} ({rec['run_id']})", "process": rec["step"], "tag": rec["run_id"],
        "status": status or ("COMPLETED" if rec["exit"] == 0 else "FAILED"), "exit": rec["exit"],
        "submit": rec["start_ms"], "start": rec["start_ms"], "complete": rec["complete_ms"],
        "duration": wall_ms, "realtime": wall_ms,
        "%cpu": round(100 * (user + sys_) / max(rec["wall_s"], 1e-3), 1),
        "peak_rss": int(tv.get("max_rss_kb", 0)) * 1024, "peak_vmem": rec["peak_vmem"],
        "rchar": rec["io"]["rchar"], "wchar": rec["io"]["wchar"],
        "read_bytes": rec["io"]["read_bytes"], "write_bytes": rec["io"]["write_bytes"],
        "cpus": rec["threads"], "memory": rec["mem_mb"] * 1024 * 1024,
        "user_s": user, "sys_s": sys_, "tool": rec["tool"], "tool_version": rec["tool_version"],
        "threads": rec["threads"], "input_bytes": rec["input_bytes"],
        "output_bytes": rec["output_bytes"], "load1_start": rec["load_start"][0],
        "load1_end": rec["load_end"][0], "host": rec["host"], "cpu_model": rec["cpu_model"],
        "cores": rec["cores"], "mem_total": rec["mem_total"], "repeat": row["repeat"],
        "load_label": row["load_label"],
        # right-censored: the step was killed at a CPU cap (measure.py --cpu-limit-s), its time is >= this
        "limit_hit": f"cpu>={lim['limit_s']}" if (lim := rec.get("limit") or {}).get("hit") else "",
    }


def count_vcf(path):
    try:
        op = gzip.open if path.endswith(".gz") else open
        with op(path, "rt") as f:
            return sum(1 for l in f if not l.startswith("#"))
    except (OSError, EOFError, zlib.error):
        return None


def write_tsv(path, rows):
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLS, delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def cmd_run(a):
    row = design_row(a.design, a.run)
    wd = Path(a.workdir) / "runs" / a.run
    od = Path(a.outdir) / "runs" / a.run
    od.mkdir(parents=True, exist_ok=True)
    recs = {}
    for p in (wd / "steps").glob("*.json"):
        if p.name != "tool_versions.json":
            recs[p.stem] = json.loads(p.read_text())
    rows = []
    for step in STEPS:
        if step in recs:
            # a step can exit 0 and still fail its check (flagstat read count)
            st = "FAILED" if a.status == "FAILED" and step == a.failed_step else None
            rows.append(trace_row(recs[step], row, st))
    write_tsv(od / "trace.tsv", rows)
    sim = wd / "sim.json"
    info = json.loads(sim.read_text()) if sim.exists() else None
    vcfs = {Path(v).name: count_vcf(v) for v in a.vcf}
    run = dict(
        run_id=a.run, status=a.status, harness_version=HARNESS_VERSION, design=row,
        input=info, steps_recorded=len(rows), steps_expected=len(STEPS),
        failed_steps=[r["process"] for r in rows if r["status"] == "FAILED" and not r["limit_hit"]],
        censored_steps={r["process"]: r["limit_hit"] for r in rows if r["limit_hit"]},
        start_ms=min((r["start"] for r in rows), default=None),
        complete_ms=max((r["complete"] for r in rows), default=None),
        steps_wall_s=round(sum(r["realtime"] for r in rows) / 1000, 3),
        variant_records=vcfs, collected_at=int(time.time() * 1000),
        tool_versions=json.loads((wd / "steps" / "tool_versions.json").read_text())
        if (wd / "steps" / "tool_versions.json").exists() else {},
    )
    (od / "run.json").write_text(json.dumps(run, indent=1))


def sha256_file(p):
    return hashlib.sha256(Path(p).read_bytes()).hexdigest()


def host_key(row):
    """What makes timings comparable across runs: the CPU model and core count."""
    return (row.get("cpu_model") or "", int(row.get("cores") or 0))


def hosts_of(rows):
    """Distinct hosts of the trace rows (first-seen order), with how many runs each ran."""
    seen = {}
    for r in rows:
        h = seen.setdefault(host_key(r), dict(host=r.get("host"), cpu_model=r.get("cpu_model"),
                                              cores=int(r.get("cores") or 0),
                                              mem_total=int(r.get("mem_total") or 0), runs=set()))
        h["runs"].add(r.get("tag"))
    return [dict(h, runs=len(h["runs"])) for h in seen.values()]


def cmd_host_check(a):
    """Refuse to add runs from a different CPU to a dataset: its timings would not be comparable."""
    from measure import host_facts
    trace = Path(a.outdir) / "trace.tsv"
    if not trace.exists():
        return
    with open(trace, newline="") as f:
        recorded = hosts_of(list(csv.DictReader(f, delimiter="\t")))
    here = host_facts()
    key = (here["cpu_model"], int(here["cores"]))
    other = [h for h in recorded if (h["cpu_model"], h["cores"]) != key]
    if other:
        desc = "; ".join(f"{h['cpu_model']} x{h['cores']} ({h['runs']} runs)" for h in other)
        raise SystemExit(
            f"host-check: {trace} was recorded on {desc}, this machine is {key[0]} x{key[1]}: "
            "timings from two CPUs are not comparable. Write to a new folder (TRACE_OUT=...) or "
            "set TRACE_ALLOW_MIXED_HOST=1 to add them anyway (trace rows record each run's host).")


def cmd_aggregate(a):
    out = Path(a.outdir)
    runs, rows = [], []
    for rj in sorted(glob.glob(str(out / "runs" / "[rs][0-9]*" / "run.json"))):
        run = json.loads(Path(rj).read_text())
        runs.append(run)
        tp = Path(rj).with_name("trace.tsv")
        if tp.exists():
            with open(tp) as f:
                rows.extend(csv.DictReader(f, delimiter="\t"))
    for i, r in enumerate(rows, 1):
        r["task_id"] = i
    write_tsv(out / "trace.tsv", rows)
    tools = {}
    for run in runs:
        tools.update(run.get("tool_versions", {}))
    first = rows[0] if rows else {}
    refs = json.loads(Path(a.refs, "refs.json").read_text()) if Path(a.refs, "refs.json").exists() else None
    if refs is None and (out / "manifest.json").exists():  # fresh clone: keep recorded refs
        refs = json.loads((out / "manifest.json").read_text()).get("references")
    manifest = dict(
        harness_version=HARNESS_VERSION,
        label="generated by this project by running real tools on simulated reads from real reference genomes",
        design_file="design.tsv", design_sha256=sha256_file(out / "design.tsv"),
        design_rows=sum(1 for _ in open(out / "design.tsv")) - 1,
        runs_completed=sum(r["status"] == "COMPLETED" for r in runs),
        runs_failed=sum(r["status"] == "FAILED" for r in runs),
        trace_rows=len(rows), tool_versions=tools, references=refs,
        host=dict(host=first.get("host"), cpu_model=first.get("cpu_model"),
                  cores=int(first.get("cores") or 0), mem_total=int(first.get("mem_total") or 0)),
        hosts=hosts_of(rows),
        settings=dict(picard_java_opts="-Xmx4g", wgs_min_base_quality=20,
                      wgs_min_mapping_quality=20, snakemake_cores=2, serial_jobs=True,
                      threads=dict(fastqc=2, fastp=2, bwa_mem=2, samtools_view=2, picard=1,
                                   flagstat_stats=1, bcftools_call=1, freebayes=1)),
        runs=[{k: r.get(k) for k in ("run_id", "status", "design", "input", "start_ms",
                                     "complete_ms", "steps_wall_s", "failed_steps",
                                     "variant_records")} for r in runs],
    )
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--run", required=True)
    r.add_argument("--design", required=True)
    r.add_argument("--workdir", required=True)
    r.add_argument("--outdir", required=True)
    r.add_argument("--refs", required=True)
    r.add_argument("--status", default="COMPLETED")
    r.add_argument("--failed-step", default=None)
    r.add_argument("--vcf", action="append", default=[])
    g = sub.add_parser("aggregate")
    g.add_argument("--outdir", required=True)
    g.add_argument("--refs", required=True)
    c = sub.add_parser("host-check")
    c.add_argument("--outdir", required=True)
    a = ap.parse_args()
    dict(run=cmd_run, aggregate=cmd_aggregate, **{"host-check": cmd_host_check})[a.cmd](a)


if __name__ == "__main__":
    main()
