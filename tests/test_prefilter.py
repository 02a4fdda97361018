"""A prefiltered pattern answers exactly as the pattern's own search, only sooner."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.vocab.body_part_terms import BODY_PART_PATTERNS
from indexer.vocab.prefilter import Prefiltered


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"\bknees?\b|\bpatell", {"knee", "patell"}),
        (r"(?<!upper )\barms?\b|upper extremit", {"arm", "upper extremit"}),
        (r"\bc-? ?spine\b|cervic", {"c", "cervic"}),  # "-?": only the "c" is certain
        (r"de ?quervain|\btfcc\b", {"de", "tfcc"}),
        (r"\bsi(?=[- ]joint)|\bsij\b", {"si", "sij"}),
        (r"hearing (?:aids?|loss)", {"hearing "}),
        (r"\b[apml]cl\b|\bknee", None),  # a class first: no certain literal, always searched
        (r"(?:left|right) hip", None),
        (r"a|(b|c)", None),
    ],
)
def test_the_literals_every_match_starts_with(pattern, literals):
    found = Prefiltered(pattern).literals
    assert (set(found) if found is not None else None) == literals


# the patterns' words, each also without its last letter ("hand" of "hands?"), and joints
WORDS = {word for _name, pattern in BODY_PART_PATTERNS
         for word in re.findall(r"[a-z]{2,}", re.sub(r"\\[a-z]", " ", pattern))}  # fmt: skip
FRAGMENTS = sorted(WORDS | {word[:-1] for word in WORDS} | {"c", "l", "s", "t", "4", "/"})


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from(["", " ", "-", "/"])),
                max_size=8))
def test_body_part_patterns_answer_as_their_plain_search(pieces):
    text = "".join(word + joint for word, joint in pieces)
    for _name, pattern in BODY_PART_PATTERNS:
        assert Prefiltered(pattern).search(text) == bool(re.search(pattern, text)), pattern
