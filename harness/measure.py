#!/usr/bin/env python3
"""Run one workflow step under /usr/bin/time -v and write a JSON record of it.

Usage: measure.py --json OUT --step NAME --run RUN --tool KEY --threads N
                  [--mem-mb M] [--inputs F...] [--outputs F...] -- 'shell command'

I/O bytes come from this process's own /proc/self/io: the kernel folds the counters of
reaped children (time -> bash -> tools) into the parent, so the before/after delta is the
whole process tree's I/O with no sampling gaps. Peak virtual memory is sampled (0.5 s)
over the process tree. Exit code of the command is passed through, except:

--cpu-limit-s N caps the CPU time of every process of the step at N seconds (RLIMIT_CPU, the
limit a batch scheduler's CPU-time limit sets). A step that hits it is killed (SIGXCPU), its
record says `limit: {kind: cpu, limit_s: N, hit: true}` with the real exit code, and measure.py
exits 0 so the rest of the run goes on: the step's time is right-censored at N, not lost.
"""
import argparse
import json
import os
import platform
import re
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

VERSION_CMDS = {
    "fastqc": "fastqc --version",
    "fastp": "fastp --version 2>&1",
    "bwa": "bwa 2>&1 | grep Version",
    "samtools": "samtools --version | head -1",
    "picard": "dpkg-query -W -f '${Version}' picard-tools",
    "bcftools": "bcftools --version | head -1",
    "freebayes": "freebayes --version",
    "java": "java -version 2>&1 | head -1",
}


def tool_version(key, cache):
    """Versions are cached in a JSON next to the step logs (one lookup per tool per run)."""
    data = json.loads(cache.read_text()) if cache.exists() else {}
    if key not in data:
        out = subprocess.run(VERSION_CMDS.get(key, f"{key} --version 2>&1 | head -1"),
                             shell=True, capture_output=True, text=True).stdout.strip()
        data[key] = out.splitlines()[0] if out else "unknown"
        cache.write_text(json.dumps(data, indent=1))
    return data[key]


def proc_io(pid="self"):
    out = {}
    for line in Path(f"/proc/{pid}/io").read_text().splitlines():
        k, v = line.split(":")
        out[k] = int(v)
    return out


def loadavg():
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


def host_facts():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo")
                if l.startswith("model name")), platform.processor())
    mem = next(int(l.split()[1]) * 1024 for l in open("/proc/meminfo")
               if l.startswith("MemTotal"))
    return dict(host=platform.node(), cpu_model=cpu, cores=os.cpu_count(), mem_total=mem,
                kernel=platform.release())


def tree_vmem(root):
    """Sum of VmSize (bytes) over root and its descendants."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            for line in open(f"/proc/{pid}/status"):
                if line.startswith("VmSize:"):
                    total += int(line.split()[1]) * 1024
            for t in os.listdir(f"/proc/{pid}/task"):
                kids = Path(f"/proc/{pid}/task/{t}/children").read_text().split()
                stack.extend(int(k) for k in kids)
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            pass
    return total


def parse_time_log(text):
    pats = dict(user_s=r"User time \(seconds\): ([\d.]+)",
                sys_s=r"System time \(seconds\): ([\d.]+)",
                pct_cpu=r"Percent of CPU this job got: (\d+)%",
                max_rss_kb=r"Maximum resident set size \(kbytes\): (\d+)",
                fs_in=r"File system inputs: (\d+)", fs_out=r"File system outputs: (\d+)",
                exit=r"Exit status: (\d+)", elapsed=r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)")
    out = {}
    for k, p in pats.items():
        m = re.search(p, text)
        if m:
            out[k] = m.group(1)
    if "elapsed" in out:  # h:mm:ss or m:ss -> seconds
        secs = 0.0
        for part in out["elapsed"].split(":"):
            secs = secs * 60 + float(part)
        out["elapsed_s"] = secs
    return out


def fsize(paths):
    return sum(Path(p).stat().st_size for p in paths if Path(p).is_file())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", required=True)
    ap.add_argument("--step", required=True)
    ap.add_argument("--run", required=True)
    ap.add_argument("--tool", required=True)
    ap.add_argument("--threads", type=int, required=True)
    ap.add_argument("--mem-mb", type=int, default=0)
    ap.add_argument("--inputs", nargs="*", default=[])
    ap.add_argument("--outputs", nargs="*", default=[])
    ap.add_argument("--cpu-limit-s", type=int, default=0,
                    help="cap each process's CPU time (RLIMIT_CPU); 0 = no cap")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = " ".join(a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd)
    jpath = Path(a.json)
    jpath.parent.mkdir(parents=True, exist_ok=True)
    tlog = jpath.with_suffix(".time.log")
    rec = dict(run_id=a.run, step=a.step, tool=a.tool,
               tool_version=tool_version(a.tool, jpath.parent / "tool_versions.json"),
               threads=a.threads, mem_mb=a.mem_mb, command=cmd, **host_facts(),
               input_bytes=fsize(a.inputs), load_start=loadavg())
    io0 = proc_io()
    rec["start_ms"] = int(time.time() * 1000)
    t0 = time.monotonic()
    limit = a.cpu_limit_s

    def cap_cpu():  # runs in the child before exec: inherited by bash and the tool
        resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 30))

    p = subprocess.Popen(["/usr/bin/time", "-v", "-o", str(tlog), "bash", "-o", "pipefail", "-c", cmd],
                         preexec_fn=cap_cpu if limit > 0 else None)
    peak_vmem = 0
    while True:  # wait() with timeout so wall time is not rounded up to the sampling period
        peak_vmem = max(peak_vmem, tree_vmem(p.pid))
        try:
            p.wait(timeout=0.5)
            break
        except subprocess.TimeoutExpired:
            pass
    rec["wall_s"] = round(time.monotonic() - t0, 3)
    rec["complete_ms"] = int(time.time() * 1000)
    io1 = proc_io()
    rec["load_end"] = loadavg()
    rec["exit"] = p.returncode
    rec["native_id"] = p.pid
    rec["peak_vmem"] = peak_vmem
    rec["io"] = {k: io1[k] - io0[k] for k in io1}
    rec["time_v"] = parse_time_log(tlog.read_text() if tlog.exists() else "")
    rec["output_bytes"] = fsize(a.outputs)
    hit = limit > 0 and cpu_limit_hit(p.returncode, rec["time_v"], limit)
    if limit > 0:
        rec["limit"] = dict(kind="cpu", limit_s=limit, hit=hit)
    jpath.write_text(json.dumps(rec, indent=1))
    sys.exit(0 if hit else p.returncode)


def cpu_limit_hit(returncode, time_v, limit):
    """Killed by the CPU cap: SIGXCPU (soft) or SIGKILL (hard) as a signal or a shell's 128+n, with
    the step's CPU time at the cap (so an unrelated kill is not mistaken for the cap)."""
    sigs = {signal.SIGXCPU, signal.SIGKILL}
    by_signal = returncode in {-s for s in sigs} | {128 + s for s in sigs}
    cpu = float(time_v.get("user_s", 0)) + float(time_v.get("sys_s", 0))
    return by_signal and cpu >= 0.95 * limit


if __name__ == "__main__":
    main()
