"""What a search asks: free text, facet selections, order and page, and their checks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from indexer.errors import QueryError
from indexer.limits import PER_PAGE, RESULT_WINDOW
from indexer.vocab.facets import FACET_NAMES

RELEVANCE, NEWEST, OLDEST = "relevance", "newest", "oldest"
SORT_LABELS: Mapping[str, str] = {
    RELEVANCE: "Relevance",
    NEWEST: "Newest first",
    OLDEST: "Oldest first",
}
SORTS = tuple(SORT_LABELS)  # the orders the engine offers
MAX_PER_PAGE = RESULT_WINDOW
MAX_DEPTH = RESULT_WINDOW  # page * per_page: deeper pages are refused, not computed


@dataclass(frozen=True)
class SearchQuery:
    """One search: free text, facet selections (OR within a facet, AND across), order, page."""

    text: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = RELEVANCE
    page: int = 1
    per_page: int = PER_PAGE

    def key(self) -> tuple:
        """Return a hashable canonical form: same search, same key."""
        filters = tuple(
            (name, tuple(sorted(set(values))))
            for name, values in sorted(self.filters.items())
            if values
        )
        return (self.text.strip(), filters, self.sort, self.page, self.per_page)


def check_query(search_query: SearchQuery) -> None:
    """Raise QueryError for an order, page or facet the engine does not offer."""
    if search_query.sort not in SORTS:
        raise QueryError(f"Unknown sort '{search_query.sort}': use one of {', '.join(SORTS)}.")
    if search_query.page < 1:
        raise QueryError("Pages are numbered from 1.")
    if not 0 <= search_query.per_page <= MAX_PER_PAGE:
        raise QueryError(f"A page holds 0 to {MAX_PER_PAGE} results.")
    if search_query.page * search_query.per_page > MAX_DEPTH:
        raise QueryError(
            f"Only the first {MAX_DEPTH} results can be paged through; narrow the search "
            "with more words or facets."
        )
    unknown = sorted(set(search_query.filters) - set(FACET_NAMES))
    if unknown:
        raise QueryError(f"Unknown facet {', '.join(unknown)}: use {', '.join(FACET_NAMES)}.")
