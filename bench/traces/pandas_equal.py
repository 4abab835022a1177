"""pandas + pyarrow doing gwtime's work on a trace (issue #19, "faster than pandas" as equal work). One JSON line.

  pandas_equal.py FORMAT OUT_DIR PATH...     FORMAT = nextflow | galaxy

What gwtime's TypeScript readers (lib/traces/readers/{nextflow,galaxy}.ts, lib/util/units.ts) do, with the
same rules, per file:
- read every cell as text (pyarrow.csv: quoted fields may span lines; blank lines skipped; delimiter sniffed
  from the first line as lib/traces/csv.ts does); a row with more or fewer fields than the header is
  rejected and counted (an issue), as `recordsToRows` does;
- cells whose trimmed text is one of "", "-", "NA", "NaN", "nan", "null", "None" are missing (no issue);
- Nextflow: durations ("1h 2m 3s", "12.5s", "500ms"; a bare number is ms) → seconds, memory/IO
  ("12.5 MB", binary multiples; bare = bytes) → bytes, "%cpu" ("180.5%") → number, counts → numbers,
  submit/start/complete (epoch ms or ISO text) → timestamps; a row without process/name is rejected;
- Galaxy: runtime, slots, memory (MiB → bytes), exit code, epochs (s), create_time, and the input-size
  columns (every X with an X_filetype twin) summed per row;
- a present cell that does not convert, is not finite, or is negative where gwtime requires >= 0 is an
  unparsable cell: counted, left missing;
- write the normalised rows (TaskRun columns) to zstd Parquet with pyarrow, one file per input.
The JSON line gives rows kept, rows rejected, unparsable cells, seconds (after `import pandas`), Parquet bytes.
Rules gwtime has that this does not copy: JS `Number()` corner cases (hex "0x1A" is a number there),
`new Date(text)` for timestamps outside the ISO pattern (pandas' parser decides here), and Galaxy's tool
name from `tool_id` when the file name is not `<owner>_<repo>_<tool>_<version>.csv`.
"""
import glob
import io
import json
import os
import re
import sys
import time

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

MISSING = ["", "-", "NA", "NaN", "nan", "null", "None"]
BARE = r"[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?"
# JS Number() on decimal text: optional sign, whitespace around (the readers' parseNumber / parsePercent)
JS_NUM = r"\s*[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\s*"
DUR_FULL = r"(?:[ \t]*[0-9]*\.?[0-9]+[ \t]*(?:ms|d|h|m|s)[ \t]*)+"
DUR_TERM = r"([0-9]*\.?[0-9]+)[ \t]*(ms|d|h|m|s)"
DUR_UNITS = {"d": 86400.0, "h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}
BYTE_UNITS = {"": 1.0}
for i, names in enumerate([("b", "byte", "bytes"), ("k", "kb", "kib"), ("m", "mb", "mib"), ("g", "gb", "gib"), ("t", "tb", "tib"), ("p", "pb", "pib")]):
    for n in names:
        BYTE_UNITS[n] = float(1024 ** i)
ISO = r"(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?"
MAX_DATE_MS = 8.64e15  # JS Date range


class Cells:
    """Counts unparsable cells while converting columns."""

    def __init__(self) -> None:
        self.bad = 0

    def _finish(self, present: pd.Series, value: pd.Series, non_negative: bool) -> pd.Series:
        ok = value.notna() & np.isfinite(value.astype("float64"))
        if non_negative:
            ok &= value >= 0
        self.bad += int((present & ~ok).sum())
        return value.where(ok)

    @staticmethod
    def _present(s: pd.Series) -> tuple[pd.Series, pd.Series]:
        t = s.str.strip()
        return t, s.notna() & ~t.isin(MISSING)

    def number(self, s: pd.Series, non_negative: bool = True) -> pd.Series:
        """parseNumber: JS Number() of the trimmed text; nan/na/null/none (any case) → unparsable."""
        t, present = self._present(s)
        v = pd.to_numeric(t.where(t.str.fullmatch(JS_NUM, na=False)), errors="coerce")
        return self._finish(present, v, non_negative)

    def percent(self, s: pd.Series) -> pd.Series:
        """parsePercent: trim, drop one trailing %, "" or "-" → unparsable, JS Number()."""
        t, present = self._present(s)
        u = t.str.replace(r"%$", "", regex=True)
        v = pd.to_numeric(u.where(u.str.fullmatch(JS_NUM, na=False) & ~u.isin(["", "-"])), errors="coerce")
        return self._finish(present, v, True)

    def bytes(self, s: pd.Series) -> pd.Series:
        """parseBytes: <number>[ ]<unit> with binary multiples (k = KiB ...), bare = bytes."""
        t, present = self._present(s)
        ex = t.where(present).str.extract(rf"^({BARE})\s*([a-zA-Z]*)$")
        mult = ex[1].str.lower().map(BYTE_UNITS)
        v = pd.to_numeric(ex[0], errors="coerce") * mult
        return self._finish(present, v, True)

    def duration(self, s: pd.Series, bare_unit: str = "ms") -> pd.Series:
        """parseDurationS: a bare number in `bare_unit`, else the whole text as number+unit terms, summed."""
        t, present = self._present(s)
        bare = t.str.fullmatch(BARE, na=False)
        v = pd.to_numeric(t.where(bare), errors="coerce") / (1000.0 if bare_unit == "ms" else 1.0)
        text = present & ~bare & t.str.fullmatch(DUR_FULL, na=False)
        if text.any():
            terms = t[text].str.extractall(DUR_TERM)
            secs = pd.to_numeric(terms[0]) * terms[1].map(DUR_UNITS)
            v = v.copy()
            v.loc[text] = secs.groupby(level=0).sum()
        return self._finish(present, v, True)

    def timestamp(self, s: pd.Series, bare_unit: str = "ms") -> pd.Series:
        """parseTimestamp: epoch number in `bare_unit`, else ISO text (no zone = UTC)."""
        t, present = self._present(s)
        num = s.str.fullmatch(r"\s*-?[0-9]*\.?[0-9]+\s*", na=False)
        ms = pd.to_numeric(t.where(num), errors="coerce") * (1.0 if bare_unit == "ms" else 1000.0)
        ok_num = num & ms.abs().le(MAX_DATE_MS)
        out = pd.to_datetime(ms.where(ok_num), unit="ms", utc=True, errors="coerce")
        rest = present & ~num
        if rest.any():
            r = t[rest]
            iso = r.str.fullmatch(ISO, na=False) | r.str.match(r"\d{4}-\d{2}-\d{2}", na=False)
            parsed = pd.to_datetime(r.where(iso), utc=True, errors="coerce", format="ISO8601")
            out = out.copy()
            out.loc[rest] = parsed
        bad = present & out.isna()
        self.bad += int(bad.sum())
        return out


def sniff(path: str) -> str:
    with open(path, encoding="utf-8", errors="replace") as fh:
        first = fh.readline()
    return "\t" if first.count("\t") + 1 > first.count(",") + 1 else ","


def read_text_table(path: str) -> tuple[pd.DataFrame, int]:
    """Every column as text; rows with the wrong number of fields skipped and counted."""
    sep = sniff(path)
    with open(path, encoding="utf-8", errors="replace") as fh:
        header = fh.readline().lstrip("\ufeff")
    names = [h.strip().strip('"') for h in header.rstrip("\r\n").split(sep)]
    rejected = 0

    def skip(_row) -> str:
        nonlocal rejected
        rejected += 1
        return "skip"

    source = path
    try:
        table = read_arrow(source, sep, names, skip)
    except pa.ArrowInvalid as e:
        if "UTF8" not in str(e):
            raise
        # Not UTF-8 (a Latin-1 row): read with U+FFFD for the bad bytes, as gwtime does (and says so).
        rejected = 0
        with open(path, "rb") as fh:
            source = io.BytesIO(fh.read().decode("utf-8", errors="replace").encode("utf-8"))
        table = read_arrow(source, sep, names, skip)
    return table.to_pandas(), rejected


def read_arrow(source, sep: str, names: list[str], skip) -> pa.Table:
    return pacsv.read_csv(
        source,
        read_options=pacsv.ReadOptions(use_threads=True, block_size=1 << 24, column_names=names, skip_rows=1),
        parse_options=pacsv.ParseOptions(delimiter=sep, newlines_in_values=True, invalid_row_handler=skip),
        convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in names}, strings_can_be_null=False, quoted_strings_can_be_null=False),
    )


def nextflow(df: pd.DataFrame, c: Cells) -> tuple[pd.DataFrame, int]:
    col = lambda k: df[k] if k in df.columns else pd.Series(pd.NA, index=df.index, dtype="string")
    def text(k: str) -> pd.Series:
        t = col(k).str.strip()
        return t.where(~t.isin(MISSING))
    name = text("name").str.replace(r"\s*\(.*\)$", "", regex=True)
    process = text("process").fillna(name)
    keep = process.notna()
    dropped = int((~keep).sum())
    df = df[keep]
    col = lambda k: df[k] if k in df.columns else pd.Series(pd.NA, index=df.index, dtype="string")
    user, sys_ = c.number(col("user_s")), c.number(col("sys_s"))
    c.duration(col("duration"))  # validated only, as gwtime does
    cpu_total, cpus, threads = c.number(col("cpu_s")), c.number(col("cpus")), c.number(col("threads"))
    out = pd.DataFrame({
        "task": process[keep].str.split(":").str[-1],
        "sample": text("tag")[keep],
        "status": text("status")[keep],
        "exitCode": c.number(col("exit"), non_negative=False),
        "attempt": c.number(col("attempt")),
        "submitTime": c.timestamp(col("submit")),
        "startTime": c.timestamp(col("start")),
        "completeTime": c.timestamp(col("complete")),
        "wallS": c.duration(col("realtime")),
        "cpuS": (user + sys_).where(user.notna() & sys_.notna(), cpu_total),
        "cpuPercent": c.percent(col("%cpu")),
        "cpusRequested": cpus.fillna(threads),
        "memoryRequestedBytes": c.bytes(col("memory")),
        "peakRssBytes": c.bytes(col("peak_rss")),
        "readBytes": c.bytes(col("rchar")),
        "writeBytes": c.bytes(col("wchar")),
        "inputBytes": c.bytes(col("input_bytes")),
        "machine": text("hostname")[keep],
    })
    return out, dropped


def galaxy_tool(path: str) -> str | None:
    base = os.path.basename(path)[:-4] if path.lower().endswith(".csv") else os.path.basename(path)
    m = re.match(r"^(.+)_([0-9][^_]*)$", base)
    if not m:
        return None
    parts = m.group(1).split("_")
    if len(parts) < 3:
        return None
    owner, rest, best = parts[0], parts[1:], None
    for k in range(1, len(rest)):
        repo, tool = rest[:k], "_".join(rest[k:]).lower()
        if all(w.lower() in tool for w in repo):
            best = f"{owner}/{'_'.join(repo)}/{'_'.join(rest[k:])}"
    return best or f"{owner}/{rest[0]}/{'_'.join(rest[1:])}"


def galaxy(df: pd.DataFrame, c: Cells, path: str) -> tuple[pd.DataFrame, int]:
    col = lambda k: df[k] if k in df.columns else pd.Series(pd.NA, index=df.index, dtype="string")
    tool = galaxy_tool(path)
    inputs = [h for h in df.columns if not h.startswith("parameters.") and f"{h}_filetype" in df.columns]
    sizes = pd.DataFrame({h: c.number(df[h]) for h in inputs}, index=df.index)
    mem = c.number(col("galaxy_memory_mb"))
    if tool is None:  # gwtime then takes the task from tool_id; not copied here (see the docstring)
        return pd.DataFrame(index=df.index[:0]), len(df)
    dest = col("destination_id").str.strip()
    out = pd.DataFrame({
        "task": tool,
        "exitCode": c.number(col("exit_code"), non_negative=False),
        "submitTime": c.timestamp(col("create_time")),
        "startTime": c.timestamp(col("start_epoch"), "s"),
        "completeTime": c.timestamp(col("end_epoch"), "s"),
        "wallS": c.number(col("runtime")),
        "cpusRequested": c.number(col("galaxy_slots")),
        "memoryRequestedBytes": mem * 1024.0 * 1024.0,
        "inputBytes": sizes.sum(axis=1, min_count=1) if inputs else np.nan,
        "machine": dest.where(~dest.isin(MISSING)),
    }, index=df.index)
    return out, 0


def main() -> None:
    fmt, out_dir, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    paths: list[str] = []
    for p in args:
        paths += sorted(glob.glob(os.path.join(p, "*.csv"))) if os.path.isdir(p) else [p]
    os.makedirs(out_dir, exist_ok=True)
    t0 = time.perf_counter()
    c = Cells()
    rows = rejected = parquet_bytes = 0
    for i, p in enumerate(paths):
        df, bad_rows = read_text_table(p)
        norm, dropped = nextflow(df, c) if fmt == "nextflow" else galaxy(df, c, p)
        rows += len(norm)
        rejected += bad_rows + dropped
        f = os.path.join(out_dir, f"{i:04d}.parquet")
        pq.write_table(pa.Table.from_pandas(norm, preserve_index=False), f, compression="zstd")
        parquet_bytes += os.path.getsize(f)
    print(json.dumps({"tool": "pandas-equal-work", "rows": rows, "rejectedRows": rejected, "unparsableCells": c.bad,
                      "seconds": time.perf_counter() - t0, "parquetBytes": parquet_bytes}))


if __name__ == "__main__":
    main()
