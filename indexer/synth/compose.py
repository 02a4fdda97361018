"""Choose a synthetic letter's disputed items and write each item's decision rationale."""

from __future__ import annotations

import random

from indexer.synth.drugs import medication
from indexer.synth.items import Recipe
from indexer.synth.procedures import procedure
from indexer.synth.reasons import (
    CONCLUSIONS_OVERTURNED,
    CONCLUSIONS_UPHELD,
    FACTS,
    FIRST_LINE_GROUPS,
    GAINS,
    GENERIC_UPHELD,
    NOT_FIRST_LINE,
    OPENERS,
    QUOTE_LEADS,
    REASONS_OVERTURNED,
    REASONS_OVERTURNED_BY_GROUP,
    REASONS_UPHELD,
)
from indexer.synth.surgery import surgery
from indexer.synth.text import GROUPS, GUIDANCE
from indexer.synth.therapy import therapy

# How many items a letter disputes: mostly 1-3, rarely up to 21 (as in the real corpus).
ITEM_COUNTS = list(range(1, 22))
ITEM_COUNT_WEIGHTS = [
    40,
    24,
    14,
    7,
    4,
    2.5,
    2,
    1.5,
    1,
    0.8,
    0.6,
    0.5,
    0.4,
    0.3,
    0.3,
    0.2,
    0.2,
    0.2,
    0.2,
    0.2,
    0.3,
]
PARTIAL_RATE = 0.12
Partial = tuple[str, str, str]  # (remaining request, original request, authorized)


def _one_recipe(rng: random.Random, many: bool) -> list[Recipe]:
    roll = rng.random()
    if roll < 0.05 and not many:
        return surgery(rng)
    if roll < (0.45 if many else 0.36):
        return [medication(rng)]
    if roll < 0.68:
        return [procedure(rng)]
    return [therapy(rng)]


def _partial(rng: random.Random, recipe: Recipe) -> Partial | None:
    """Split a countable request into what was authorized and the disputed remainder."""
    if not recipe.template or not recipe.count or recipe.count < 4 or rng.random() > PARTIAL_RATE:
        return None
    authorized = rng.randint(1, recipe.count - 1)
    remainder = recipe.count - authorized
    if recipe.sessions is not None:
        recipe.sessions = remainder
    return (
        recipe.template.format(n=remainder),
        recipe.request,
        recipe.template.format(n=authorized),
    )


def compose_items(rng: random.Random, partials: bool) -> list[tuple[Recipe, Partial | None]]:
    """The letter's items in order, each with its partial authorisation if `partials` allows."""
    wanted = rng.choices(ITEM_COUNTS, ITEM_COUNT_WEIGHTS)[0]
    chosen: list[Recipe] = []
    seen: set[str] = set()
    attempts = 0
    while len(chosen) < wanted and attempts < 200:
        attempts += 1
        for recipe in _one_recipe(rng, wanted > 6):
            if recipe.request.lower() not in seen and len(chosen) < wanted:
                seen.add(recipe.request.lower())
                chosen.append(recipe)
    return [(recipe, _partial(rng, recipe) if partials else None) for recipe in chosen]


def _explicit(conclusions: list[str]) -> list[str]:
    return [sentence for sentence in conclusions if "medically necessary" in sentence]


def _fill(sentence: str, rng: random.Random, request: str, complaint: str, visit: str) -> str:
    return sentence.format(
        req=request,
        req_lower=request[0].lower() + request[1:],
        complaint=complaint,
        prior=rng.choice([6, 8, 12, 18, 24, "at least 10"]),
        p1=rng.randint(5, 9),
        p2=rng.randint(4, 9),
        months=rng.choice([3, 6, 9, 12, 18]),
        visit=visit,
        gain=rng.choice(GAINS),
    )


def rationale(
    rng: random.Random,
    recipe: Recipe,
    request: str,
    decision: str,
    visit: str,
    explicit: bool = False,
) -> str:
    """A decision rationale composed from the guideline, the facts and the reason; `explicit`
    ends it with "is (not) medically necessary" (the 2013 layout states the decision only there)."""
    group = GROUPS[recipe.treatment]
    complaint = rng.choice(
        ["persistent pain", "chronic pain", "pain that limits activity", "ongoing symptoms"]
    )
    guidance = rng.sample(GUIDANCE[group], rng.choice([1, 1, 2]))
    lead = rng.choice(QUOTE_LEADS)
    if lead:
        guidance[0] = lead + guidance[0][0].lower() + guidance[0][1:]
    if decision == "Upheld":
        reasons = rng.sample(REASONS_UPHELD[group], rng.choice([1, 1, 2]))
        if rng.random() < 0.35:
            reasons.append(rng.choice(GENERIC_UPHELD))
        if group in FIRST_LINE_GROUPS and rng.random() < 0.3:
            reasons.append(NOT_FIRST_LINE)
        conclusion = rng.choice(_explicit(CONCLUSIONS_UPHELD) if explicit else CONCLUSIONS_UPHELD)
    else:
        reasons = rng.sample(
            REASONS_OVERTURNED + REASONS_OVERTURNED_BY_GROUP.get(group, []), rng.choice([1, 2])
        )
        conclusion = rng.choice(
            _explicit(CONCLUSIONS_OVERTURNED) if explicit else CONCLUSIONS_OVERTURNED
        )
    facts = rng.sample(FACTS, rng.choice([0, 1, 1, 2]))
    parts = ([rng.choice(OPENERS)] if rng.random() < 0.6 else []) + guidance + facts + reasons
    parts.append(conclusion)
    return " ".join(_fill(sentence, rng, request, complaint, visit) for sentence in parts)
