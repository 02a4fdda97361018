"""Precision measures of the relevance benchmark: P@k and hit@k per query, averaged per group."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

CUTOFFS = (5, 10)


@dataclass(frozen=True)
class Scores:
    """P@5, P@10 and hit@5 of one query or the mean over a group of queries."""

    p5: float
    p10: float
    hit5: float

    def as_dict(self) -> dict[str, float]:
        """The scores rounded for the JSON file."""
        return {"p@5": round(self.p5, 4), "p@10": round(self.p10, 4),
                "hit@5": round(self.hit5, 4)}


def precision_at(ranked: list[str], relevant: set[str], k: int) -> float:
    """Share of the first k places holding a relevant item (an empty place counts as not)."""
    return sum(ref in relevant for ref in ranked[:k]) / k


def scores_of(ranked: list[str], relevant: set[str]) -> Scores:
    """A ranking's scores for one query."""
    return Scores(precision_at(ranked, relevant, 5), precision_at(ranked, relevant, 10),
                  float(any(ref in relevant for ref in ranked[:5])))


def best_scores(relevant_count: int) -> Scores:
    """The best possible scores: every relevant item ranked first."""
    return Scores(min(relevant_count, 5) / 5, min(relevant_count, 10) / 10,
                  float(relevant_count > 0))


def mean_scores(all_scores: Iterable[Scores]) -> Scores:
    """The mean of several queries' scores (zeros for none)."""
    listed = list(all_scores)
    if not listed:
        return Scores(0.0, 0.0, 0.0)
    count = len(listed)
    return Scores(sum(s.p5 for s in listed) / count, sum(s.p10 for s in listed) / count,
                  sum(s.hit5 for s in listed) / count)
