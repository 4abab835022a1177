#!/usr/bin/env python3
"""Co-located CPU + IO load for runs labelled load_label=cpu_io (system-induced slowness).

One process spins on the CPU; another writes, fsyncs and re-reads a 256 MB file in a loop.
Runs until killed (run.sh starts it before a loaded run and kills it afterwards).
"""
import os
import sys
import time
from multiprocessing import Process


def cpu():
    x = 0
    while True:
        x = (x * 31 + 7) % 1000003


def io(path):
    block = os.urandom(1 << 20)
    while True:
        with open(path, "wb") as f:
            for _ in range(256):
                f.write(block)
            f.flush()
            os.fsync(f.fileno())
        with open(path, "rb") as f:
            while f.read(1 << 20):
                pass
        time.sleep(0.1)


if __name__ == "__main__":
    path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/gwtime-load.bin"
    procs = [Process(target=cpu, daemon=True), Process(target=io, args=(path,), daemon=True)]
    for p in procs:
        p.start()
    try:
        for p in procs:
            p.join()
    finally:
        if os.path.exists(path):
            os.unlink(path)
