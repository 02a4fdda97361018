"""Query syntax: the fields a query may name, and a check that explains and repairs bad text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import get_close_matches

from indexer.engine.schema import ITEM_TEXT_FIELDS, LETTER_TEXT_FIELDS
from indexer.errors import QueryError
from indexer.limits import MAX_QUERY_CHARS, MAX_TERMS
from indexer.vocab.facets import FACET_NAMES

TEXT_FIELDS = ITEM_TEXT_FIELDS + LETTER_TEXT_FIELDS
ID_FIELDS = ("case_number", "letter_id", "item_id")
QUERY_FIELDS = TEXT_FIELDS + FACET_NAMES + ("drug",) + ID_FIELDS
BINARY_OPERATORS = frozenset({"AND", "OR", "ANDNOT", "ANDMAYBE"})
OPERATORS = BINARY_OPERATORS | {"NOT"}

_TOKEN = re.compile(r'(\s*)(?:(\()|(\))|("[^"]*"?)|([^\s()"]+))')
_FIELD_PREFIX = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(.*)", re.S)


@dataclass
class _Token:
    """One piece of query text and the whitespace before it."""

    space: str
    text: str
    kind: str  # "open" | "close" | "phrase" | "word" | "operator" | "field"


def _tokens(text: str) -> list[_Token]:
    """Split query text into parentheses, phrases, operators and words."""
    tokens = []
    for match in _TOKEN.finditer(text):
        space, opening, closing, phrase, word = match.groups()
        if opening:
            tokens.append(_Token(space, opening, "open"))
        elif closing:
            tokens.append(_Token(space, closing, "close"))
        elif phrase:
            tokens.append(_Token(space, phrase, "phrase"))
        elif word:
            kind = "operator" if word in OPERATORS else "word"
            tokens.append(_Token(space, word, kind))
    return tokens


class _SyntaxCheck:
    """One pass over the tokens: notes each problem and builds the repaired query beside it."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.kept: list[_Token] = []
        self.depth = 0

    def previous_kind(self) -> str | None:
        """Return the kind of the last token kept, None at the start."""
        return self.kept[-1].kind if self.kept else None

    def add(self, token: _Token) -> None:
        """Check one token and keep it, repaired, unless it has to go."""
        getattr(self, f"_{token.kind}")(token)

    def _open(self, token: _Token) -> None:
        self.depth += 1
        self.kept.append(token)

    def _close(self, token: _Token) -> None:
        if self.depth == 0:
            self.problems.append("There is a ')' without a matching '('.")
            return
        self.drop_dangling_operators()
        self.depth -= 1
        if self.previous_kind() == "open":
            self.problems.append("Empty parentheses '()' search for nothing.")
            self.kept.pop()
            return
        self.kept.append(token)

    def _phrase(self, token: _Token) -> None:
        if len(token.text) == 1 or not token.text.endswith('"'):
            self.problems.append("A quotation mark is not closed.")
            token.text = token.text.rstrip() + '"'
        if not token.text.strip('"').strip():
            self.problems.append('Empty quotes "" search for nothing.')
            if self.previous_kind() == "field":
                self.kept.pop()
            return
        self.kept.append(token)

    def _operator(self, token: _Token) -> None:
        if token.text in BINARY_OPERATORS and self.previous_kind() in (None, "open", "operator"):
            self.problems.append(f"'{token.text}' needs a search term on each side.")
            return
        self.kept.append(token)

    def _word(self, token: _Token) -> None:
        match = _FIELD_PREFIX.fullmatch(token.text)
        if match:
            name, value = match.groups()
            name = self._known_field(name)
            if name is None:
                token.text = value
            elif not value:
                token.text, token.kind = f"{name}:", "field"
                self.kept.append(token)
                return
            else:
                token.text = f"{name}:{self._without_leading_wildcard(value)}"
                if token.text.endswith(":"):
                    return
        if not match or name is None:
            token.text = self._without_leading_wildcard(token.text)
        if token.text:
            self.kept.append(token)

    def _known_field(self, name: str) -> str | None:
        if name in QUERY_FIELDS:
            return name
        close = get_close_matches(name.lower(), QUERY_FIELDS, n=1, cutoff=0.75)
        known = ", ".join(QUERY_FIELDS)
        self.problems.append(f"There is no field called '{name}'. Fields: {known}.")
        return close[0] if close else None

    def _without_leading_wildcard(self, word: str) -> str:
        stripped = word.lstrip("*?")
        if not stripped:
            self.problems.append(
                f"'{word}' alone would match every word; leave the search box empty to list "
                "every item."
            )
        elif stripped != word:
            self.problems.append(
                f"'{word}' starts with a wildcard, which would scan every word in the index; "
                "wildcards may only follow a few letters (e.g. therap*)."
            )
        return stripped

    def drop_empty_field(self) -> None:
        """Drop the last kept token, a field prefix with no value after it."""
        dropped = self.kept.pop()
        self.problems.append(
            f"'{dropped.text}' needs a value right after it, e.g. {dropped.text}\"...\"."
        )

    def drop_dangling_operators(self) -> None:
        """Drop a trailing empty field prefix and the operators with no term after them."""
        if self.previous_kind() == "field":
            self.drop_empty_field()
        while self.previous_kind() == "operator":
            dropped = self.kept.pop()
            self.problems.append(f"'{dropped.text}' has no search term after it.")

    def finish(self) -> str:
        """Close what is still open and return the repaired query text."""
        self.drop_dangling_operators()
        if self.depth:
            self.problems.append("A '(' is not closed.")
        return ("".join(t.space + t.text for t in self.kept) + ")" * self.depth).strip()


def check_syntax(text: str) -> None:
    """Raise QueryError for text Whoosh would silently misread, with a corrected query."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"The query is too long ({len(text)} characters; at most {MAX_QUERY_CHARS})."
        )
    check = _SyntaxCheck()
    tokens = _tokens(text)
    for token in tokens:
        if check.previous_kind() == "field" and (
            token.space or token.kind not in ("phrase", "open")
        ):
            check.drop_empty_field()
        check.add(token)
    repaired = check.finish()
    if check.problems:
        raise QueryError(" ".join(dict.fromkeys(check.problems)), repaired or None)
    terms = sum(1 for token in tokens if token.kind in ("word", "phrase"))
    if terms > MAX_TERMS:
        raise QueryError(f"The query has {terms} search terms; at most {MAX_TERMS} are allowed.")
