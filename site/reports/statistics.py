"""A pack's outcome statistics, each saying what it counts: the close precedents, and over the
whole corpus the items of the same treatment (drug) and body parts, and of the whole category.
Corpus counts come from the engine's facet statistics (bitsets), never from reading items."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from imr_site.reports.focus import Focus
from indexer.engine import Corpus, SearchQuery
from indexer.vocab.values import OVERTURNED


@dataclass(frozen=True)
class Outcomes:
    """Upheld / Overturned counts of a group of items, and what the group is."""

    kind: str  # "precedents", "same-request" or "category"
    label: str  # e.g. "All physical therapy items naming the cervical spine"
    chart_label: str  # short enough for the chart, e.g. "Same treatment and part"
    upheld: int
    overturned: int

    @property
    def total(self) -> int:
        """Items in the group."""
        return self.upheld + self.overturned

    @property
    def overturn_rate(self) -> float | None:
        """Share overturned, None for an empty group."""
        return self.overturned / self.total if self.total else None


@dataclass(frozen=True)
class PackStatistics:
    """The outcome rows of a pack: close precedents first, then the corpus, narrow to wide."""

    close: Outcomes
    same_request: Outcomes | None  # same treatment and body parts (or drug), whole corpus
    category: Outcomes | None  # same treatment category, whole corpus

    @property
    def rows(self) -> list[Outcomes]:
        """The rows to show, in order."""
        return [row for row in (self.close, self.same_request, self.category) if row]


def pack_statistics(corpus: Corpus, focus: Focus, close_decisions: Iterable[str],
                    padded: bool) -> PackStatistics:
    """The statistics of a pack whose close precedents have `close_decisions`."""
    decisions = list(close_decisions)
    overturned = sum(decision == OVERTURNED for decision in decisions)
    label = "Close precedents in this pack" if padded else "These precedents"
    close = Outcomes("precedents", label, label, len(decisions) - overturned, overturned)
    narrow = same_request_filters(focus)
    same_request = category = None
    if narrow:
        chart_label = "Same drug, all letters" if focus.drug else "Same treatment and part"
        same_request = corpus_outcomes(corpus, ("same-request", same_request_label(focus),
                                                chart_label), narrow)
    if focus.treatment:
        category = corpus_outcomes(corpus, ("category", f"All {focus.treatment} items",
                                            "Whole category, all letters"),
                                   {"treatment": (focus.treatment,)})
    return PackStatistics(close, same_request, category)


def same_request_filters(focus: Focus) -> dict[str, tuple[str, ...]]:
    """The facets selecting the corpus's items of the same treatment and drug or body parts
    ({} when the focus has no treatment or nothing narrower)."""
    if not focus.treatment or not (focus.drug or focus.body_parts):
        return {}
    if focus.drug:
        return {"treatment": (focus.treatment,), "drug": (focus.drug,)}
    return {"treatment": (focus.treatment,), "body_part": focus.body_parts}


def same_request_label(focus: Focus) -> str:
    """E.g. "All opioid items for hydrocodone/acetaminophen", "All MRI items naming the hip or
    lumbar spine"."""
    if focus.drug:
        return f"All {focus.treatment} items for {focus.drug}"
    *others, last = focus.body_parts
    parts = f"{', '.join(others)} or {last}" if others else last
    return f"All {focus.treatment} items naming the {parts}"


def corpus_outcomes(corpus: Corpus, labels: tuple[str, str, str],
                    filters: dict[str, tuple[str, ...]]) -> Outcomes:
    """Upheld / Overturned among every item the facet selections pick, with its (kind, label,
    chart label)."""
    stats = corpus.search(SearchQuery(filters=filters, per_page=0)).stats
    return Outcomes(*labels, stats.upheld, stats.overturned)
