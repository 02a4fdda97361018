"""Medication vocabulary: drug classes, generic names, brand names, and the classification
of a medication request (class and generic name). The tables are in `drug_names`."""

from __future__ import annotations

import re
from typing import NamedTuple

from indexer.vocab.drug_names import (
    ANTICONVULSANT,
    ANTIDEPRESSANT,
    BRAND_TABLE,
    GENERICS_BY_CLASS,
    NON_OPIOID_ANALGESIC,
    NSAID,
    OPIOID,
    RELAXANT,
    TOPICAL,
    TOPICAL_PRODUCTS,
    UNCLASSIFIED_MEDICATION,
)

MEDICATION_CLASSES: tuple[str, ...] = tuple(GENERICS_BY_CLASS)
DRUG_CLASSES: dict[str, str] = {
    generic.strip(): name
    for name, text in GENERICS_BY_CLASS.items()
    for generic in text.split(",")
}
BRANDS: dict[str, str] = dict(pair.strip().split("=") for pair in BRAND_TABLE.split(","))
# Every single generic ingredient the vocabulary names: the drug facet's values.
GENERIC_COMPONENTS: tuple[str, ...] = tuple(
    sorted({part for generic in DRUG_CLASSES for part in generic.split("/")})
)


def drug_components(name: str) -> tuple[str, ...]:
    """Generic ingredients a drug name stands for: a brand's (norco -> hydrocodone,
    acetaminophen), a combination's ("hydrocodone/acetaminophen"), or the name itself."""
    name = " ".join(name.lower().split())
    generic = BRANDS.get(name, name)
    return tuple(dict.fromkeys(part.strip() for part in generic.split("/") if part.strip()))


def brand_components() -> list[tuple[str, tuple[str, ...]]]:
    """(brand, its generic ingredients) for every brand of the vocabulary, by brand."""
    return [(brand, drug_components(brand)) for brand in sorted(BRANDS) if "/" not in brand]


def _name_pattern(names) -> re.Pattern[str]:
    """A pattern matching any of the names as whole words, longest first."""
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![a-z])({alternatives})(?![a-z])")


_DRUG_NAMES = {**{name: name for name in DRUG_CLASSES if "/" not in name}, **BRANDS}
_DRUG_PATTERN = _name_pattern(_DRUG_NAMES)
_TOPICAL_PRODUCT = _name_pattern(TOPICAL_PRODUCTS)
_TOPICAL_FORM = re.compile(
    r"\b(cream|gel|ointment|patch(es)?|lotion|topical|compound(ed)?|"
    r"liniment|pads?|spray|roll-?on|\d+(\.\d+)?\s*%)"
)
# pain drugs compounded into creams; a testosterone gel or an antibiotic ointment keeps its class
_ANALGESIC_CLASSES = frozenset(
    {OPIOID, NSAID, RELAXANT, ANTICONVULSANT, ANTIDEPRESSANT, TOPICAL, NON_OPIOID_ANALGESIC}
)
# a transdermal system delivers a systemic dose: an opioid patch is still an opioid
_TRANSDERMAL = re.compile(r"\bpatch(es)?\b|transdermal|\bmcg\s*/\s*h(ou)?r\b")


class DrugMention(NamedTuple):
    """A drug named in a request: its generic name, where it starts, and the name written."""

    generic: str
    start: int
    written: str


def find_drugs(text: str) -> list[DrugMention]:
    """Every drug named in lower-case text, in order."""
    return [
        DrugMention(_DRUG_NAMES[m.group(1)], m.start(), m.group(1))
        for m in _DRUG_PATTERN.finditer(text)
    ]


def classify_medication(text: str, drugs: list[DrugMention]) -> tuple[str, str]:
    """(medication class, generic name) of lower-case request text naming the given drugs."""
    components = (part for drug in drugs for part in drug.generic.split("/"))
    # "Percocet (oxycodone/acetaminophen)" names each ingredient twice: keep each once
    generic = "/".join(dict.fromkeys(components))
    drug_class = DRUG_CLASSES.get(generic) or _leading_class([drug.generic for drug in drugs])
    systemic_patch = drug_class == OPIOID and _TRANSDERMAL.search(text)
    topical_form = _TOPICAL_FORM.search(text) and drug_class in _ANALGESIC_CLASSES
    if _TOPICAL_PRODUCT.search(text) or (topical_form and not systemic_patch):
        return TOPICAL, generic
    return drug_class, generic


def _leading_class(generics: list[str]) -> str:
    """The class of the first drug named that is not a companion ingredient (acetaminophen
    beside codeine makes a codeine product)."""
    classes = [DRUG_CLASSES.get(generic, UNCLASSIFIED_MEDICATION) for generic in generics]
    return next((name for name in classes if name != NON_OPIOID_ANALGESIC), classes[0])
