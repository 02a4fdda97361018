"""What a search answers, as data: hits with highlighted snippets, facet counts, statistics."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from indexer.engine.documents import facet_value, facet_values
from indexer.engine.search_query import SearchQuery
from indexer.vocab.facets import FACET_NAMES, FACETS_BY_NAME
from indexer.vocab.values import YEAR_NOT_STATED, synthetic_value


@dataclass(frozen=True)
class Highlighted:
    """A text and the (start, end) character offsets of the query's words in it, in order."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()

    def pieces(self) -> Iterator[tuple[str, bool]]:
        """Yield the text's consecutive non-empty pieces, each with whether it is marked."""
        index = 0
        for start, end in self.spans:
            if start > index:
                yield self.text[index:start], False
            yield self.text[start:end], True
            index = end
        if index < len(self.text):
            yield self.text[index:], False


@dataclass
class FacetCount:
    """One facet value and how many items of the result set carry it."""

    value: str
    count: int


@dataclass
class Stats:
    """Outcome statistics of a result set, without its Decision selection (if any)."""

    upheld: int
    overturned: int

    @property
    def overturn_rate(self) -> float | None:
        """Return the share of items overturned, None when there are none."""
        total = self.upheld + self.overturned
        return self.overturned / total if total else None


@dataclass
class Hit:
    """One disputed item in a result page."""

    item_id: str
    letter_id: str
    number: int
    case_number: str | None
    sessions: int | None
    decision: str
    treatment: str
    drug: list[str]  # generic ingredients
    guideline: list[str]
    ca_guideline: list[str]
    specialty: list[str]
    body_part: list[str]
    year: str | None
    sex: str | None
    age_band: str | None
    licensure: list[str]
    request: str
    decision_date: str | None
    synthetic: bool
    snippet: Highlighted
    score: float


@dataclass
class SearchResult:
    """What a search found: the total, one page of hits, facet counts and statistics."""

    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetCount]]
    stats: Stats
    corpus_version: str
    query: SearchQuery
    suggestion: str | None = None  # the query text with misspelled words corrected, if few hits


def _single(stored: dict, name: str) -> str | None:
    """Return a single-valued facet's stored value, None when the item has none."""
    token = stored.get(name)
    return facet_value(token) if token else None


def stored_hit(stored: dict, score: float, snippet: Highlighted) -> Hit:
    """Return the hit for an item document's stored fields."""
    return Hit(
        item_id=stored["item_id"],
        letter_id=stored["letter_id"],
        number=stored["number"],
        case_number=stored.get("case_number"),
        sessions=stored.get("sessions"),
        decision=facet_value(stored.get("decision", "")),
        treatment=facet_value(stored.get("treatment", "")),
        drug=facet_values(stored.get("drug")),
        guideline=facet_values(stored.get("guideline")),
        ca_guideline=facet_values(stored.get("ca_guideline")),
        specialty=facet_values(stored.get("specialty")),
        body_part=facet_values(stored.get("body_part")),
        year=_single(stored, "year"),
        sex=_single(stored, "sex"),
        age_band=_single(stored, "age_band"),
        licensure=facet_values(stored.get("licensure")),
        request=stored.get("request", ""),
        decision_date=stored.get("decision_date"),
        synthetic=stored.get("synthetic") == synthetic_value(True),
        snippet=snippet,
        score=float(score),
    )


def facet_lists(
    counts: dict[str, dict[str, int]], filters: Mapping[str, tuple[str, ...]]
) -> dict[str, list[FacetCount]]:
    """Return every facet's values in its listed order; selected values always present."""
    lists = {}
    for name in FACET_NAMES:
        by_value = {facet_value(token): count for token, count in counts[name].items()}
        for value in filters.get(name, ()):
            by_value.setdefault(value, 0)
        ordered = _listed_order(by_value, FACETS_BY_NAME[name].by_value)
        lists[name] = [FacetCount(value, count) for value, count in ordered]
    return lists


def _listed_order(by_value: dict[str, int], by_value_order: bool) -> list[tuple[str, int]]:
    """(value, count) pairs by count then value; or highest value first, YEAR_NOT_STATED last."""
    if by_value_order:
        highest_first = sorted(by_value.items(), reverse=True)
        return sorted(highest_first, key=lambda pair: pair[0] == YEAR_NOT_STATED)
    return sorted(by_value.items(), key=lambda pair: (-pair[1], pair[0]))
