"""The reading side: a corpus opened once per worker answers searches, letters and highlights."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from whoosh.searching import Searcher

from indexer.engine.corpora import open_corpus
from indexer.engine.documents import facet_value
from indexer.engine.facets import FacetBits, combined_value_counts, facet_counts
from indexer.engine.generations import live_directory
from indexer.engine.matching import query_bits
from indexer.engine.postings import docnums_bits
from indexer.engine.query import (
    NO_MARKS,
    Marks,
    check_cost,
    check_facet_values,
    highlight_terms,
    item_query,
    parse_text,
    scoring_query,
)
from indexer.engine.ranking import in_date_order, top_scored
from indexer.engine.results import (
    Highlighted,
    Hit,
    SearchResult,
    Stats,
    facet_lists,
    stored_hit,
)
from indexer.engine.schema import LETTER_KIND
from indexer.engine.search_query import (
    ITEM_SCOPE,
    OLDEST,
    RELEVANCE,
    SearchQuery,
    check_query,
)
from indexer.engine.snippets import item_snippet, mark_terms
from indexer.engine.spelling import suggest_text
from indexer.engine.store import corpus_info, open_index
from indexer.errors import QueryError
from indexer.letters.records import Letter
from indexer.vocab.values import OVERTURNED, UPHELD

MAX_MARKED = 100  # larger pages (CSV, feeds) get unmarked snippets and are not cached
SUGGEST_BELOW = 3  # results under which misspelled query words get a "did you mean"


class LRU(OrderedDict):
    """A small least-recently-used cache."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def lookup(self, key):
        """Return the value cached for key (now the most recent), None if there is none."""
        if key in self:
            self.move_to_end(key)
            return self[key]
        return None

    def store(self, key, value):
        """Cache value under key, forgetting the least recent entry when full; return value."""
        self[key] = value
        if len(self) > self.size:
            self.popitem(last=False)
        return value


class Corpus:
    """An open index: searched by many requests, replaced by `refreshed()` after a rebuild."""

    def __init__(self, index_dir: Path, ix):
        info = corpus_info(ix)
        self.index_dir = Path(index_dir)
        self.version, self.letters, self.items = info.version, info.letters, info.items
        self.built_at = info.built_at
        self._ix, self._generation = ix, info.generation
        self._live = live_directory(self.index_dir)
        self._searcher = ix.searcher()
        self._lock = threading.RLock()
        self._bits: FacetBits | None = None
        self._text_matches = LRU(128)
        self._results = LRU(256)
        self._letters = LRU(256)

    @staticmethod
    def open(index_dir: Path) -> Corpus:
        """Open the live index at index_dir with the engine that wrote it (a Whoosh index is
        a Corpus, a tantivy one a TantivyCorpus: the same methods); raises IndexUnavailable."""
        return open_corpus(Path(index_dir))

    def refreshed(self) -> Corpus:
        """Return self while the index is unchanged, else the newly opened corpus."""
        try:
            unchanged = (
                live_directory(self.index_dir) == self._live
                and self._ix.latest_generation() == self._generation
            )
        except OSError:
            unchanged = False
        return self if unchanged else open_corpus(self.index_dir)

    def search(self, search_query: SearchQuery) -> SearchResult:
        """Run a search: total, a page of hits, facet counts and statistics (raises QueryError)."""
        check_query(search_query)
        key = search_query.key()
        with self._lock, self._damage_checked():
            cached = self._results.lookup(key)
            if cached is None:
                cached = self._run(search_query)
                if search_query.per_page <= MAX_MARKED:
                    self._results.store(key, cached)
            return cached

    def clear_caches(self) -> None:
        """Forget cached results and term bitsets (kept: per-value facet bitsets)."""
        with self._lock:
            self._results.clear()
            self._text_matches.clear()
            if self._bits is not None:
                self._bits.clear_terms()

    def letter(self, letter_id: str) -> Letter | None:
        """Return the letter with this id, None if the index has none."""
        if not isinstance(letter_id, str) or not 0 < len(letter_id) <= 64:
            return None
        with self._lock, self._damage_checked():
            cached = self._letters.lookup(letter_id)
            if cached is None:
                docnum = self._searcher.document_number(letter_id=letter_id, kind=LETTER_KIND)
                if docnum is None:
                    return None
                record = self._searcher.stored_fields(docnum)["record"]
                cached = self._letters.store(letter_id, Letter.from_json(record))
            return cached

    def facet_values(self, name: str) -> list[str]:
        """Return the values of a facet that the index's items carry."""
        with self.reading() as (_searcher, bits):
            return [facet_value(token) for token in bits.values(name)]

    @contextmanager
    def reading(self) -> Iterator[tuple[Searcher, FacetBits]]:
        """Yield (searcher, facet bits) under the lock; a damaged index raises IndexUnavailable."""
        with self._lock, self._damage_checked():
            yield self._searcher, self._facet_bits()

    @contextmanager
    def _damage_checked(self) -> Iterator[None]:
        """Turn a failed read of the open index into IndexUnavailable when the index on disk
        is damaged (e.g. a truncated segment file); other errors pass through unchanged."""
        try:
            yield
        except QueryError:
            raise
        except Exception:
            open_index(self.index_dir)  # raises IndexUnavailable naming the damage
            raise

    def highlight(self, text: str, query_text: str) -> Highlighted:
        """Return the whole text with the spans of the query's words (for letter pages)."""
        try:
            with self._lock:
                terms = self._matches(query_text.strip())[2] if query_text.strip() else NO_MARKS
        except QueryError:
            terms = NO_MARKS
        return mark_terms(text, terms, whole=True) or Highlighted(text)

    def _facet_bits(self) -> FacetBits:
        if self._bits is None:
            self._bits = FacetBits(self._searcher)
        return self._bits

    def _matches(self, text: str, scope: str = ITEM_SCOPE) -> tuple:
        """Return (ranking query, bitset of matching items, words to highlight) for text."""
        cached = self._text_matches.lookup((text, scope))
        if cached is None:
            bits = self._facet_bits()
            parsed = parse_text(text, scope)
            reader = self._searcher.reader()
            items = item_query(parsed, bits.token)
            check_cost(items, reader)
            check_facet_values(text, items, bits.values)
            matches = query_bits(items, bits, self._searcher)
            cached = (scoring_query(parsed), matches, highlight_terms(parsed, reader))
            self._text_matches.store((text, scope), cached)
        return cached

    def _run(self, search_query: SearchQuery) -> SearchResult:
        bits = self._facet_bits()
        text = search_query.text.strip()
        ranking, matches, terms = (
            self._matches(text, search_query.scope) if text else (None, bits.items, NO_MARKS)
        )
        if search_query.decided_from or search_query.decided_to:
            matches &= bits.decided_between(search_query.decided_from, search_query.decided_to)
        selections = {
            name: bits.selection(name, values)
            for name, values in search_query.filters.items()
            if values
        }
        selected = matches
        for selection in selections.values():
            selected &= selection
        counts = facet_counts(bits, matches, selections)
        for field, combined in combined_value_counts(
            bits, matches, selections, search_query.filters
        ).items():
            counts[field].update(combined)
        # The outcomes ignore a Decision selection, as its facet counts do (never a bare 100%).
        stats = Stats(
            upheld=counts["decision"].get(UPHELD, 0),
            overturned=counts["decision"].get(OVERTURNED, 0),
        )
        total = selected.bit_count()
        ranked = self._page(search_query, ranking, selected, total)
        marked = terms if search_query.per_page <= MAX_MARKED else NO_MARKS
        hits = [self._hit(docnum, score, marked) for docnum, score in ranked]
        suggestion = suggest_text(self._searcher, text) if text and total < SUGGEST_BELOW else None
        return SearchResult(
            total=total,
            hits=hits,
            facets=facet_lists(counts, search_query.filters),
            stats=stats,
            corpus_version=self.version,
            query=search_query,
            suggestion=suggestion,
        )

    def _page(self, search_query: SearchQuery, ranking, selected: int, total: int) -> list:
        """Return (docnum, score) of the page's items, in the query's order."""
        start = (search_query.page - 1) * search_query.per_page
        end = start + search_query.per_page
        if start >= total or start == end:
            return []
        if ranking is None or search_query.sort != RELEVANCE:
            newest = search_query.sort != OLDEST
            docnums = in_date_order(self._facet_bits(), selected, newest, end)
            return [(docnum, 0.0) for docnum in docnums[start:]]
        return self._ranked(ranking, selected, end)[start:]

    def _ranked(self, ranking, selected: int, end: int) -> list:
        """Return the first `end` items by score, then the unscored ones newest first."""
        bits = self._facet_bits()
        ranked = top_scored(self._searcher, bits.postings, ranking, selected, end)
        if len(ranked) < end:
            unscored = selected & ~docnums_bits((docnum for docnum, _ in ranked), bits.size)
            ranked += [(docnum, 0.0) for docnum in in_date_order(bits, unscored, True, end)]
        return ranked[:end]

    def _hit(self, docnum: int, score: float, terms: Marks) -> Hit:
        """Return the hit for an item document, its snippet marked with the terms."""
        stored = self._searcher.stored_fields(docnum)
        return stored_hit(stored, score, self._snippet(stored, terms))

    def _snippet(self, stored: dict, terms: Marks) -> Highlighted:
        """Return an item's snippet; its letter's summary is read only when needed."""
        rationale, request = stored.get("rationale", ""), stored.get("request", "")
        summary = partial(self._letter_summary, stored["letter_id"])
        return item_snippet(rationale, request, terms, summary)

    def _letter_summary(self, letter_id: str) -> str:
        """Return a letter's summary, "" if the index has no such letter."""
        letter = self.letter(letter_id)
        return letter.summary if letter else ""
