#!/usr/bin/env python3
"""Slurm's own records of a workload (sacct) -> one job table and the policy metrics.

  sacct_jobs.py collect (--logs SNAKEMAKE.log... | --since EPOCH [--until EPOCH] [--user U]) [--rules-only]
                        --out jobs.tsv [--raw sacct.txt]
      runs `sacct -X -P` (allocations only, epoch times) for the job ids the Snakemake logs name (or
      a time window) and writes one row per Slurm job with the
      rule and wildcards the Snakemake Slurm plugin put in --comment (AccountingStoreFlags=job_comment).
  sacct_jobs.py parse sacct.txt --out jobs.tsv
      the same from a saved `sacct` output (FIELDS order below), e.g. a committed record.
  sacct_jobs.py summary jobs.tsv [--policy NAME] --out summary.tsv [--runs runs.tsv]
      TIMEOUT kills, core-minutes of killed attempts, makespan, per-run turnaround.

Moments: every number is read after the workload ended, from Slurm's accounting (slurmdbd).
  killed attempt      a job in State TIMEOUT (Slurm ended it at its --time limit)
  killed core-min     sum over killed attempts of AllocCPUS * ElapsedRaw / 60
  makespan            last End - first Submit over all jobs of the workload
  turnaround (run)    last End - first Submit over the jobs of one workflow run (wildcard `run`)
Only the standard library; a bad sacct line is reported with its line number and skipped.
"""
import argparse
import csv
import datetime
import os
import re
import statistics
import subprocess
import sys

FIELDS = ["JobIDRaw", "JobName", "Comment", "State", "Submit", "Start", "End", "ElapsedRaw",
          "TimelimitRaw", "AllocCPUS", "ExitCode", "NodeList"]
COLUMNS = ["job_id", "job_name", "rule", "wildcards", "run", "attempt", "state", "submit", "start",
           "end", "elapsed_s", "timelimit_s", "alloc_cpus", "exit_code", "nodes"]
COMMENT = re.compile(r"^rule_(?P<rule>.+?)(?:_wildcards_(?P<wc>.*))?$")
RUN = re.compile(r"(?:^|_)(r\d+)(?:_|$)")
END_STATES_RUNNING = {"PENDING", "RUNNING", "REQUEUED", "SUSPENDED", "COMPLETING", "RESIZING"}


def _int(value, field, lineno, allow_unknown=False):
    if allow_unknown and value in ("", "Unknown", "None"):
        return None
    if not re.fullmatch(r"\d+", value):
        raise ValueError(f"line {lineno}: field {field}: expected a whole number, got {value!r}")
    return int(value)


def parse_sacct(text, source="sacct"):
    """Parse `sacct -X -n -P --format=<FIELDS>` output with SLURM_TIME_FORMAT=%s.

    Returns (rows, problems): rows are dicts with COLUMNS (attempt filled by number_attempts);
    problems are 'source: line N: ...' strings for lines that were skipped."""
    rows, problems = [], []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("|")
        if len(parts) != len(FIELDS):
            problems.append(f"{source}: line {lineno}: expected {len(FIELDS)} '|'-separated fields, got {len(parts)}")
            continue
        f = dict(zip(FIELDS, parts))
        try:
            state = f["State"].split(" ")[0]  # "CANCELLED by 0" -> CANCELLED
            if not re.fullmatch(r"[A-Z_]+", state):
                raise ValueError(f"line {lineno}: field State: unexpected {f['State']!r}")
            m = COMMENT.match(f["Comment"])
            rule, wc = (m.group("rule"), m.group("wc") or "") if m else ("", "")
            run = RUN.search(wc)
            limit = f["TimelimitRaw"]
            row = {
                "job_id": _int(f["JobIDRaw"], "JobIDRaw", lineno),
                "job_name": f["JobName"], "rule": rule, "wildcards": wc,
                "run": run.group(1) if run else "", "attempt": 0, "state": state,
                "submit": _int(f["Submit"], "Submit", lineno),
                "start": _int(f["Start"], "Start", lineno, allow_unknown=True),
                "end": _int(f["End"], "End", lineno, allow_unknown=True),
                "elapsed_s": _int(f["ElapsedRaw"], "ElapsedRaw", lineno),
                # TimelimitRaw is in minutes; UNLIMITED/Partition_Limit -> empty
                "timelimit_s": int(limit) * 60 if re.fullmatch(r"\d+", limit) else None,
                "alloc_cpus": _int(f["AllocCPUS"], "AllocCPUS", lineno),
                "exit_code": f["ExitCode"], "nodes": f["NodeList"],
            }
        except ValueError as e:
            problems.append(f"{source}: {e}")
            continue
        rows.append(row)
    return number_attempts(rows), problems


def number_attempts(rows):
    """attempt = 1, 2, ... per (rule, wildcards) in submit order (Snakemake retries resubmit)."""
    seen = {}
    for r in sorted(rows, key=lambda r: (r["submit"], r["job_id"])):
        key = (r["rule"], r["wildcards"]) if r["rule"] else ("", str(r["job_id"]))
        seen[key] = seen.get(key, 0) + 1
        r["attempt"] = seen[key]
    return sorted(rows, key=lambda r: r["job_id"])


def summarize(rows, policy=""):
    """Policy metrics from finished jobs; raises if a job has not ended (the workload is still running)."""
    unfinished = [r["job_id"] for r in rows if r["state"] in END_STATES_RUNNING or r["end"] is None]
    if unfinished:
        raise ValueError(f"{len(unfinished)} job(s) not finished yet (e.g. {unfinished[:5]}): summarize after the workload ends")
    if not rows:
        raise ValueError("no jobs to summarize")
    killed = [r for r in rows if r["state"] == "TIMEOUT"]
    runs = {}
    for r in rows:
        if r["run"]:
            a, b = runs.get(r["run"], (r["submit"], r["end"]))
            runs[r["run"]] = (min(a, r["submit"]), max(b, r["end"]))
    turn = {k: b - a for k, (a, b) in sorted(runs.items())}
    t = sorted(turn.values())
    summary = {
        "policy": policy,
        "jobs": len(rows),
        "runs": len(turn),
        "timeout_kills": len(killed),
        "killed_core_min": round(sum(r["alloc_cpus"] * r["elapsed_s"] for r in killed) / 60, 2),
        "failed_other": sum(r["state"] not in ("COMPLETED", "TIMEOUT") for r in rows),
        "core_min_total": round(sum(r["alloc_cpus"] * r["elapsed_s"] for r in rows) / 60, 2),
        "makespan_s": max(r["end"] for r in rows) - min(r["submit"] for r in rows),
        "turnaround_median_s": statistics.median(t) if t else "",
        "turnaround_max_s": max(t) if t else "",
    }
    return summary, turn


def run_sacct(since=None, until=None, user=None, job_ids=None):
    """`sacct` allocations, times printed as epoch seconds: the given job ids, or the jobs of a time window."""
    iso = lambda t: datetime.datetime.fromtimestamp(int(t)).strftime("%Y-%m-%dT%H:%M:%S")
    base = ["sacct", "-X", "-n", "-P", "--format=" + ",".join(FIELDS)]
    env = dict(os.environ, SLURM_TIME_FORMAT="%s")
    run = lambda cmd: subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    if job_ids is not None:
        ids = sorted(set(job_ids))
        return "".join(run(base + ["--starttime", "2000-01-01", "--allusers", "--jobs", ",".join(map(str, ids[k:k + 200]))])
                       for k in range(0, len(ids), 200))
    cmd = base + ["--starttime", iso(since), "--endtime", iso(until) if until else "now"]
    return run(cmd + (["--user", user] if user else ["--allusers"]))


SUBMITTED = re.compile(r"submitted with SLURM jobid (\d+)")


def job_ids_from_logs(paths):
    """Slurm job ids the Snakemake Slurm plugin logged ('... submitted with SLURM jobid N')."""
    ids = []
    for path in paths:
        with open(path, errors="replace") as fh:
            ids += [int(m.group(1)) for m in SUBMITTED.finditer(fh.read())]
    return ids


def write_tsv(path, rows, columns):
    with open(path, "w", newline="") as fh:
        w = csv.DictWriter(fh, columns, delimiter="\t", lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: "" if r.get(k) is None else r[k] for k in columns})


def read_jobs(path):
    ints = {"job_id", "attempt", "submit", "start", "end", "elapsed_s", "timelimit_s", "alloc_cpus"}
    rows = []
    with open(path, newline="") as fh:
        rd = csv.DictReader(fh, delimiter="\t")
        missing = set(COLUMNS) - set(rd.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: missing columns {sorted(missing)}")
        for lineno, r in enumerate(rd, 2):
            try:
                rows.append({k: (int(v) if v != "" else None) if k in ints else v for k, v in r.items()})
            except ValueError as e:
                raise ValueError(f"{path}: line {lineno}: {e}") from None
    return rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("collect")
    c.add_argument("--since", type=int, help="epoch seconds (jobs submitted/running since)")
    c.add_argument("--logs", nargs="+", help="Snakemake logs: the Slurm job ids they name (instead of --since)")
    c.add_argument("--until", type=int)
    c.add_argument("--user")
    c.add_argument("--out", required=True)
    c.add_argument("--raw", help="also save the sacct output as read")
    c.add_argument("--rules-only", action="store_true", help="keep only Snakemake's jobs (--comment rule_...)")
    p = sub.add_parser("parse")
    p.add_argument("sacct_file")
    p.add_argument("--out", required=True)
    s = sub.add_parser("summary")
    s.add_argument("jobs", nargs="+")
    s.add_argument("--policy", default="")
    s.add_argument("--out", required=True)
    s.add_argument("--runs", help="per-run turnaround TSV")
    a = ap.parse_args(argv)
    if a.cmd in ("collect", "parse"):
        if a.cmd == "collect":
            if bool(a.since) == bool(a.logs):
                raise ValueError("collect: give either --since or --logs")
            if a.logs:
                ids = job_ids_from_logs(a.logs)
                print(f"sacct_jobs: {len(set(ids))} Slurm job ids in {len(a.logs)} Snakemake log(s)", file=sys.stderr)
                text = run_sacct(job_ids=ids) if ids else ""
            else:
                text = run_sacct(a.since, a.until, a.user)
            if a.raw:
                with open(a.raw, "w") as fh:
                    fh.write(text)
            src = "sacct"
        else:
            with open(a.sacct_file) as fh:
                text = fh.read()
            src = a.sacct_file
        rows, problems = parse_sacct(text, src)
        if getattr(a, "rules_only", False):
            other = [r["job_id"] for r in rows if not r["rule"]]
            rows = [r for r in rows if r["rule"]]
            if other:
                print(f"sacct_jobs: left out {len(other)} job(s) without a Snakemake rule comment: {other[:10]}", file=sys.stderr)
        for msg in problems:
            print(f"sacct_jobs: skipped {msg}", file=sys.stderr)
        write_tsv(a.out, rows, COLUMNS)
        print(f"sacct_jobs: {len(rows)} jobs -> {a.out} ({len(problems)} lines skipped)", file=sys.stderr)
        return 1 if problems and not rows else 0
    rows = [r for path in a.jobs for r in read_jobs(path)]
    summary, turn = summarize(rows, a.policy)
    write_tsv(a.out, [summary], list(summary))
    if a.runs:
        write_tsv(a.runs, [{"policy": a.policy, "run": k, "turnaround_s": v} for k, v in turn.items()],
                  ["policy", "run", "turnaround_s"])
    print("\t".join(f"{k}={v}" for k, v in summary.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (ValueError, OSError, subprocess.CalledProcessError) as e:
        print(f"sacct_jobs: {e}", file=sys.stderr)
        sys.exit(1)
