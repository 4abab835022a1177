"""measure.py's CPU cap and collect.py's censored trace rows, on real processes (python3 -m unittest)."""
import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

H = Path(__file__).resolve().parent
sys.path.insert(0, str(H))
import collect  # noqa: E402


def measure(tmp, cmd, limit):
    out = Path(tmp) / "steps" / "x.json"
    p = subprocess.run([sys.executable, str(H / "measure.py"), "--json", str(out), "--step", "freebayes",
                        "--run", "r1", "--tool", "x", "--threads", "1", "--cpu-limit-s", str(limit), "--", cmd],
                       capture_output=True, text=True)
    return p.returncode, json.loads(out.read_text())


class CpuCap(unittest.TestCase):
    def test_busy_step_is_killed_at_the_cap_and_censored(self):
        with tempfile.TemporaryDirectory() as tmp:
            rc, rec = measure(tmp, f"{sys.executable} -c 'while True: pass'", 1)
            self.assertEqual(rc, 0)  # the run goes on
            self.assertNotEqual(rec["exit"], 0)  # the real exit code is kept
            self.assertEqual(rec["limit"], {"kind": "cpu", "limit_s": 1, "hit": True})
            row = collect.trace_row(rec, {"repeat": "1", "load_label": "none"})
            self.assertEqual(row["status"], "FAILED")
            self.assertEqual(row["limit_hit"], "cpu>=1")
            self.assertGreaterEqual(row["user_s"] + row["sys_s"], 0.95)

    def test_a_failure_under_the_cap_is_not_censored(self):
        with tempfile.TemporaryDirectory() as tmp:
            rc, rec = measure(tmp, "exit 3", 60)
            self.assertEqual(rc, 3)
            self.assertFalse(rec["limit"]["hit"])
            self.assertEqual(collect.trace_row(rec, {"repeat": "1", "load_label": "none"})["limit_hit"], "")

    def test_a_kill_that_is_not_the_cap_is_not_censored(self):
        with tempfile.TemporaryDirectory() as tmp:
            rc, rec = measure(tmp, "kill -KILL $$", 60)
            self.assertNotEqual(rc, 0)
            self.assertFalse(rec["limit"]["hit"])


if __name__ == "__main__":
    unittest.main()
