#!/usr/bin/env python3
"""manifest.json of a Slurm workload dataset (data/harness-slurm/workload): every file with its size and
sha256, the host and software it ran with, and per policy folder Slurm's summary and the machine's load.

  workload_manifest.py DATASET_DIR [--note TEXT]...
Run on the machine that ran the workload, right after it (host, CPU and versions are read here).
Per policy folder (one holding summary.tsv): the summary row, the load (load.tsv: median and max of
the 1-min load average while it ran) and the period it ran (first submit, last end).
"""
import argparse
import csv
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def cmd(*argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def cpu_model():
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def pip_version(python, pkg):
    out = cmd(python, "-c", f"import importlib.metadata as m; print(m.version({pkg!r}))")
    return out


def tsv_rows(path):
    with open(path, newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def policy_entry(folder):
    s = tsv_rows(os.path.join(folder, "summary.tsv"))
    if len(s) != 1:
        raise ValueError(f"{folder}/summary.tsv: expected one row, got {len(s)}")
    entry = {"summary": s[0]}
    jobs = tsv_rows(os.path.join(folder, "slurm_jobs.tsv"))
    if jobs:
        entry["first_submit_epoch_s"] = min(int(j["submit"]) for j in jobs)
        entry["last_end_epoch_s"] = max(int(j["end"]) for j in jobs if j["end"])
    lp = os.path.join(folder, "load.tsv")
    if os.path.exists(lp):
        rows = tsv_rows(lp)
        l1 = []
        for i, r in enumerate(rows, 2):
            try:
                l1.append(float(r["load1"]))
            except (KeyError, ValueError):
                print(f"workload_manifest: {lp}: line {i}: load1 {r.get('load1')!r} is not a number: skipped", file=sys.stderr)
        if l1:
            entry["load1"] = {"samples": len(l1), "median": statistics.median(l1), "max": max(l1)}
    return entry


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dataset")
    ap.add_argument("--note", action="append", default=[])
    a = ap.parse_args(argv)
    root = os.path.abspath(a.dataset)
    repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    files, policies = [], {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for f in sorted(filenames):
            if f == "manifest.json" and dirpath == root:
                continue
            p = os.path.join(dirpath, f)
            files.append({"path": os.path.relpath(p, root), "bytes": os.path.getsize(p), "sha256": sha256(p)})
        if "summary.tsv" in filenames:
            policies[os.path.relpath(dirpath, root)] = policy_entry(dirpath)
    venv_py = os.path.join(repo, ".venv-slurm", "bin", "python")
    manifest = {
        "label": "measured under Slurm (local single-node cluster, harness/cluster/start.sh): the harness workflow run by "
                 "Snakemake's Slurm executor, one policy of time limits per folder; timings are of one CPU model and are "
                 "not comparable with data/harness (serial steps, no Slurm)",
        "host": {"cpu_model": cpu_model(), "cpus": os.cpu_count(), "kernel": platform.release()},
        "software": {
            "slurm": cmd("sinfo", "-V"),
            "snakemake": pip_version(venv_py, "snakemake") if os.path.exists(venv_py) else None,
            "snakemake-executor-plugin-slurm": pip_version(venv_py, "snakemake-executor-plugin-slurm") if os.path.exists(venv_py) else None,
        },
        "notes": a.note,
        "policies": policies,
        "files": files,
    }
    with open(os.path.join(root, "manifest.json"), "w") as fh:
        json.dump(manifest, fh, indent=1)
        fh.write("\n")
    print(f"workload_manifest: {len(files)} files, {len(policies)} policy folder(s) -> {root}/manifest.json", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (ValueError, OSError) as e:
        print(f"workload_manifest: {e}", file=sys.stderr)
        sys.exit(1)
