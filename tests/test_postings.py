"""Decoded postings (postings.py) against Whoosh's own postings, and their bitset helpers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.engine.postings import (
    PostingsCache,
    docnums_bits,
    docnums_flags,
    postings_docnums,
)
from indexer.engine.store import open_index

TERMS = [("rationale", "pain"), ("request", "therapi"), ("summary", "lumbar"), ("kind", "item")]


@pytest.fixture(scope="module")
def searcher(index_dir):
    with open_index(index_dir).searcher() as opened:
        yield opened


def _whoosh_postings(searcher, field: str, text: str) -> list[tuple[int, float, bytes]]:
    """Return (docnum, weight, encoded value) of every posting, through Whoosh's public API."""
    found = []
    for leaf, offset in searcher.reader().leaf_readers():
        if (field, text) not in leaf:
            continue
        matcher = leaf.postings(field, text)
        while matcher.is_active():
            found.append((offset + matcher.id(), matcher.weight(), matcher.value()))
            matcher.next()
    return found


@pytest.mark.parametrize(("field", "text"), TERMS)
def test_decoded_postings_are_whoosh_postings(searcher, field, text):
    expected = _whoosh_postings(searcher, field, text)
    postings = PostingsCache(searcher.reader()).get(field, text, positions=True)
    decoded = [
        (leaf.offset + docnum, weight, value)
        for leaf in postings
        for docnum, weight, value in zip(leaf.ids, leaf.weights, leaf.positions, strict=True)
    ]
    assert len(expected) > 5
    assert decoded == expected
    assert postings_docnums(postings).tolist() == [docnum for docnum, _, _ in expected]


def test_positions_are_decoded_only_when_asked_and_then_kept(searcher):
    cache = PostingsCache(searcher.reader())
    plain = cache.get("rationale", "pain")
    assert all(leaf.positions is None for leaf in plain)
    assert cache.get("rationale", "pain") is plain
    with_positions = cache.get("rationale", "pain", positions=True)
    assert all(leaf.positions is not None for leaf in with_positions)
    assert cache.get("rationale", "pain") is with_positions


def test_the_cache_keeps_recent_terms_within_its_budget(searcher):
    sizes = {term: len(_whoosh_postings(searcher, *term)) for term in TERMS}
    smallest = min(sizes.values())
    cache = PostingsCache(searcher.reader(), budget=max(sizes.values()))
    first = cache.get(*TERMS[0])
    assert cache.get(*TERMS[0]) is first
    for term in TERMS[1:]:
        cache.get(*term)
    assert cache.get(*TERMS[0]) is not first  # forgotten to stay within the budget
    tiny = PostingsCache(searcher.reader(), budget=smallest - 1)
    assert tiny.get(*TERMS[0]) is not tiny.get(*TERMS[0])  # too big to keep, still answered
    cache.clear()
    assert cache.get(*TERMS[-1]) == PostingsCache(searcher.reader()).get(*TERMS[-1])


@given(st.sets(st.integers(min_value=0, max_value=2999)), st.integers(3000, 3100))
def test_bitsets_and_flags_of_document_numbers(docnums, size):
    bits = docnums_bits(sorted(docnums), size)
    assert bits == sum(1 << docnum for docnum in docnums)
    assert docnums_bits(np.array(sorted(docnums), np.int64), size) == bits
    flags = docnums_flags(bits, size)
    assert len(flags) == size
    assert {docnum for docnum, flag in enumerate(flags) if flag} == docnums
    assert set(flags) <= {0, 1}
