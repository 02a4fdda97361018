""""Did you mean": query words the index lacks, replaced by the nearest words its letters use.

Corrections come from the index's own terms (Whoosh's corrector over the stored item text
fields' lexicons, stemmed as indexed) and are shown as a word a letter actually contains.
The work is bounded: a few words per query, candidates sharing the word's first letter.
"""

from __future__ import annotations

import re
from typing import Protocol

from whoosh.searching import Searcher
from whoosh.support.levenshtein import distance

from indexer.engine.facets import posting_docnums
from indexer.engine.schema import TEXT_ANALYZER

SUGGEST_FIELDS = ("request", "rationale")  # stored, so a stem can be shown as a word
MAX_CORRECTED = 6  # query words looked up; a longer query's later words are left as typed
MAX_EDITS = 2  # letters changed, added, dropped or swapped
CANDIDATES = 3  # index terms considered per field and form of a word
SHARED_PREFIX = 1  # first letters a correction keeps (bounds the lexicon walk)
MIN_LETTERS = 4  # shorter words are left alone (too many near neighbours)
OPERATORS = frozenset({"AND", "OR", "NOT", "TO"})
# A plain word: not a field name (word:), a field value (:word), nor part of a wildcard.
_WORD = re.compile(r"(?<![:\w*?])[A-Za-z][A-Za-z']+(?![\w:*?])")


class SpellingSource(Protocol):
    """What corrections are read from: an engine's lexicons and stored item texts."""

    def holds(self, field: str, stem: str) -> bool:
        """True when some document holds the index word in the field."""

    def near(self, field: str, word: str) -> list[str]:
        """Up to CANDIDATES index words within MAX_EDITS of word sharing its first letter."""

    def doc_frequency(self, field: str, stem: str) -> int:
        """The number of documents holding the index word in the field."""

    def first_text(self, field: str, stem: str) -> str:
        """The stored field text of the first document holding the index word ("": none)."""


class _WhooshSpelling:
    """A Whoosh searcher as a SpellingSource."""

    def __init__(self, searcher: Searcher):
        self._searcher, self._reader = searcher, searcher.reader()

    def holds(self, field: str, stem: str) -> bool:
        return (field, stem) in self._reader

    def near(self, field: str, word: str) -> list[str]:
        return self._searcher.corrector(field).suggest(
            word, limit=CANDIDATES, maxdist=MAX_EDITS, prefix=SHARED_PREFIX
        )

    def doc_frequency(self, field: str, stem: str) -> int:
        return self._reader.doc_frequency(field, stem)

    def first_text(self, field: str, stem: str) -> str:
        for docnum in posting_docnums(self._reader, field, stem):
            return self._searcher.stored_fields(docnum).get(field, "")
        return ""


def suggest_text(searcher: Searcher, text: str) -> str | None:
    """Return text with its misspelled words corrected, None when there is nothing to correct."""
    return suggest_from(_WhooshSpelling(searcher), text)


def suggest_from(source: SpellingSource, text: str) -> str | None:
    """Return text with its misspelled words corrected from source, None if nothing to correct."""
    corrected, pieces, index = False, [], 0
    for match in list(_WORD.finditer(text))[:MAX_CORRECTED]:
        word = match.group()
        replacement = None
        if word not in OPERATORS and len(word) >= MIN_LETTERS:
            replacement = _correction(source, word)
        if replacement:
            pieces += [text[index : match.start()], replacement]
            index, corrected = match.end(), True
    return "".join(pieces) + text[index:] if corrected else None


def _correction(source: SpellingSource, word: str) -> str | None:
    """The nearest word the letters use to word (as typed, and as stemmed); None when word is
    indexed or nothing is near. Nearest by letters changed, then by documents holding it."""
    stems, typed = TEXT_ANALYZER.words(word), word.lower()
    if len(stems) != 1 or any(source.holds(field, stems[0]) for field in SUGGEST_FIELDS):
        return None
    candidates = []
    for field in SUGGEST_FIELDS:
        for term in {stems[0], typed}:
            for found in source.near(field, term):
                shown = _surface_word(source.first_text(field, found), found)
                edits = distance(shown, typed) if shown else MAX_EDITS + 1
                if edits <= MAX_EDITS:
                    candidates.append((-edits, source.doc_frequency(field, found), shown))
    return max(candidates)[2] if candidates else None


def _surface_word(stored: str, stem: str) -> str | None:
    """A word (lower-cased) of the stored text whose index form is stem."""
    for match in TEXT_ANALYZER.expression.finditer(stored):
        if TEXT_ANALYZER.words(match.group()) == [stem]:
            return match.group().lower()
    return None
