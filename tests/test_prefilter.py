"""Patterns searched together answer exactly as each pattern's own search, only sooner."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.vocab.body_part_terms import BODY_PART_PATTERNS
from indexer.vocab.prefilter import PatternSet, Start, alternatives, starts_of
from indexer.vocab.services import SERVICE_PATTERNS


@pytest.mark.parametrize(
    ("pattern", "starts"),
    [
        (r"\bknees?\b|\bpatell", [Start("knee", True), Start("patell", True)]),
        (r"(?<!upper )\barms?\b|upper extremit",
         [Start("arm", True), Start("upper extremit", False)]),
        (r"\bc-? ?spine\b|cervic", [Start("c", True), Start("cervic", False)]),  # "-?": only "c"
        (r"\bl/s\b|\bl- spine", [Start("l/s", True), Start("l- spine", True)]),
        (r"de ?quervain|\btfcc\b", [Start("de", False), Start("tfcc", True)]),
        (r"\bsi(?=[- ]joint)|\bsij\b", [Start("si", True), Start("sij", True)]),
        (r"hearing (?:aids?|loss)", [Start("hearing ", False)]),
        (r"\b[apml]cl\b|\bknee", [Start("", True), Start("knee", True)]),  # a class: no literal
        # a leading group: its alternatives' starts, after the \b before it
        (r"(?:left|right) hip", [Start("left", False), Start("right", False)]),
        (r"\b(?P<term>surg(?:ery|ical)|ortho)\b", [Start("surg", True), Start("ortho", True)]),
        (r"(a|b)?c", [Start("", False)]),  # a group that may be left out
        (r"^(?=.*knee)", [Start("", False)]),
        (r"a|(b|c)", [Start("a", False), Start("b", False), Start("c", False)]),
    ],
)  # fmt: skip
def test_what_every_match_of_an_alternative_starts_with(pattern, starts):
    assert [start for part in alternatives(pattern) for start in starts_of(part)] == starts


def pattern_words(patterns) -> list[str]:
    """The patterns' words, each also without its last letter ("hand" of "hands?")."""
    words = {word for _name, pattern in patterns
             for word in re.findall(r"[a-z&]{2,}", re.sub(r"\\[a-z]", " ", pattern))}  # fmt: skip
    return sorted(words | {word[:-1] for word in words})


def texts_of(fragments: list[str]):
    """Texts of up to 8 fragments, each joined to the next by nothing, a space, "-" or "/"."""
    pieces = st.tuples(st.sampled_from(fragments), st.sampled_from(["", " ", "-", "/"]))
    return st.lists(pieces, max_size=8).map(lambda found: "".join(w + j for w, j in found))


BODY_PARTS = PatternSet(BODY_PART_PATTERNS)
SERVICES = PatternSet(SERVICE_PATTERNS)
SINGLES = ["c", "l", "s", "t", "x", "e", "4", "/", "&", "_"]


@settings(max_examples=1000, deadline=None)
@given(texts_of(pattern_words(BODY_PART_PATTERNS) + SINGLES))
def test_body_part_patterns_answer_as_their_plain_search(text):
    plain = [name for name, pattern in BODY_PART_PATTERNS if re.search(pattern, text)]
    assert BODY_PARTS.matching(text) == plain


@settings(max_examples=1000, deadline=None)
@given(texts_of(pattern_words(SERVICE_PATTERNS) + SINGLES))
def test_the_first_service_pattern_found_is_the_plain_search_s(text):
    plain = next(((name, match.span()) for name, pattern in SERVICE_PATTERNS
                  if (match := re.search(pattern, text))), None)  # fmt: skip
    found = SERVICES.first_match(text)
    assert (found and (found[0], found[1].span())) == plain


def test_patterns_without_a_certain_start_are_always_searched():
    patterns = PatternSet([("class", r"\b[xyz]ebra\b"), ("letter", r"x-?ray")])
    assert patterns.matching("a zebra and an xray") == ["class", "letter"]
    assert patterns.matching("a horse") == []


def test_a_word_start_literal_counts_only_at_a_word_s_start():
    patterns = PatternSet([("lumbar", r"\bl/s\b"), ("arm", r"(?<!upper )\barms?\b")])
    assert patterns.matching("left leg, l/s strain") == ["lumbar"]
    assert patterns.matching("pharmacy; cal/s") == []
    assert patterns.matching("arm_l/s") == []  # "_" is a word character
    assert patterns.matching("the arm") == ["arm"]
