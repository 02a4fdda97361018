"""The query evaluator: the documents a rewritten query matches, as a bitset of cached terms."""

from __future__ import annotations

from functools import reduce
from itertools import islice

from whoosh import query

from indexer.engine.facets import FacetBits, bits_of, docnums_of
from indexer.engine.query import ITEMS, LetterChildren, decoded
from indexer.engine.whoosh_internals import expanded_words
from indexer.limits import MAX_EXPANSION
from indexer.vocab.facets import FACET_NAMES


def query_bits(q: query.Query, facet_bits: FacetBits, searcher) -> int:
    """Return the documents a (rewritten) query matches, combining cached term bitsets."""
    if isinstance(q, LetterChildren):
        return facet_bits.children_of(query_bits(q.child, facet_bits, searcher))
    if q == ITEMS:  # in every query (item_query): its bitset is kept, not re-read
        return facet_bits.items
    if isinstance(q, query.Term) and q.fieldname in FACET_NAMES:
        # the per-worker facet bitsets hold items only: enough, item_query ANDs with ITEMS
        return facet_bits.values(q.fieldname).get(q.text, 0)
    if isinstance(q, query.Term):
        return facet_bits.term_bits(q.fieldname, q.text)
    if isinstance(q, query.And):
        return reduce(int.__and__, (query_bits(c, facet_bits, searcher) for c in q.subqueries))
    if isinstance(q, query.Or) and not q.minmatch:
        return reduce(int.__or__, (query_bits(c, facet_bits, searcher) for c in q.subqueries), 0)
    if isinstance(q, query.Not):
        every = facet_bits.items | facet_bits.letters
        return every & ~query_bits(q.query, facet_bits, searcher)
    if isinstance(q, query.AndNot):
        wanted = query_bits(q.a, facet_bits, searcher)
        return wanted & ~query_bits(q.b, facet_bits, searcher)
    if isinstance(q, query.AndMaybe):
        return query_bits(q.a, facet_bits, searcher)
    if isinstance(q, query.MultiTerm) and q.field():
        words = islice(expanded_words(q, searcher.reader()), MAX_EXPANSION)
        terms = (facet_bits.term_bits(q.field(), decoded(word)) for word in words)
        return reduce(int.__or__, terms, 0)
    if isinstance(q, query.Phrase) and q.slop == 1:
        return _phrase_bits(q.fieldname, q.words, facet_bits, searcher)
    return bits_of(searcher.docs_for_query(q), facet_bits.size)  # sloppy phrases and the rest


def _phrase_bits(field: str, words: list[str], facet_bits: FacetBits, searcher) -> int:
    """Return the documents holding the words at consecutive positions.

    Only documents holding every word (a bitset AND) have their positions read, without
    the span objects Whoosh's phrase matcher builds for each candidate.
    """
    candidates = reduce(int.__and__, (facet_bits.term_bits(field, word) for word in words))
    docnums = list(docnums_of(candidates))
    found = []
    for leaf, offset in searcher.reader().leaf_readers():
        limit = offset + leaf.doc_count_all()
        local = [docnum - offset for docnum in docnums if offset <= docnum < limit]
        if local:
            matchers = [leaf.postings(field, word) for word in words]
            found.extend(offset + docnum for docnum in local if _adjacent(matchers, docnum))
    return bits_of(found, facet_bits.size)


def _adjacent(matchers: list, docnum: int) -> bool:
    starts: set[int] | None = None
    for position, matcher in enumerate(matchers):
        matcher.skip_to(docnum)
        here = {at - position for at in matcher.value_as("positions")}
        starts = here if starts is None else starts & here
        if not starts:
            return False
    return True
