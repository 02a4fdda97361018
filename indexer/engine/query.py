"""The user's query text -> a bounded Whoosh query over item documents, or a QueryError."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from difflib import get_close_matches
from itertools import islice

from whoosh import query
from whoosh.qparser import MultifieldParser

from indexer.engine.schema import (
    FACET_NAMES,
    ITEM_KIND,
    ITEM_TEXT_FIELDS,
    LETTER_KIND,
    LETTER_TEXT_FIELDS,
    SCHEMA,
)
from indexer.errors import QueryError

MAX_QUERY_CHARS = 1000
MAX_TERMS = 64  # words and phrases in one query (long OR lists)
MAX_EXPANSION = 256  # index words one wildcard, prefix or range may stand for

TEXT_FIELDS = ITEM_TEXT_FIELDS + LETTER_TEXT_FIELDS
ID_FIELDS = ("case_number", "letter_id", "item_id")
QUERY_FIELDS = TEXT_FIELDS + FACET_NAMES + ("drug",) + ID_FIELDS
BINARY_OPERATORS = frozenset({"AND", "OR", "ANDNOT", "ANDMAYBE"})
OPERATORS = BINARY_OPERATORS | {"NOT"}
ITEMS = query.Term("kind", ITEM_KIND)
LETTERS = query.Term("kind", LETTER_KIND)

_TOKEN = re.compile(r'(\s*)(?:(\()|(\))|("[^"]*"?)|([^\s()"]+))')
_FIELD_PREFIX = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(.*)", re.S)
_CASE_NUMBER = re.compile(r"[A-Za-z]{2,3}\d{2}-\d{7}(-\d+)?")
_PARSER = MultifieldParser(list(TEXT_FIELDS), SCHEMA)

ValueResolver = Callable[[str, str], str]  # (facet field, user's value) -> index token


@dataclass
class _Token:
    space: str
    text: str
    kind: str  # "open" | "close" | "phrase" | "word" | "operator" | "field"


def _tokens(text: str) -> list[_Token]:
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
        return self.kept[-1].kind if self.kept else None

    def add(self, token: _Token) -> None:
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
        dropped = self.kept.pop()
        self.problems.append(
            f"'{dropped.text}' needs a value right after it, e.g. {dropped.text}\"...\"."
        )

    def drop_dangling_operators(self) -> None:
        if self.previous_kind() == "field":
            self.drop_empty_field()
        while self.previous_kind() == "operator":
            dropped = self.kept.pop()
            self.problems.append(f"'{dropped.text}' has no search term after it.")

    def finish(self) -> str:
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


def parse_text(text: str) -> query.Query:
    """Return Whoosh's reading of checked query text (fields as the user wrote them)."""
    check_syntax(text)
    parsed = _PARSER.parse(text)
    if parsed is query.NullQuery or not list(parsed.leaves()):
        raise QueryError("The query has no words to search for.")
    return parsed


def item_query(parsed: query.Query, resolve: ValueResolver) -> query.Query:
    """Return the query over item documents: letter-field parts reach the letter's items."""
    return query.And([_rewrite(parsed, resolve), ITEMS])


def scoring_query(parsed: query.Query) -> query.Query | None:
    """Return what ranks items: the wanted words in item text (not letter text, not NOT).

    A phrase ranks by its words: the match set already holds only true phrase matches, and
    plain terms let Whoosh skip low-scoring blocks instead of decoding positions again.
    """
    leaves = []
    for leaf in _positive_leaves(parsed):
        if leaf.field() not in ITEM_TEXT_FIELDS:
            continue
        if isinstance(leaf, query.Phrase):
            leaves.extend(query.Term(leaf.fieldname, word) for word in leaf.words)
        else:
            leaves.append(leaf)
    return query.Or(leaves) if leaves else None


def _rewrite(q: query.Query, resolve: ValueResolver) -> query.Query:
    if q.is_leaf():
        leaf = _resolve_leaf(q, resolve)
        return LetterChildren(leaf) if leaf.field() in LETTER_TEXT_FIELDS else leaf
    if isinstance(q, query.Or):
        letter_parts = [c for c in q.subqueries if c.is_leaf() and c.field() in LETTER_TEXT_FIELDS]
        others = [_rewrite(c, resolve) for c in q.subqueries if c not in letter_parts]
        if letter_parts:
            grouped = letter_parts[0] if len(letter_parts) == 1 else query.Or(letter_parts)
            others.append(LetterChildren(grouped))
        return query.Or(others, boost=q.boost)
    return q.apply(lambda child: _rewrite(child, resolve))


def _resolve_leaf(leaf: query.Query, resolve: ValueResolver) -> query.Query:
    field = leaf.field()
    if field in FACET_NAMES and isinstance(leaf, query.Phrase):
        # The comma-separated facet fields split a quoted value at its commas: rejoin it.
        return query.Term(field, resolve(field, ", ".join(leaf.words)), boost=leaf.boost)
    if field in FACET_NAMES and isinstance(leaf, query.Term):
        return query.Term(field, resolve(field, leaf.text), boost=leaf.boost)
    if field in ID_FIELDS and isinstance(leaf, query.Term) and _CASE_NUMBER.fullmatch(leaf.text):
        return query.Term(field, leaf.text.upper(), boost=leaf.boost)
    return leaf


class LetterChildren(query.NestedChildren):
    """The items of the letters a letter-field query matches (a NestedChildren that rewraps)."""

    def __init__(self, subq: query.Query, boost: float = 1.0):
        super().__init__(LETTERS, subq, boost=boost)

    def _rewrap(self, child: query.Query) -> LetterChildren:
        return LetterChildren(child, self.boost)

    def __str__(self) -> str:
        return f"letter({self.child})"


def check_facet_values(
    text: str, rewritten: query.Query, known: Callable[[str], Iterable[str]]
) -> None:
    """Raise QueryError for a facet value with spaces typed unquoted: treatment:physical therapy."""
    for leaf in _leaves(rewritten):
        if leaf.field() in FACET_NAMES and isinstance(leaf, query.Term):
            _check_unquoted(text, leaf.field(), leaf.text, list(known(leaf.field())))


def _check_unquoted(text: str, field: str, value: str, values: list[str]) -> None:
    if value in values:
        return
    for candidate in values:
        if not candidate.casefold().startswith(value.casefold() + " "):
            continue
        words = [re.escape(word) for word in candidate.split()]
        typed = re.search(rf"{field}:" + r"\s+".join(words), text, re.IGNORECASE)
        if typed:
            quoted = f'{field}:"{candidate}"'
            raise QueryError(
                f"A value with spaces needs quotes: did you mean {quoted}?",
                text[: typed.start()] + quoted + text[typed.end() :],
            )


def check_cost(q: query.Query, reader) -> None:
    """Raise QueryError when a wildcard, prefix or range stands for too many index words."""
    for leaf in _leaves(q):
        if isinstance(leaf, query.MultiTerm):
            expansion = sum(1 for _ in islice(leaf._btexts(reader), MAX_EXPANSION + 1))
            if expansion > MAX_EXPANSION:
                raise QueryError(
                    f"'{_describe(leaf)}' matches more than {MAX_EXPANSION} different words; "
                    "type more letters before the wildcard."
                )


def _leaves(q: query.Query) -> Iterator[query.Query]:
    if isinstance(q, query.NestedChildren):
        yield from _leaves(q.child)
    elif q.is_leaf():
        yield q
    else:
        for child in q.children():
            yield from _leaves(child)


def _describe(leaf: query.Query) -> str:
    text = getattr(leaf, "text", None)
    if isinstance(leaf, query.Prefix):
        return f"{text}*"
    return text if text is not None else str(leaf)


def highlight_terms(q: query.Query, reader) -> frozenset[str]:
    """Return the analysed words the user looked for in text fields (not under NOT)."""
    words: set[str] = set()
    for leaf in _positive_leaves(q):
        if leaf.field() not in TEXT_FIELDS:
            continue
        if isinstance(leaf, query.Phrase):
            words.update(leaf.words)
        elif isinstance(leaf, query.MultiTerm):
            words.update(decoded(btext) for btext in islice(leaf._btexts(reader), MAX_EXPANSION))
        elif isinstance(leaf, query.Term):
            words.add(decoded(leaf.text))
    return frozenset(words)


def _positive_leaves(q: query.Query) -> Iterator[query.Query]:
    if isinstance(q, query.Not):
        return
    if isinstance(q, query.AndNot):
        yield from _positive_leaves(q.a)
    elif isinstance(q, query.NestedChildren):
        yield from _positive_leaves(q.child)
    elif q.is_leaf():
        yield q
    else:
        for child in q.children():
            yield from _positive_leaves(child)


def decoded(value: str | bytes) -> str:
    """Return an index term as text (Whoosh hands out bytes or str)."""
    return value.decode("utf-8") if isinstance(value, bytes) else value
