#!/usr/bin/env python3
"""Simulate the paired FASTQ input of one design row.

ART (Illumina HS25 profile) simulates pairs from each source genome (K-12, E. coli 536,
S. aureus N315) with the row's read length, insert size and quality shift; this script
then applies the manipulations ART cannot do: GC-biased sampling, adapter read-through,
PCR duplicates, and shuffles. Writes plain FASTQ plus a JSON with counts, bytes, sha256.
Deterministic for a given seed (same config -> byte-identical FASTQ).
"""
import argparse
import csv
import hashlib
import json
import math
import random
import subprocess
import time
from pathlib import Path

# TruSeq adapters as seen in read 1 / read 2 after the insert
ADAPTER1 = "AGATCGGAAGAGCACACGTCTGAACTCCAGTCACATCACGATCTCGTATGCCGTCTTCTGCTTGAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
ADAPTER2 = "AGATCGGAAGAGCGTCGTGTAGGGAAAGAGTGTAGATCTCGGTGGTCGCCGTATCATTAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
COMP = str.maketrans("ACGTN", "TGCAN")


def read_pairs(p1, p2):
    with open(p1) as f1, open(p2) as f2:
        while True:
            h1 = f1.readline()
            if not h1:
                return
            s1 = f1.readline().rstrip(); f1.readline(); q1 = f1.readline().rstrip()
            f2.readline(); s2 = f2.readline().rstrip(); f2.readline(); q2 = f2.readline().rstrip()
            yield s1, q1, s2, q2


def gc_keep_prob(s1, s2, strength):
    seq = s1 + s2
    gc = (seq.count("G") + seq.count("C")) / max(1, len(seq))
    return math.exp(-10.0 * strength * max(0.0, gc - 0.40))


def fasta_lengths(path):
    """Sequence lengths of a FASTA file (ART's -c is per sequence, so multi-sequence genomes need -f)."""
    lens, cur = [], 0
    with open(path) as f:
        for line in f:
            if line.startswith(">"):
                if lens or cur:
                    lens.append(cur)
                cur = 0
            else:
                cur += len(line.strip())
    lens.append(cur)
    return lens


def art(ref, n, row, seed, prefix):
    """Simulate about n pairs from ref. One sequence: exactly n (-c). Several (chromosomes): the fold
    coverage that gives n pairs over the whole genome (-f), so coverage is uniform across sequences."""
    lens = fasta_lengths(ref)
    if len(lens) == 1:
        amount = ["-c", str(n)]
    else:
        amount = ["-f", f"{n * 2 * row['read_len'] / sum(lens):.6f}"]
    cmd = ["art_illumina", "-ss", row["art_profile"], "-i", ref, "-p", "-na",
           "-l", str(row["read_len"]), *amount, "-m", str(row["insert_mean"]),
           "-s", str(row["insert_sd"]), "-rs", str(seed),
           "-qs", str(row["qual_shift"]), "-qs2", str(row["qual_shift"]), "-o", prefix]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return prefix + "1.fq", prefix + "2.fq"


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for b in iter(lambda: f.read(1 << 20), b""):
            h.update(b)
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--design", required=True)
    ap.add_argument("--run", required=True)
    ap.add_argument("--refs", required=True, help="dir with ecoli_k12.fa etc.")
    ap.add_argument("--tmp", required=True)
    ap.add_argument("--r1", required=True)
    ap.add_argument("--r2", required=True)
    ap.add_argument("--json", required=True)
    a = ap.parse_args()
    t0 = time.time()
    with open(a.design) as f:
        row = next(r for r in csv.DictReader(f, delimiter="\t") if r["run_id"] == a.run)
    for k in ("n_pairs", "read_len", "qual_shift", "insert_mean", "insert_sd", "seed"):
        row[k] = int(row[k])
    for k in ("dup_rate", "adapter_frac", "contam_frac", "gc_bias", "divergent_frac"):
        row[k] = float(row[k])
    rng = random.Random(row["seed"])
    n = row["n_pairs"]
    n_unique = n - round(n * row["dup_rate"])
    n_contam = round(n_unique * row["contam_frac"])
    n_div = round((n_unique - n_contam) * row["divergent_frac"])
    n_main = n_unique - n_contam - n_div
    # oversample so GC-biased rejection still leaves enough pairs (measured keep rate on
    # K-12: 0.27 at s=1.5); a shortfall is recorded in sim.json, never silently padded
    over = 1.0 if row["gc_bias"] == 0 else 1.3 * math.exp(0.9 * row["gc_bias"])
    tmp = Path(a.tmp)
    tmp.mkdir(parents=True, exist_ok=True)
    pairs, counts, scanned = [], {}, {}
    genome = row.get("genome") or "ecoli_k12"
    if genome != "ecoli_k12" and (n_div or n_contam):
        raise SystemExit(f"simulate: {a.run}: divergent_frac/contam_frac are E. coli factors; genome is {genome}")
    main_tag = "k12" if genome == "ecoli_k12" else genome
    for k, (tag, ref, want) in enumerate([(main_tag, f"{genome}.fa", n_main),
                                          ("e536", "ecoli_536.fa", n_div),
                                          ("sau", "saureus_n315.fa", n_contam)]):
        if want == 0:
            continue
        ref_path = str(Path(a.refs) / ref)
        multi = len(fasta_lengths(ref_path)) > 1
        # a multi-sequence genome is simulated at ~5% extra coverage, then `want` pairs are drawn
        # uniformly from all of it (ART writes sequences in order: a prefix would miss chromosomes)
        ask = math.ceil(want * over * (1.05 if multi else 1.0)) + 10
        f1, f2 = art(ref_path, ask, row, row["seed"] + k, str(tmp / f"{tag}_"))
        keep = None
        if multi:
            with open(f1) as fh:
                produced = sum(1 for _ in fh) // 4
            keep = set(rng.sample(range(produced), min(produced, math.ceil(want * over) + 10)))
        got = seen = 0
        for idx, (s1, q1, s2, q2) in enumerate(read_pairs(f1, f2)):
            if keep is not None and idx not in keep:
                continue
            seen += 1
            if row["gc_bias"] and rng.random() > gc_keep_prob(s1, s2, row["gc_bias"]):
                continue
            pairs.append([tag, s1, q1, s2, q2])
            got += 1
            if got == want:
                break
        counts[tag] = got
        scanned[tag] = seen
        Path(f1).unlink(); Path(f2).unlink()
    rng.shuffle(pairs)
    # adapter read-through: insert L < read length, read 2 = revcomp of the same insert
    rl = row["read_len"]
    n_adapt = round(len(pairs) * row["adapter_frac"])
    for p in rng.sample(pairs, n_adapt):
        L = rng.randint(max(20, int(0.35 * rl)), rl - 5)
        ins, iq = p[1][:L], p[2][:L]
        p[1] = ins + ADAPTER1[: rl - L]
        p[2] = iq + p[2][L:]
        p[3] = ins.translate(COMP)[::-1] + ADAPTER2[: rl - L]
        p[4] = iq[::-1] + p[4][L:]
    names = [f"{p[0]}_{i}" for i, p in enumerate(pairs)]
    order = list(range(len(pairs)))
    n_dup = n - n_unique
    dups = [(rng.randrange(len(pairs)), j) for j in range(n_dup)] if pairs else []
    out = [(names[i], pairs[i]) for i in order] + [(f"{names[i]}_d{j}", pairs[i]) for i, j in dups]
    rng.shuffle(out)
    with open(a.r1, "w") as o1, open(a.r2, "w") as o2:
        for name, p in out:
            o1.write(f"@{name}/1\n{p[1]}\n+\n{p[2]}\n")
            o2.write(f"@{name}/2\n{p[3]}\n+\n{p[4]}\n")
    info = dict(run_id=a.run, seed=row["seed"], genome=genome, pairs=len(out), unique_pairs=len(pairs),
                duplicate_pairs=len(dups), adapter_pairs=n_adapt, source_pairs=counts,
                requested_pairs=n, oversample=round(over, 3), art_pairs_scanned=scanned,
                r1=dict(bytes=Path(a.r1).stat().st_size, sha256=sha256(a.r1)),
                r2=dict(bytes=Path(a.r2).stat().st_size, sha256=sha256(a.r2)),
                simulate_wall_s=round(time.time() - t0, 2))
    Path(a.json).write_text(json.dumps(info, indent=1))


if __name__ == "__main__":
    main()
