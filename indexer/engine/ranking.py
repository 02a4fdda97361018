"""The order of a result page: items by date (newest or oldest first) or by Whoosh score."""

from __future__ import annotations

import heapq
from array import array
from collections import defaultdict
from weakref import WeakKeyDictionary

from whoosh import query

from indexer.engine.facets import FacetBits, Members, docnums_of
from indexer.engine.whoosh_internals import score_function, weight_blocks

SPARSE = 4  # score the selected items one by one when the ranking words match 4x as many


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


def top_scored(searcher, ranking: query.Query, selected: int, limit: int) -> list[tuple]:
    """Return up to `limit` (docnum, score) of the selected items `ranking` matches, best first.

    When few items are selected (facets narrowed the words' matches), each is scored by
    skipping the matcher to it; otherwise Whoosh walks the matches, skipping weak blocks.
    """
    if selected.bit_count() * SPARSE >= ranking.estimate_size(searcher.reader()):
        allowed = Members(selected, searcher.doc_count_all())
        scores = _block_scores(searcher, ranking, allowed)
        if scores is not None:
            best = heapq.nlargest(limit, ((score, -docnum) for docnum, score in scores.items()))
            return [(-negated, score) for score, negated in best]
        return [
            (hit.docnum, hit.score) for hit in searcher.search(ranking, limit=limit, filter=allowed)
        ]
    docnums = list(docnums_of(selected))
    scored = []
    for leaf, offset in searcher.leaf_searchers():
        matcher = ranking.matcher(leaf, searcher.context(needs_current=True))
        limit_here = offset + leaf.doc_count_all()
        for docnum in (d - offset for d in docnums if offset <= d < limit_here):
            if matcher.is_active() and matcher.id() < docnum:
                matcher.skip_to(docnum)
            if not matcher.is_active():
                break
            if matcher.id() == docnum:
                scored.append((matcher.score(), -(offset + docnum)))
    return [(-negated, score) for score, negated in heapq.nlargest(limit, scored)]


def _block_scores(searcher, ranking: query.Query, allowed: Members) -> dict[int, float] | None:
    """Return docnum -> score of the allowed documents, for an OR of plain terms.

    Same scores as Whoosh's (each term's weighting of (weight, length), summed), read a posting
    block at a time instead of through the union matcher's per-document calls. None when the
    ranking is of another kind or a term's score function is out of reach.
    """
    terms = ranking.subqueries if isinstance(ranking, query.Or) else [ranking]
    if not all(isinstance(term, query.Term) for term in terms):
        return None
    scores: dict[int, float] = defaultdict(float)
    context = searcher.context(needs_current=True)
    for leaf, offset in searcher.leaf_searchers():
        for term in terms:
            matcher = term.matcher(leaf, context)
            if not matcher.is_active():
                continue
            score = score_function(matcher)
            if score is None:
                return None
            lengths = field_lengths(leaf.reader(), term.fieldname)
            _add_scores(matcher, score, lengths, offset, allowed, scores)
    return scores


_LENGTHS: WeakKeyDictionary = WeakKeyDictionary()  # leaf reader -> field -> lengths


def field_lengths(leaf_reader, field: str) -> array:
    """Return every document's length in a field (what the scorer's `dfl` reads one by one)."""
    by_field = _LENGTHS.setdefault(leaf_reader, {})
    if field not in by_field:
        length = leaf_reader.doc_field_length
        by_field[field] = array(
            "I", (length(docnum, field, 1) or 0 for docnum in range(leaf_reader.doc_count_all()))
        )
    return by_field[field]


def _add_scores(matcher, score, lengths: array, offset: int, allowed: Members, scores) -> None:
    for docnums, weights in weight_blocks(matcher):
        for docnum, weight in zip(docnums, weights, strict=True):
            if offset + docnum in allowed:
                scores[offset + docnum] += score(weight, lengths[docnum])
