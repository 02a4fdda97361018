"""How many visits a request asks for ("2 times a week for 4 weeks" -> 8), decided once: only a
visit-based treatment has sessions; a pill count ("Norco 10/325 #90") is a quantity."""

from __future__ import annotations

import re

from indexer.vocab.treatments import SESSION_TREATMENTS

_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {"thirty": 30, "twenty-four": 24, "once": 1, "twice": 2, "single": 1}
_N = r"(\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_SESSION_NOUN = r"(?:sessions?|visits?|treatments?)\b"
_COUNTED = re.compile(
    r"\(\s*"
    + _N
    + r"\s*\)\s*"
    + _SESSION_NOUN
    + r"|\b"
    + _N
    + r"\b(?:[ ,/]+(?!times\b|x\b)[a-z/&()-]+){0,5}?[ ,]+"
    + _SESSION_NOUN
)
_FREQUENCY = re.compile(
    r"\b"
    + _N
    + r"(?:\s*-\s*"
    + _N
    + r")?\s*(?:x|times|time|visits?|sessions?)?\s*(?:a|per|each)?\s*"
    r"(?:week|weekly|wk)?\s*(?:x|times|for|over|by)\s*" + _N + r"\s*(?:weeks?|wks?)?\b"
)
# A count of things dispensed (tablets, refills, patches, ...) is never a number of visits.
_NOT_VISITS = (
    r"(?!\s*(?:refills?|tablets?|tabs?|capsules?|caps?|pills?|patch(?:es)?|box(?:es)?|grams?"
    r"|units?|supplies)\b)"
)
_PAREN_COUNT = re.compile(r"\(\s*(\d{1,2})\s*\)" + _NOT_VISITS)
_TIMES = re.compile(r"(?:\btimes|\bx|#)\s*" + _N + r"\b" + _NOT_VISITS)


def requested_sessions(request: str, treatment: str) -> int | None:
    """Visits a request of `treatment` asks for: '2 times a week for 4 weeks' -> 8, '2x6' -> 12,
    '(12) Sessions' -> 12; None unless the treatment is visit-based and a count is stated."""
    if treatment not in SESSION_TREATMENTS:
        return None
    return _stated_visits(request.lower())


def _stated_visits(text: str) -> int | None:
    frequency = _FREQUENCY.search(text)
    if frequency:
        per_week = _number(frequency.group(2) or frequency.group(1))
        return per_week * _number(frequency.group(3))
    counted = _COUNTED.search(text)
    if counted:
        return _number(counted.group(1) or counted.group(2))
    for pattern in (_PAREN_COUNT, _TIMES):
        match = pattern.search(text)
        if match:
            return _number(match.group(1))
    return None


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]
