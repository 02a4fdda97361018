"""The project's parsed query (Whoosh query objects from `indexer.engine.query`) -> tantivy
queries: what matches (no scores) and what ranks, so syntax, checks and errors stay the same.

A letter-field part (`LetterChildren`) is the same query on items, which index their letter's
summary and documents. Wildcards, prefixes and ranges become the index words they stand for,
read from tantivy's term dictionary and bounded like Whoosh's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import tantivy
from whoosh import query

from indexer.engine.query import LetterChildren, decoded
from indexer.engine.tantivy_engine.schema import SCHEMA_TANTIVY

Must, Should, MustNot = tantivy.Occur.Must, tantivy.Occur.Should, tantivy.Occur.MustNot
Lexicon = Callable[[str, str], list[str]]  # (field, prefix) -> the index words with that prefix


def term(field: str, text: str) -> tantivy.Query:
    """Return the query for one index word of a field."""
    return tantivy.Query.term_query(SCHEMA_TANTIVY, field, text)


def all_of(queries: list[tantivy.Query]) -> tantivy.Query:
    """Return the documents every query matches."""
    return tantivy.Query.boolean_query([(Must, q) for q in queries])


def any_of(queries: list[tantivy.Query]) -> tantivy.Query:
    """Return the documents some query matches (none when there are no queries)."""
    if not queries:
        return tantivy.Query.empty_query()
    return tantivy.Query.boolean_query([(Should, q) for q in queries])


def all_but(wanted: tantivy.Query, unwanted: tantivy.Query) -> tantivy.Query:
    """Return the documents `wanted` matches and `unwanted` does not."""
    return tantivy.Query.boolean_query([(Must, wanted), (MustNot, unwanted)])


def unscored(q: tantivy.Query) -> tantivy.Query:
    """Return the query matching the same documents with a score of 0."""
    return tantivy.Query.const_score_query(q, 0.0)


def expanded(leaf: query.MultiTerm, lexicon: Lexicon) -> Iterator[str]:
    """Yield the index words a wildcard, prefix or range stands for, in lexicon order."""
    field = leaf.field()
    if isinstance(leaf, query.Prefix):
        yield from sorted(lexicon(field, leaf.text))
    elif isinstance(leaf, query.Wildcard):
        prefix = re.split(r"[*?]", leaf.text, maxsplit=1)[0]
        pattern = re.compile(
            "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in leaf.text),
            re.S,
        )
        yield from (w for w in sorted(lexicon(field, prefix)) if pattern.fullmatch(w))
    elif isinstance(leaf, query.TermRange):
        start, end = decoded(leaf.start or ""), decoded(leaf.end or "")
        prefix = _common_prefix(start, end) if leaf.end is not None else start[:0]
        for word in sorted(lexicon(field, prefix)):
            if _in_range(word, leaf, start, end):
                yield word
    else:
        raise TypeError(f"no expansion for {type(leaf).__name__}")


def _common_prefix(start: str, end: str) -> str:
    length = 0
    while length < min(len(start), len(end)) and start[length] == end[length]:
        length += 1
    return start[:length]


def _in_range(word: str, leaf: query.TermRange, start: str, end: str) -> bool:
    if leaf.start is not None and (word < start or (leaf.startexcl and word == start)):
        return False
    return leaf.end is None or word < end or (word == end and not leaf.endexcl)


class Translator:
    """Turns one search's parsed query into tantivy queries over one searcher's lexicon."""

    def __init__(self, lexicon: Lexicon, limit: int):
        self._lexicon, self._limit = lexicon, limit

    def words(self, leaf: query.MultiTerm) -> list[str]:
        """Return the index words of a wildcard, prefix or range (at most `limit`)."""
        return list(expanded(leaf, self._lexicon))[: self._limit]

    def matching(self, q: query.Query) -> tantivy.Query:
        """Return the tantivy query matching the documents the project's evaluator matches."""
        if isinstance(q, LetterChildren):
            return self.matching(q.child)
        if isinstance(q, query.And):
            return all_of([self.matching(child) for child in q.subqueries])
        if isinstance(q, query.Or):
            return any_of([self.matching(child) for child in q.subqueries])
        if isinstance(q, query.Not):
            return all_but(tantivy.Query.all_query(), self.matching(q.query))
        if isinstance(q, query.AndNot):
            return all_but(self.matching(q.a), self.matching(q.b))
        if isinstance(q, query.AndMaybe):
            return self.matching(q.a)
        return self.leaf(q)

    def leaf(self, q: query.Query) -> tantivy.Query:
        """Return the tantivy query of one leaf: a word, phrase, wildcard, everything, nothing."""
        if isinstance(q, query.Term):
            return term(q.fieldname, decoded(q.text))
        if isinstance(q, query.Phrase):
            return self._phrase(q)
        if isinstance(q, query.MultiTerm):
            words = self.words(q)
            if not words:
                return tantivy.Query.empty_query()
            return tantivy.Query.term_set_query(SCHEMA_TANTIVY, q.field(), words)
        if isinstance(q, query.Every):
            return tantivy.Query.all_query()
        if q is query.NullQuery:
            return tantivy.Query.empty_query()
        raise TypeError(f"no tantivy query for {type(q).__name__}")

    def _phrase(self, q: query.Phrase) -> tantivy.Query:
        words = [decoded(word) for word in q.words]
        if len(words) == 1:
            return term(q.fieldname, words[0])
        # Whoosh's slop 1 is adjacent words, tantivy's 0. A wider Whoosh slop bounds each gap,
        # tantivy's bounds their sum: given the whole budget, tantivy may match a few more.
        slop = (q.slop - 1) * (len(words) - 1)
        return tantivy.Query.phrase_query(SCHEMA_TANTIVY, q.fieldname, words, slop=slop)

    def ranking(self, q: query.Query | None) -> tantivy.Query | None:
        """Return the scoring query of the project's ranking query (an OR of item-text leaves):
        BM25 per word; a wildcard's words score a constant, as Whoosh's do."""
        if q is None:
            return None
        leaves = q.subqueries if isinstance(q, query.Or) else [q]
        scored = []
        for leaf in leaves:
            found = self.leaf(leaf)
            if isinstance(leaf, query.MultiTerm):
                found = tantivy.Query.const_score_query(found, 1.0)
            if leaf.boost != 1:
                found = tantivy.Query.boost_query(found, leaf.boost)
            scored.append(found)
        return any_of(scored)
