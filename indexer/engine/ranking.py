"""The order of a result page: items by date (newest or oldest first) or by Whoosh score."""

from __future__ import annotations

import heapq
from array import array
from itertools import compress, repeat
from operator import add, getitem
from weakref import WeakKeyDictionary

from whoosh import query
from whoosh.util.numeric import byte_to_length

from indexer.engine.facets import FacetBits, Members
from indexer.engine.postings import PostingsCache, docnums_flags
from indexer.engine.whoosh_internals import length_bytes, score_function


def in_date_order(facet_bits: FacetBits, wanted: int, newest: bool, limit: int) -> list[int]:
    """Return the first `limit` docnums of the bitset `wanted`, newest or oldest first."""
    chunks, undated = facet_bits.date_order(newest)
    members = Members(wanted, facet_bits.size)
    found: list[int] = []
    for chunk_bits, docnums in chunks:
        if chunk_bits & wanted:
            found.extend(docnum for docnum in docnums if docnum in members)
            if len(found) >= limit:
                return found[:limit]
    found.extend(docnum for docnum in undated if docnum in members)
    return found[:limit]


def top_scored(
    searcher, postings: PostingsCache, ranking: query.Query, selected: int, limit: int
) -> list[tuple]:
    """Return up to `limit` (docnum, score) of the selected items `ranking` matches, best first
    (equal scores: the lower docnum first, as Whoosh orders them)."""
    size = searcher.doc_count_all()
    scores = _term_scores(searcher, postings, ranking, docnums_flags(selected, size))
    if scores is None:
        allowed = Members(selected, size)
        hits = searcher.search(ranking, limit=limit, filter=allowed)
        return [(hit.docnum, hit.score) for hit in hits]
    return _best(scores, limit)


def _best(scores: dict[int, float], limit: int) -> list[tuple[int, float]]:
    """Return the `limit` best (docnum, score), the lower docnum first among equal scores."""
    candidates = scores.items()
    if len(scores) > limit > 0:  # only the scores reaching the limit-th best are ordered
        lowest = heapq.nlargest(limit, scores.values())[-1]
        candidates = compress(candidates, map(lowest.__le__, scores.values()))
    ordered = sorted(candidates, key=_best_first)
    return ordered[:limit]


def _best_first(scored: tuple[int, float]) -> tuple[float, int]:
    docnum, score = scored
    return -score, docnum


def _term_scores(searcher, postings: PostingsCache, ranking: query.Query, flags: bytes):
    """Return docnum -> score of the selected documents (`flags`), for an OR of plain terms.

    Same scores as Whoosh's (each term's weighting of (weight, length), summed in the query's
    order), over the term's decoded postings: only the selected postings are scored, each
    distinct (weight, length) once. None when the ranking is of another kind or a term's
    score function is out of reach.
    """
    terms = ranking.subqueries if isinstance(ranking, query.Or) else [ranking]
    if not all(isinstance(term, query.Term) for term in terms):
        return None
    scores: dict[int, float] = {}
    context = searcher.context(needs_current=True)
    for leaf, offset in searcher.leaf_searchers():
        leaf_flags = flags[offset : offset + leaf.doc_count_all()]
        for term in terms:
            matcher = term.matcher(leaf, context)
            if not matcher.is_active():
                continue
            score = score_function(matcher)
            if score is None:
                return None
            here = next(p for p in postings.get(term.fieldname, term.text) if p.offset == offset)
            lengths = field_lengths(leaf.reader(), term.fieldname)
            _add_scores(here, leaf_flags, _ScoresByWeight(score), lengths, scores)
    return scores


class _ScoresByWeight(dict):
    """weight -> (field length -> score), each score computed once (lengths take 256 values)."""

    def __init__(self, score):
        super().__init__()
        self._score = score

    def __missing__(self, weight: float) -> _ScoresByLength:
        value = self[weight] = _ScoresByLength(self._score, weight)
        return value


class _ScoresByLength(dict):
    """field length -> score of one term weight."""

    def __init__(self, score, weight: float):
        super().__init__()
        self._score, self._weight = score, weight

    def __missing__(self, length: int) -> float:
        value = self[length] = self._score(self._weight, length)
        return value


def _add_scores(
    here, flags: bytes, by_weight: _ScoresByWeight, lengths: array, scores: dict
) -> None:
    """Add a term's scores of its selected postings to `scores` (C-level loops only)."""
    ids, weights = here.ids, here.weights
    selected = sum(map(flags.__getitem__, ids))
    if selected < len(ids):
        kept = list(compress(range(len(ids)), map(flags.__getitem__, ids)))
        ids, weights = list(map(ids.__getitem__, kept)), list(map(weights.__getitem__, kept))
    by_length = map(by_weight.__getitem__, weights)
    term_scores = map(getitem, by_length, map(lengths.__getitem__, ids))
    docnums = list(map(here.offset.__add__, ids)) if here.offset else ids
    if scores:
        term_scores = map(add, map(scores.get, docnums, repeat(0.0)), term_scores)
    scores.update(zip(docnums, term_scores, strict=True))


_LENGTHS: WeakKeyDictionary = WeakKeyDictionary()  # leaf reader -> field -> lengths


def field_lengths(leaf_reader, field: str) -> array:
    """Return every document's length in a field (what the scorer's `dfl` reads one by one)."""
    by_field = _LENGTHS.setdefault(leaf_reader, {})
    if field not in by_field:
        column = length_bytes(leaf_reader, field)
        if column is not None:
            by_field[field] = array("I", map(byte_to_length, column))
        else:
            length, every = leaf_reader.doc_field_length, range(leaf_reader.doc_count_all())
            by_field[field] = array("I", (length(docnum, field, 1) or 0 for docnum in every))
    return by_field[field]
