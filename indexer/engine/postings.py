"""A term's postings decoded once and shared: the evaluator's bitsets and the ranking's scores.

Decoding a posting block (zlib, then a pickle holding every posting's positions) is most of
a common word's cost; a search that both matches and ranks by a word reads it once.
"""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numpy as np

from indexer.engine.whoosh_internals import weight_blocks

POSTINGS_BUDGET = 2_000_000  # postings kept decoded per searcher (12 bytes each, more with
# positions: kept only for phrase words)


class LeafPostings(NamedTuple):
    """One segment's postings of a term: its first document number, local ids, weights and,
    when asked for, encoded positions (else None)."""

    offset: int
    ids: Sequence[int]
    weights: Sequence[float]
    positions: Sequence[bytes] | None


class PostingsCache:
    """The decoded postings of recently used terms of one searcher, kept under a budget."""

    def __init__(self, reader, budget: int = POSTINGS_BUDGET):
        self._reader = reader
        self._budget = budget
        self._kept = 0
        self._terms: OrderedDict[tuple[str, str], list[LeafPostings]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, field: str, text: str, positions: bool = False) -> list[LeafPostings]:
        """Return the term's postings per segment (decoded now unless recently used), with
        their encoded positions if asked."""
        key = (field, text)
        with self._lock:
            cached = self._terms.get(key)
            if cached is not None and (not positions or _with_positions(cached)):
                self._terms.move_to_end(key)
                return cached
        postings = [
            _decoded(offset, leaf, field, text, positions)
            for leaf, offset in self._reader.leaf_readers()
            if (field, text) in leaf
        ]
        self._keep(key, postings)
        return postings

    def _keep(self, key: tuple[str, str], postings: list[LeafPostings]) -> None:
        size = sum(len(leaf.ids) for leaf in postings)
        with self._lock:
            if size > self._budget:
                return
            if key in self._terms:
                self._kept -= sum(len(leaf.ids) for leaf in self._terms.pop(key))
            self._terms[key] = postings
            self._kept += size
            while self._kept > self._budget:
                _, dropped = self._terms.popitem(last=False)
                self._kept -= sum(len(leaf.ids) for leaf in dropped)

    def clear(self) -> None:
        """Forget every decoded term."""
        with self._lock:
            self._terms.clear()
            self._kept = 0


def _with_positions(postings: list[LeafPostings]) -> bool:
    return all(leaf.positions is not None for leaf in postings)


def _decoded(offset: int, leaf, field: str, text: str, positions: bool) -> LeafPostings:
    ids, weights, encoded = array("i"), array("d"), []
    for block in weight_blocks(leaf.postings(field, text), values=positions):
        ids.extend(iter(block[0]))  # iter: an array extends only by its own type
        weights.extend(iter(block[1]))
        encoded.extend(block[2])
    return LeafPostings(offset, ids, weights, encoded if positions else None)


def docnums_bits(docnums: Iterable[int] | np.ndarray, size: int) -> int:
    """Return the bitset of document numbers below `size` (one flag per document set by
    numpy, then packed: no Python-level loop per document)."""
    flags = np.zeros(size, np.uint8)
    flags[docnums if isinstance(docnums, np.ndarray) else np.fromiter(docnums, np.int64)] = 1
    return int.from_bytes(np.packbits(flags, bitorder="little").tobytes(), "little")


def postings_docnums(postings: Sequence[LeafPostings]) -> np.ndarray:
    """Return the postings' document numbers across segments, as one array."""
    if not postings:
        return np.empty(0, np.int64)
    return np.concatenate(
        [np.frombuffer(leaf.ids, np.int32).astype(np.int64) + leaf.offset for leaf in postings]
    )


def docnums_flags(bits: int, size: int) -> bytes:
    """Return one byte per document below `size`: 1 when the bitset holds it, else 0."""
    packed = bits.to_bytes(max((size + 7) // 8, (bits.bit_length() + 7) // 8), "little")
    return np.unpackbits(np.frombuffer(packed, np.uint8), bitorder="little")[:size].tobytes()
