"""The reading side on tantivy: the same public methods and answers as the Whoosh `Corpus`
(indexer.engine.search), computed by tantivy: matches and pages by its queries and collectors,
facet counts and outcome statistics by its terms aggregations."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import NamedTuple

import tantivy
from whoosh import query

from indexer.engine.corpora import open_corpus
from indexer.engine.documents import facet_token, facet_value
from indexer.engine.generations import live_directory
from indexer.engine.query import (
    NO_MARKS,
    Marks,
    check_expansions,
    check_facet_values,
    decoded,
    item_query,
    marks_of,
    parse_text,
    ranks_its_matches,
    scoring_query,
)
from indexer.engine.results import Highlighted, SearchResult, Stats, facet_lists, stored_hit
from indexer.engine.schema import ITEM_KIND, LETTER_KIND
from indexer.engine.search import LRU, MAX_MARKED, SUGGEST_BELOW
from indexer.engine.search_query import ITEM_SCOPE, OLDEST, RELEVANCE, SearchQuery, check_query
from indexer.engine.snippets import item_snippet, mark_terms
from indexer.engine.spelling import suggest_from
from indexer.engine.tantivy_engine import reading
from indexer.engine.tantivy_engine.pack_reading import PackBits, PackSearcher
from indexer.engine.tantivy_engine.store import (
    OpenIndex,
    commit_stamp,
    kind_query,
    open_tantivy,
    stored_fields,
    tantivy_corpus_info,
)
from indexer.engine.tantivy_engine.translate import (
    Translator,
    all_but,
    all_of,
    any_of,
    expanded,
    term,
    unscored,
)
from indexer.errors import QueryError
from indexer.letters.records import Letter
from indexer.limits import MAX_EXPANSION
from indexer.vocab.facets import FACET_NAMES, FACETS_BY_NAME
from indexer.vocab.values import OVERTURNED, UPHELD

# tantivy-py runs each search on one thread (with the GIL released): a search's page is
# fetched on this pool while its counts are made, and a selected facet's own counts beside
# the others', so that one search uses both of a small server's cores.
_SIDE = ThreadPoolExecutor(max_workers=2, thread_name_prefix="tantivy-search")


class TextMatches(NamedTuple):
    """What a search reads of its text, kept per text."""

    ranking: tantivy.Query | None  # what ranks the items (BM25 of the item-text words)
    matches: tantivy.Query  # the items the text matches
    marks: Marks  # the words to highlight
    exact: bool  # the ranking query matches exactly the text's items
    common: bool  # a word of an exact query is held by most items


class TantivyCorpus:
    """An open tantivy index: searched by many requests, replaced by `refreshed()`."""

    def __init__(self, index_dir: Path, opened: OpenIndex):
        info = tantivy_corpus_info(opened)
        self.index_dir = Path(index_dir)
        self.version, self.letters, self.items = info.version, info.letters, info.items
        self.built_at = info.built_at
        self._live, self._generation = opened.folder, info.generation
        self._searcher = opened.index.searcher()
        self._items = kind_query(ITEM_KIND)
        self._lock = threading.RLock()  # guards the caches; tantivy searches run in parallel
        self._known: dict[str, dict[str, int]] | None = None
        self._folded: dict[str, dict[str, str]] = {}
        self._pack: tuple[PackSearcher, PackBits] | None = None
        self._pack_lock = threading.Lock()  # one PackBits made; the caches' lock left free
        self._text_matches = LRU(128)
        self._results = LRU(256)
        self._letters = LRU(256)

    @staticmethod
    def open(index_dir: Path):
        """Open the live index at index_dir with the engine that wrote it."""
        return open_corpus(Path(index_dir))

    def refreshed(self):
        """Return self while the index is unchanged, else the newly opened corpus."""
        try:
            live = live_directory(self.index_dir)
            unchanged = live == self._live and commit_stamp(live) == self._generation
        except OSError:
            unchanged = False
        return self if unchanged else open_corpus(self.index_dir)

    def search(self, search_query: SearchQuery) -> SearchResult:
        """Run a search: total, a page of hits, facet counts and statistics (raises QueryError)."""
        check_query(search_query)
        key = search_query.key()
        with self._lock:
            cached = self._results.lookup(key)
        if cached is None:
            with self._damage_checked():
                cached = self._run(search_query)
            if search_query.per_page <= MAX_MARKED:
                with self._lock:
                    self._results.store(key, cached)
        return cached

    def clear_caches(self) -> None:
        """Forget cached results and parsed queries (kept: the facets' known values)."""
        with self._lock:
            self._results.clear()
            self._text_matches.clear()

    def letter(self, letter_id: str) -> Letter | None:
        """Return the letter with this id, None if the index has none."""
        if not isinstance(letter_id, str) or not 0 < len(letter_id) <= 64:
            return None
        with self._lock:
            cached = self._letters.lookup(letter_id)
        if cached is None:
            wanted = all_of([kind_query(LETTER_KIND), term("letter_id", letter_id)])
            with self._damage_checked():
                hits = self._searcher.search(wanted, 1).hits
                if not hits:
                    return None
                record = stored_fields(self._searcher, hits[0][1])["record"]
            cached = Letter.from_json(record)
            with self._lock:
                self._letters.store(letter_id, cached)
        return cached

    def facet_values(self, name: str) -> list[str]:
        """Return the values of a facet that the index's items carry."""
        return [facet_value(token) for token in self._known_values(name)]

    @contextmanager
    def reading(self) -> Iterator[tuple[PackSearcher, PackBits]]:
        """Yield what the precedent ranking reads: Whoosh's shapes over tantivy (pack_reading);
        searches go on meanwhile (a first pack over a large index reads for seconds)."""
        with self._damage_checked():
            yield self._pack_reading()

    def _pack_reading(self) -> tuple[PackSearcher, PackBits]:
        with self._pack_lock:
            if self._pack is None:
                bits = PackBits(self._searcher, self._live, self.token)
                self._pack = (PackSearcher(self._searcher, bits), bits)
            return self._pack

    def highlight(self, text: str, query_text: str) -> Highlighted:
        """Return the whole text with the spans of the query's words (for letter pages)."""
        try:
            terms = self._matches(query_text.strip()).marks if query_text.strip() else NO_MARKS
        except QueryError:
            terms = NO_MARKS
        return mark_terms(text, terms, whole=True) or Highlighted(text)

    @contextmanager
    def _damage_checked(self) -> Iterator[None]:
        """Turn a failed read into IndexUnavailable when the index on disk is damaged."""
        try:
            yield
        except QueryError:
            raise
        except Exception:
            open_tantivy(self.index_dir)  # raises IndexUnavailable naming the damage
            raise

    # --- facet values --------------------------------------------------------------------

    def _known_values(self, field: str) -> dict[str, int]:
        """Return facet token -> items carrying it, for each value the items carry, in token
        order (as Whoosh's lexicon lists them)."""
        if self._known is None:
            _items, counts = reading.value_counts(self._searcher, self._items, list(FACET_NAMES))
            known = {field: dict(sorted(values.items())) for field, values in counts.items()}
            with self._lock:
                self._known = known
        return self._known[field]

    def token(self, field: str, value: str) -> str:
        """Return the index token of a facet value, matching the user's letter case if need be."""
        token = facet_token(value)
        known = self._known_values(field)
        if token in known:
            return token
        if field not in self._folded:
            self._folded[field] = {value.casefold(): value for value in known}
        return self._folded[field].get(token.casefold(), token)

    def _selection(self, field: str, values: tuple[str, ...]) -> tantivy.Query:
        """Items carrying any of the values; a value standing for several (a brand: its
        ingredients) needs them all."""
        components = FACETS_BY_NAME[field].components
        return any_of(
            [
                all_of([term(field, self.token(field, part)) for part in components(value)])
                for value in values
            ]
        )

    # --- searching -----------------------------------------------------------------------

    def _lexicon(self, field: str, prefix: str) -> list[str]:
        return [word for word, _count in self._searcher.terms_with_prefix(field, prefix)]

    def _matches(self, text: str, scope: str = ITEM_SCOPE) -> TextMatches:
        """Return what the search reads of its text (cached)."""
        with self._lock:
            cached = self._text_matches.lookup((text, scope))
        if cached is None:
            parsed = parse_text(text, scope)
            items = item_query(parsed, self.token)
            expand = partial(expanded, lexicon=self._lexicon)
            check_expansions(items, expand)
            check_facet_values(text, items, self._known_values)
            translator = Translator(self._lexicon, MAX_EXPANSION)
            exact = ranks_its_matches(parsed)
            cached = TextMatches(
                translator.ranking(scoring_query(parsed)),
                translator.matching(items),
                marks_of(parsed, expand),
                exact,
                exact and self._held_by_most(parsed),
            )
            with self._lock:
                self._text_matches.store((text, scope), cached)
        return cached

    def _held_by_most(self, parsed) -> bool:
        """True when a word of the query (an OR of words) is in more than half the items'
        documents: the query then surely matches most items (a guess that only picks the
        cheaper way to count; both count the same)."""
        words = parsed.subqueries if isinstance(parsed, query.Or) else [parsed]
        return any(
            self._searcher.doc_freq(word.fieldname, decoded(word.text)) * 2 > self.items
            for word in words
            if isinstance(word, query.Term)
        )

    def _run(self, search_query: SearchQuery) -> SearchResult:
        text = search_query.text.strip()
        found = self._matches(text, search_query.scope) if text else None
        matches = found.matches if found else self._items
        dates = [
            reading.decided_between(search_query.decided_from, search_query.decided_to)
        ] if search_query.decided_from or search_query.decided_to else []  # fmt: skip
        selections = {
            name: self._selection(name, values)
            for name, values in search_query.filters.items()
            if values
        }
        narrowing = [*dates, *selections.values()]  # what narrows the text's matches
        selected = all_of([matches, *narrowing])
        page = _SIDE.submit(self._page, search_query, found, selected, narrowing)
        if found and found.exact and not narrowing:
            total, counts = (
                self._counts_but(matches)
                if found.common
                else reading.value_counts(self._searcher, matches, list(FACET_NAMES))
            )
        elif found is None and not narrowing:  # every item: counted once, kept
            total = self.items
            counts = {field: self._known_values(field) for field in FACET_NAMES}
        else:
            dated = all_of([matches, *dates]) if dates else matches
            total, counts = self._facet_counts(dated, selections, search_query.filters)
        stats = Stats(
            upheld=counts["decision"].get(UPHELD, 0),
            overturned=counts["decision"].get(OVERTURNED, 0),
        )
        marked = found.marks if found and search_query.per_page <= MAX_MARKED else NO_MARKS
        hits = [self._hit(address, score, marked) for address, score in page.result()]
        suggestion = None
        if text and total < SUGGEST_BELOW:
            suggestion = suggest_from(reading.TantivySpelling(self._searcher), text)
        return SearchResult(
            total=total,
            hits=hits,
            facets=facet_lists(counts, search_query.filters),
            stats=stats,
            corpus_version=self.version,
            query=search_query,
            suggestion=suggestion,
        )

    def _counts_but(self, matches: tantivy.Query) -> tuple[int, dict[str, dict[str, int]]]:
        """Return (items the query matches, facet -> token -> count among them), as every
        item's counts less those of the items it leaves out: a common word's counts then read
        the few items without it instead of the many with it."""
        left_out, fewer_of = reading.value_counts(
            self._searcher, all_but(self._items, matches), list(FACET_NAMES)
        )
        counts = {}
        for field in FACET_NAMES:
            known, fewer = self._known_values(field), fewer_of[field]
            remaining = ((token, items - fewer.get(token, 0)) for token, items in known.items())
            counts[field] = {token: items for token, items in remaining if items}
        return self.items - left_out, counts

    def _facet_counts(
        self, matches: tantivy.Query, selections: dict[str, tantivy.Query], filters
    ) -> tuple[int, dict[str, dict[str, int]]]:
        """Return (items selected, facet -> token -> count), each facet counted without its own
        selection (beside the others' counts); a selected value standing for several index
        values (drug=norco) is counted too."""
        bases = {  # the items a selected facet's own counts are made over
            field: all_of([matches, *(q for name, q in selections.items() if name != field)])
            for field in selections
        }
        own = {
            field: _SIDE.submit(reading.field_counts, self._searcher, base, field)
            for field, base in bases.items()
            if len(selections) > 1 or matches is not self._items
        }
        unselected = [name for name in FACET_NAMES if name not in selections]
        selected = all_of([matches, *selections.values()])
        total, counts = reading.value_counts(self._searcher, selected, unselected)
        for field, values in filters.items():
            if field in selections:
                counts[field] = (
                    own[field].result() if field in own else dict(self._known_values(field))
                )
            for value in values:
                if FACETS_BY_NAME[field].components(value) != (value,) and (
                    self.token(field, value) not in self._known_values(field)
                ):
                    both = all_of([bases.get(field, matches), self._selection(field, (value,))])
                    counts[field][facet_token(value)] = reading.count(self._searcher, both)
        return total, counts

    def _page(
        self, search_query: SearchQuery, found: TextMatches | None, selected, narrowing: list
    ) -> reading.Page:
        """Return (address, score) of the page's items, in the query's order; a ranking query
        that matches exactly the text's items is ranked within the narrowing alone, so the
        text is not evaluated twice."""
        start = (search_query.page - 1) * search_query.per_page
        end = start + search_query.per_page
        if start == end:
            return []
        if found is None or found.ranking is None or search_query.sort != RELEVANCE:
            newest = search_query.sort != OLDEST
            addresses = reading.in_date_order(self._searcher, selected, newest, end)
            return [(address, 0.0) for address in addresses[start:]]
        if found.exact:
            ranked = (
                all_of([unscored(all_of(narrowing)), found.ranking]) if narrowing else found.ranking
            )
            return reading.top_scored(self._searcher, ranked, end)[start:]
        return reading.best_scored(self._searcher, selected, found.ranking, end)[start:]

    def _hit(self, address: tantivy.DocAddress, score: float, marks: Marks):
        """Return the hit for an item document, its snippet marked with the words."""
        stored = stored_fields(self._searcher, address)
        rationale, request = stored.get("rationale", ""), stored.get("request", "")
        summary = partial(self._letter_summary, stored["letter_id"])
        return stored_hit(stored, score, item_snippet(rationale, request, marks, summary))

    def _letter_summary(self, letter_id: str) -> str:
        letter = self.letter(letter_id)
        return letter.summary if letter else ""
