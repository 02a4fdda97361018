"""The order of a result page: items by date (newest or oldest first) or by Whoosh score."""

from __future__ import annotations

from array import array
from weakref import WeakKeyDictionary

import numpy as np
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
    flags = np.frombuffer(docnums_flags(selected, size), np.uint8).view(np.bool_)
    scores = _term_scores(searcher, postings, ranking, flags)
    if scores is None:
        allowed = Members(selected, size)
        hits = searcher.search(ranking, limit=limit, filter=allowed)
        return [(hit.docnum, hit.score) for hit in hits]
    return _best(*scores, limit)


def _best(docnums: np.ndarray, scores: np.ndarray, limit: int) -> list[tuple[int, float]]:
    """Return the `limit` best (docnum, score), the lower docnum first among equal scores."""
    if limit <= 0:
        return []
    if len(scores) > limit:  # only the scores reaching the limit-th best are ordered
        lowest = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        reaching = scores >= lowest
        docnums, scores = docnums[reaching], scores[reaching]
    order = np.lexsort((docnums, -scores))[:limit]
    return list(zip(docnums[order].tolist(), scores[order].tolist(), strict=True))


def _term_scores(searcher, postings: PostingsCache, ranking: query.Query, flags: np.ndarray):
    """Return (docnums, scores) of the selected documents (`flags`), for an OR of plain terms.

    Same scores as Whoosh's (each term's weighting of (weight, length), summed in the query's
    order), over the term's decoded postings: only the selected postings are scored, each
    distinct (weight, length) once, the sums made by numpy in the same order. None when the
    ranking is of another kind or a term's score function is out of reach.
    """
    terms = ranking.subqueries if isinstance(ranking, query.Or) else [ranking]
    if not all(isinstance(term, query.Term) for term in terms):
        return None
    scores, scored = np.zeros(len(flags)), np.zeros(len(flags), np.bool_)
    context = searcher.context(needs_current=True)
    for leaf, offset in searcher.leaf_searchers():
        for term in terms:
            matcher = term.matcher(leaf, context)
            if not matcher.is_active():
                continue
            score = score_function(matcher)
            if score is None:
                return None
            here = next(p for p in postings.get(term.fieldname, term.text) if p.offset == offset)
            ids = np.frombuffer(here.ids, np.int32)
            docnums = ids + offset
            kept = flags[docnums]
            lengths = np.frombuffer(field_lengths(leaf.reader(), term.fieldname), np.uint32)
            weights = np.frombuffer(here.weights, np.float64)[kept]
            docnums = docnums[kept]
            scores[docnums] += _weighted(score, weights, lengths[ids[kept]])
            scored[docnums] = True
    found = np.flatnonzero(scored)
    return found, scores[found]


def _weighted(score, weights: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Return score(weight, length) of each posting, the function called once per distinct
    (weight, length)."""
    width = int(lengths.max(initial=0)) + 1
    distinct_weights, weight_codes = np.unique(weights, return_inverse=True)
    pairs, pair_codes = np.unique(weight_codes.astype(np.int64) * width + lengths,
                                  return_inverse=True)
    weight_of = distinct_weights.tolist()
    values = [score(weight_of[pair // width], pair % width) for pair in pairs.tolist()]
    return np.array(values, np.float64)[pair_codes]


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
