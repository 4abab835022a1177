#!/usr/bin/env python3
"""Project what the rest of a harness design will cost from the runs done so far (scale ladder pilot).

  python3 harness/project.py data/harness-scale [--measure wall|cpu]

Per design row not yet done: wall time = baseline(genome, pairs) x multiplier(quality), where
  baseline(g, n)  is a power law n^b through the completed baseline runs of genome g (E. coli's when g
                  has fewer than two sizes; b = 1 with a single baseline run), and
  multiplier(q)   is the completed runs of quality q / the baseline at the same genome and size
                  (1 when none is done yet, said in the output).
Wall time per run = simulate + the recorded steps. Prints each step's share of the projected total so a
step that would dominate the budget (freebayes on low-quality input) is visible before it runs.
"""
import argparse
import csv
import json
import math
import statistics
from collections import defaultdict
from pathlib import Path


def run_times(out, measure="wall"):
    """{run_id: {step: seconds, "simulate": s}} for completed runs: wall time, or CPU (user + sys)."""
    times = {}
    for rj in sorted((out / "runs").glob("*/run.json")):
        d = json.loads(rj.read_text())
        if d.get("status") != "COMPLETED":
            continue
        t = {"simulate": float((d.get("input") or {}).get("simulate_wall_s") or 0)}
        with open(rj.parent / "trace.tsv") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                t[r["process"]] = (float(r["realtime"]) / 1000 if measure == "wall"
                                   else float(r["user_s"]) + float(r["sys_s"]))
        times[d["run_id"]] = t
    return times


def power_law(points):
    """(a, b) of log t = a + b log n through (n, t) points; b = 1 with one distinct n."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(max(t, 1e-3)) for _, t in points]
    if len(set(xs)) < 2:
        return statistics.mean(ys) - statistics.mean(xs), 1.0
    mx, my = statistics.mean(xs), statistics.mean(ys)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return my - b * mx, b


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--measure", choices=["wall", "cpu"], default="wall",
                    help="wall: as the runs went on this machine (includes its load); cpu: user + sys seconds")
    a = ap.parse_args()
    out = Path(a.outdir)
    design = list(csv.DictReader(open(out / "design.tsv"), delimiter="\t"))
    times = run_times(out, a.measure)
    done = [r for r in design if r["run_id"] in times]
    todo = [r for r in design if r["run_id"] not in times]
    if not done:
        raise SystemExit(f"project: no completed run in {out}/runs yet")
    steps = sorted({s for t in times.values() for s in t})
    base = defaultdict(list)   # (genome, step) -> [(n, t)]
    for r in done:
        if r["varied"] == "baseline":
            for s, t in times[r["run_id"]].items():
                base[(r["genome"], s)].append((int(r["n_pairs"]), t))

    def baseline(g, n, s):
        pts = base.get((g, s)) or base.get(("ecoli_k12", s)) or []
        if not pts:
            return None
        a_, b_ = power_law(pts)
        return math.exp(a_ + b_ * math.log(n))

    mult = defaultdict(list)   # (quality, step) -> ratios
    for r in done:
        if r["varied"] == "baseline":
            continue
        for s, t in times[r["run_id"]].items():
            ref = baseline(r["genome"], int(r["n_pairs"]), s)
            if ref:
                mult[(r["varied"], s)].append(t / ref)
    assumed = set()
    total, by_step = 0.0, defaultdict(float)
    for r in todo:
        for s in steps:
            t = baseline(r["genome"], int(r["n_pairs"]), s) or 0.0
            m = mult.get((r["varied"], s))
            if r["varied"] != "baseline" and not m:
                assumed.add(r["varied"])
            t *= statistics.median(m) if m and r["varied"] != "baseline" else 1.0
            total += t
            by_step[s] += t
    done_s = sum(sum(t.values()) for t in times.values())
    print(f"[project] {out}: {len(done)} runs done ({done_s / 3600:.2f} h of steps, {a.measure}), {len(todo)} to go, "
          f"projected {total / 3600:.1f} h {a.measure}")
    for s in sorted(by_step, key=by_step.get, reverse=True):
        print(f"  {s:18s} {by_step[s] / 3600:6.2f} h  {100 * by_step[s] / max(total, 1e-9):5.1f}%")
    if assumed:
        print(f"  (no completed run yet for {', '.join(sorted(assumed))}: multiplier 1 assumed)")


if __name__ == "__main__":
    main()
