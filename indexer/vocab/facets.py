"""The search facets, declared once: each facet's name (index field and URL parameter), label,
whether an item may carry several values, its closed value set and its display labels.

The index schema, the site's parameter checks and labels, the CSV columns and the tests'
oracle all derive from `FACETS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from indexer.vocab.anatomy import BODY_PARTS
from indexer.vocab.guidelines import GUIDELINE_SOURCES
from indexer.vocab.treatments import TREATMENTS
from indexer.vocab.values import AGE_BANDS, DECISIONS, SEXES, SYNTHETIC, synthetic_value


@dataclass(frozen=True)
class Facet:
    """One facet: a field of every item document and a URL parameter of the same name."""

    name: str
    label: str
    multi: bool  # an item may carry several values
    values: tuple[str, ...] | None = None  # the value set; None: whatever letters hold
    value_labels: Mapping[str, str] = field(default_factory=dict)
    # True: `values` is fixed for good and a URL naming another value is refused. A vocabulary
    # (treatments, body parts, guidelines) may grow or rename, so its values are not checked.
    closed: bool = False

    def label_of(self, value: str) -> str:
        """Return how a value is shown (its display label, else the value itself)."""
        return self.value_labels.get(value, value)


# In sidebar order.
FACETS: tuple[Facet, ...] = (
    Facet("decision", "Decision", False, DECISIONS, closed=True),
    Facet("treatment", "Treatment", False, TREATMENTS),
    Facet("guideline", "Reviewer's guideline", True, GUIDELINE_SOURCES),
    Facet("specialty", "Reviewer specialty", True),
    Facet("body_part", "Body part", True, BODY_PARTS),
    Facet("year", "Decision year", False),
    Facet("sex", "Sex", False, SEXES, {sex: sex.capitalize() for sex in SEXES}, closed=True),
    Facet("age_band", "Age band", False, AGE_BANDS, closed=True),
    Facet("licensure", "Reviewer licensure", True),
    Facet("ca_guideline", "Claims administrator's guideline", True, GUIDELINE_SOURCES),
    Facet("synthetic", "Synthetic", False, SYNTHETIC, {
        synthetic_value(True): "Synthetic letters", synthetic_value(False): "Real letters",
    }, closed=True),
)
FACET_NAMES: tuple[str, ...] = tuple(facet.name for facet in FACETS)
FACETS_BY_NAME: Mapping[str, Facet] = {facet.name: facet for facet in FACETS}
