"""Named patterns searched together, each only in texts that hold what a match starts with.

Most vocabulary patterns are alternations of words (`\\bknees?\\b|\\bpatell|...`): each
alternative begins with letters a match must contain ("knee", "patell"), at the start of a
word when it follows `\\b`; an alternative beginning with a group begins with one of the
group's alternatives' letters. One Aho-Corasick pass over the text (pyahocorasick, native
code) finds every such literal; only the patterns whose literals occur (at a word's start
where required) are searched. An alternative beginning with anything else (a character
class, an anchor) has no certain literal, nor one of a single letter: its pattern is always
searched. The answers are always the patterns' own `search`'s. Patterns should start their
alternatives with telling literals (`\\bc-spine\\b|\\bc spine\\b`, not `\\bc-? ?spine\\b`,
whose matches certainly start with "c" only).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

_LEADING_ASSERTIONS = re.compile(r"^(?:\\b|\(\?<[!=][^()]*\))+")  # \b and lookbehinds
_QUANTIFIERS = frozenset("?*+{")
_LITERAL = frozenset(" -/'&")  # besides letters and digits
_GROUP_OPENING = re.compile(r"\((?:\?:|\?P<\w+>)?(?!\?)")


@dataclass(frozen=True)
class Start:
    """What every match of one alternative starts with: `literal` ("" when nothing is
    certain), at the start of a word when `word_start`."""

    literal: str
    word_start: bool


class PatternSet:
    """Named patterns over lower-cased text, each searched only where its starts allow."""

    def __init__(self, named_patterns: Iterable[tuple[str, str]]):
        self.names: list[str] = []
        self.patterns: list[re.Pattern[str]] = []
        self._always: set[int] = set()
        starts: dict[str, list[tuple[int, bool]]] = {}  # literal -> (pattern, at a word start)
        for index, (name, pattern) in enumerate(named_patterns):
            self.names.append(name)
            self.patterns.append(re.compile(pattern))
            found = [start for part in alternatives(pattern) for start in starts_of(part)]
            if any(len(start.literal) < 2 for start in found):
                self._always.add(index)
                continue
            for start in found:
                word_start = start.word_start and _is_word_char(start.literal[0])
                starts.setdefault(start.literal, []).append((index, word_start))
        self._literals = ahocorasick.Automaton()
        for literal, entries in starts.items():
            self._literals.add_word(literal, (len(literal), tuple(entries)))
        self._literals.make_automaton()  # of no word when no pattern has a literal: finds none

    def matching(self, lowered: str) -> list[str]:
        """The names of the patterns that match somewhere in the (lower-cased) text, in order."""
        return [self.names[index] for index in self._candidates(lowered)
                if self.patterns[index].search(lowered)]  # fmt: skip

    def first_match(self, lowered: str) -> tuple[str, re.Match[str]] | None:
        """The first pattern (in order) that matches the (lower-cased) text: its name and
        match; None when none does."""
        for index in self._candidates(lowered):
            if match := self.patterns[index].search(lowered):
                return self.names[index], match
        return None

    def _candidates(self, lowered: str) -> list[int]:
        """The patterns that may match the text, in order: the others certainly do not."""
        candidates = set(self._always)
        if not len(self._literals):
            return sorted(candidates)
        for end, (length, entries) in self._literals.iter(lowered):
            start = end - length + 1
            after_word = start > 0 and _is_word_char(lowered[start - 1])
            candidates.update(index for index, word_start in entries
                              if not (word_start and after_word))  # fmt: skip
        return sorted(candidates)


def _is_word_char(char: str) -> bool:
    """Whether char is a regex word character (`\\w`)."""
    return char.isalnum() or char == "_"


def alternatives(pattern: str) -> list[str]:
    """The pattern's top-level alternatives (split at `|` outside groups and classes)."""
    found, current, depth, index = [], [], 0, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            current.append(pattern[index : index + 2])
            index += 2
            continue
        if char == "[":
            end = pattern.index("]", index + 2)  # "[]...]" holds a literal "]"
            current.append(pattern[index : end + 1])
            index = end + 1
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            found.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    found.append("".join(current))
    return found


def starts_of(alternative: str, word_start: bool = False) -> list[Start]:
    """What every match of the alternative starts with: one Start, or one per alternative of
    a group it begins with (`(chronic|acute) pain`); `word_start`: it follows a `\\b`."""
    assertions = _LEADING_ASSERTIONS.match(alternative)
    rest = alternative[assertions.end() :] if assertions else alternative
    word_start = word_start or bool(assertions and "\\b" in assertions.group(0))
    group = _leading_group(rest)
    if group is not None:
        return [start for inner in alternatives(group) for start in starts_of(inner, word_start)]
    literal = []
    for index, char in enumerate(rest):
        if not (char.isalnum() or char in _LITERAL) or rest[index + 1 : index + 2] in _QUANTIFIERS:
            break
        literal.append(char)
    return [Start("".join(literal), word_start)]


def _leading_group(text: str) -> str | None:
    """The inside of the group text begins with (plain, `(?:` or named), None when it begins
    with none, or with one that may be left out (`(...)?`) or repeated."""
    opening = _GROUP_OPENING.match(text)
    if not opening:
        return None
    depth, index = 1, opening.end()
    while depth:
        char = text[index]
        if char == "\\":
            index += 1
        elif char == "[":
            index = text.index("]", index + 2)
        else:
            depth += {"(": 1, ")": -1}.get(char, 0)
        index += 1
    if text[index : index + 1] in _QUANTIFIERS:
        return None
    return text[opening.end() : index - 1]
