"""What the precedent ranking (`indexer.engine.similar`) reads, on tantivy: the shapes of
Whoosh's searcher and `FacetBits` it uses, over document ordinals (a segment's base plus the
document's number in it, as Whoosh numbers documents), with bitsets as Python ints.

Counts and idf are Whoosh's: a letter field's document frequency counts letter documents (the
item documents also index their letter's text), so packs rank alike on both engines.

tantivy hands out matches only as Python hits (~0.65 us a document), so a bitset of the whole
index is dear at 1M letters: `narrowed` ranks the items by the ranking's bounds natively and
gives the ranking bits read within the first few (`NarrowedBits`).
"""

from __future__ import annotations

import json
import math
import threading
from bisect import bisect_right
from functools import cached_property, reduce
from operator import attrgetter, itemgetter
from pathlib import Path

import numpy as np
import tantivy

from indexer.engine.facets import TERM_CACHE
from indexer.engine.postings import docnums_bits
from indexer.engine.schema import ITEM_KIND, LETTER_KIND, LETTER_TEXT_FIELDS
from indexer.engine.search import LRU
from indexer.engine.similar_bounds import Bound, Every, Lacking, Some, Spec, Values, Words
from indexer.engine.tantivy_engine.reading import count
from indexer.engine.tantivy_engine.schema import SCHEMA_TANTIVY
from indexer.engine.tantivy_engine.store import META_FILE, kind_query, stored_fields
from indexer.engine.tantivy_engine.translate import (
    Must,
    Should,
    all_but,
    all_of,
    any_of,
    term,
    unscored,
)
from indexer.errors import IndexUnavailable
from indexer.vocab.facets import FACETS_BY_NAME


def segment_bases(searcher: tantivy.Searcher, folder: Path) -> list[int]:
    """Return each segment's first ordinal, from the segment sizes tantivy records; checked
    (the last document of each segment is readable) since the order is tantivy's to keep."""
    meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    sizes = [segment["max_doc"] for segment in meta["segments"]]
    if len(sizes) != searcher.num_segments:
        raise IndexUnavailable(f"the index at {folder} changed while packs were read")
    bases = [0]
    for segment, size in enumerate(sizes):
        try:
            searcher.doc(tantivy.DocAddress(segment, size - 1))
        except Exception as error:  # the recorded order is not the searcher's
            raise IndexUnavailable(f"cannot number the documents of {folder}") from error
        bases.append(bases[-1] + size)
    return bases


class PackBits:
    """The `FacetBits` methods the ranking calls, over one tantivy searcher's ordinals."""

    def __init__(self, searcher: tantivy.Searcher, folder: Path, token):
        self._searcher, self._token = searcher, token
        self._bases = segment_bases(searcher, folder)
        self.size = self._bases[-1]
        self._lock = threading.Lock()
        self._terms = LRU(TERM_CACHE)
        self._holders = LRU(TERM_CACHE)

    @cached_property
    def letters(self) -> int:
        """The letter documents."""
        return self._bits(kind_query(LETTER_KIND))

    @cached_property
    def items(self) -> int:
        """The items: every document but the letters when none is deleted and every other
        one is an item (else read from tantivy: 2.9M documents at 1M letters)."""
        items = count(self._searcher, kind_query(ITEM_KIND))
        if self._searcher.num_docs == self.size == items + self.letters.bit_count():
            return ((1 << self.size) - 1) & ~self.letters
        return self._bits(kind_query(ITEM_KIND))

    def _bits(self, q: tantivy.Query) -> int:
        """Return the ordinals of the documents the query matches."""
        total = count(self._searcher, q)
        if not total:
            return 0
        return docnums_bits(self._ordinals(self._searcher.search(unscored(q), total).hits),
                            self.size)

    def _ordinals(self, hits: list) -> np.ndarray:
        """Return the ordinals of search hits."""
        addresses = list(map(itemgetter(1), hits))
        segments = np.fromiter(map(attrgetter("segment_ord"), addresses), np.int64, len(hits))
        documents = np.fromiter(map(attrgetter("doc"), addresses), np.int64, len(hits))
        return np.array(self._bases)[segments] + documents

    def address(self, ordinal: int) -> tantivy.DocAddress:
        """Return the document address of an ordinal."""
        segment = bisect_right(self._bases, ordinal) - 1
        return tantivy.DocAddress(segment, ordinal - self._bases[segment])

    def term_bits(self, field: str, text: str) -> int:
        """Return the documents holding one index word (cached)."""
        key = (field, text)
        with self._lock:
            cached = self._terms.lookup(key)
        if cached is None:
            cached = self._held_by(field, text)
            with self._lock:
                self._terms.store(key, cached)
        return cached

    def _held_by(self, field: str, text: str) -> int:
        """Return the documents holding a word; for a word most documents hold, every document
        less those read without it (reading a document from tantivy is what costs)."""
        word = term(field, text)
        if self._searcher.doc_freq(field, text) * 2 <= self.size:
            return self._bits(word)
        return (self.items | self.letters) & ~self._bits(all_but(tantivy.Query.all_query(), word))

    def holders(self, field: str, text: str) -> int:
        """How many documents hold a word, counted as Whoosh counts for idf: a letter field's
        on letter documents (cached; counted by tantivy, no document read)."""
        key = (field, text)
        with self._lock:
            cached = self._holders.lookup(key)
        if cached is None:
            word = term(field, text)
            if field in LETTER_TEXT_FIELDS:
                word = all_of([word, kind_query(LETTER_KIND)])
            cached = count(self._searcher, word)
            with self._lock:
                self._holders.store(key, cached)
        return cached

    def children_of(self, documents: int) -> int:
        """Return the items among documents: items hold their letter's text themselves."""
        return documents & self.items

    def selection(self, field: str, values) -> int:
        """Return the items carrying any of the values (a brand: all its ingredients), from
        the values' cached bitsets."""
        components = FACETS_BY_NAME[field].components
        bits = 0
        for value in values:
            parts = (self.term_bits(field, self._token(field, part)) for part in components(value))
            bits |= reduce(int.__and__, parts)
        return bits & self.items

    def narrowed(self, bound: Bound, first: int):
        """(searcher, bits, whether that is all of them) over the `first` items of bound's
        scope in the ranking's reading order; None when the scope holds none."""
        hits, total = self.ranked_by(bound, first)
        if not hits:
            return None
        ids = [_item_id(stored_fields(self._searcher, address)) for _score, address in hits]
        within = tantivy.Query.term_set_query(SCHEMA_TANTIVY, "item_id", ids)
        bits = NarrowedBits(self, docnums_bits(self._ordinals(hits), self.size), within)
        return PackSearcher(self._searcher, bits), bits, total <= first

    def ranked_by(self, bound: Bound, first: int) -> tuple[list, int]:
        """(the first hits of bound's scope by bound, then ordinal; how many it holds), ranked
        by tantivy: the bound is a sum of constant scores on a grid its floats hold exactly."""
        clauses = [(Must, unscored(all_of([kind_query(ITEM_KIND), self.query_of(bound.scope)])))]
        clauses += [(Should, tantivy.Query.const_score_query(self.query_of(spec), amount))
                    for amount, spec in bound.sums]
        clauses += [(Should, tantivy.Query.disjunction_max_query(
            [tantivy.Query.const_score_query(self.query_of(spec), amount)
             for amount, spec in group], 0.0)) for group in bound.maxima if group]
        found = self._searcher.search(tantivy.Query.boolean_query(clauses), first)
        return found.hits, found.count

    def query_of(self, spec: Spec) -> tantivy.Query:
        """Return the tantivy query of a set of items (`similar_bounds`)."""
        match spec:
            case Words(field, texts):
                return any_of([term(field, text) for text in texts])
            case Values(field, values):
                components = FACETS_BY_NAME[field].components
                return any_of([all_of([term(field, self._token(field, part))
                                       for part in components(value)]) for value in values])
            case Every(specs):
                return all_of([kind_query(ITEM_KIND), *map(self.query_of, specs)])
            case Some(specs):
                return any_of(list(map(self.query_of, specs)))
            case Lacking(inner):
                return all_but(kind_query(ITEM_KIND), self.query_of(inner))
        raise TypeError(f"not a set of items: {spec!r}")


class NarrowedBits(PackBits):
    """`PackBits` over a few items alone (each bitset read within them); counts for idf
    stay the whole index's."""

    def __init__(self, whole: PackBits, items: int, within: tantivy.Query):
        self._searcher, self._token, self._bases = whole._searcher, whole._token, whole._bases
        self.size, self._whole, self._within = whole.size, whole, within
        self._lock = threading.Lock()
        self._terms = LRU(TERM_CACHE)
        self._limit = items.bit_count()
        self.__dict__.update(items=items, letters=0)  # the cached properties, set

    def _bits(self, q: tantivy.Query) -> int:
        hits = self._searcher.search(unscored(all_of([q, self._within])), self._limit).hits
        return docnums_bits(self._ordinals(hits), self.size) if hits else 0

    def _held_by(self, field: str, text: str) -> int:
        return self._bits(term(field, text))

    def holders(self, field: str, text: str) -> int:
        """The whole index's count."""
        return self._whole.holders(field, text)

    def narrowed(self, bound: Bound, first: int):
        """Not narrowed again."""
        return None


def _item_id(stored: dict) -> str:
    return f"{stored['letter_id']}-{stored['number']}"


class _LetterIds:
    """Ordinal -> letter id (Whoosh's `column_reader("letter_id")`), read once per document."""

    def __init__(self, searcher: PackSearcher):
        self._searcher = searcher
        self._ids: dict[int, str] = {}

    def __getitem__(self, ordinal: int) -> str:
        if ordinal not in self._ids:
            self._ids[ordinal] = self._searcher.stored_fields(ordinal)["letter_id"]
        return self._ids[ordinal]


class PackSearcher:
    """The Whoosh searcher methods the ranking calls: idf, stored fields, the letter ids."""

    def __init__(self, searcher: tantivy.Searcher, bits: PackBits):
        self._searcher, self._bits = searcher, bits
        self._letter_ids = _LetterIds(self)

    def reader(self) -> PackSearcher:
        """Whoosh's reader: here the same object."""
        return self

    def column_reader(self, field: str) -> _LetterIds:
        """The letter id of each ordinal (the only column the ranking reads)."""
        if field != "letter_id":
            raise KeyError(field)
        return self._letter_ids

    def idf(self, field: str, text: str) -> float:
        """Whoosh's idf: log(documents / (documents holding the word + 1)) + 1."""
        return math.log(self._bits.size / (self._bits.holders(field, text) + 1)) + 1

    def stored_fields(self, ordinal: int) -> dict:
        """The stored fields of the document at an ordinal."""
        return stored_fields(self._searcher, self._bits.address(ordinal))
