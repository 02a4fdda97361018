"""What a tantivy searcher reads for a search: counts, facet value counts, pages, lexicons."""

from __future__ import annotations

import heapq

import tantivy
from whoosh.support.levenshtein import distance

from indexer.engine.spelling import CANDIDATES, MAX_EDITS, SHARED_PREFIX
from indexer.engine.tantivy_engine.schema import (
    COUNTED,
    FACETS_FIELD,
    NEWEST_KEY,
    NUMBER_SLOTS,
    OLDEST_KEY,
    SCHEMA_TANTIVY,
    SEPARATOR,
    date_number,
)
from indexer.engine.tantivy_engine.store import stored_fields
from indexer.engine.tantivy_engine.translate import term, unscored

TERMS_SIZE = 60_000  # buckets: more than all facets have values together (the cap is 65,000)
Page = list[tuple[tantivy.DocAddress, float]]


def count(searcher: tantivy.Searcher, q: tantivy.Query) -> int:
    """Return how many documents the query matches."""
    return searcher.search(unscored(q), 1).count


def value_counts(
    searcher: tantivy.Searcher, q: tantivy.Query, fields: list[str]
) -> tuple[int, dict[str, dict[str, int]]]:
    """Return (items the query matches, field -> index token -> those holding it; a value
    none holds is absent), counted in one aggregation over the combined facets field."""
    total, counts = 0, {field: {} for field in fields}
    for bucket in _buckets(searcher, q, FACETS_FIELD):
        if bucket["key"] == COUNTED:
            total = bucket["doc_count"]
            continue
        field, _separator, token = bucket["key"].partition(SEPARATOR)
        if field in counts:
            counts[field][token] = bucket["doc_count"]
    return total, counts


def field_counts(searcher: tantivy.Searcher, q: tantivy.Query, field: str) -> dict[str, int]:
    """Return index token -> items the query matches holding it, for one facet."""
    return {bucket["key"]: bucket["doc_count"] for bucket in _buckets(searcher, q, field)}


def _buckets(searcher: tantivy.Searcher, q: tantivy.Query, field: str) -> list[dict]:
    aggregation = {"terms": {"field": field, "size": TERMS_SIZE}}
    answer = searcher.aggregate(q, {field: aggregation})[field]
    if answer.get("sum_other_doc_count"):  # never silently short: say so
        raise RuntimeError(f"the index holds more than {TERMS_SIZE:,} facet values")
    return answer["buckets"]


def decided_between(start: str, end: str) -> tantivy.Query:
    """Return the items decided from start to end (ISO dates, inclusive; "" is open)."""
    low = date_number(start) * NUMBER_SLOTS if start else None
    high = date_number(end) * NUMBER_SLOTS + NUMBER_SLOTS - 1 if end else None
    return tantivy.Query.range_query(
        SCHEMA_TANTIVY, NEWEST_KEY, tantivy.FieldType.Integer, low, high
    )


def in_date_order(
    searcher: tantivy.Searcher, q: tantivy.Query, newest: bool, limit: int
) -> list[tantivy.DocAddress]:
    """Return the first `limit` documents the query matches by date (undated last)."""
    if limit <= 0:
        return []
    field, order = (NEWEST_KEY, tantivy.Order.Desc) if newest else (OLDEST_KEY, tantivy.Order.Asc)
    hits = searcher.search(unscored(q), limit, order_by_field=field, order=order).hits
    return [address for _key, address in hits]


def best_scored(
    searcher: tantivy.Searcher, selected: tantivy.Query, ranking: tantivy.Query, limit: int
) -> Page:
    """Return the first `limit` selected documents by score, then the unscored newest first."""
    both = tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, unscored(selected)), (tantivy.Occur.Must, ranking)]
    )
    scored = top_scored(searcher, both, limit)
    if len(scored) < limit:
        rest = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, selected), (tantivy.Occur.MustNot, ranking)]
        )
        newest = in_date_order(searcher, rest, True, limit - len(scored))
        scored += [(address, 0.0) for address in newest]
    return scored


def top_scored(searcher: tantivy.Searcher, ranking: tantivy.Query, limit: int) -> Page:
    """Return the first `limit` documents the query matches by score (without a count, tantivy
    skips the blocks that cannot reach the list)."""
    hits = searcher.search(ranking, limit, count=False).hits
    return [(address, score) for score, address in hits]


class TantivySpelling:
    """A tantivy searcher as the spelling corrector's SpellingSource."""

    def __init__(self, searcher: tantivy.Searcher):
        self._searcher = searcher

    def holds(self, field: str, stem: str) -> bool:
        """True when some document holds the index word in the field."""
        return self.doc_frequency(field, stem) > 0

    def near(self, field: str, word: str) -> list[str]:
        """The most frequent index words within MAX_EDITS of word, sharing its first letter."""
        lexicon = self._searcher.terms_with_prefix(field, word[:SHARED_PREFIX])
        close = [
            (frequency, found)
            for found, frequency in lexicon
            if found != word and distance(found, word, limit=MAX_EDITS) <= MAX_EDITS
        ]
        best = heapq.nlargest(CANDIDATES, close)
        return [found for _frequency, found in sorted(best, key=lambda p: (-p[0], p[1]))]

    def doc_frequency(self, field: str, stem: str) -> int:
        """The number of documents holding the index word in the field."""
        return self._searcher.doc_freq(field, stem)

    def first_text(self, field: str, stem: str) -> str:
        """The stored field text of the first document holding the index word."""
        hits = self._searcher.search(unscored(term(field, stem)), 1).hits
        return stored_fields(self._searcher, hits[0][1]).get(field, "") if hits else ""
