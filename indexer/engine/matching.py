"""The query evaluator: the documents a rewritten query matches, as a bitset of cached terms."""

from __future__ import annotations

from functools import reduce
from itertools import compress, islice

from whoosh import query

from indexer.engine.facets import FacetBits
from indexer.engine.postings import LeafPostings, docnums_bits, docnums_flags, postings_docnums
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
    return docnums_bits(searcher.docs_for_query(q), facet_bits.size)  # sloppy phrases and the rest


def _phrase_bits(field: str, words: list[str], facet_bits: FacetBits, searcher) -> int:
    """Return the documents holding the words at consecutive positions.

    Only documents holding every word (a bitset AND) have their positions read, from each
    word's postings decoded once: the same decoding gives the word's bitset and its scores.
    Each distinct encoded position list is decoded once per word.
    """
    postings = [facet_bits.postings.get(field, word, positions=True) for word in words]
    candidates = reduce(int.__and__, (facet_bits.term_bits(field, word) for word in words))
    flags = docnums_flags(candidates, facet_bits.size)
    decode = searcher.schema[field].format.decode_positions
    docnums: list[int] | None = None
    starts = None
    for index, word_postings in enumerate(postings):
        encoded = _candidate_positions(word_postings, flags)
        docnums = list(encoded) if docnums is None else docnums
        here = map(_Starts(decode, index).__getitem__, map(encoded.__getitem__, docnums))
        starts = here if starts is None else map(frozenset.intersection, starts, here)
    return docnums_bits(compress(docnums, starts), facet_bits.size)


def _candidate_positions(postings: list[LeafPostings], flags: bytes) -> dict[int, bytes]:
    """Return docnum -> encoded positions of the postings whose document is flagged."""
    found: dict[int, bytes] = {}
    for leaf in postings:
        docnums = postings_docnums([leaf]).tolist()
        kept = compress(zip(docnums, leaf.positions, strict=True), map(flags.__getitem__, docnums))
        found.update(kept)
    return found


class _Starts(dict):
    """Encoded positions -> where a phrase starts if its word number `index` is at them."""

    def __init__(self, decode, index: int):
        super().__init__()
        self._decode, self._index = decode, index

    def __missing__(self, encoded: bytes) -> frozenset[int]:
        value = self[encoded] = frozenset(at - self._index for at in self._decode(encoded))
        return value
