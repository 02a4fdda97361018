"""Indexing benchmark: Whoosh parse+index against SQLite FTS5 on the same item documents.

    .venv/bin/python bench/bench_index.py --letters 1000 10000 [--jobs N] [--repeat R]

For each corpus size (synthetic letters, cached under var/bench/) it measures, in one run:
the whole `build_index` (parallel parse + one writer) in a child process, for its time and
peak memory; parsing alone; Whoosh indexing alone from the parsed letters (per writer
process count); and SQLite FTS5 indexing the same parent and item documents. Ratios are
Whoosh rate / FTS5 rate. A table is printed and JSON written to var/bench/index-*.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import fts_anchor
from common import corpus, folder_size_mb, peak_memory_mb, print_table, summary, timed, write_json

from indexer.build import build_index, letter_files, parse_files
from indexer.engine import generations, store


def child_build(letters_dir: str, index_dir: str, jobs: int) -> None:
    """Run one full build in this (child) process and print its figures as JSON."""
    report, seconds = timed(build_index, [Path(letters_dir)], Path(index_dir), jobs=jobs)
    print(json.dumps({"seconds": seconds, "letters": report.added, "items": report.items,
                      "memory_mb": peak_memory_mb(),
                      "size_mb": folder_size_mb(Path(index_dir).resolve())}))


def full_build(letters_dir: Path, jobs: int, workdir: Path) -> dict:
    """Run one full build_index in a child process; return its seconds, counts, memory and size."""
    index_dir = workdir / "build" / "index"
    command = [sys.executable, __file__, "--child-build", str(letters_dir), str(index_dir),
               str(jobs)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(output.splitlines()[-1])


def parse_letters(letters_dir: Path, jobs: int) -> list:
    """Parse every letter file under letters_dir (in `jobs` processes); return the letters."""
    paths, _skipped = letter_files([letters_dir])
    return [result.letter for result in parse_files(paths, jobs) if result.letter is not None]


def whoosh_index(letters: list, index_dir: Path, procs: int) -> float:
    """Index parsed letters into a fresh Whoosh index with `procs` writers; return seconds."""
    def write() -> None:
        lock = generations.build_lock(index_dir)
        with lock, store.writing(index_dir, fresh=True, procs=procs) as writer:
            for letter in letters:
                writer.put(letter)

    return timed(write)[1]


def fts5_index(letters: list, database: Path) -> float:
    """Index the same parent and item documents with SQLite FTS5; return seconds."""
    return timed(fts_anchor.index_documents, letters, database)[1]


def measure(count: int, jobs: int, repeat: int, writer_procs: list[int]) -> dict:
    """Time build, parse, Whoosh indexing and the FTS5 anchor over `count` letters."""
    letters_dir = corpus(count)
    result: dict = {"letters": count}
    with tempfile.TemporaryDirectory(dir=letters_dir.parent) as work:
        workdir = Path(work)
        builds = [full_build(letters_dir, jobs, workdir / f"b{run}") for run in range(repeat)]
        result["build"] = {**summary([b["seconds"] for b in builds]), **builds[-1]}
        parsed = [timed(parse_letters, letters_dir, jobs) for _ in range(repeat)]
        letters = parsed[-1][0]
        result["items"] = sum(len(letter.items) for letter in letters)
        result["parse"] = summary([seconds for _letters, seconds in parsed])
        for procs in writer_procs:
            runs = [whoosh_index(letters, workdir / f"w{procs}-{run}" / "index", procs)
                    for run in range(repeat)]
            result[f"whoosh_index_procs{procs}"] = summary(runs)
        fts = [fts5_index(letters, workdir / f"fts{run}.db") for run in range(repeat)]
        result["fts5_index"] = {**summary(fts), "size_mb": folder_size_mb(workdir / "fts0.db")}
    return result


def rows(result: dict) -> list[list[object]]:
    """The table rows of one corpus size: seconds, letters/s and rate against the anchor."""
    count, fts = result["letters"], result["fts5_index"]["median"]
    parse = result["parse"]["median"]

    def row(name: str, seconds: float, anchor: float, size="") -> list[object]:
        return [count, name, f"{seconds:.1f}", f"{count / seconds:.0f}",
                f"{anchor / seconds:.3f}", size]

    table = [row("whoosh build_index (parse+index)", result["build"]["median"], parse + fts,
                 result["build"]["size_mb"])]
    table += [row(f"whoosh index only, writer procs={name[-1]}", value["median"], fts)
              for name, value in result.items() if name.startswith("whoosh_index_procs")]
    table.append(row("parse only", parse, parse))
    table.append(row("FTS5 index only (anchor)", fts, fts, result["fts5_index"]["size_mb"]))
    table.append(row("parse + FTS5 (anchor)", parse + fts, parse + fts))
    return table


def main() -> None:
    """Run the indexing benchmark (or, with --child-build, one build); print and write JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, nargs="+", default=[1000])
    parser.add_argument("--jobs", type=int, default=None, help="parse processes (default: all)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--writer-procs", type=int, nargs="+", default=[1])
    parser.add_argument("--child-build", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_build:
        letters_dir, index_dir, jobs = args.child_build
        child_build(letters_dir, index_dir, int(jobs) or None)
        return
    results = [measure(count, args.jobs or 0, args.repeat, args.writer_procs)
               for count in args.letters]
    headers = ["letters", "what", "seconds", "letters/s", "rate / anchor", "size MB"]
    print_table(headers, [line for result in results for line in rows(result)])
    for result in results:
        memory = result["build"]["memory_mb"]
        print(f"{result['letters']} letters, {result['items']} items: build peak RSS "
              f"{memory['self']} MB (writer) / {memory['children']} MB (largest parse worker)")
    print(f"written to {write_json('index', {'results': results})}")


if __name__ == "__main__":
    main()
