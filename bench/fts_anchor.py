"""The SQLite FTS5 anchors the benchmarks measure the engine against.

Indexing (bench_index.py): FTS5 tables of the engine's own parent and item documents. Searching
(bench_search.py): items, facets and FTS5 text tables answering the query mix with the same
total, facet counts (without their own selection), outcome statistics and top hits.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from indexer.engine import LETTER_SCOPE, RELEVANCE, SearchQuery
from indexer.engine.documents import (
    item_facet_values,
    letter_documents,
    letter_facet_values,
)
from indexer.engine.schema import ITEM_TEXT_FIELDS, LETTER_TEXT_FIELDS
from indexer.letters.records import Item, Letter
from indexer.vocab.facets import FACET_NAMES
from indexer.vocab.values import OVERTURNED, UPHELD

TOKENIZER = "tokenize='porter unicode61'"

# --- indexing anchor: the engine's documents, as FTS5 rows ---

FTS_ITEM_COLUMNS = (*ITEM_TEXT_FIELDS, "item_id", "letter_id", *FACET_NAMES)
FTS_LETTER_COLUMNS = (*LETTER_TEXT_FIELDS, "letter_id", "record")


def _fts_table(name: str, columns: tuple[str, ...], indexed: tuple[str, ...]) -> str:
    spec = ", ".join(column if column in indexed else f"{column} UNINDEXED" for column in columns)
    return f"CREATE VIRTUAL TABLE {name} USING fts5({spec}, {TOKENIZER})"


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def index_documents(letters: list[Letter], database: Path) -> None:
    """Index the letters' parent and item documents, as the engine builds them, with FTS5."""
    connection = sqlite3.connect(database)
    connection.execute(_fts_table("items", FTS_ITEM_COLUMNS, ITEM_TEXT_FIELDS))
    connection.execute(_fts_table("letters", FTS_LETTER_COLUMNS, LETTER_TEXT_FIELDS))
    with connection:
        for letter in letters:
            parent, *items = letter_documents(letter)
            connection.execute(_insert("letters", FTS_LETTER_COLUMNS),
                               [parent.get(column) for column in FTS_LETTER_COLUMNS])
            connection.executemany(_insert("items", FTS_ITEM_COLUMNS),
                                   [[item.get(c) for c in FTS_ITEM_COLUMNS] for item in items])
    connection.close()


# --- search anchor: items, their facet values and FTS5 text ---

SEARCH_SCHEMA = f"""
CREATE TABLE items(id INTEGER PRIMARY KEY, item_id TEXT, letter INT, decision TEXT,
  treatment TEXT, drug TEXT, sort_date TEXT);
CREATE VIRTUAL TABLE items_fts USING fts5(request, rationale, guideline_text, {TOKENIZER});
CREATE VIRTUAL TABLE letters_fts USING fts5(summary, documents, {TOKENIZER});
CREATE TABLE facets(item INT, facet TEXT, value TEXT);
"""
SEARCH_INDEXES = (
    "CREATE INDEX facets_fv ON facets(facet, value, item);"
    "CREATE INDEX facets_item ON facets(item, facet, value);"
    "CREATE INDEX items_date ON items(sort_date);"
    "CREATE INDEX items_letter ON items(letter);"
)


def search_database(path: Path, letters: Iterable[Letter]) -> sqlite3.Connection:
    """Open the search anchor's database at `path`, building it from `letters` the first time."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        db = sqlite3.connect(partial)
        db.executescript(SEARCH_SCHEMA)
        _fill(db, letters)
        db.executescript(SEARCH_INDEXES)
        db.commit()
        db.close()
        partial.rename(path)
    return sqlite3.connect(path)


def _fill(db: sqlite3.Connection, letters: Iterable[Letter]) -> None:
    rowid = 0
    for letter_number, letter in enumerate(letters):
        documents = "\n".join(letter.documents_reviewed)
        db.execute(
            "INSERT INTO letters_fts(rowid, summary, documents) VALUES (?,?,?)",
            (letter_number, letter.summary, documents),
        )
        for item in letter.items:
            rowid += 1
            _insert_item(db, rowid, letter_number, letter, item)


def _insert_item(
    db: sqlite3.Connection, rowid: int, letter_number: int, letter: Letter, item: Item
) -> None:
    guideline_text = f"{item.guidelines.claims_administrator}\n{item.guidelines.maximus}"
    db.execute(
        "INSERT INTO items VALUES (?,?,?,?,?,?,?)",
        (
            rowid,
            f"{letter.id}-{item.number}",
            letter_number,
            item.decision,
            item.treatment,
            item.drug,
            letter.decision_date,
        ),
    )
    db.execute(
        "INSERT INTO items_fts(rowid, request, rationale, guideline_text) VALUES (?,?,?,?)",
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


def _item_facets(letter: Letter, item: Item) -> dict[str, list[str]]:
    return {**letter_facet_values(letter), **item_facet_values(item)}


def search(db: sqlite3.Connection, query: SearchQuery, terms: list[str], where: list[str]):
    """Matches, facet counts without own selection, stats, top hits with snippets."""
    _match(db, terms, where, query.scope == LETTER_SCOPE)
    filters = {
        facet: f"m.id IN (SELECT item FROM facets WHERE facet = '{facet}' AND value IN "
        f"({', '.join(_quote(v) for v in values)}))"
        for facet, values in query.filters.items()
    }
    counts = {facet: _facet_counts(db, facet, filters) for facet in FACET_NAMES}
    every = " AND ".join(filters.values()) or "1"
    total = db.execute(f"SELECT count(*) FROM m WHERE {every}").fetchone()[0]
    stats = counts["decision"]  # the outcomes ignore a Decision selection, as its counts do
    _top_hits(db, query, terms, every)
    return (
        total,
        counts,
        {decision: stats.get(decision, 0) for decision in (UPHELD, OVERTURNED)},
    )


def _match(db: sqlite3.Connection, terms: list[str], where: list[str], whole_letter: bool) -> None:
    """Fill temp table m with the items matching every term (in the item's own text, or with
    `whole_letter` in its letter's summary too) and `where`."""
    db.execute("DROP TABLE IF EXISTS temp.m")
    in_letter = (
        "UNION SELECT id FROM items WHERE letter IN "
        "(SELECT rowid FROM letters_fts WHERE letters_fts MATCH {term})"
    )
    parts = [
        f"SELECT * FROM (SELECT rowid FROM items_fts WHERE items_fts MATCH {_quote(term)} "
        f"{in_letter.format(term=_quote(term)) if whole_letter else ''})"
        for term in terms
    ] or ["SELECT id FROM items"]
    conditions = " AND ".join(where) or "1"
    db.execute("CREATE TEMP TABLE m(id INTEGER PRIMARY KEY)")
    db.execute(
        f"INSERT INTO m SELECT id FROM items WHERE id IN "
        f"({' INTERSECT '.join(parts)}) AND {conditions}"
    )


def _facet_counts(db: sqlite3.Connection, facet: str, filters: dict[str, str]) -> dict:
    others = " AND ".join(c for name, c in filters.items() if name != facet) or "1"
    return dict(
        db.execute(
            f"SELECT value, count(*) FROM m CROSS JOIN facets ON facets.item = m.id "
            f"AND facet = '{facet}' WHERE {others} GROUP BY value"
        ).fetchall()
    )


def _top_hits(db: sqlite3.Connection, query: SearchQuery, terms: list[str], every: str) -> None:
    """Rank the page of hits and fetch their snippets, as the engine does."""
    offset = (query.page - 1) * query.per_page
    if terms and query.sort == RELEVANCE:
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
            f"LIMIT {query.per_page} OFFSET {offset}"
        )
    ]
    if top and terms:
        db.execute(
            "SELECT snippet(items_fts, 1, '<mark>', '</mark>', '…', 32) FROM items_fts "
            f"WHERE items_fts MATCH {_quote(' OR '.join(terms))} "
            f"AND rowid IN ({', '.join(map(str, top))})"
        ).fetchall()


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
