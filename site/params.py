"""Search state in the query string: request args -> SearchParams -> canonical query string.

The canonical query string has a fixed key order (`q`, `scope`, the facets in schema order,
`sort`, `page`), drops defaults and empty values, and sorts and de-duplicates each facet's values.
It is what users share, what feeds and reports print, and what reproduces a search; every
link the site builds goes through `canonical_query_string`.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from indexer.engine import (
    FACET_NAMES,
    FACETS_BY_NAME,
    ITEM_SCOPE,
    NEWEST,
    RELEVANCE,
    SCOPES,
    SORTS,
    SearchQuery,
)
from indexer.limits import (
    MAX_QUERY_CHARS,
    MAX_VALUE_CHARS,
    MAX_VALUES_PER_FACET,
    PER_PAGE,
    RESULT_WINDOW,
)
from indexer.vocab.values import YEAR_NOT_STATED

MAX_PAGE = RESULT_WINDOW // PER_PAGE  # the deepest page the engine is asked for
WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")  # ASCII digits only; a longer number is refused
YEAR_PATTERN = re.compile(r"(19|20)\d\d")
DATE_PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?")

QueryValue = str | int | Sequence[str] | None


def canonical_query_string(fields: Sequence[tuple[str, QueryValue]]) -> str:
    """Encode (key, value) pairs as `canonical_pairs` lists them."""
    return urlencode(canonical_pairs(fields))


def canonical_pairs(fields: Sequence[tuple[str, QueryValue]]) -> list[tuple[str, str]]:
    """(key, text) pairs in the given order, dropping empty values, sorting list values.

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
    return pairs


class InvalidParams(ValueError):
    """Request args that cannot be used; carries the messages and the params without them."""

    def __init__(self, messages: list[str], corrected: SearchParams):
        super().__init__("; ".join(messages))
        self.messages = messages
        self.corrected = corrected


@dataclass(frozen=True)
class SearchParams:
    """One search's whole state: query text and its scope, facet selections, sort and page."""

    q: str = ""
    scope: str = ITEM_SCOPE  # where plain words are looked for; a saved link without it: items
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str | None = None  # None = the default for q: relevance with text, newest without
    page: int = 1
    decided_from: str = ""  # decision date range, ISO dates, inclusive (URL `from` and `to`)
    decided_to: str = ""

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
        fields.append(("scope", None if self.scope == ITEM_SCOPE else self.scope))
        fields.extend((name, self.selected(name)) for name in FACET_NAMES)
        fields += [("from", self.decided_from), ("to", self.decided_to)]
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

    def with_scope(self, scope: str) -> SearchParams:
        """These params with plain words looked for in another scope, back on page 1."""
        return replace(self, scope=scope, page=1)

    def with_dates(self, start: str, end: str) -> SearchParams:
        """These params with another decision date range, back on page 1."""
        return replace(self, decided_from=start, decided_to=end, page=1)

    def with_text(self, text: str) -> SearchParams:
        """These params with other query text, back on page 1."""
        return replace(self, q=text, page=1)

    def search_query(self, per_page: int = PER_PAGE, page: int | None = None) -> SearchQuery:
        """The engine query for these params; a page past MAX_PAGE asks for counts only."""
        page = self.page if page is None else page
        if page > MAX_PAGE:
            page, per_page = 1, 0
        return SearchQuery(
            text=self.q,
            filters=dict(self.filters),
            sort=self.effective_sort,
            page=page,
            per_page=per_page,
            scope=self.scope,
            decided_from=self.decided_from,
            decided_to=self.decided_to,
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
    scope = _parse_choice("scope", args.get("scope", ""), SCOPES, "a scope", messages) or ITEM_SCOPE
    sort = _parse_choice("sort", args.get("sort", ""), SORTS, "a sort order", messages)
    page = _parse_page(args.get("page", ""), messages)
    decided_from, decided_to = _parse_date_range(args, messages)
    params = SearchParams(q=q, scope=scope, filters=filters, sort=sort, page=page,
                          decided_from=decided_from, decided_to=decided_to)
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


def canonical_value(value: str, known: Sequence[str]) -> str | None:
    """The known value spelled like value ignoring case, None when there is none."""
    if value in known:
        return value
    folded = value.casefold()
    return next((candidate for candidate in known if candidate.casefold() == folded), None)


def _facet_value_problem(facet: str, value: str) -> str | None:
    """Return what is wrong with one facet value (None if nothing): a closed facet's value
    must be one of its set (in any letter case); the others accept any bounded string."""
    shown = value if len(value) <= 40 else value[:40] + "…"
    allowed = FACETS_BY_NAME[facet].values
    if FACETS_BY_NAME[facet].closed and canonical_value(value, allowed) is None:
        return f"{facet}={shown!r} is not a known value; use one of: {', '.join(allowed)}."
    if facet == "year" and not _is_year(value):
        return f"year={shown!r} is not a year like 2016."
    if len(value) > MAX_VALUE_CHARS:
        return f"The {facet} value {shown!r} is longer than {MAX_VALUE_CHARS} characters."
    return None


def _is_year(value: str) -> bool:
    return bool(YEAR_PATTERN.fullmatch(value)) or value.casefold() == YEAR_NOT_STATED


def _parse_choice(
    name: str, raw: str, choices: tuple[str, ...], kind: str, messages: list[str]
) -> str | None:
    """Return one of `choices` (None when absent or unknown, the latter reported)."""
    value = raw.strip()
    if not value:
        return None
    if value not in choices:
        messages.append(f"{name}={value[:40]!r} is not {kind}; use one of: {', '.join(choices)}.")
        return None
    return value


def _parse_date_range(args: MultiDict, messages: list[str]) -> tuple[str, str]:
    """The `from` and `to` dates as ISO dates: a year or a month stands for its first day
    (`from`) or its last (`to`); a range that ends before it starts is dropped."""
    start = _parse_date(args.get("from", ""), "from", messages)
    end = _parse_date(args.get("to", ""), "to", messages)
    if start and end and start > end:
        messages.append(f"The decision date range from {start} to {end} ends before it starts.")
        return "", ""
    return start, end


def _parse_date(raw: str, name: str, messages: list[str]) -> str:
    text = raw.strip()
    match = DATE_PATTERN.fullmatch(text)
    if not text or match is None:
        if text:
            messages.append(f"{name}={text[:20]!r} is not a date like 2016, 2016-05 or 2016-05-25.")
        return ""
    year, month, day = (int(part) if part else None for part in match.groups())
    if name == "to" and day is None:
        month = month or 12
        day = monthrange(year, month)[1] if 1 <= month <= 12 else 0
    try:
        return date(year, month or 1, day or 1).isoformat()
    except ValueError:
        messages.append(f"{name}={text[:20]!r} is not a date like 2016, 2016-05 or 2016-05-25.")
        return ""


def whole_number(text: str) -> int | None:
    """The number written in at most 9 ASCII digits, None for anything else (every integer
    parameter of the site is read through this: never `str.isdigit()`, which takes "²")."""
    return int(text) if WHOLE_NUMBER.fullmatch(text) else None


def _parse_page(raw: str, messages: list[str]) -> int:
    text = raw.strip()
    if not text:
        return 1
    page = whole_number(text)
    if page is None or page < 1:
        messages.append(f"page={text[:20]!r} is not a page number (1, 2, 3, …).")
        return 1
    return page  # past the last page or MAX_PAGE: the page says so (shaping.shape_pages)
