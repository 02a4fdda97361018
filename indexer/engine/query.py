"""The user's query text -> a bounded Whoosh query over item documents, or a QueryError."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import NamedTuple

from whoosh import query
from whoosh.qparser import MultifieldParser

from indexer.engine.schema import (
    ITEM_KIND,
    ITEM_TEXT_FIELDS,
    LETTER_KIND,
    LETTER_TEXT_FIELDS,
    SCHEMA,
)
from indexer.engine.search_query import ITEM_SCOPE, LETTER_SCOPE
from indexer.engine.syntax import ID_FIELDS, TEXT_FIELDS, check_syntax
from indexer.engine.whoosh_internals import expanded_words
from indexer.errors import QueryError
from indexer.limits import MAX_EXPANSION
from indexer.vocab.facets import FACET_NAMES, FACETS_BY_NAME

ITEMS = query.Term("kind", ITEM_KIND)
LETTERS = query.Term("kind", LETTER_KIND)

# A case number as people paste it: CM17-0008519, cm17-0008519, CM17 0008519, CM170008519, or
# without its prefix, 17-0008519 (the prefix is then CM, that of every published IMR letter).
# Nine bare digits are not taken for one. An item id adds the item's number: CM17-0008519-2.
_CASE_NUMBER = (
    r"(?:(?P<prefix>[A-Za-z]{2,3}) ?(?P<year>\d{2})[- ]?|(?P<bare>\d{2})-)(?P<serial>\d{7})"
)
_CASE = re.compile(_CASE_NUMBER)
_ITEM_ID = re.compile(_CASE_NUMBER + r"(?P<item>-\d+)")
DEFAULT_CASE_PREFIX = "CM"
# Plain words are looked for in these fields, by scope; a field name reaches any text field.
_PARSERS = {
    ITEM_SCOPE: MultifieldParser(list(ITEM_TEXT_FIELDS), SCHEMA),
    LETTER_SCOPE: MultifieldParser(list(TEXT_FIELDS), SCHEMA),
}

ValueResolver = Callable[[str, str], str]  # (facet field, user's value) -> index token
Expander = Callable[[query.MultiTerm], Iterable[str | bytes]]  # a wildcard -> its index words


def canonical_case_number(text: str) -> str | None:
    """Return the case number text stands for, as letters print it (CM17-0008519), else None."""
    match = _CASE.fullmatch(text.strip())
    return _case_number_of(match) if match else None


def _case_number_of(match: re.Match) -> str:
    prefix = (match["prefix"] or DEFAULT_CASE_PREFIX).upper()
    return f"{prefix}{match['year'] or match['bare']}-{match['serial']}"


def _canonical_id(text: str) -> str:
    """Return a case number or item id in the index's spelling (other ids unchanged)."""
    item = _ITEM_ID.fullmatch(text)
    if item:
        return _case_number_of(item) + item["item"]
    return canonical_case_number(text) or text


def parse_text(text: str, scope: str = ITEM_SCOPE) -> query.Query:
    """Return Whoosh's reading of checked query text, plain words in the scope's fields; a
    case number alone stands for its letter's items."""
    case_number = canonical_case_number(text)
    if case_number:
        return query.Term("case_number", case_number)
    check_syntax(text)
    parsed = _PARSERS[scope].parse(text)
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
    for leaf in _leaves(parsed, positive=True):
        if leaf.field() not in ITEM_TEXT_FIELDS:
            continue
        if isinstance(leaf, query.Phrase):
            leaves.extend(query.Term(leaf.fieldname, word) for word in leaf.words)
        else:
            leaves.append(leaf)
    return query.Or(leaves) if leaves else None


def ranks_its_matches(parsed: query.Query) -> bool:
    """True when the query is item-text words only, any of them (no AND, NOT, phrase or letter
    field): its scoring query then matches exactly the items it matches."""
    leaves = parsed.subqueries if isinstance(parsed, query.Or) else [parsed]
    return all(isinstance(leaf, (query.Term, query.MultiTerm))
               and leaf.field() in ITEM_TEXT_FIELDS for leaf in leaves)


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
        return _facet_value_query(field, ", ".join(leaf.words), resolve, leaf.boost)
    if field in FACET_NAMES and isinstance(leaf, query.Term):
        return _facet_value_query(field, leaf.text, resolve, leaf.boost)
    if field in ID_FIELDS and isinstance(leaf, query.Term):
        return query.Term(field, _canonical_id(leaf.text), boost=leaf.boost)
    return leaf


def _facet_value_query(
    field: str, value: str, resolve: ValueResolver, boost: float
) -> query.Query:
    """Return the query for a facet value: every index value it stands for (Norco: both
    hydrocodone and acetaminophen); a renamed or split value, any of its successors."""
    if successors := FACETS_BY_NAME[field].successors(value):
        return query.Or([_facet_value_query(field, name, resolve, boost) for name in successors])
    terms = [
        query.Term(field, resolve(field, part), boost=boost)
        for part in FACETS_BY_NAME[field].components(value)
    ]
    return terms[0] if len(terms) == 1 else query.And(terms)


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
    check_expansions(q, lambda leaf: expanded_words(leaf, reader))


def check_expansions(q: query.Query, expand: Expander) -> None:
    """Raise QueryError when a wildcard, prefix or range stands for too many index words
    (`expand` lists the index words a leaf stands for: each engine reads its own lexicon)."""
    for leaf in _leaves(q):
        if isinstance(leaf, query.MultiTerm):
            expansion = sum(1 for _ in islice(expand(leaf), MAX_EXPANSION + 1))
            if expansion > MAX_EXPANSION:
                raise QueryError(
                    f"'{_describe(leaf)}' matches more than {MAX_EXPANSION} different words; "
                    "type more letters before the wildcard."
                )


def _leaves(q: query.Query, positive: bool = False) -> Iterator[query.Query]:
    """Yield the query's leaves; with `positive`, skip those under NOT (what is looked for)."""
    if positive and isinstance(q, query.Not):
        return
    if positive and isinstance(q, query.AndNot):
        yield from _leaves(q.a, positive)
    elif isinstance(q, query.NestedChildren):
        yield from _leaves(q.child, positive)
    elif q.is_leaf():
        yield q
    else:
        for child in q.children():
            yield from _leaves(child, positive)


def _describe(leaf: query.Query) -> str:
    text = getattr(leaf, "text", None)
    if isinstance(leaf, query.Prefix):
        return f"{text}*"
    return text if text is not None else str(leaf)


class PhraseMark(NamedTuple):
    """A phrase to mark only where its analysed words occur together (within `slop`)."""

    words: list[str]  # a list: Whoosh's phrase highlighter compares slices of a list
    slop: int


@dataclass(frozen=True)
class Marks:
    """What the user looked for in text: words to mark anywhere, phrases only as phrases."""

    words: frozenset[str] = frozenset()
    phrases: tuple[PhraseMark, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases)


NO_MARKS = Marks()


def highlight_terms(q: query.Query, reader) -> Marks:
    """Return the analysed words and phrases the user looked for in text fields (not under NOT)."""
    return marks_of(q, lambda leaf: expanded_words(leaf, reader))


def marks_of(q: query.Query, expand: Expander) -> Marks:
    """Return the words and phrases to mark, a wildcard's words listed by `expand`."""
    words: set[str] = set()
    phrases: list[PhraseMark] = []
    for leaf in _leaves(q, positive=True):
        if leaf.field() not in TEXT_FIELDS:
            continue
        if isinstance(leaf, query.Phrase):
            phrases.append(PhraseMark(list(leaf.words), leaf.slop))
        elif isinstance(leaf, query.MultiTerm):
            words.update(
                decoded(btext) for btext in islice(expand(leaf), MAX_EXPANSION)
            )
        elif isinstance(leaf, query.Term):
            words.add(decoded(leaf.text))
    return Marks(frozenset(words), tuple(phrases))


def decoded(value: str | bytes) -> str:
    """Return an index term as text (Whoosh hands out bytes or str)."""
    return value.decode("utf-8") if isinstance(value, bytes) else value
