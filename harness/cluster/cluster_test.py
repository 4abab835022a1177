"""Tests for sacct_jobs.py and limits.py (python3 -m unittest discover -s harness/cluster -p '*_test.py').

fixtures/sacct-local.txt is a real sacct record (`sacct -X -n -P --format=<FIELDS>`, SLURM_TIME_FORMAT=%s)
of the local single-node cluster: the timeout-check.sh jobs (--time=1, State TIMEOUT) and two
`make trace-slurm TRACE_PAIRS=2000` runs (13 harness steps + collect each). Lines marked synthetic
below are made up to test error handling.
"""
import math
import os
import statistics
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import limits  # noqa: E402
import sacct_jobs  # noqa: E402

FIXTURE = os.path.join(HERE, "fixtures", "sacct-local.txt")
TRACE = os.path.join(HERE, "..", "..", "data", "harness", "trace.tsv")


def fixture_text():
    with open(FIXTURE) as fh:
        return fh.read()


class ParseRealRecord(unittest.TestCase):
    def setUp(self):
        self.text = fixture_text()
        self.rows, self.problems = sacct_jobs.parse_sacct(self.text, FIXTURE)

    def test_every_line_parsed(self):
        lines = [l for l in self.text.splitlines() if l.strip()]
        self.assertEqual(self.problems, [])
        self.assertEqual(len(self.rows), len(lines))

    def test_timeout_jobs(self):
        killed = [r for r in self.rows if r["job_name"].startswith("gwt-timeout")]
        self.assertGreaterEqual(len(killed), 2)
        for r in killed:
            self.assertEqual(r["state"], "TIMEOUT")
            self.assertEqual(r["timelimit_s"], 60)
            self.assertGreaterEqual(r["elapsed_s"], 60)
            self.assertEqual(r["rule"], "")

    def test_rule_and_run_from_comment(self):
        jobs = [r for r in self.rows if r["rule"]]
        self.assertEqual({r["run"] for r in jobs}, {"r0001", "r0002"})
        for run in ("r0001", "r0002"):
            rules = {r["rule"] for r in jobs if r["run"] == run}
            self.assertIn("bwa_mem", rules)
            self.assertIn("markduplicates", rules)
            self.assertIn("collect", rules)
        # each (rule, run) ran once: attempt 1
        self.assertEqual({r["attempt"] for r in jobs}, {1})

    def test_summary_of_the_trace_runs(self):
        jobs = [r for r in self.rows if r["rule"]]
        s, turn = sacct_jobs.summarize(jobs, "local")
        self.assertEqual((s["runs"], s["timeout_kills"], s["killed_core_min"]), (2, 0, 0))
        self.assertEqual(s["jobs"], len(jobs))
        # makespan and turnaround straight from the raw fields (Submit, End)
        raw = [l.split("|") for l in self.text.splitlines() if "_wildcards_" in l]
        f = sacct_jobs.FIELDS
        sub = [int(p[f.index("Submit")]) for p in raw]
        end = [int(p[f.index("End")]) for p in raw]
        self.assertEqual(s["makespan_s"], max(end) - min(sub))
        r1 = [p for p in raw if p[f.index("Comment")].endswith("_r0001")]
        self.assertEqual(turn["r0001"], max(int(p[f.index("End")]) for p in r1) - min(int(p[f.index("Submit")]) for p in r1))

    def test_summary_of_the_timeout_jobs(self):
        killed = [r for r in self.rows if r["job_name"].startswith("gwt-timeout")]
        s, _ = sacct_jobs.summarize(killed, "t")
        self.assertEqual(s["timeout_kills"], len(killed))
        self.assertAlmostEqual(s["killed_core_min"], round(sum(r["alloc_cpus"] * r["elapsed_s"] for r in killed) / 60, 2))

    def test_tsv_round_trip(self):
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "jobs.tsv")
            sacct_jobs.write_tsv(p, self.rows, sacct_jobs.COLUMNS)
            back = sacct_jobs.read_jobs(p)
            self.assertEqual([r["job_id"] for r in back], [r["job_id"] for r in self.rows])
            self.assertEqual(sacct_jobs.summarize(back)[0], sacct_jobs.summarize(self.rows)[0])


class WorkloadRecord(unittest.TestCase):
    """fixtures/sacct-workload-static.txt: real sacct record of `workload.sh` (static p90 limits,
    2 runs x 2,000 pairs, JOBS=1, --retries 1): wgs_metrics of r0001 hit its 1-minute limit, and its
    retry ran with the limit doubled."""

    def test_timeout_and_doubled_retry(self):
        with open(os.path.join(HERE, "fixtures", "sacct-workload-static.txt")) as fh:
            rows, problems = sacct_jobs.parse_sacct(fh.read())
        self.assertEqual(problems, [])
        wgs = sorted((r for r in rows if r["rule"] == "wgs_metrics" and r["run"] == "r0001"), key=lambda r: r["attempt"])
        self.assertEqual([(r["attempt"], r["state"], r["timelimit_s"]) for r in wgs],
                         [(1, "TIMEOUT", 60), (2, "COMPLETED", 120)])
        self.assertLess(wgs[0]["end"], wgs[1]["start"] + 1)
        s, turn = sacct_jobs.summarize(rows, "static_p90")
        self.assertEqual((s["runs"], s["jobs"], s["timeout_kills"]), (2, 31, 1))
        self.assertEqual(s["killed_core_min"], round(wgs[0]["alloc_cpus"] * wgs[0]["elapsed_s"] / 60, 2))
        self.assertEqual(set(turn), {"r0001", "r0002"})


class JobIdsFromLogs(unittest.TestCase):
    def test_plugin_log_lines(self):
        # the plugin's line as it appeared in the trace-slurm run's log (work/logs/r0001.log)
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "r0001.log")
            with open(p, "w") as fh:
                fh.write("rule bwa_mem:\nJob 7 has been submitted with SLURM jobid 10 (log: /tmp/w/.snakemake/slurm_logs/"
                         "rule_bwa_mem/r0001/10.log).\nFinished jobid: 7 (Rule: bwa_mem)\n"
                         "Job 6 has been submitted with SLURM jobid 11 (log: x).\n")
            self.assertEqual(sacct_jobs.job_ids_from_logs([p]), [10, 11])


class BadInput(unittest.TestCase):
    def test_bad_lines_reported_and_skipped(self):
        good = fixture_text().splitlines()[0]
        synthetic = [good, "7|x|rule_a|COMPLETED|1", "8|x|rule_a_wildcards_r0009|COMPLETED|10|11|12|abc|1|1|0:0|vm", good]
        rows, problems = sacct_jobs.parse_sacct("\n".join(synthetic), "t.txt")
        self.assertEqual(len(rows), 2)
        self.assertEqual(len(problems), 2)
        self.assertIn("t.txt: line 2: expected 12", problems[0])
        self.assertIn("t.txt: line 3: field ElapsedRaw", problems[1])

    def test_retries_numbered_and_cancelled_by(self):
        # synthetic: a TIMEOUT then its retry, and a state with "by <uid>"
        text = "\n".join([
            "20|u|rule_bwa_mem_wildcards_r0003|TIMEOUT|100|101|221|120|2|2|0:0|vm",
            "21|u|rule_bwa_mem_wildcards_r0003|COMPLETED|225|226|400|174|4|2|0:0|vm",
            "22|u|rule_fastqc_wildcards_r0003|CANCELLED by 0|100|101|150|49|1|1|0:15|vm",
        ])
        rows, problems = sacct_jobs.parse_sacct(text)
        self.assertEqual(problems, [])
        self.assertEqual([r["attempt"] for r in rows], [1, 2, 1])
        self.assertEqual(rows[2]["state"], "CANCELLED")
        s, turn = sacct_jobs.summarize(rows, "p")
        self.assertEqual((s["timeout_kills"], s["killed_core_min"], s["failed_other"]), (1, 4.0, 1))
        self.assertEqual((s["makespan_s"], turn["r0003"]), (300, 300))

    def test_unfinished_workload_refused(self):
        rows, _ = sacct_jobs.parse_sacct("30|u|rule_a_wildcards_r0001|RUNNING|100|101|Unknown|5|1|1|0:0|vm")
        with self.assertRaisesRegex(ValueError, "not finished"):
            sacct_jobs.summarize(rows)


class Limits(unittest.TestCase):
    def test_static_p90_from_the_committed_trace(self):
        got = limits.static_limits(TRACE, 0.9)
        import csv
        with open(TRACE, newline="") as fh:
            bwa = [float(r["realtime"]) / 1000 for r in csv.DictReader(fh, delimiter="\t")
                   if r["process"] == "bwa_mem" and r["status"] == "COMPLETED"]
        p90 = statistics.quantiles(bwa, n=10, method="inclusive")[-1]
        self.assertEqual(got["bwa_mem"], max(1, math.ceil(p90 / 60)))
        self.assertEqual(len(got), 13)

    def test_expression_per_run_and_attempt(self):
        expr = limits.runtime_expression(5, {"r0001": 3, "r0002": 7})
        self.assertNotIn("{", expr)  # Snakemake would read braces as a format field
        ev = lambda run, attempt: eval(expr, {"wildcards": type("W", (), {"run": run}), "attempt": attempt})
        self.assertEqual([ev("r0001", 1), ev("r0002", 2), ev("r0099", 1), ev("r0099", 2)], [3, 14, 5, 10])
        self.assertEqual(eval(limits.runtime_expression(4, {}), {"attempt": 2}), 8)

    def test_gwtime_export_table(self):
        try:
            import yaml  # noqa: F401
        except ImportError:
            self.skipTest("PyYAML missing (it comes with Snakemake in .venv-slurm)")
        with tempfile.TemporaryDirectory() as d:
            # synthetic, in the layout of gwtime export --to snakemake (gwtime_runtime.yaml)
            with open(os.path.join(d, "gwtime_runtime.yaml"), "w") as fh:
                fh.write("quantile: 0.9\nsteps:\n  bwa_mem:\n    fallback_min: 6\n    samples:\n"
                         "      r0001: {runtime_min: 2, limit_s: 100, predicted_s: 60.0, bin: null}\n"
                         "      \"r0002\": {runtime_min: 9, limit_s: 500, predicted_s: 300.0, bin: null}\n")
            rule_min, per_run = limits.gwtime_limits(d)
            self.assertEqual(rule_min, {"bwa_mem": 6})
            self.assertEqual(per_run, {("bwa_mem", "r0001"): 2, ("bwa_mem", "r0002"): 9})
            out = os.path.join(d, "out")
            limits.write_outputs(out, "gwtime", rule_min, per_run)
            with open(os.path.join(out, "limits.tsv")) as fh:
                self.assertEqual(fh.read().splitlines()[1:], ["gwtime\tbwa_mem\t*\t6\tgwtime", "gwtime\tbwa_mem\tr0001\t2\tgwtime", "gwtime\tbwa_mem\tr0002\t9\tgwtime"])
            # the pad is added to limit_s before rounding (as for static limits): 100 s + 20 s -> 2 min, 500 + 20 -> 9
            self.assertEqual(limits.gwtime_limits(d, pad_s=20)[1], {("bwa_mem", "r0001"): 2, ("bwa_mem", "r0002"): 9})
            self.assertEqual(limits.gwtime_limits(d, pad_s=30)[1], {("bwa_mem", "r0001"): 3, ("bwa_mem", "r0002"): 9})
            # rules without a gwtime model keep the static limit, labelled as such
            out2 = os.path.join(d, "out2")
            self.assertEqual(limits.main(["gwtime", "--export", d, "--fallback-trace", TRACE, "--out", out2]), 0)
            with open(os.path.join(out2, "limits.tsv")) as fh:
                rows = [ln.split("\t") for ln in fh.read().splitlines()[1:]]
            static = limits.static_limits(TRACE, 0.9)
            self.assertEqual(sorted({r[1] for r in rows}), sorted(static))
            self.assertIn(["gwtime", "bwa_mem", "r0002", "9", "gwtime"], rows)
            self.assertIn(["gwtime", "fastqc", "*", str(static["fastqc"]), "static_p90"], rows)
            with self.assertRaisesRegex(ValueError, "run id"):
                limits.write_outputs(out, "gwtime", rule_min, {("bwa_mem", "r1'); import os; ('"): 1})


if __name__ == "__main__":
    unittest.main()
