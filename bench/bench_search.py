"""Search latency of the engine against a SQLite FTS5 anchor doing the same work, same run.

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
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.engine.documents import age_band, sort_date  # noqa: E402
from indexer.engine.search import Corpus, SearchQuery  # noqa: E402
from indexer.engine.store import writing  # noqa: E402
from indexer.records import Source  # noqa: E402
from indexer.synth import synthetic_letter  # noqa: E402

BENCH_DIR = ROOT / "var" / "bench"
SEED = 1
MULTI = {
    "guideline": "guideline_sources",
    "ca_guideline": "ca_guideline_sources",
    "body_part": "body_parts",
}
FACETS = (
    "decision",
    "treatment",
    "guideline",
    "specialty",
    "body_part",
    "year",
    "sex",
    "age_band",
    "licensure",
    "ca_guideline",
    "synthetic",
)

# (label, engine query, FTS5 terms AND-ed (each may sit in the item or its letter's summary),
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
    ("field+term", SearchQuery("drug:tramadol pain"), ["pain"], ["drug = 'tramadol'"]),
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


def whoosh_index(count: int) -> Path:
    """Build (once) the engine's index of `count` synthetic letters."""
    index_dir = corpus_dir(count) / "index"
    if (index_dir / "corpus.json").exists():
        return index_dir
    started = time.perf_counter()
    with writing(index_dir, fresh=True) as writer:
        for letter in bench_letters(count):
            writer.put(letter)
    print(f"built Whoosh index of {count} letters in {time.perf_counter() - started:.0f} s")
    return index_dir


FTS_SCHEMA = """
CREATE TABLE items(id INTEGER PRIMARY KEY, item_id TEXT, letter INT, decision TEXT,
  treatment TEXT, drug TEXT, sort_date TEXT);
CREATE VIRTUAL TABLE items_fts USING fts5(request, rationale, guideline_text,
  tokenize='porter unicode61');
CREATE VIRTUAL TABLE letters_fts USING fts5(summary, documents, tokenize='porter unicode61');
CREATE TABLE facets(item INT, facet TEXT, value TEXT);
"""


def _item_facets(letter, item) -> dict[str, list[str]]:
    date = sort_date(letter) or ""
    values = {
        "decision": [item.decision],
        "treatment": [item.treatment],
        "year": [date[:4]],
        "sex": [letter.patient.sex],
        "age_band": [age_band(letter.patient.age)],
        "synthetic": ["yes"],
        "specialty": letter.reviewer.specialties,
        "licensure": letter.reviewer.licensure,
    }
    values.update({facet: getattr(item, attribute) for facet, attribute in MULTI.items()})
    return {facet: sorted({v for v in vals if v}) for facet, vals in values.items()}


def fts_index(count: int) -> sqlite3.Connection:
    """Build (once) the anchor's SQLite FTS5 database of the same items."""
    path = corpus_dir(count) / "fts5.sqlite"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        db = sqlite3.connect(partial)
        db.executescript(FTS_SCHEMA)
        rowid = 0
        for letter_number, letter in enumerate(bench_letters(count)):
            documents = "\n".join(letter.documents_reviewed)
            db.execute(
                "INSERT INTO letters_fts(rowid, summary, documents) VALUES (?,?,?)",
                (letter_number, letter.summary, documents),
            )
            for item in letter.items:
                rowid += 1
                guideline_text = (
                    f"{item.guidelines.claims_administrator}\n{item.guidelines.maximus}"
                )
                db.execute(
                    "INSERT INTO items VALUES (?,?,?,?,?,?,?)",
                    (
                        rowid,
                        f"{letter.id}-{item.number}",
                        letter_number,
                        item.decision,
                        item.treatment,
                        item.drug,
                        sort_date(letter),
                    ),
                )
                db.execute(
                    "INSERT INTO items_fts(rowid, request, rationale, guideline_text) "
                    "VALUES (?,?,?,?)",
                    (rowid, item.request, item.rationale, guideline_text),
                )
                db.executemany(
                    "INSERT INTO facets VALUES (?,?,?)",
                    [
                        (rowid, facet, value)
                        for facet, values in _item_facets(letter, item).items()
                        for value in values
                    ],
                )
        db.executescript(
            "CREATE INDEX facets_fv ON facets(facet, value, item);"
            "CREATE INDEX facets_item ON facets(item, facet, value);"
            "CREATE INDEX items_date ON items(sort_date);"
            "CREATE INDEX items_letter ON items(letter);"
        )
        db.commit()
        db.close()
        partial.rename(path)
    return sqlite3.connect(path)


def fts_search(db: sqlite3.Connection, search: SearchQuery, terms: list[str], where: list[str]):
    """The anchor: matches, facet counts without own selection, stats, top hits with snippets."""
    db.execute("DROP TABLE IF EXISTS temp.m")
    parts = [
        f"SELECT * FROM (SELECT rowid FROM items_fts WHERE items_fts MATCH {_quote(term)} UNION "
        f"SELECT id FROM items WHERE letter IN "
        f"(SELECT rowid FROM letters_fts WHERE letters_fts MATCH {_quote(term)}))"
        for term in terms
    ] or ["SELECT id FROM items"]
    conditions = " AND ".join(where) or "1"
    db.execute("CREATE TEMP TABLE m(id INTEGER PRIMARY KEY)")
    db.execute(
        f"INSERT INTO m SELECT id FROM items WHERE id IN "
        f"({' INTERSECT '.join(parts)}) AND {conditions}"
    )
    filters = {
        facet: f"m.id IN (SELECT item FROM facets WHERE facet = '{facet}' AND value IN "
        f"({', '.join(_quote(v) for v in values)}))"
        for facet, values in search.filters.items()
    }
    counts = {}
    for facet in FACETS:
        others = " AND ".join(c for name, c in filters.items() if name != facet) or "1"
        counts[facet] = dict(
            db.execute(
                f"SELECT value, count(*) FROM m CROSS JOIN facets ON facets.item = m.id "
                f"AND facet = '{facet}' WHERE {others} GROUP BY value"
            ).fetchall()
        )
    every = " AND ".join(filters.values()) or "1"
    total = db.execute(f"SELECT count(*) FROM m WHERE {every}").fetchone()[0]
    stats = dict(
        db.execute(
            f"SELECT decision, count(*) FROM m JOIN items ON items.id = m.id WHERE {every} "
            "GROUP BY decision"
        ).fetchall()
    )
    offset = (search.page - 1) * search.per_page
    if terms and search.sort == "relevance":
        join = (
            f"LEFT JOIN (SELECT rowid, bm25(items_fts) AS r FROM items_fts WHERE items_fts "
            f"MATCH {_quote(' OR '.join(terms))}) s ON s.rowid = m.id"
        )
        order = "coalesce(s.r, 0), m.id"
    else:
        join, order = "JOIN items ON items.id = m.id", "items.sort_date DESC, m.id"
    top = [
        row[0]
        for row in db.execute(
            f"SELECT m.id FROM m {join} WHERE {every} ORDER BY {order} "
            f"LIMIT {search.per_page} OFFSET {offset}"
        )
    ]
    if top and terms:
        db.execute(
            "SELECT snippet(items_fts, 1, '<mark>', '</mark>', '…', 32) FROM items_fts "
            f"WHERE items_fts MATCH {_quote(' OR '.join(terms))} "
            f"AND rowid IN ({', '.join(map(str, top))})"
        ).fetchall()
    return (
        total,
        counts,
        {"Upheld": stats.get("Upheld", 0), "Overturned": stats.get("Overturned", 0)},
    )


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


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


def _timed(function, *args) -> tuple[float, object]:
    started = time.perf_counter()
    answer = function(*args)
    return time.perf_counter() - started, answer


def _summary(seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": statistics.median(ordered) * 1000, "p95_ms": p95 * 1000}


def run_size(count: int, repeat: int) -> dict:
    """Time the mix on both engines at one corpus size; check they agree on the counts."""
    corpus, db = Corpus.open(whoosh_index(count)), fts_index(count)
    engine_search(corpus, SearchQuery())  # warm: per-value bitsets are read once per worker
    engine_times, anchor_times, rows, mismatches = [], [], [], []
    for label, search, terms, where in MIX:
        mine, theirs = [], []
        for _ in range(repeat):
            seconds, ours = _timed(engine_search, corpus, search)
            mine.append(seconds)
            seconds, anchor = _timed(fts_search, db, search, terms, where)
            theirs.append(seconds)
        if ours[:3] != anchor:
            mismatches.append(f"{label}: {search.text!r} {dict(search.filters)}")
        engine_times += mine
        anchor_times += theirs
        rows.append(
            {
                "label": label,
                "text": search.text,
                "filters": dict(search.filters),
                "page": search.page,
                "total": ours[0],
                "anchor_total": anchor[0],
                "engine": _summary(mine),
                "anchor": _summary(theirs),
            }
        )
    return {
        "letters": count,
        "items": corpus.items,
        "queries": rows,
        "mismatches": mismatches,
        "engine": _summary(engine_times),
        "anchor": _summary(anchor_times),
    }


def print_table(report: dict) -> None:
    """Print one corpus size's figures."""
    print(f"\n{report['letters']} letters, {report['items']} items")
    print(
        f"{'query':<46} {'hits':>7} {'engine p50/p95 ms':>19} {'FTS5 p50/p95 ms':>17} {'ratio':>6}"
    )
    for row in report["queries"]:
        name = f"{row['label']}: {row['text']} {row['filters'] or ''} p{row['page']}"[:46]
        mine, theirs = row["engine"], row["anchor"]
        print(
            f"{name:<46} {row['total']:>7} {mine['median_ms']:>8.1f} /{mine['p95_ms']:>8.1f} "
            f"{theirs['median_ms']:>7.1f} /{theirs['p95_ms']:>7.1f} "
            f"{mine['median_ms'] / theirs['median_ms']:>6.2f}"
        )
    mine, theirs = report["engine"], report["anchor"]
    print(
        f"{'ALL':<54} {mine['median_ms']:>8.1f} /{mine['p95_ms']:>8.1f} {theirs['median_ms']:>7.1f}"
        f" /{theirs['p95_ms']:>7.1f}   p50 x{mine['median_ms'] / theirs['median_ms']:.2f}"
        f" p95 x{mine['p95_ms'] / theirs['p95_ms']:.2f}"
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
