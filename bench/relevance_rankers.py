"""The rankings the relevance benchmark compares: the pack's (what users get) and plain BM25 over
the request texts (SQLite FTS5). Each returns the top items of letters other than the query's."""

from __future__ import annotations

import re
import sqlite3
from datetime import date

from relevance_judgments import Entry

from imr_site.reports.pack import build_pack
from imr_site.reports.params import ReportParams
from indexer.engine import MAX_PRECEDENTS, Corpus

BASE_URL = "http://127.0.0.1:5000"
FTS_TOKEN = re.compile(r"\w+")


def pack_ranking(corpus: Corpus, query: Entry, refs: dict[tuple[str, int], str],
                 depth: int) -> tuple[list[str], str]:
    """The first `depth` precedents of the query's pack not from its own letter (as refs, looked
    up by letter id and item number), and the error the pack path raised ("" when none)."""
    params = ReportParams(request=query.request, n=MAX_PRECEDENTS)
    try:
        pack = build_pack(corpus, params, BASE_URL, date.today())
    except Exception as error:  # the ranking under test may refuse a request: scored empty
        return [], f"{type(error).__name__}: {error}"
    found = [refs[precedent.letter_id, precedent.number] for precedent in pack.precedents
             if precedent.letter_id != query.letter_id]
    return found[:depth], ""


class Bm25Ranking:
    """Plain BM25 over the request texts: one FTS5 row per item, the query's words OR-ed."""

    def __init__(self, entries: list[Entry]):
        self.connection = sqlite3.connect(":memory:")
        self.connection.execute(
            "CREATE VIRTUAL TABLE items USING fts5(ref UNINDEXED, letter_id UNINDEXED, request)")
        self.connection.executemany(
            "INSERT INTO items VALUES (?, ?, ?)",
            [(entry.ref, entry.letter_id, entry.request) for entry in entries])

    def rank(self, query: Entry, depth: int) -> list[str]:
        """The `depth` best items of other letters by bm25() (ties by insertion order)."""
        match = fts_query(query.request)
        if not match:
            return []
        rows = self.connection.execute(
            "SELECT ref FROM items WHERE items MATCH ? AND letter_id != ? "
            "ORDER BY bm25(items), rowid LIMIT ?", (match, query.letter_id, depth))
        return [ref for (ref,) in rows]


def fts_query(text: str) -> str:
    """The request's words, each quoted (no FTS5 syntax survives), OR-ed."""
    tokens = dict.fromkeys(token.lower() for token in FTS_TOKEN.findall(text))
    return " OR ".join(f'"{token}"' for token in tokens)
