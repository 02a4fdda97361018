"""What the precedent ranking's bounds are made of, said once for every engine: the sets of
items a bound adds for (`Spec`s, read as bitsets by `members` or as queries by an engine that
ranks natively) and the amounts it adds (`bound_of`).

Every amount a bound adds is rounded up to a multiple of 1/1024. Sums of such amounts are
exact in any order, in Python's floats and in a native engine's 32-bit scores alike (they
stay far below 2**14), so an engine ranking items by the same clauses orders them exactly as
the ranking reads them: by bound, then by document number.
"""

from __future__ import annotations

import math
from functools import reduce
from typing import NamedTuple

from indexer.engine.schema import LETTER_TEXT_FIELDS

QUANTUM = 1024


def bound_of(amount: float) -> float:
    """Return amount rounded up to the bounds' grid (a multiple of 1/1024)."""
    return math.ceil(amount * QUANTUM) / QUANTUM


class Words(NamedTuple):
    """Items holding any of these index words of a text field (letter fields: their letter's)."""

    field: str
    texts: tuple[str, ...]


class Values(NamedTuple):
    """Items carrying any of these facet values (a brand: all its ingredients)."""

    field: str
    values: tuple[str, ...]


class Every(NamedTuple):
    """Items in every one of the sets."""

    specs: tuple


class Some(NamedTuple):
    """Items in any of the sets."""

    specs: tuple


class Lacking(NamedTuple):
    """Items not in the set."""

    spec: Words | Values | Every | Some


Spec = Words | Values | Every | Some | Lacking
Clause = tuple[float, Spec]  # a bound adds the amount to the items of the set


class Bound(NamedTuple):
    """A bound over items: the sum of the clauses they are in, plus the largest amount of
    each group of `maxima` they are in; counted over `scope`'s items."""

    scope: Spec
    sums: list[Clause]
    maxima: list[list[Clause]]


def members(bits, spec: Spec) -> int:
    """Return the items of a set, from an engine's bitsets (`FacetBits` or the like)."""
    match spec:
        case Words(field, texts):
            holders = reduce(int.__or__, (bits.term_bits(field, text) for text in texts), 0)
            if field in LETTER_TEXT_FIELDS:  # held by letter documents on some engines
                return bits.children_of(holders)
            return holders & bits.items
        case Values(field, values):
            return bits.selection(field, values)
        case Every(specs):
            return reduce(int.__and__, (members(bits, part) for part in specs), bits.items)
        case Some(specs):
            return reduce(int.__or__, (members(bits, part) for part in specs), 0)
        case Lacking(inner):
            return bits.items & ~members(bits, inner)
    raise TypeError(f"not a set of items: {spec!r}")
