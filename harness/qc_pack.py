#!/usr/bin/env python3
"""Make the real QC outputs compact enough to commit, and check read counts.

  qc_pack.py fastqc SRC.zip DST.zip        keep fastqc_data.txt + summary.txt (still a valid
                                          <name>_fastqc.zip that MultiQC-style parsers read)
  qc_pack.py fastp SRC.json DST.json       drop per-cycle curves, k-mer table, histograms,
                                          keep the 10 commonest adapter variants
  qc_pack.py samtools_stats SRC DST        keep header comments + the SN (summary) section
  qc_pack.py check_counts FLAGSTAT SIM.json  fail unless primary reads == 2 x simulated pairs
"""
import json
import re
import sys
import zipfile
from pathlib import Path


def fastqc(src, dst):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zout:
        for name in zin.namelist():
            if name.endswith(("fastqc_data.txt", "summary.txt")):
                zout.writestr(name, zin.read(name))


def fastp(src, dst):
    d = json.loads(Path(src).read_text())
    for sect in ("read1_before_filtering", "read2_before_filtering",
                 "read1_after_filtering", "read2_after_filtering"):
        for k in ("quality_curves", "content_curves", "kmer_count", "overrepresented_sequences"):
            d.get(sect, {}).pop(k, None)
    d.get("duplication", {}).pop("histogram", None)
    d.get("duplication", {}).pop("mean_gc", None)
    d.get("insert_size", {}).pop("histogram", None)
    ac = d.get("adapter_cutting", {})
    for k in ("read1_adapter_counts", "read2_adapter_counts"):  # long tail of rare variants
        if isinstance(ac.get(k), dict):
            ac[k] = dict(sorted(ac[k].items(), key=lambda kv: -kv[1])[:10])
    Path(dst).write_text(json.dumps(d, separators=(",", ":")))


def samtools_stats(src, dst):
    keep = [l for l in open(src) if l.startswith("SN\t") or l.startswith("# This file")]
    Path(dst).write_text("".join(keep))


def check_counts(flagstat, sim_json):
    text = Path(flagstat).read_text()
    m = re.search(r"^(\d+) \+ \d+ primary$", text, re.M)
    want = 2 * json.loads(Path(sim_json).read_text())["pairs"]
    got = int(m.group(1)) if m else -1
    if got != want:
        sys.exit(f"read-count check FAILED: {got} primary reads in BAM, {want} in FASTQ")


if __name__ == "__main__":
    {"fastqc": fastqc, "fastp": fastp, "samtools_stats": samtools_stats,
     "check_counts": check_counts}[sys.argv[1]](*sys.argv[2:])
