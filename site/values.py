"""Facet values in a URL matched to their canonical spelling: the declared set of a closed
facet, the index's own values for the others. Case variants are corrected and a value the
vocabulary has renamed or split becomes the values that now hold its items (the page then
redirects to the canonical URL); unknown values are dropped with a message naming the
closest known values, and the search runs without them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from difflib import get_close_matches

from imr_site.params import SearchParams, canonical_value
from indexer.engine import Corpus
from indexer.vocab.facets import FACETS, FACETS_BY_NAME

CLOSEST_SHOWN = 6  # known values a message names
# A successor of a former value (`Facet.former`) is valid even while the corpus has no item of
# it, so the canonical URL a former value redirects to never loses part of its filter.
SUCCESSORS: dict[str, tuple[str, ...]] = {
    facet.name: tuple(sorted({value for names in facet.former.values() for value in names}))
    for facet in FACETS
}


def closest_values(value: str, known: Sequence[str]) -> list[str]:
    """The known values nearest to value: those containing it, then the similar-looking."""
    folded = value.casefold()
    containing = [candidate for candidate in known if folded in candidate.casefold()]
    by_fold = {candidate.casefold(): candidate for candidate in known}
    similar = [by_fold[match] for match in get_close_matches(folded, list(by_fold), n=3)]
    return list(dict.fromkeys(containing + similar))[:CLOSEST_SHOWN]


def unknown_value_message(facet: str, value: str, known: Sequence[str]) -> str:
    """What to tell a user about a value the facet does not have."""
    shown = value if len(value) <= 40 else value[:40] + "…"
    label = FACETS_BY_NAME[facet].label
    closest = closest_values(value, known)
    if closest:
        hint = "closest values: " + ", ".join(closest)
    else:
        hint = "its values include: " + ", ".join(sorted(known)[:CLOSEST_SHOWN])
    return f"{label} has no value {shown!r}, so it was left out of the search; {hint}."


def resolve_values(
    params: SearchParams, known_values: Callable[[str], Sequence[str]]
) -> tuple[SearchParams, list[str]]:
    """Params with every facet value in its canonical spelling and unknown values dropped,
    and a message per dropped value; `known_values(facet)` lists the facet's values."""
    messages: list[str] = []
    filters = {}
    for facet, values in params.filters.items():
        known = [*known_values(facet), *SUCCESSORS[facet]]
        resolved = []
        for value in values:
            if successors := FACETS_BY_NAME[facet].successors(value):
                resolved.extend(successors)
                continue
            canonical = canonical_value(value, known)
            if canonical is None and stands_for_known_values(facet, value, known):
                canonical = value  # a brand, read as its ingredients when the search runs
            if canonical is None:
                messages.append(unknown_value_message(facet, value, known))
            else:
                resolved.append(canonical)
        if resolved:
            filters[facet] = tuple(sorted(set(resolved)))
    return replace(params, filters=filters), messages


def stands_for_known_values(facet: str, value: str, known: Sequence[str]) -> bool:
    """True when value stands for other values, all of them known (a brand for its
    generic ingredients)."""
    parts = FACETS_BY_NAME[facet].components(value)
    return parts != (value,) and all(canonical_value(part, known) for part in parts)


def known_values(corpus: Corpus) -> Callable[[str], Sequence[str]]:
    """facet -> its values: declared for a closed facet, else those the corpus holds."""

    def values_of(facet: str) -> Sequence[str]:
        declared = FACETS_BY_NAME[facet]
        return declared.values if declared.closed else corpus.facet_values(facet)

    return values_of
