"""How many visits a request asks for ("2 times a week for 4 weeks" -> 8)."""

from __future__ import annotations

import re

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
_PAREN_COUNT = re.compile(r"\(\s*(\d{1,2})\s*\)")
_TIMES = re.compile(r"(?:\btimes|\bx|#)\s*" + _N + r"\b")


def sessions(request: str) -> int | None:
    """Number of visits a request asks for: '2 times a week for 4 weeks' -> 8, '2x6' -> 12,
    'Five ... sessions' -> 5, '(12) Sessions' -> 12; None when not stated."""
    text = request.lower()
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
