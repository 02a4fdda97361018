"""One engine over one large corpus, end to end: the build from letter files (parsing included),
its peak memory and index size, the search mix, a site worker's memory and precedent packs.

    .venv/bin/python bench/bench_scale.py --letters 1000000 --engine tantivy [--repeat 3]

The letters are the bench's cached synthetic corpus (var/bench/corpus-N-seed1-txt, written on
both cores); the build is the product's own command, `imr index FOLDER --engine E --rebuild`,
on every core, its memory sampled every half second as the resident memory of the whole
process tree (the writer and its parse processes). The search mix is bench_search.py's (cold
caches, all facet counts, statistics, 20 highlighted hits); the worker and the 25-precedent
pack are worker_memory.py's and bench_report.py's. With --reuse a usable index is not rebuilt.
A fixed pure-Python workload is timed before and after the build (common.machine_speed_seconds):
this shared machine's speed drifts, and the anchor says how fast it ran. Figures go to
var/bench/scale-*.json.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import bench_report
import bench_search
import worker_memory
from common import (
    BENCH_DIR,
    corpus,
    folder_size_mb,
    index_usable,
    machine_speed_seconds,
    print_table,
    summary,
    timed,
    write_json,
)

from indexer.engine import Corpus
from indexer.engine.generations import live_directory

BIN = Path(sys.executable).parent
SAMPLE_SECONDS = 0.5


def tree_rss_mb(pid: int) -> tuple[float, float]:
    """Resident memory (MB) of a process and all its descendants, from /proc: in all, and the
    anonymous part (allocated memory; the rest is pages of mapped files, the index's own)."""
    total, anonymous, pending = 0, 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:  # ended between two reads
            continue
        total += _status_kb(status, "VmRSS:")
        anonymous += _status_kb(status, "RssAnon:")
        pending += map(int, children)
    return total / 1024, anonymous / 1024


def _status_kb(status: str, key: str) -> int:
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith(key)),
                0)


def build(letters_dir: Path, index_dir: Path, engine: str) -> dict:
    """Run `imr index` over letters_dir; return its seconds, exit status and peak tree memory."""
    log = index_dir.parent / "build.log"
    command = [str(BIN / "imr"), "index", str(letters_dir), "--index", str(index_dir),
               "--engine", engine, "--rebuild"]
    peak = [0.0, 0.0]
    with log.open("w") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        sampler = threading.Thread(target=_sample, args=(process, peak), daemon=True)
        sampler.start()
        status = process.wait()
        seconds = time.perf_counter() - started
        sampler.join()
    return {"seconds": round(seconds, 1), "exit_status": status, "peak_tree_rss_mb": round(peak[0]),
            "peak_tree_anonymous_mb": round(peak[1]), "log": str(log), "cores": os.cpu_count()}


def _sample(process: subprocess.Popen, peak: list[float]) -> None:
    while process.poll() is None:
        resident, anonymous = tree_rss_mb(process.pid)
        peak[0], peak[1] = max(peak[0], resident), max(peak[1], anonymous)
        time.sleep(SAMPLE_SECONDS)


def search_mix(index_dir: Path, repeat: int) -> dict:
    """The search benchmark's mix on this index: median and p95 per query and over all."""
    opened = Corpus.open(index_dir)
    bench_search.engine_search(opened, bench_search.SearchQuery())  # warm, as a worker is
    rows, every = [], []
    for label, search, _terms, _where in bench_search.MIX:
        seconds = [timed(bench_search.engine_search, opened, search)[1] for _ in range(repeat)]
        every += seconds
        rows.append({"label": label, "text": search.text, "filters": dict(search.filters),
                     "page": search.page, **_ms(seconds)})
    return {"letters": opened.letters, "items": opened.items, "queries": rows, **_ms(every)}


def _ms(seconds: list[float]) -> dict[str, float]:
    figures = summary(seconds)
    return {"median_ms": round(figures["median"] * 1000, 1),
            "p95_ms": round(figures["p95"] * 1000, 1)}


def packs(index_dir: Path, repeat: int) -> dict:
    """A 25-precedent pack: its data alone (/report.json: ranking and statistics) and its PDF
    against bare WeasyPrint on the same HTML."""
    app = bench_report.pack_app(index_dir)
    client = app.test_client()
    args = {"request": bench_report.REQUEST, "n": "25"}
    response, cold = timed(client.get, "/report.json", query_string=args)  # bitsets read here
    assert response.status_code == 200, response.status_code
    warm, _cpu, _response = bench_report.measure(
        lambda: client.get("/report.json", query_string=args), repeat)
    return {"json_25_cold": cold, "json_25": summary(warm),
            "pdf": bench_report.bench_size(app, index_dir, 25, repeat)}


def main() -> None:
    """Build, search, serve and pack at one corpus size; print the figures, write JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=1_000_000)
    parser.add_argument("--engine", choices=bench_search.ENGINES, default="tantivy")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="keep a usable index")
    options = parser.parse_args()
    index_dir = BENCH_DIR / f"scale-{options.letters}-{options.engine}" / "index"
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    figures: dict = {"letters": options.letters, "engine": options.engine,
                     "load_average_start": os.getloadavg()}
    letters_dir = corpus(options.letters)
    if not (options.reuse and index_usable(index_dir)):
        figures["machine_speed_before_s"] = machine_speed_seconds()
        figures["build"] = build(letters_dir, index_dir, options.engine)
        figures["machine_speed_after_s"] = machine_speed_seconds()
    figures["index_size_mb"] = folder_size_mb(live_directory(index_dir).resolve())
    figures["machine_speed_search_s"] = machine_speed_seconds()
    figures["search"] = search_mix(index_dir, options.repeat)
    figures["worker"] = worker_memory.measure(index_dir, pack=25)
    figures["packs"] = packs(index_dir, options.repeat)
    figures["load_average_end"] = os.getloadavg()
    print_table(["measure", "figure"], _rows(figures))
    print(f"written to {write_json(f'scale-{options.letters}-{options.engine}', figures)}")


def _rows(figures: dict) -> list[list[object]]:
    rows = []
    if "build" in figures:
        built = figures["build"]
        speeds = figures["machine_speed_before_s"], figures["machine_speed_after_s"]
        rows += [["build (imr index, parsing included) s", built["seconds"]],
                 ["machine speed anchor before / after the build (s)",
                  f"{speeds[0]:.4f} / {speeds[1]:.4f}"],
                 ["build exit status", built["exit_status"]],
                 ["build peak RSS, whole process tree (MB)", built["peak_tree_rss_mb"]],
                 ["build peak anonymous RSS, whole process tree (MB)",
                  built["peak_tree_anonymous_mb"]]]
    search, worker, pdf = figures["search"], figures["worker"], figures["packs"]["pdf"]
    data = figures["packs"]["json_25"]["median"]
    return [
        *rows,
        ["index size (MB)", figures["index_size_mb"]],
        ["letters / items", f"{search['letters']} / {search['items']}"],
        ["search p50 / p95 (ms)", f"{search['median_ms']} / {search['p95_ms']}"],
        ["machine speed anchor before the search mix (s)",
         f"{figures['machine_speed_search_s']:.4f}"],
        ["worker RSS after the mix / peak after a 25-pack (MB)",
         f"{worker['after_mix']['rss_mb']} / {worker['after_pack_25']['hwm_mb']}"],
        ["25-precedent pack data, /report.json: first / then (s)",
         f"{figures['packs']['json_25_cold']:.2f} / {data:.2f}"],
        ["25-precedent PDF (s) / bare WeasyPrint (s)",
         f"{pdf['ours']['median']:.2f} / {pdf['anchor']['median']:.2f}"],
    ]


if __name__ == "__main__":
    main()
