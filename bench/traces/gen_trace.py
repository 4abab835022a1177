"""SYNTHETIC Nextflow-format trace for scale benchmarks only (not real data, never used for models).

Usage: gen_trace.py OUT.tsv N_ROWS [SEED]. Seeded; written in 1M-row chunks (chunk i uses seed+i), so
memory stays flat and the 10M file's first 1M rows equal the 1M file. Raw Nextflow units (ms, bytes),
%cpu with a percent sign, '-' for some missing values, like real traces.
"""
import sys

import numpy as np
import pandas as pd

PROCS = ["NFCORE_SYN:SYN:FASTQC", "NFCORE_SYN:SYN:TRIMGALORE", "NFCORE_SYN:SYN:BWA_MEM", "NFCORE_SYN:SYN:SAMTOOLS_SORT",
         "NFCORE_SYN:SYN:PICARD_MARKDUPLICATES", "NFCORE_SYN:SYN:GATK4_HAPLOTYPECALLER", "NFCORE_SYN:SYN:MULTIQC"]
CHUNK = 1_000_000


def chunk(start: int, n: int, seed: int) -> pd.DataFrame:
    r = np.random.default_rng(seed)
    p = r.integers(0, len(PROCS), n)
    real = (r.lognormal(10, 1.2, n)).astype(np.int64)
    submit = 1_700_000_000_000 + start + np.arange(n, dtype=np.int64) * 50
    cpu = np.round(r.uniform(5, 400, n), 1).astype(str)
    cpu = np.char.add(cpu, "%")
    cpu[r.random(n) < 0.01] = "-"
    rss = r.integers(1 << 20, 8 << 30, n).astype(str)
    rss[r.random(n) < 0.01] = "-"
    return pd.DataFrame({
        "task_id": np.arange(start + 1, start + n + 1),
        "hash": [f"{x:02x}/{y:06x}" for x, y in zip(r.integers(0, 256, n), r.integers(0, 1 << 24, n))],
        "native_id": r.integers(1, 1 << 31, n),
        "process": np.array(PROCS)[p],
        "tag": np.char.add("S", r.integers(0, 5000, n).astype(str)),
        "status": np.where(r.random(n) < 0.02, "FAILED", "COMPLETED"),
        "exit": 0,
        "cpus": r.choice([1, 2, 4, 8, 16], n),
        "memory": r.choice([1, 2, 4, 8, 16], n).astype(np.int64) << 30,
        "attempt": 1,
        "submit": submit,
        "start": submit + 1000,
        "complete": submit + 1000 + real,
        "duration": real + 1500,
        "realtime": real,
        "%cpu": cpu,
        "peak_rss": rss,
        "peak_vmem": r.integers(1 << 20, 16 << 30, n),
        "rchar": r.integers(0, 1 << 34, n),
        "wchar": r.integers(0, 1 << 33, n),
        "hostname": np.char.add("node", r.integers(0, 64, n).astype(str)),
    })


def main() -> None:
    out, n = sys.argv[1], int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20240607
    with open(out, "w") as fh:
        for i, start in enumerate(range(0, n, CHUNK)):
            chunk(start, min(CHUNK, n - start), seed + i).to_csv(fh, sep="\t", index=False, header=(i == 0))


if __name__ == "__main__":
    main()
