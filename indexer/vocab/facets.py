"""The search facets, declared once: each facet's name (index field and URL parameter), label,
whether an item may carry several values, its closed value set and its display labels.

The index schema, the site's parameter checks and labels, the CSV columns and the tests'
oracle all derive from `FACETS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from indexer.vocab.anatomy import BODY_PARTS
from indexer.vocab.drugs import GENERIC_COMPONENTS, drug_components
from indexer.vocab.guidelines import GUIDELINE_SOURCES
from indexer.vocab.treatments import FORMER_TREATMENTS, TREATMENTS
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
    # What a value typed in a query or URL stands for: index values an item must all carry
    # (a brand stands for its generic ingredients). None: the value itself.
    parts: Callable[[str], tuple[str, ...]] | None = None

    def components(self, value: str) -> tuple[str, ...]:
        """Return the index values an item must all carry to match a value typed by a user."""
        return (self.parts(value) or (value,)) if self.parts else (value,)
    # True: values are listed by value, highest first (years), instead of by count.
    by_value: bool = False
    # Values saved links may hold that the vocabulary has since renamed or split -> the values
    # that now hold their items (lower case). A facet's values are OR-ed, so a former value
    # stands for all of its successors, in a URL and typed in a query alike.
    former: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def successors(self, value: str) -> tuple[str, ...]:
        """Return the values a former value now stands for (empty for a current value)."""
        return self.former.get(value.casefold(), ())

    def label_of(self, value: str) -> str:
        """Return how a value is shown (its display label, else the value itself)."""
        return self.value_labels.get(value, value)


# In sidebar order.
FACETS: tuple[Facet, ...] = (
    Facet("decision", "Decision", False, DECISIONS, closed=True),
    Facet("treatment", "Treatment", False, TREATMENTS, former=FORMER_TREATMENTS),
    Facet("drug", "Drug (generic)", True, GENERIC_COMPONENTS, parts=drug_components),
    Facet("guideline", "Reviewer's guideline", True, GUIDELINE_SOURCES),
    Facet("specialty", "Reviewer specialty", True),
    Facet("body_part", "Body part", True, BODY_PARTS),
    Facet("year", "Decision year", False, by_value=True),
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
