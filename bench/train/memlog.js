// Memory at the phase boundaries of one `train()` call, for finding what holds the memory (bench only: the
// library is not touched, its exported functions are wrapped here). Enabled by run.js when BENCH_TRAIN_MEMLOG
// is set; `BENCH_TRAIN_MEMLOG=gc node --expose-gc bench/train/run.js ...` collects garbage before each line,
// so heapUsed is what is live there (without it: live + garbage not yet collected, which is what RSS sees).
// One line per boundary on stderr: rss, heapUsed, heapTotal, external (incl. typed arrays) in MiB.
"use strict";
const path = require("node:path");

module.exports = function memlog(root, mode) {
  const mb = (x) => Math.round(x / 1048576);
  let peak = 0;
  const log = (what) => {
    if (mode === "gc" && global.gc) global.gc();
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    process.stderr.write(`[mem] ${what.padEnd(24)} rss ${mb(m.rss)} heapUsed ${mb(m.heapUsed)} heapTotal ${mb(m.heapTotal)} external ${mb(m.external)} (max rss seen ${mb(peak)})\n`);
  };
  const wrap = (mod, name, every = 1) => {
    const m = require(path.join(root, "dist", mod));
    const f = m[name];
    let calls = 0;
    m[name] = function (...args) {
      const n = ++calls;
      const say = n % every === 0 || n === 1;
      if (say) log(`before ${name} #${n}`);
      const r = f.apply(this, args);
      if (r && typeof r.then === "function") return r.then((v) => (log(`${name} done`), v));
      // a generator (trace chunks): every 5th chunk and the end
      if (r && typeof r.next === "function") return (function* () { let i = 0; for (const x of r) { if (++i % 5 === 0) log(`${name} chunk ${i}`); yield x; } log(`${name} end`); })();
      return r;
    };
  };
  wrap("traces/read", "readTraceChunks");
  wrap("train/qcSource", "readQcSources");
  wrap("train/join", "joinTasksToQc");
  wrap("train/resolveKeys", "resolveKeys");
  wrap("train/features", "stepTable");
  wrap("train/fit", "fitStepModel");
  // features.json: one call per (sample, step)
  wrap("train/features", "observedColumns", 250000);
  process.on("exit", () => log("exit"));
};
