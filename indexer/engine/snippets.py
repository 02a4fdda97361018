"""Snippets of item texts: escaped HTML with the query's words in <mark>, or a plain start."""

from __future__ import annotations

import html
from collections.abc import Callable

from whoosh.highlight import ContextFragmenter, Formatter, WholeFragmenter, get_text
from whoosh.highlight import highlight as whoosh_highlight

from indexer.engine.schema import TEXT_ANALYZER

SNIPPET_CHARS = 240


class _MarkFormatter(Formatter):
    """Escapes the text and wraps matched words in <mark>, the only markup it emits."""

    between = " … "

    def _text(self, text: str) -> str:
        return html.escape(text)

    def format_token(self, text: str, token, replace: bool = False) -> str:
        """Return one matched word, escaped, inside <mark>."""
        return f"<mark>{html.escape(get_text(text, token, replace))}</mark>"


_FORMATTER = _MarkFormatter()
_SNIPPET_FRAGMENTER = ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
_WHOLE_FRAGMENTER = WholeFragmenter(charlimit=None)


def mark_terms(text: str, terms: frozenset[str], whole: bool = False) -> str:
    """Return escaped text (or its best fragments) with <mark> around the terms; "" if none."""
    if not text or not terms:
        return ""
    fragmenter = _WHOLE_FRAGMENTER if whole else _SNIPPET_FRAGMENTER
    return whoosh_highlight(text, terms, TEXT_ANALYZER, fragmenter, _FORMATTER, top=2)


def plain_snippet(text: str) -> str:
    """Return the escaped start of a text, cut at a word boundary."""
    if len(text) <= SNIPPET_CHARS:
        return html.escape(text)
    return html.escape(text[:SNIPPET_CHARS].rsplit(" ", 1)[0]) + " …"


def item_snippet(
    rationale: str, request: str, terms: frozenset[str], letter_summary: Callable[[], str]
) -> str:
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
