"""Precedent pack rendering, end to end, against bare WeasyPrint rendering the same final HTML.

For packs of 10, 25 and 100 precedents over a synthetic index, in one process run:
  ours    GET /report.pdf through the Flask app: params -> ranking -> statistics -> Jinja ->
          WeasyPrint with the worker's pre-parsed stylesheets, fonts and static-only fetcher;
  anchor  weasyprint.HTML(string=<the same final HTML>).write_pdf() with the stylesheet parsed
          on each call, nothing else;
and the ratio ours / anchor of the medians. The index is built once under var/bench/.

    .venv/bin/python bench/bench_report.py [--letters 1000] [--sizes 10,25,100] [--repeat 5]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pypdf import PdfReader  # noqa: E402
from weasyprint import CSS, HTML  # noqa: E402

from bench.common import BENCH_DIR, corpus, index_usable, print_table, summary, write_json  # noqa: E402
from imr_site import create_app  # noqa: E402
from imr_site.reports.pack import build_pack, pack_html  # noqa: E402
from imr_site.reports.params import DEFAULT_PAPER, parse_report_params  # noqa: E402
from imr_site.reports.render import PAPER_SIZES  # noqa: E402
from indexer.build import build_index  # noqa: E402
from indexer.engine import Corpus  # noqa: E402

STATIC = ROOT / "static"
BASE_URL = "http://localhost/"  # the test client's, as the route prints it
REQUEST = "12 sessions of physical therapy for the cervical spine"
NOTES = "## Argument\n\nThe claimant shows **measurable gains**.\n\n* point one\n* point two"


def index_for(letters: int) -> Path:
    """Return an index over `letters` synthetic letters, built once (again on a schema change)."""
    folder = BENCH_DIR / f"index-report-{letters}"
    index_dir = folder / "index"
    if not (folder / ".complete").exists() or not index_usable(index_dir):
        print(f"building an index of {letters} letters in {folder} ...", file=sys.stderr)
        build_index([corpus(letters)], index_dir, jobs=2, rebuild=index_dir.exists())
        (folder / ".complete").write_text("done")
    return index_dir


def pack_app(index_dir: Path):
    """The site over the index."""
    return create_app({"INDEX_DIR": str(index_dir)})


def final_html(index_dir: Path, args: dict) -> str:
    """The HTML our route hands to WeasyPrint for these args."""
    pack = build_pack(Corpus.open(index_dir), parse_report_params(args), BASE_URL, date.today())
    return pack_html(pack)


def bare_weasyprint(html: str) -> bytes:
    """The anchor: WeasyPrint alone on the final HTML, stylesheet parsed on the call."""
    paper = CSS(string=f"@page {{ size: {PAPER_SIZES[DEFAULT_PAPER]} }}")  # the packs' default
    sheets = [CSS(filename=str(STATIC / "pack.css")), paper]
    return HTML(string=html, base_url=str(STATIC) + "/").write_pdf(stylesheets=sheets)


def measure(function, repeat: int) -> tuple[list[float], list[float], object]:
    """Wall-clock and CPU seconds of `repeat` calls after one warm-up call, and the last result.

    CPU time (this process) is the figure to compare on a shared machine: other processes
    stretch wall-clock time but not it.
    """
    result = function()
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = function()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return wall, cpu, result


def bench_size(app, index_dir: Path, count: int, repeat: int) -> dict:
    """Time one pack size both ways; return the figures."""
    args = {"request": REQUEST, "n": str(count), "notes": NOTES}
    client = app.test_client()
    ours, ours_cpu, response = measure(
        lambda: client.get("/report.pdf", query_string=args), repeat)
    assert response.status_code == 200, response.status_code
    html = final_html(index_dir, args)
    anchor, anchor_cpu, _pdf = measure(lambda: bare_weasyprint(html), repeat)
    figures = {"ours": summary(ours), "anchor": summary(anchor),
               "ours_cpu": summary(ours_cpu), "anchor_cpu": summary(anchor_cpu)}
    return {"precedents": count, "pages": len(PdfReader(io.BytesIO(response.data)).pages),
            **figures, "ratio": figures["ours"]["median"] / figures["anchor"]["median"],
            "ratio_cpu": figures["ours_cpu"]["median"] / figures["anchor_cpu"]["median"]}


def main() -> None:
    """Time packs of each size against bare WeasyPrint; print the table and write JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=1000, help="synthetic letters indexed")
    parser.add_argument("--sizes", default="10,25,100", help="pack sizes (precedents)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per measure")
    options = parser.parse_args()
    index_dir = index_for(options.letters)
    app = pack_app(index_dir)
    results = [bench_size(app, index_dir, int(size), options.repeat)
               for size in options.sizes.split(",")]
    print(f"\nPrecedent packs over {options.letters:,} synthetic letters, "
          f"median of {options.repeat} runs (p95 in brackets)")
    print_table(
        ["precedents", "pages", "ours (s)", "bare WeasyPrint (s)", "ratio", "ours CPU (s)",
         "bare CPU (s)", "CPU ratio"],
        [[r["precedents"], r["pages"], f'{r["ours"]["median"]:.2f} [{r["ours"]["p95"]:.2f}]',
          f'{r["anchor"]["median"]:.2f} [{r["anchor"]["p95"]:.2f}]', f'{r["ratio"]:.2f}x',
          f'{r["ours_cpu"]["median"]:.2f}', f'{r["anchor_cpu"]["median"]:.2f}',
          f'{r["ratio_cpu"]:.2f}x'] for r in results],
    )
    path = write_json("report", {"letters": options.letters, "repeat": options.repeat,
                                 "packs": results})
    print(f"\nwritten to {path}")


if __name__ == "__main__":
    main()
