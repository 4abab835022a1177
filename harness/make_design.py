#!/usr/bin/env python3
"""Generate the trace-harness design (data/harness/design.tsv + DESIGN.md).

Deterministic (fixed seed). Rows are ordered so that any prefix is balanced:
  1. ofat1   baseline + every one-factor-at-a-time level once (extreme levels first)
  2. noise   the same input (same seed) re-run: baseline x3, and three stressed configs x2 more
  3. load    baseline and low-quality input re-run under a co-located CPU+IO load
  4. ofat2   second OFAT replicate with fresh seeds
  5. lhs     maximin Latin hypercube over all factors, with a baseline repeat every 10th row
             and a loaded copy of an LHS row every 15th row
Later sessions resume from the first run not yet done, so the prefix order matters.
"""
import argparse
import hashlib
import math
import random
from pathlib import Path

SEED = 20240607
BASE = dict(n_pairs=200_000, read_len=100, qual_shift=0, dup_rate=0.0, adapter_frac=0.0,
            contam_frac=0.0, insert_mean=300, insert_sd=30, gc_bias=0.0, divergent_frac=0.0)
# non-baseline OFAT levels, most extreme first (so a short prefix already spans each factor)
OFAT = dict(
    qual_shift=[-15, -10, -5],
    n_pairs=[800_000, 100_000, 400_000],
    dup_rate=[0.5, 0.25, 0.1],
    adapter_frac=[0.4, 0.2, 0.1],
    contam_frac=[0.3, 0.15, 0.05],
    divergent_frac=[1.0, 0.5],
    gc_bias=[1.5, 0.5, 1.0],
    read_len=[150, 75],
    insert_mean=[500, 200],
    insert_sd=[75, 15],
)
# LHS ranges: (low, high, kind)
LHS = dict(
    n_pairs=(100_000, 800_000, "log"),
    read_len=((75, 100, 150), None, "choice"),
    qual_shift=(-15, 0, "int"),
    dup_rate=(0.0, 0.5, "float"),
    adapter_frac=(0.0, 0.4, "float"),
    contam_frac=(0.0, 0.3, "float"),
    insert_mean=(200, 500, "int"),
    insert_sd=(15, 75, "int"),
    gc_bias=(0.0, 1.5, "float"),
    divergent_frac=(0.0, 1.0, "float"),
)
FACTORS = list(BASE)
COLS = (["run_id", "phase", "config_id", "varied", "seed", "repeat", "load_label", "genome",
         "art_profile"] + FACTORS)


def constrain(cfg):
    """Keep fragments mostly longer than the reads (ART misbehaves otherwise)."""
    max_sd = max(10, (cfg["insert_mean"] - cfg["read_len"]) // 2)
    cfg["insert_sd"] = min(cfg["insert_sd"], max_sd)
    return cfg


def lhs(n, rng, tries=30):
    """Maximin Latin hypercube on [0,1)^d, best of `tries` random ones."""
    d = len(LHS)
    best, best_score = None, -1
    for _ in range(tries):
        cols = []
        for _ in range(d):
            perm = list(range(n))
            rng.shuffle(perm)
            cols.append([(p + rng.random()) / n for p in perm])
        pts = list(zip(*cols))
        score = min(sum((a - b) ** 2 for a, b in zip(pts[i], pts[j]))
                    for i in range(n) for j in range(i + 1, n))
        if score > best_score:
            best, best_score = pts, score
    return best


def scale(u, spec):
    lo, hi, kind = spec
    if kind == "log":
        return int(round(math.exp(math.log(lo) + u * (math.log(hi) - math.log(lo))), -3))
    if kind == "choice":
        return lo[min(int(u * len(lo)), len(lo) - 1)]
    if kind == "int":
        return int(round(lo + u * (hi - lo)))
    return round(lo + u * (hi - lo), 3)


# Scale ladder (issue 20): does a quality effect measured at 0.2M pairs hold at production sizes?
SCALE_SEED = 20261204
SCALE_QUALITY = dict(baseline={}, qual_shift={"qual_shift": -15}, divergent_frac={"divergent_frac": 1.0},
                     dup_rate={"dup_rate": 0.5}, adapter_frac={"adapter_frac": 0.4})
SCALE_SIZES = (200_000, 800_000, 3_200_000)
SCALE_BIG = 6_400_000                       # where the budget allows: baseline and quality -15, one repeat
SCALE_PF_SIZES = (800_000, 3_200_000)       # P. falciparum (23 Mb): baseline and quality -15
SCALE_PILOT = [("ecoli_k12", 800_000, "baseline"), ("ecoli_k12", 3_200_000, "baseline"),
               ("ecoli_k12", 3_200_000, "qual_shift")]


def scale_rows(rng):
    """Rows of the scale design in run order (any prefix is balanced across sizes and qualities):
    pilot (3 runs: what the big runs cost), then repeat 1 of every E. coli cell by size, then the
    P. falciparum cells, then repeat 2 of everything, then 6.4M pairs. Each repeat has its own seed."""
    cells = [("ecoli_k12", n, q) for n in SCALE_SIZES for q in SCALE_QUALITY]
    cells += [("pfalciparum", n, q) for n in SCALE_PF_SIZES for q in ("baseline", "qual_shift")]
    order = [(c, 1, "pilot") for c in SCALE_PILOT]
    order += [(c, 1, "ladder1") for c in cells if c not in SCALE_PILOT]
    order += [(c, 2, "ladder2") for c in cells]
    order += [(("ecoli_k12", SCALE_BIG, q), 1, "big") for q in ("baseline", "qual_shift")]
    rows = []
    for i, ((genome, n, q), rep, phase) in enumerate(order, 1):
        cfg = constrain({**BASE, "n_pairs": n, **SCALE_QUALITY[q]})
        short = {"ecoli_k12": "ec", "pfalciparum": "pf"}[genome]
        rows.append(dict(run_id=f"s{i:03d}", phase=phase, config_id=f"{short}-{n // 1000}k-{q}-{rep}",
                         varied=q, seed=rng.randrange(1, 2**31), repeat=rep, load_label="none",
                         genome=genome, art_profile="HS25", **cfg))
    return rows


def write_design_tsv(out, rows):
    """Write out/design.tsv; return its sha256 and the number of rows per phase."""
    out.mkdir(parents=True, exist_ok=True)
    tsv = "\t".join(COLS) + "\n" + "".join("\t".join(str(r[c]) for c in COLS) + "\n" for r in rows)
    (out / "design.tsv").write_text(tsv)
    phases = {}
    for r in rows:
        phases[r["phase"]] = phases.get(r["phase"], 0) + 1
    return hashlib.sha256(tsv.encode()).hexdigest(), phases


def write_scale(out):
    rows = scale_rows(random.Random(SCALE_SEED))
    sha, phases = write_design_tsv(out, rows)
    md = [
        "# Scale-ladder design (issue 20)",
        "",
        f"Generated by `harness/make_design.py --scale` (seed {SCALE_SEED}); {len(rows)} workflow runs. "
        f"design.tsv sha256 `{sha}`.",
        "",
        "Regenerate: `python3 harness/make_design.py --scale --out data/harness-scale` (byte-identical).",
        "",
        "Question: is the quality multiplier (CPU time at the extreme quality level / baseline, same size) the",
        "same at 0.2M, 0.8M and 3.2M read pairs, and on a 5x larger genome?",
        "",
        "## Cells",
        "",
        "| genome | read pairs | quality configurations | repeats |",
        "|---|---|---|---|",
        f"| E. coli K-12 MG1655 (4.6 Mb) | {', '.join(f'{n/1e6:g}M' for n in SCALE_SIZES)} | "
        f"{', '.join(SCALE_QUALITY)} | 2 (own seeds) |",
        f"| P. falciparum 3D7 (23.3 Mb, 14 chromosomes; Debian smalt-examples) | "
        f"{', '.join(f'{n/1e6:g}M' for n in SCALE_PF_SIZES)} | baseline, qual_shift | 2 |",
        f"| E. coli K-12 | {SCALE_BIG/1e6:g}M | baseline, qual_shift | 1 |",
        "",
        "Quality levels are the main design's extreme OFAT levels: qual_shift -15, divergent_frac 1.0 (all",
        "reads from E. coli 536), dup_rate 0.5, adapter_frac 0.4; every other factor at baseline",
        "(2x100 bp, insert 300±30, no GC bias, no contamination).",
        "",
        "## Run order (any prefix is balanced)",
        "",
        "| phase | runs | what |",
        "|---|---|---|",
        f"| pilot | {phases['pilot']} | 0.8M baseline, 3.2M baseline, 3.2M qual_shift: what the large runs cost (projection: `python3 harness/project.py data/harness-scale`) |",
        f"| ladder1 | {phases['ladder1']} | repeat 1 of every other cell, smallest size first |",
        f"| ladder2 | {phases['ladder2']} | repeat 2 of every cell, fresh seeds |",
        f"| big | {phases['big']} | 6.4M pairs, baseline and qual_shift, one repeat each |",
        "",
        "Every run executes on one machine, one at a time (`--resources serial=1`), as in the main design.",
    ]
    (out / "DESIGN.md").write_text("\n".join(md) + "\n")
    print(f"{len(rows)} runs -> {out}/design.tsv ({phases})")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="data/harness")
    ap.add_argument("--n-lhs", type=int, default=220)
    ap.add_argument("--scale", action="store_true", help="the scale-ladder design (issue 20) instead")
    args = ap.parse_args()
    if args.scale:
        return write_scale(Path(args.out))
    rng = random.Random(SEED)
    rows, configs = [], {}

    def config(cfg, varied, new_seed=True, key=None):
        cfg = constrain(dict(cfg))
        cid = key or f"c{len(configs) + 1:03d}"
        configs[cid] = dict(cfg=cfg, varied=varied, seed=rng.randrange(1, 2**31))
        return cid

    def add(phase, cid, repeat=1, load="none"):
        c = configs[cid]
        rows.append(dict(phase=phase, config_id=cid, varied=c["varied"], seed=c["seed"],
                         repeat=repeat, load_label=load, genome="ecoli_k12",
                         art_profile="HS25", **c["cfg"]))

    def ofat_round(phase):
        ids = [config(BASE, "baseline")]
        depth = max(len(v) for v in OFAT.values())
        for i in range(depth):
            for f, levels in OFAT.items():
                if i < len(levels):
                    ids.append(config({**BASE, f: levels[i]}, f))
        for cid in ids:
            add(phase, cid)
        return ids

    ids1 = ofat_round("ofat1")
    base = ids1[0]
    by_varied = {(configs[c]["varied"], configs[c]["cfg"][configs[c]["varied"]]): c
                 for c in ids1[1:]}
    lowq = by_varied[("qual_shift", -15)]
    stressed = [lowq, by_varied[("dup_rate", 0.5)], by_varied[("divergent_frac", 1.0)]]
    # noise: identical inputs (same seed) re-run
    rep = {base: 1, **{c: 1 for c in stressed}}
    for r in (2, 3):
        for cid in [base] + stressed:
            rep[cid] += 1
            add("noise", cid, rep[cid])
    # co-located load on identical inputs
    for cid in (base, lowq, base, lowq):
        rep[cid] += 1
        add("load", cid, rep[cid], load="cpu_io")
    ofat_round("ofat2")
    pts = lhs(args.n_lhs, rng)
    for i, u in enumerate(pts, 1):
        cfg = {f: scale(ui, LHS[f]) for f, ui in zip(LHS, u)}
        cid = config(cfg, "lhs")
        add("lhs", cid)
        if i % 10 == 0:
            rep[base] += 1
            add("lhs", base, rep[base])
        if i % 15 == 0:
            add("lhs", cid, 2, load="cpu_io")
    for i, r in enumerate(rows, 1):
        r["run_id"] = f"r{i:04d}"

    out = Path(args.out)
    sha, phases = write_design_tsv(out, rows)
    md = [
        "# Trace-harness design",
        "",
        f"Generated by `harness/make_design.py` (seed {SEED}, {args.n_lhs} LHS points); "
        f"{len(rows)} workflow runs, {len(configs)} distinct configurations. "
        f"design.tsv sha256 `{sha}`.",
        "",
        "Regenerate: `python3 harness/make_design.py --out data/harness` (byte-identical).",
        "",
        "## Factors",
        "",
        "| factor | meaning | baseline | OFAT levels | LHS range |",
        "|---|---|---|---|---|",
    ]
    meaning = dict(
        n_pairs="read pairs in the input (input size)",
        read_len="read length, bp (ART -l)",
        qual_shift="ART base-quality shift for both reads (-qs/-qs2); lower = more errors",
        dup_rate="fraction of output pairs that are exact copies of other pairs (PCR duplicates)",
        adapter_frac="fraction of unique pairs given a short insert so the reads run into the TruSeq adapter",
        contam_frac="fraction of unique pairs simulated from S. aureus N315 (contamination)",
        insert_mean="mean fragment length, bp (ART -m)",
        insert_sd="fragment length sd, bp (ART -s); capped at (insert_mean-read_len)/2",
        gc_bias="strength s of GC-biased sampling: a pair is kept with p=exp(-10 s max(0, GC-0.40))",
        divergent_frac="fraction of E. coli pairs simulated from E. coli 536 instead of K-12",
    )
    for f in FACTORS:
        lo, hi, kind = LHS[f]
        rng_txt = "/".join(map(str, lo)) if kind == "choice" else f"{lo}–{hi} ({kind})"
        md.append(f"| {f} | {meaning[f]} | {BASE[f]} | {', '.join(map(str, OFAT[f]))} | {rng_txt} |")
    md += [
        "",
        "Reads are always mapped to E. coli K-12 MG1655; ART profile HS25 (HiSeq 2500).",
        "",
        "## Row order (any prefix is balanced)",
        "",
        "| phase | runs | what |",
        "|---|---|---|",
        f"| ofat1 | {phases['ofat1']} | baseline + each one-factor level once, extreme levels first |",
        f"| noise | {phases['noise']} | identical input (same seed) re-run: baseline, qual_shift=-15, dup_rate=0.5, divergent_frac=1 (repeat 2-3) |",
        f"| load | {phases['load']} | baseline and qual_shift=-15 under a co-located CPU+IO load (`load_label=cpu_io`) |",
        f"| ofat2 | {phases['ofat2']} | second OFAT replicate, fresh seeds |",
        f"| lhs | {phases['lhs']} | maximin Latin hypercube; a baseline repeat every 10th point, a loaded copy every 15th |",
        "",
        "## Columns",
        "",
        "- `run_id`: r0001…, the order in which runs are executed (`TRACE_RUNS=n` runs the first n).",
        "- `config_id`: configuration; rows sharing it (and `seed`) get byte-identical FASTQ input.",
        "- `varied`: the factor moved away from baseline (OFAT), `baseline`, or `lhs`.",
        "- `seed`: drives ART (`-rs`) and the read mixer; `repeat`: 1.. for re-runs of one config.",
        "- `load_label`: `none` or `cpu_io` (harness/load.py: one busy CPU process + a write/fsync/read loop, running for the whole run).",
    ]
    (out / "DESIGN.md").write_text("\n".join(md) + "\n")
    print(f"{len(rows)} runs, {len(configs)} configs -> {out}/design.tsv ({phases})")


if __name__ == "__main__":
    main()
