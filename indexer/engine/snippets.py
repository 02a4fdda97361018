"""Snippets of item texts as data: the text and the spans of the query's words in it."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from whoosh.highlight import ContextFragmenter, Formatter, Fragment, WholeFragmenter
from whoosh.highlight import highlight as whoosh_highlight

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


def mark_terms(text: str, terms: frozenset[str], whole: bool = False) -> Highlighted | None:
    """Return the text (or its best fragments) with the spans of the terms; None if none occur."""
    if not text or not terms:
        return None
    fragmenter = _WHOLE_FRAGMENTER if whole else _SNIPPET_FRAGMENTER
    marked = whoosh_highlight(text, terms, TEXT_ANALYZER, fragmenter, _FORMATTER, top=2)
    return marked if marked.spans else None


def plain_snippet(text: str) -> Highlighted:
    """Return the start of a text, cut at a word boundary, with nothing marked."""
    if len(text) <= SNIPPET_CHARS:
        return Highlighted(text)
    return Highlighted(text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …")


def item_snippet(
    rationale: str, request: str, terms: frozenset[str], letter_summary: Callable[[], str]
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
