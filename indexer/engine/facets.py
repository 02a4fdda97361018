"""Bitsets (Python ints) of terms and facet values, facet counts, statistics and date order.

A set of document numbers is an int whose bit n is set when document n is in it. Each facet
value's bitset is read once per searcher from the facet field's postings; a search then costs
one pass over its own matches plus a few big-int ANDs and popcounts per facet value, however
many documents match.
"""

from __future__ import annotations

import re
import threading
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import reduce
from itertools import chain

from whoosh.idsets import DocIdSet

from indexer.engine.documents import facet_token
from indexer.engine.postings import PostingsCache, docnums_bits, postings_docnums
from indexer.engine.query import ITEMS, LETTERS
from indexer.engine.whoosh_internals import id_blocks
from indexer.vocab.facets import FACET_NAMES, FACETS_BY_NAME

DATE_FIELD = "decision_date"
CHUNK = 4096  # documents per date-order chunk: one AND tells whether a chunk holds any match
TERM_CACHE = 256  # term bitsets kept per searcher
_NONZERO_BYTE = re.compile(rb"[^\x00]")


def posting_docnums(reader, field: str, text: str | bytes) -> Iterator[int]:
    """Yield the document numbers of a term's postings (see `posting_blocks`)."""
    for block in posting_blocks(reader, field, text):
        yield from block


def posting_blocks(reader, field: str, text: str | bytes) -> Iterator[Sequence[int]]:
    """Yield the document numbers of a term's postings, a block (tuple) at a time."""
    for leaf, offset in reader.leaf_readers():
        if (field, text) not in leaf:
            continue
        for block in id_blocks(leaf.postings(field, text)):
            yield [offset + docnum for docnum in block] if offset else block


def blocks_bits(blocks: Iterable[Iterable[int]], size: int) -> int:
    """Return the bitset of the document numbers in blocks (all below `size`)."""
    return docnums_bits(chain.from_iterable(blocks), size)


def docnums_of(bits: int) -> Iterator[int]:
    """Yield the document numbers in a bitset, ascending."""
    data = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    for match in _NONZERO_BYTE.finditer(data):
        position = match.start()
        byte = data[position]
        for bit in range(8):
            if byte >> bit & 1:
                yield position * 8 + bit


class Members(DocIdSet):
    """A read-only bitset Whoosh accepts as a search filter (constant-time membership)."""

    def __init__(self, bits: int, size: int):
        self.bits = bits
        self._bytes = bits.to_bytes((size + 8) // 8, "little")

    def __contains__(self, docnum: int) -> bool:
        return bool(self._bytes[docnum >> 3] >> (docnum & 7) & 1)

    def __len__(self) -> int:
        return self.bits.bit_count()

    def __bool__(self) -> bool:
        return bool(self.bits)

    def __iter__(self) -> Iterator[int]:
        return docnums_of(self.bits)


class FacetBits:
    """Bitsets of one open searcher: items, each facet value, date order; built lazily, shared."""

    def __init__(self, searcher):
        self._searcher = searcher
        self.size = searcher.doc_count_all()
        self.items = docnums_bits(searcher.docs_for_query(ITEMS), self.size)
        self.letters = docnums_bits(searcher.docs_for_query(LETTERS), self.size)
        # Every document that is not a letter's, deleted or not: the carry trick in
        # `children_of` needs the group boundaries exactly as they are on disk.
        self._non_letters = ((1 << self.size) - 1) & ~self.letters
        self._terms: OrderedDict[tuple[str, str], int] = OrderedDict()
        self._values: dict[str, dict[str, int]] = {}
        self._folded: dict[str, dict[str, str]] = {}
        self._orders: dict[bool, tuple[list[tuple[int, array]], array]] = {}
        self._lock = threading.RLock()
        self.postings = PostingsCache(searcher.reader())

    def values(self, field: str) -> dict[str, int]:
        """Return facet token -> bitset of the items carrying it."""
        if field not in self._values:
            with self._lock:
                if field not in self._values:
                    self._values[field] = self._read_values(field)
        return self._values[field]

    def _read_values(self, field: str) -> dict[str, int]:
        reader = self._searcher.reader()
        values = {}
        for btext in reader.lexicon(field):
            bits = blocks_bits(posting_blocks(reader, field, btext), self.size) & self.items
            if bits:
                values[btext.decode("utf-8")] = bits
        return values

    def term_bits(self, field: str, text: str) -> int:
        """Return the documents holding one term (an LRU of recent terms)."""
        key = (field, text)
        cached = self._cached(key)
        if cached is not None:
            return cached
        bits = docnums_bits(postings_docnums(self.postings.get(field, text)), self.size)
        return self._remember(key, bits)

    def _cached(self, key: tuple[str, str]) -> int | None:
        """Return a cached bitset (now the most recent), None if it is not cached."""
        with self._lock:
            if key in self._terms:
                self._terms.move_to_end(key)
                return self._terms[key]
        return None

    def _remember(self, key: tuple[str, str], bits: int) -> int:
        """Cache bits under key, forgetting the least recent when full; return bits."""
        with self._lock:
            self._terms[key] = bits
            if len(self._terms) > TERM_CACHE:
                self._terms.popitem(last=False)
        return bits

    def decided_between(self, start: str, end: str) -> int:
        """Return the items decided from start to end (ISO dates, inclusive; "" is open)."""
        key = (DATE_FIELD, f"{start}..{end}")  # cached with the term bitsets
        cached = self._cached(key)
        if cached is not None:
            return cached
        reader = self._searcher.reader()
        dates = [
            btext
            for btext in reader.lexicon(DATE_FIELD)
            if (not start or btext.decode() >= start) and (not end or btext.decode() <= end)
        ]
        blocks = (block for btext in dates for block in posting_blocks(reader, DATE_FIELD, btext))
        return self._remember(key, blocks_bits(blocks, self.size) & self.items)

    def clear_terms(self) -> None:
        """Forget the cached term bitsets and decoded postings."""
        with self._lock:
            self._terms.clear()
            self.postings.clear()

    def children_of(self, letters: int) -> int:
        """Return the items of the given letter documents.

        Each letter's items follow it up to the next letter document. Adding the letters
        shifted by one to the non-letter documents carries a 1 through exactly those runs,
        clearing them; so the cleared non-letter bits are the wanted items.
        """
        runs = self._non_letters
        return runs & ~(runs + ((letters & self.letters) << 1)) & self.items

    def narrowed(self, bound, first: int) -> None:
        """No narrowing (`PackBits.narrowed`): Whoosh's postings are read into bitsets in
        bulk, so the ranking reads the whole index's."""
        return None

    def token(self, field: str, value: str) -> str:
        """Return the index token of a facet value, matching the user's letter case if need be."""
        token = facet_token(value)
        if token in self.values(field):
            return token
        if field not in self._folded:
            self._folded[field] = {known.casefold(): known for known in self.values(field)}
        return self._folded[field].get(token.casefold(), token)

    def selection(self, field: str, values: Iterable[str]) -> int:
        """Return the items carrying any of the values (OR within a facet); a value standing
        for several index values (a brand: its ingredients) needs them all."""
        known, facet = self.values(field), FACETS_BY_NAME[field]
        bits = 0
        for value in values:
            parts = (known.get(self.token(field, part), 0) for part in facet.components(value))
            bits |= reduce(int.__and__, parts)
        return bits

    def date_order(self, newest: bool) -> tuple[list[tuple[int, array]], array]:
        """Return the items in date order as (chunk bitset, docnums) chunks, and the undated."""
        if newest not in self._orders:
            with self._lock:
                self._orders[newest] = self._read_order(newest)
        return self._orders[newest]

    def _read_order(self, newest: bool) -> tuple[list[tuple[int, array]], array]:
        reader = self._searcher.reader()
        items = Members(self.items, self.size)
        groups = [
            [d for d in posting_docnums(reader, DATE_FIELD, btext) if d in items]
            for btext in reader.lexicon(DATE_FIELD)
        ]
        if newest:
            groups.reverse()
        ordered = array("i", (docnum for group in groups for docnum in group))
        dated = docnums_bits(ordered, self.size)
        parts = (ordered[start : start + CHUNK] for start in range(0, len(ordered), CHUNK))
        chunks = [(docnums_bits(part, self.size), part) for part in parts]
        return chunks, array("i", docnums_of(self.items & ~dated))


def facet_counts(
    facet_bits: FacetBits, matches: int, selections: Mapping[str, int]
) -> dict[str, dict[str, int]]:
    """Return facet -> value token -> count, each facet counted without its own selection."""
    counts = {}
    for field in FACET_NAMES:
        base = _without_own_selection(matches, selections, field)
        counts[field] = {
            token: count
            for token, bits in facet_bits.values(field).items()
            if (count := (base & bits).bit_count())
        }
    return counts


def _without_own_selection(matches: int, selections: Mapping[str, int], field: str) -> int:
    """Return the matches narrowed by every facet's selection but the field's own."""
    for other, selected in selections.items():
        if other != field:
            matches &= selected
    return matches


def combined_value_counts(
    facet_bits: FacetBits,
    matches: int,
    selections: Mapping[str, int],
    filters: Mapping[str, Iterable[str]],
) -> dict[str, dict[str, int]]:
    """Return facet -> token -> count of the selected values that are no index value but stand
    for some (drug=norco: hydrocodone and acetaminophen), each without its own facet's selection."""
    counts: dict[str, dict[str, int]] = {}
    for field, values in filters.items():
        facet, known = FACETS_BY_NAME[field], facet_bits.values(field)
        base = _without_own_selection(matches, selections, field)
        for value in values:
            if facet.components(value) != (value,) and facet_bits.token(field, value) not in known:
                bits = base & facet_bits.selection(field, [value])
                counts.setdefault(field, {})[facet_token(value)] = bits.bit_count()
    return counts
