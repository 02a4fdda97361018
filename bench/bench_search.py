"""Search latency of both engines (Whoosh, tantivy) against a SQLite FTS5 anchor doing the
same work, same run.

Each query of a fixed mix computes the total, every facet's counts (without its own selection),
the outcome statistics and the top 20 highlighted hits. Indexes are built once from the
synthetic generator's ground-truth records into var/bench/ and reused.

    .venv/bin/python bench/bench_search.py [--sizes 1000,10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import sqlite3
import time
from dataclasses import replace
from pathlib import Path

import fts_anchor
from common import BENCH_DIR, index_usable, summary, timed

from indexer.engine import Corpus, SearchQuery
from indexer.engine.store import writing
from indexer.letters.records import Source
from indexer.synth import synthetic_letter

SEED = 1
TRAMADOL = "id IN (SELECT item FROM facets WHERE facet = 'drug' AND value = 'tramadol')"

# (label, engine query, FTS5 terms AND-ed (each in the item's own text, or with scope="letter"
#  in its letter's summary too),
#  SQL conditions on the items table for field queries)
MIX = [
    ("term", SearchQuery("tramadol"), ["tramadol"], []),
    ("term", SearchQuery("radiculopathy"), ["radiculopathy"], []),
    ("term common", SearchQuery("pain"), ["pain"], []),
    ("two terms", SearchQuery("lumbar radiculopathy"), ["lumbar", "radiculopathy"], []),
    ("two terms", SearchQuery("knee AND surgery"), ["knee", "surgery"], []),
    ("phrase", SearchQuery('"physical therapy"'), ['"physical therapy"'], []),
    ("phrase", SearchQuery('"functional improvement"'), ['"functional improvement"'], []),
    ("field", SearchQuery("decision:overturned"), [], ["decision = 'Overturned'"]),
    ("field", SearchQuery('treatment:"physical therapy"'), [], ["treatment = 'physical therapy'"]),
    ("field+term", SearchQuery("drug:tramadol pain"), ["pain"], [TRAMADOL]),
    ("facets only", SearchQuery("", {"decision": ("Overturned",)}), [], []),
    ("facets only", SearchQuery("", {"treatment": ("opioid",)}), [], []),
    (
        "2 facets",
        SearchQuery("", {"decision": ("Upheld",), "body_part": ("lumbar spine",)}),
        [],
        [],
    ),
    (
        "3 facets",
        SearchQuery(
            "",
            {
                "treatment": ("physical therapy", "chiropractic"),
                "sex": ("female",),
                "year": ("2016", "2017"),
            },
        ),
        [],
        [],
    ),
    (
        "term+2 facets",
        SearchQuery("pain", {"decision": ("Upheld",), "sex": ("male",)}),
        ["pain"],
        [],
    ),
    ("deep page", SearchQuery("pain", page=50), ["pain"], []),
    ("deep page", SearchQuery("", page=100), [], []),
    ("newest", SearchQuery("injection", sort="newest"), ["injection"], []),
]


def bench_letters(count: int):
    """Yield the synthetic ground-truth letters with their text's hash as source."""
    for number in range(count):
        text, letter = synthetic_letter(number, SEED)
        digest = hashlib.sha256(text.encode()).hexdigest()
        yield replace(letter, source=Source(f"{letter.id}.txt", "txt", digest))


def corpus_dir(count: int) -> Path:
    """The folder for one corpus size, named after the generator's output (rebuilt on change)."""
    fingerprint = hashlib.sha256()
    for letter in bench_letters(min(count, 50)):
        fingerprint.update(letter.to_json().encode())
    return BENCH_DIR / f"search-{count}-{fingerprint.hexdigest()[:10]}"


ENGINES = ("whoosh", "tantivy")  # timed side by side; the first is the reference


def whoosh_index(count: int) -> Path:
    """The Whoosh index of `count` letters (see `engine_index`)."""
    return engine_index(count, "whoosh")


def engine_index(count: int, engine: str) -> Path:
    """Build (once, and again when the engine no longer reads it) one engine's index of `count`
    letters."""
    index_dir = corpus_dir(count) / ("index" if engine == "whoosh" else f"index-{engine}")
    if index_usable(index_dir):
        return index_dir
    started = time.perf_counter()
    with writing(index_dir, fresh=True, engine=engine) as writer:
        for letter in bench_letters(count):
            writer.put(letter)
    print(f"built {engine} index of {count} letters in {time.perf_counter() - started:.0f} s")
    return index_dir


def fts_index(count: int) -> sqlite3.Connection:
    """Build (once) the anchor's SQLite FTS5 database of the same items."""
    return fts_anchor.search_database(corpus_dir(count) / "fts5.sqlite", bench_letters(count))


def engine_search(corpus: Corpus, search: SearchQuery):
    """The engine, as the site calls it, with its result cache emptied first."""
    corpus.clear_caches()
    result = corpus.search(search)
    counts = {
        name: {f.value: f.count for f in facets if f.count}
        for name, facets in result.facets.items()
    }
    return (
        result.total,
        counts,
        {"Upheld": result.stats.upheld, "Overturned": result.stats.overturned},
        result.hits,
    )


def _summary(seconds: list[float]) -> dict[str, float]:
    figures = summary(seconds)
    return {"median_ms": figures["median"] * 1000, "p95_ms": figures["p95"] * 1000}


def run_size(count: int, repeat: int) -> dict:
    """Time the mix on every engine and the anchor at one corpus size; check they agree on the
    counts. "engine" holds Whoosh's figures, "engines" each engine's."""
    corpora = {engine: Corpus.open(engine_index(count, engine)) for engine in ENGINES}
    db = fts_index(count)
    for corpus in corpora.values():
        engine_search(corpus, SearchQuery())  # warm: per-value bitsets are read once per worker
    times: dict[str, list[float]] = {engine: [] for engine in (*ENGINES, "anchor")}
    rows, mismatches = [], []
    for label, search, terms, where in MIX:
        samples: dict[str, list[float]] = {engine: [] for engine in times}
        answers = {}
        for _ in range(repeat):
            for engine, corpus in corpora.items():
                answers[engine], seconds = timed(engine_search, corpus, search)
                samples[engine].append(seconds)
            answers["anchor"], seconds = timed(fts_anchor.search, db, search, terms, where)
            samples["anchor"].append(seconds)
        for engine in ENGINES:
            if answers[engine][:3] != answers["anchor"]:
                mismatches.append(f"{engine}, {label}: {search.text!r} {dict(search.filters)}")
            times[engine] += samples[engine]
        times["anchor"] += samples["anchor"]
        rows.append(
            {
                "label": label,
                "text": search.text,
                "filters": dict(search.filters),
                "page": search.page,
                "total": answers[ENGINES[0]][0],
                "anchor_total": answers["anchor"][0],
                "engine": _summary(samples[ENGINES[0]]),
                "engines": {engine: _summary(samples[engine]) for engine in ENGINES},
                "anchor": _summary(samples["anchor"]),
            }
        )
    return {
        "letters": count,
        "items": corpora[ENGINES[0]].items,
        "queries": rows,
        "mismatches": mismatches,
        "engine": _summary(times[ENGINES[0]]),
        "engines": {engine: _summary(times[engine]) for engine in ENGINES},
        "anchor": _summary(times["anchor"]),
    }


def print_table(report: dict) -> None:
    """Print one corpus size's figures: each engine's p50/p95 and its ratio to the anchor's."""
    print(f"\n{report['letters']} letters, {report['items']} items")
    heads = "".join(f" {engine + ' p50/p95 ms':>21}" for engine in ENGINES)
    print(f"{'query':<40} {'hits':>7}{heads} {'FTS5 p50/p95 ms':>17}")
    for row in [*report["queries"], None]:
        if row is None:
            name, total, figures, theirs = "ALL", "", report["engines"], report["anchor"]
        else:
            name = f"{row['label']}: {row['text']} {row['filters'] or ''} p{row['page']}"[:40]
            total, figures, theirs = row["total"], row["engines"], row["anchor"]
        cells = "".join(
            f" {figures[engine]['median_ms']:>9.1f} /{figures[engine]['p95_ms']:>9.1f}"
            for engine in ENGINES
        )
        print(f"{name:<40} {total:>7}{cells} {theirs['median_ms']:>7.1f} /{theirs['p95_ms']:>7.1f}")
    for engine in ENGINES:
        mine, theirs = report["engines"][engine], report["anchor"]
        print(
            f"{engine}: p50 x{mine['median_ms'] / theirs['median_ms']:.2f}, "
            f"p95 x{mine['p95_ms'] / theirs['p95_ms']:.2f} of FTS5's"
        )
    print("counts differ from the anchor:", report["mismatches"] or "none")


def main() -> None:
    """Run the benchmark; print the table and write var/bench/search.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    reports = [run_size(int(size), args.repeat) for size in args.sizes.split(",")]
    for report in reports:
        print_table(report)
    output = BENCH_DIR / "search.json"
    machine = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "processor": platform.processor(),
        "system": platform.platform(),
    }
    output.write_text(json.dumps({"machine": machine, "sizes": reports}, indent=1))
    print(f"\nwritten to {output}")


if __name__ == "__main__":
    main()
