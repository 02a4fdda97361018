"""Search state in the query string: request args -> SearchParams -> canonical query string.

The canonical query string has a fixed key order (`q`, the facets in schema order, `sort`,
`page`), drops defaults and empty values, and sorts and de-duplicates each facet's values.
It is what users share, what feeds and reports print, and what reproduces a search; every
link the site builds goes through `canonical_query_string`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from indexer.engine import FACET_NAMES, FACETS_BY_NAME, NEWEST, RELEVANCE, SORTS, SearchQuery
from indexer.limits import (
    MAX_QUERY_CHARS,
    MAX_VALUE_CHARS,
    MAX_VALUES_PER_FACET,
    PER_PAGE,
    RESULT_WINDOW,
)

MAX_PAGE = RESULT_WINDOW // PER_PAGE
YEAR_PATTERN = re.compile(r"(19|20)\d\d")

QueryValue = str | int | Sequence[str] | None


def canonical_query_string(fields: Sequence[tuple[str, QueryValue]]) -> str:
    """Encode (key, value) pairs in the given order, dropping empty values, sorting list values.

    A value that is None, "" or an empty sequence is left out; a sequence becomes one
    `key=value` pair per distinct value in sorted order; ints are written in decimal. The
    caller passes defaults as None to drop them. Used for /search and /report URLs alike.
    """
    pairs: list[tuple[str, str]] = []
    for key, value in fields:
        if value is None or value == "":
            continue
        if isinstance(value, str | int):
            pairs.append((key, str(value)))
        else:
            pairs.extend((key, item) for item in sorted(set(value)) if item != "")
    return urlencode(pairs)


class InvalidParams(ValueError):
    """Request args that cannot be used; carries the messages and the params without them."""

    def __init__(self, messages: list[str], corrected: SearchParams):
        super().__init__("; ".join(messages))
        self.messages = messages
        self.corrected = corrected


@dataclass(frozen=True)
class SearchParams:
    """One search's whole state: query text, facet selections, sort and page."""

    q: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str | None = None  # None = the default for q: relevance with text, newest without
    page: int = 1

    @property
    def effective_sort(self) -> str:
        """The sort the engine applies (relevance means nothing without query text)."""
        sort = self.sort or self.default_sort
        return NEWEST if sort == RELEVANCE and not self.q else sort

    @property
    def default_sort(self) -> str:
        """Relevance when there is query text, newest first when only facets filter."""
        return RELEVANCE if self.q else NEWEST

    def selected(self, facet: str) -> tuple[str, ...]:
        """The selected values of one facet (empty when none)."""
        return self.filters.get(facet, ())

    def query_string(self) -> str:
        """The canonical query string of this state ("" for the defaults)."""
        fields: list[tuple[str, QueryValue]] = [("q", self.q)]
        fields.extend((name, self.selected(name)) for name in FACET_NAMES)
        sort = self.effective_sort
        fields.append(("sort", None if sort == self.default_sort else sort))
        fields.append(("page", self.page if self.page != 1 else None))
        return canonical_query_string(fields)

    def toggled(self, facet: str, value: str) -> SearchParams:
        """These params with one facet value added or removed, back on page 1."""
        values = set(self.selected(facet)) ^ {value}
        return replace(self, filters=_with_facet(self.filters, facet, values), page=1)

    def with_sort(self, sort: str) -> SearchParams:
        """These params sorted another way, back on page 1."""
        return replace(self, sort=sort, page=1)

    def with_page(self, page: int) -> SearchParams:
        """These params on another page."""
        return replace(self, page=page)

    def with_text(self, text: str) -> SearchParams:
        """These params with other query text, back on page 1."""
        return replace(self, q=text, page=1)

    def search_query(self, per_page: int = PER_PAGE, page: int | None = None) -> SearchQuery:
        """The engine query for these params."""
        return SearchQuery(
            text=self.q,
            filters=dict(self.filters),
            sort=self.effective_sort,
            page=self.page if page is None else page,
            per_page=per_page,
        )


def _with_facet(
    filters: Mapping[str, tuple[str, ...]], facet: str, values: Iterable[str]
) -> dict[str, tuple[str, ...]]:
    updated = {name: selected for name, selected in filters.items() if name != facet}
    if chosen := tuple(sorted(set(values))):
        updated[facet] = chosen
    return {name: updated[name] for name in FACET_NAMES if name in updated}


def parse_params(args: MultiDict) -> SearchParams:
    """Parse request args (a werkzeug MultiDict) into SearchParams; raise InvalidParams if bad.

    Unknown parameters are ignored. Each invalid value is reported and left out of
    `InvalidParams.corrected`, which the page offers as the fixed search.
    """
    messages: list[str] = []
    q = " ".join(args.get("q", "").split())
    if len(q) > MAX_QUERY_CHARS:
        messages.append(f"The query is {len(q)} characters long; the limit is {MAX_QUERY_CHARS}.")
        q = q[:MAX_QUERY_CHARS]
    filters = {}
    for facet in FACET_NAMES:
        values = _parse_facet(facet, args.getlist(facet), messages)
        if values:
            filters[facet] = values
    sort = _parse_sort(args.get("sort", ""), messages)
    page = _parse_page(args.get("page", ""), messages)
    params = SearchParams(q=q, filters=filters, sort=sort, page=page)
    if messages:
        raise InvalidParams(messages, params)
    return params


def _parse_facet(facet: str, raw_values: list[str], messages: list[str]) -> tuple[str, ...]:
    values = {value.strip() for value in raw_values if value.strip()}
    accepted = set()
    for value in sorted(values):
        problem = _facet_value_problem(facet, value)
        if problem:
            messages.append(problem)
        else:
            accepted.add(value)
    if len(accepted) > MAX_VALUES_PER_FACET:
        messages.append(f"At most {MAX_VALUES_PER_FACET} values of {facet} can be selected.")
        accepted = set(sorted(accepted)[:MAX_VALUES_PER_FACET])
    return tuple(sorted(accepted))


def _facet_value_problem(facet: str, value: str) -> str | None:
    """Return what is wrong with one facet value (None if nothing): a closed facet's value
    must be one of its set; the others accept any bounded string."""
    shown = value if len(value) <= 40 else value[:40] + "…"
    allowed = FACETS_BY_NAME[facet].values
    if FACETS_BY_NAME[facet].closed and value not in allowed:
        return f"{facet}={shown!r} is not a known value; use one of: {', '.join(allowed)}."
    if facet == "year" and not YEAR_PATTERN.fullmatch(value):
        return f"year={shown!r} is not a year like 2016."
    if len(value) > MAX_VALUE_CHARS:
        return f"The {facet} value {shown!r} is longer than {MAX_VALUE_CHARS} characters."
    return None


def _parse_sort(raw: str, messages: list[str]) -> str | None:
    sort = raw.strip()
    if not sort:
        return None
    if sort not in SORTS:
        messages.append(f"sort={sort[:40]!r} is not a sort order; use one of: {', '.join(SORTS)}.")
        return None
    return sort


def _parse_page(raw: str, messages: list[str]) -> int:
    text = raw.strip()
    if not text:
        return 1
    if not text.isdigit() or int(text) < 1:
        messages.append(f"page={text[:20]!r} is not a page number (1, 2, 3, …).")
        return 1
    page = int(text)
    if page > MAX_PAGE:
        messages.append(
            f"page={page} is too deep: pages stop at {MAX_PAGE} ({RESULT_WINDOW} results); "
            "narrow the search or download the CSV."
        )
        return 1
    return page
