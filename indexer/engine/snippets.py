"""Snippets of item texts as data: the text and the spans of the query's words in it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from whoosh.analysis import Token
from whoosh.highlight import (
    FIRST,
    BasicFragmentScorer,
    ContextFragmenter,
    Formatter,
    Fragment,
    WholeFragmenter,
    set_matched_filter,
    set_matched_filter_phrases,
    top_fragments,
)

from indexer.engine.query import Marks
from indexer.engine.results import Highlighted
from indexer.engine.schema import TEXT_ANALYZER

SNIPPET_CHARS = 240
FRAGMENT_GAP = " … "  # between the two best fragments of one text


def _fragment_spans(fragment: Fragment) -> list[tuple[int, int]]:
    """Return the fragment's matched words as offsets into its own text, first match kept
    where tokens overlap (longest first), as Whoosh's formatters do."""
    spans, index = [], fragment.startchar
    by_position = sorted(fragment.matches, key=lambda token: (token.startchar, -token.endchar))
    for token in by_position:
        if token.startchar is None or token.startchar < index:
            continue
        end = min(token.endchar, fragment.endchar)
        spans.append((token.startchar - fragment.startchar, end - fragment.startchar))
        index = token.endchar
    return spans


class _SpanFormatter(Formatter):
    """Joins the best fragments into one Highlighted instead of a marked-up string."""

    def format(self, fragments: Iterable[Fragment], replace: bool = False) -> Highlighted:
        """Return the fragments' texts joined by FRAGMENT_GAP, with their matched words' spans."""
        text, spans = "", []
        for fragment in fragments:
            text += FRAGMENT_GAP if text else ""
            offset = len(text)
            spans += [(offset + start, offset + end) for start, end in _fragment_spans(fragment)]
            text += fragment.text[fragment.startchar : fragment.endchar]
        return Highlighted(text, tuple(spans))


_FORMATTER = _SpanFormatter()
_SNIPPET_FRAGMENTER = ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
_WHOLE_FRAGMENTER = WholeFragmenter(charlimit=None)
_SCORER = BasicFragmentScorer()


def mark_terms(text: str, marks: Marks, whole: bool = False) -> Highlighted | None:
    """Return the text (or its best fragments) with the spans of the marks; None if none occur."""
    if not text or not marks:
        return None
    fragmenter = _WHOLE_FRAGMENTER if whole else _SNIPPET_FRAGMENTER
    fragments = fragmenter.fragment_tokens(text, _matched_tokens(text, marks))
    marked = _FORMATTER(text, top_fragments(fragments, 2, _SCORER, FIRST, 1))
    return marked if marked.spans else None


def _matched_tokens(text: str, marks: Marks) -> Iterator[Token]:
    """The text's tokens, `matched` when a marked word, or a word of a marked phrase's match."""
    tokens = TEXT_ANALYZER(text, chars=True, mode="query", removestops=False)
    if not marks.phrases:
        return set_matched_filter(tokens, marks.words)
    return (
        _or_word(token, marks.words)
        for token in set_matched_filter_phrases(tokens, text, (), marks.phrases)
    )


def _or_word(token: Token, words: frozenset[str]) -> Token:
    """The token, matched also when it is one of the words."""
    token.matched = token.matched or token.text in words
    return token


def plain_snippet(text: str) -> Highlighted:
    """Return the start of a text, cut at a word boundary, with nothing marked."""
    if len(text) <= SNIPPET_CHARS:
        return Highlighted(text)
    return Highlighted(text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …")


def item_snippet(
    rationale: str, request: str, terms: Marks, letter_summary: Callable[[], str]
) -> Highlighted:
    """Return the marked rationale, request or letter summary (the first that has the terms),
    else the plain start of the rationale or request; the summary is fetched only if needed."""
    for text in (rationale, request):
        marked = mark_terms(text, terms)
        if marked:
            return marked
    if terms:
        marked = mark_terms(letter_summary(), terms)
        if marked:
            return marked
    return plain_snippet(rationale or request)
