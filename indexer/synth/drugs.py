"""Medication items for synthetic letters: brand and generic names, strengths, quantities."""

from __future__ import annotations

import random

from indexer.synth.drugs_other import (
    ANTICONVULSANT_WEIGHTS,
    ANTICONVULSANTS,
    ANTIDEPRESSANT_WEIGHTS,
    ANTIDEPRESSANTS,
    SLEEP_AID_WEIGHTS,
    SLEEP_AIDS,
    STOMACH_AND_SUPPORTIVE,
    STOMACH_AND_SUPPORTIVE_WEIGHTS,
    TOPICAL_WEIGHTS,
    TOPICALS,
)
from indexer.synth.drugs_pain import (
    MUSCLE_RELAXANT_WEIGHTS,
    MUSCLE_RELAXANTS,
    NSAID_WEIGHTS,
    NSAIDS,
    OPIOID_WEIGHTS,
    OPIOIDS,
)
from indexer.synth.items import Recipe

MEDICATIONS = (
    OPIOIDS
    + NSAIDS
    + MUSCLE_RELAXANTS
    + ANTICONVULSANTS
    + ANTIDEPRESSANTS
    + TOPICALS
    + SLEEP_AIDS
    + STOMACH_AND_SUPPORTIVE
)
MEDICATION_WEIGHTS = (
    OPIOID_WEIGHTS
    + NSAID_WEIGHTS
    + MUSCLE_RELAXANT_WEIGHTS
    + ANTICONVULSANT_WEIGHTS
    + ANTIDEPRESSANT_WEIGHTS
    + TOPICAL_WEIGHTS
    + SLEEP_AID_WEIGHTS
    + STOMACH_AND_SUPPORTIVE_WEIGHTS
)
SIGS = [
    "1 tablet twice daily",
    "one by mouth every 8 hours as needed",
    "take 1 at bedtime",
    "1 every 6 hours as needed for pain",
    "one tablet three times a day",
]


def medication(rng: random.Random) -> Recipe:
    """A prescription item named by brand, generic or both, with a strength and quantity."""
    treatment, brand, generic, strengths, quantities, topic, pages = rng.choices(
        MEDICATIONS, MEDICATION_WEIGHTS
    )[0]
    strength, qty = rng.choice(strengths), rng.choice(quantities)
    names = [brand, brand, generic.capitalize()]
    if brand.lower() != generic:
        names.append(f"{brand} ({generic})")
    name = rng.choice(names)
    style = rng.randrange(7)
    if style == 0:
        return _drug(f"{name} {strength}", treatment, generic, topic, pages)
    if style == 1:
        sig = rng.choice(SIGS)
        return _drug(f"{name} {strength}, {sig}, #{qty}", treatment, generic, topic, pages)
    if style == 2:
        return _drug(
            f"{name} {strength} #{qty} with {rng.choice([1, 2])} refills",
            treatment,
            generic,
            topic,
            pages,
        )
    if style == 3:
        return _drug(
            f"Prospective request for 1 prescription of {name} {strength} #{qty}",
            treatment,
            generic,
            topic,
            pages,
        )
    recipe = _drug(f"{name} {strength} #{qty}", treatment, generic, topic, pages)
    recipe.template, recipe.count = f"{name} {strength} #{{n}}", qty
    return recipe


def _drug(text: str, treatment: str, generic: str, topic: str, pages: str) -> Recipe:
    return Recipe(text, treatment, [], None, drug=generic, topic=topic, chronic=pages)
