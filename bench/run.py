"""The whole benchmark suite in one command: index, search, packs and worker memory vs anchors.

    .venv/bin/python bench/run.py [--sizes 1000 10000] [--with-100k] [--repeat 5]

Per corpus size (synthetic letters, generated once and cached under var/bench/), in this one
process run and on this machine: parse+index throughput against parse + SQLite FTS5 and
Whoosh indexing alone against FTS5 alone (bench_index.py); the search query mix against FTS5
doing the same counts (bench_search.py); a site worker's memory after the mix
(worker_memory.py). Once, over the largest size below 100k: precedent packs of 10/25/100
against bare WeasyPrint on the same HTML (bench_report.py). Each figure is a median and
p95 over repeats; a ratio table is printed and everything written to var/bench/results.json
(and results-<time>.json) with the machine (cores, CPU model, Python, load average at start
and end).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import UTC, datetime

import bench_index
import bench_report
import bench_search
import worker_memory
from common import BENCH_DIR, machine, print_table

PACK_SIZES = (10, 25, 100)
TARGETS = {
    "index": 0.2,  # Whoosh rate >= 1/5 of the anchor's
    "search_p95": 2.0,  # p95 <= 2x the anchor's
    "search_p50_ms": 100.0,
    "pack_seconds": 1.5,  # 25 precedents
    "pack_ratio": 1.3,
    "worker_mb": 300.0,
}


def arguments() -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--with-100k", action="store_true", help="add the 100k-letter corpus")
    parser.add_argument("--repeat", type=int, default=5, help="search and pack repeats")
    parser.add_argument("--index-repeat", type=int, default=2,
                        help="index repeats (1 at 100k: a build there takes many minutes)")
    parser.add_argument("--skip", nargs="*", default=[],
                        choices=["index", "search", "packs", "memory"])
    return parser.parse_args()


def load_average() -> list[float]:
    """The 1, 5 and 15 minute load averages."""
    return [round(value, 2) for value in os.getloadavg()]


def index_figures(count: int, repeat: int) -> dict:
    """Parse+index and index-only throughput with their FTS5 anchors (bench_index)."""
    writer_procs = [] if count >= 100_000 else [1]  # index-only at 100k would double the run
    result = bench_index.measure(count, 0, 1 if count >= 100_000 else repeat, writer_procs)
    parse, fts = result["parse"]["median"], result["fts5_index"]["median"]
    build = result["build"]
    result["ratios"] = {"build_vs_parse_fts5": (parse + fts) / build["median"]}
    if "whoosh_index_procs1" in result:
        whoosh = result["whoosh_index_procs1"]["median"]
        result["ratios"]["index_only_vs_fts5"] = fts / whoosh
    return result


def search_figures(count: int, repeat: int) -> dict:
    """The query mix, each engine vs FTS5 (bench_search); the ratios are Whoosh's."""
    result = bench_search.run_size(count, repeat)
    engine, anchor = result["engine"], result["anchor"]
    result["ratios"] = {
        "p50": engine["median_ms"] / anchor["median_ms"],
        "p95": engine["p95_ms"] / anchor["p95_ms"],
    }
    return result


def pack_figures(letters: int, repeat: int) -> dict:
    """Packs of 10/25/100 precedents vs bare WeasyPrint (bench_report)."""
    index_dir = bench_report.index_for(letters)
    app = bench_report.pack_app(index_dir)
    return {"letters": letters,
            "packs": [bench_report.bench_size(app, index_dir, size, repeat) for size in PACK_SIZES]}


def ratio_rows(results: dict) -> list[list[object]]:
    """One table row per measure: ours, anchor, ratio, target, met."""
    rows = []
    for size in results["sizes"]:
        count = size["letters"]
        if "index" in size:
            rows += _index_rows(count, size["index"])
        if "search" in size:
            rows += _search_rows(count, size["search"])
        if "memory" in size:
            peak = size["memory"]["after_mix"]["hwm_mb"]
            rows.append([count, "site worker peak RSS after mix (MB)", peak, "", "", "< 300",
                         _met(peak < TARGETS["worker_mb"])])
    if "packs" in results:
        rows += _pack_rows(results["packs"])
    return rows


def _pack_rows(packs: dict) -> list[list[object]]:
    rows = []
    for pack in packs["packs"]:
        ours, anchor, ratio = pack["ours"], pack["anchor"], pack["ratio"]
        target = met = ""
        if pack["precedents"] == 25:
            target = "< 1.5 s, <= 1.3x"
            met = _met(ours["median"] < TARGETS["pack_seconds"] and ratio <= TARGETS["pack_ratio"])
        rows.append([packs["letters"], f"pack of {pack['precedents']} (s)",
                     _pair(ours["median"], ours["p95"], "{:.2f}"),
                     _pair(anchor["median"], anchor["p95"], "{:.2f}"), f"{ratio:.2f}x",
                     target, met])
    return rows


def _index_rows(count: int, index: dict) -> list[list[object]]:
    parse, fts, build = (index["parse"]["median"], index["fts5_index"]["median"],
                         index["build"]["median"])
    rows = [[count, "parse+index (letters/s)", f"{count / build:.0f}",
             f"{count / (parse + fts):.0f}", f"{index['ratios']['build_vs_parse_fts5']:.3f}",
             ">= 0.2", _met(index["ratios"]["build_vs_parse_fts5"] >= TARGETS["index"])]]
    if "index_only_vs_fts5" in index["ratios"]:
        whoosh = index["whoosh_index_procs1"]["median"]
        rows.append([count, "index only (letters/s)", f"{count / whoosh:.0f}",
                     f"{count / fts:.0f}", f"{index['ratios']['index_only_vs_fts5']:.3f}",
                     ">= 0.2", _met(index["ratios"]["index_only_vs_fts5"] >= TARGETS["index"])])
    rows.append([count, "index size (MB)", index["build"]["size_mb"],
                 index["fts5_index"]["size_mb"], "", "", ""])
    return rows


def _search_rows(count: int, search: dict) -> list[list[object]]:
    engine, anchor, ratios = search["engine"], search["anchor"], search["ratios"]
    return [
        *_tantivy_rows(count, search),
        [count, "search p50 (ms)", f"{engine['median_ms']:.1f}", f"{anchor['median_ms']:.1f}",
         f"{ratios['p50']:.2f}x", "< 100 ms", _met(engine["median_ms"] < 100)],
        [count, "search p95 (ms)", f"{engine['p95_ms']:.1f}", f"{anchor['p95_ms']:.1f}",
         f"{ratios['p95']:.2f}x", "<= 2x", _met(ratios["p95"] <= TARGETS["search_p95"])],
        [count, "search totals/counts/stats = anchor's", f"{len(search['queries'])} queries",
         "", "", "all equal", _met(not search["mismatches"])],
    ]


def _tantivy_rows(count: int, search: dict) -> list[list[object]]:
    """The tantivy engine's search figures beside the anchor's (same mix, same run)."""
    mine, anchor = search["engines"]["tantivy"], search["anchor"]
    return [[count, "tantivy search p50 [p95] (ms)", _pair(mine["median_ms"], mine["p95_ms"],
             "{:.1f}"), _pair(anchor["median_ms"], anchor["p95_ms"], "{:.1f}"),
             f"{mine['p95_ms'] / anchor['p95_ms']:.2f}x", "p95 < 300 ms",
             _met(mine["p95_ms"] < 300)]]


def _pair(median: float, p95: float, spec: str) -> str:
    return f"{spec.format(median)} [{spec.format(p95)}]"


def _met(condition: bool) -> str:
    return "yes" if condition else "NO"


def main() -> None:
    """Run the suite; print the ratio table; write var/bench/results.json."""
    options = arguments()
    sizes = sorted(set(options.sizes) | ({100_000} if options.with_100k else set()))
    results: dict = {"machine": {**machine(), "load_average_start": load_average()},
                     "started": datetime.now(UTC).isoformat(timespec="seconds"),
                     "repeat": options.repeat, "index_repeat": options.index_repeat,
                     "sizes": []}
    for count in sizes:
        figures: dict = {"letters": count}
        print(f"--- {count} letters", file=sys.stderr, flush=True)
        if "index" not in options.skip:
            figures["index"] = index_figures(count, options.index_repeat)
        if "search" not in options.skip:
            figures["search"] = search_figures(count, options.repeat)
        if "memory" not in options.skip:
            figures["memory"] = worker_memory.measure(bench_search.whoosh_index(count))
        results["sizes"].append(figures)
    if "packs" not in options.skip:
        below_100k = [count for count in sizes if count < 100_000] or [10_000]
        results["packs"] = pack_figures(max(below_100k), options.repeat)
    results["machine"]["load_average_end"] = load_average()
    results["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    headers = ["letters", "measure", "ours median [p95]", "anchor", "ratio", "target", "met"]
    print_table(headers, ratio_rows(results))
    described = results["machine"]
    print(f"\n{described['cpus']} cores, {described['cpu']}, Python {described['python']}; "
          f"load average {described['load_average_start']} at start, "
          f"{described['load_average_end']} at end. Anchors: SQLite FTS5 (index, search), "
          "bare WeasyPrint on the same HTML (packs). Search targets apply at 100k letters.")
    text = json.dumps(results, indent=1)
    stamp = results["finished"].replace(":", "").replace("-", "")[:15]
    (BENCH_DIR / f"results-{stamp}.json").write_text(text)  # earlier runs stay comparable
    path = BENCH_DIR / "results.json"
    path.write_text(text)
    print(f"written to {path}")


if __name__ == "__main__":
    main()
