"""A regular expression searched only in texts holding a literal any match must start with.

Most vocabulary patterns are alternations of words (`\\bknees?\\b|\\bpatell|...`): each
alternative begins with letters a match must contain, so a text holding none of them cannot
match, and a substring test (`in`, native code) is far cheaper than a regex scan. An
alternative beginning with anything else (a character class, a group) has no such literal:
the pattern is then always searched. The answer is always `pattern.search`'s.
"""

from __future__ import annotations

import re

_LEADING_ASSERTIONS = re.compile(r"^(?:\\b|\(\?<[!=][^()]*\))+")  # \b and lookbehinds
_QUANTIFIERS = frozenset("?*+{")
_LITERAL = frozenset(" -/'")  # besides letters and digits


class Prefiltered:
    """A compiled pattern and the literals (one per alternative) a match starts with."""

    def __init__(self, pattern: str):
        self.pattern = re.compile(pattern)
        literals = [_leading_literal(alternative) for alternative in _alternatives(pattern)]
        self.literals = None if "" in literals else tuple(set(literals))  # None: always search

    def search(self, lowered: str) -> bool:
        """Whether the pattern matches somewhere in the (lower-cased) text."""
        if self.literals is not None and not any(word in lowered for word in self.literals):
            return False
        return self.pattern.search(lowered) is not None


def _alternatives(pattern: str) -> list[str]:
    """The pattern's top-level alternatives (split at `|` outside groups and classes)."""
    alternatives, current, depth, index = [], [], 0, 0
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
            alternatives.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    alternatives.append("".join(current))
    return alternatives


def _leading_literal(alternative: str) -> str:
    """The letters every match of the alternative starts with ("" when none are certain)."""
    rest = _LEADING_ASSERTIONS.sub("", alternative)
    literal = []
    for index, char in enumerate(rest):
        if not (char.isalnum() or char in _LITERAL) or rest[index + 1 : index + 2] in _QUANTIFIERS:
            break
        literal.append(char)
    return "".join(literal)
