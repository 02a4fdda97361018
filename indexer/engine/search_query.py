"""What a search asks: free text, facet selections, order and page, and their checks."""

from __future__ import annotations

import re
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
# Where plain words (no field name) are looked for: each disputed item's own text (request,
# rationale, both guideline texts), or the whole letter (its case summary and documents too).
ITEM_SCOPE, LETTER_SCOPE = "items", "letter"
SCOPE_LABELS: Mapping[str, str] = {
    ITEM_SCOPE: "the disputed items' own text",
    LETTER_SCOPE: "whole letters (case summaries included)",
}
SCOPES = tuple(SCOPE_LABELS)
MAX_PER_PAGE = RESULT_WINDOW
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_DEPTH = RESULT_WINDOW  # page * per_page: deeper pages are refused, not computed


@dataclass(frozen=True)
class SearchQuery:
    """One search: free text, facet selections (OR within a facet, AND across), order, page."""

    text: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = RELEVANCE
    page: int = 1
    per_page: int = PER_PAGE
    scope: str = ITEM_SCOPE
    decided_from: str = ""  # ISO dates bounding the decision date, inclusive ("": open end)
    decided_to: str = ""

    def key(self) -> tuple:
        """Return a hashable canonical form: same search, same key."""
        filters = tuple(
            (name, tuple(sorted(set(values))))
            for name, values in sorted(self.filters.items())
            if values
        )
        dates = (self.decided_from, self.decided_to)
        return (self.text.strip(), filters, self.sort, self.page, self.per_page, self.scope, dates)


def check_query(search_query: SearchQuery) -> None:
    """Raise QueryError for an order, page or facet the engine does not offer."""
    if search_query.sort not in SORTS:
        raise QueryError(f"Unknown sort '{search_query.sort}': use one of {', '.join(SORTS)}.")
    if search_query.scope not in SCOPES:
        raise QueryError(f"Unknown scope '{search_query.scope}': use one of {', '.join(SCOPES)}.")
    if search_query.page < 1:
        raise QueryError("Pages are numbered from 1.")
    if not 0 <= search_query.per_page <= MAX_PER_PAGE:
        raise QueryError(f"A page holds 0 to {MAX_PER_PAGE} results.")
    if search_query.page * search_query.per_page > MAX_DEPTH:
        raise QueryError(
            f"Only the first {MAX_DEPTH} results can be paged through; narrow the search "
            "with more words or facets."
        )
    for bound in (search_query.decided_from, search_query.decided_to):
        if bound and not ISO_DATE.fullmatch(bound):
            raise QueryError(f"'{bound[:20]}' is not a date like 2016-05-25.")
    unknown = sorted(set(search_query.filters) - set(FACET_NAMES))
    if unknown:
        raise QueryError(f"Unknown facet {', '.join(unknown)}: use {', '.join(FACET_NAMES)}.")
