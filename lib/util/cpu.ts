// How many cores are free right now. The 1-minute load average lags by a minute: right after another
// job (or the previous benchmark run) ends it still counts that job, so a thread choice based on it
// runs single-threaded on an idle machine. /proc/stat sampled over a few ms says what is idle now.
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";

/** Cumulative jiffies of the aggregate `cpu` line of /proc/stat. */
interface CpuTimes {
  readonly idle: number;
  readonly total: number;
}

/**
 * Parse the aggregate `cpu` line of a /proc/stat text (idle = idle + iowait; total = all fields
 * except guest time, which the kernel already counts inside user/nice).
 * @example parseProcStat("cpu  10 0 5 80 5 0 0 0 0 0\n").idle // 85
 */
export function parseProcStat(text: string): CpuTimes {
  const line = text.split("\n").find((l) => /^cpu\s/.test(l));
  if (line === undefined) throw new Error("/proc/stat: no aggregate 'cpu' line");
  const f = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (f.length < 4 || f.some((x) => !Number.isFinite(x))) throw new Error(`/proc/stat: unreadable 'cpu' line: ${line}`);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  return { idle, total: f.reduce((s, x) => s + x, 0) };
}

/** Idle cores between two /proc/stat samples (0..cores). */
export function idleBetween(a: CpuTimes, b: CpuTimes, cores: number): number {
  const dt = b.total - a.total;
  if (dt <= 0) return cores;
  return Math.min(cores, Math.max(0, (cores * (b.idle - a.idle)) / dt));
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Idle cores now: /proc/stat sampled `sampleMs` apart (Linux), else cores minus the 1-minute load
 * average (other systems).
 */
export function idleCores(sampleMs = 60, cores: number = availableParallelism()): number {
  try {
    const a = parseProcStat(readFileSync("/proc/stat", "utf8"));
    sleepSync(sampleMs);
    const b = parseProcStat(readFileSync("/proc/stat", "utf8"));
    return idleBetween(a, b, cores);
  } catch {
    return Math.max(0, cores - (loadavg()[0] ?? 0));
  }
}
