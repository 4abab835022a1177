"""Execute gwtime's notebooks headlessly with the tslab kernel and write executed notebooks + HTML reports.

Jupyter glue only: all analysis logic lives in the TypeScript library the notebooks import.
Usage: python scripts/run_notebooks.py [--smoke] [--only 01] [--timeout 3600]
       python scripts/run_notebooks.py --html-from executed.ipynb out.html   (the HTML step alone)
A failing cell stops the run with exit code 1, naming the notebook and the cell.
"""
import argparse
import os
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"

REPORT_CSS = """
<style>
.gwt-table { border-collapse: collapse; font-size: 0.9em; margin: 0.5em 0; }
.gwt-table th, .gwt-table td { border: 1px solid #ccc; padding: 2px 6px; text-align: right; }
.gwt-table th { background: #f3f3f3; }
.gwt-table caption { caption-side: top; text-align: left; font-weight: bold; }
.gwt-provenance { border-top: 2px solid #0072B2; margin-top: 2em; padding-top: 0.5em; }
</style>
"""


def numbered(paths):
    """Notebooks named NN-*.ipynb, in numeric order."""
    out = []
    for p in paths:
        m = re.match(r"^(\d+)-", p.name)
        if m:
            out.append((int(m.group(1)), p))
    return [p for _, p in sorted(out)]


def cell_label(nb, index):
    src = nb.cells[index].source.strip().splitlines()
    first = src[0][:80] if src else ""
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    n = code_cells.index(index) + 1 if index in code_cells else "?"
    return f"cell {index + 1} (code cell {n}): {first!r}"


def run(path, out_dir, timeout, smoke):
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = {"name": "tslab", "display_name": "TypeScript", "language": "typescript"}
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="tslab",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
        allow_errors=False,
    )
    started = time.time()
    failed = None
    current = {"index": None}
    orig = client.async_execute_cell

    async def tracked(cell, cell_index, *a, **kw):
        current["index"] = cell_index
        return await orig(cell, cell_index, *a, **kw)

    client.async_execute_cell = tracked
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError) as e:
        idx = current["index"]
        where = cell_label(nb, idx) if idx is not None else "unknown cell"
        failed = f"{path.relative_to(ROOT)} failed at {where}:\n{str(e)[-3000:]}"
    out_dir.mkdir(parents=True, exist_ok=True)
    executed = out_dir / path.name
    nbformat.write(nb, executed)
    write_report(nb, out_dir / (path.stem + ".html"))
    return failed, time.time() - started


def report_html(nb):
    """The HTML report of an executed notebook (nbconvert's lab template, self-contained and offline).

    Markdown outputs are rendered by nbconvert as they are: they must already be safe, which
    gwtime's showMarkdown ensures (lib/util/markdown.ts sanitizeMarkdown); `gwtime report check` fails
    a report in which script from the content ran.
    """
    exporter = HTMLExporter(template_name="lab")
    body, _ = exporter.from_notebook_node(nb)
    body = body.replace("</head>", REPORT_CSS + "</head>", 1)
    # Self-contained and offline: drop the template's CDN scripts (require.js would also capture
    # plotly's AMD definition; we use no LaTeX, so MathJax is not needed).
    return re.sub(r'<script[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>', "", body)


def write_report(nb, html_path):
    """Write the HTML report of an executed notebook (see report_html)."""
    Path(html_path).write_text(report_html(nb), encoding="utf-8")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--smoke", action="store_true", help="run on a small data slice (sets GWT_SMOKE=1)")
    ap.add_argument("--only", action="append", default=[], help="notebook number prefix to run (repeatable)")
    ap.add_argument("--timeout", type=int, default=int(os.environ.get("GWT_CELL_TIMEOUT", "3600")))
    ap.add_argument("--html-from", nargs=2, metavar=("IPYNB", "HTML"), help="only write the HTML report of an executed notebook")
    args = ap.parse_args()
    if args.html_from:
        write_report(nbformat.read(args.html_from[0], as_version=4), args.html_from[1])
        return 0
    if args.smoke:
        os.environ["GWT_SMOKE"] = "1"
    artifacts = Path(os.environ.get("GWT_ARTIFACTS", ROOT / "artifacts"))
    out_dir = artifacts / "smoke" / "reports" if args.smoke else artifacts / "reports"
    notebooks = numbered(NOTEBOOKS.glob("*.ipynb"))
    if args.only:
        notebooks = [p for p in notebooks if any(p.name.startswith(o) for o in args.only)]
    if not notebooks:
        print("no notebooks matched", file=sys.stderr)
        return 1
    for p in notebooks:
        print(f"[notebooks] executing {p.relative_to(ROOT)}{' (smoke)' if args.smoke else ''} ...", flush=True)
        failed, secs = run(p, out_dir, args.timeout, args.smoke)
        if failed:
            print(f"[notebooks] FAILED: {failed}", file=sys.stderr, flush=True)
            print(f"[notebooks] partial output kept in {out_dir / p.name}", file=sys.stderr)
            return 1
        print(f"[notebooks] ok {p.name} in {secs:.1f} s -> {out_dir / (p.stem + '.html')}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
