"""Visit-based therapy items for synthetic letters: PT, OT, chiropractic, acupuncture, CBT."""

from __future__ import annotations

import random

from indexer.synth.items import ANY_REGION, LIMBS, SPINE, Recipe

WORD_NUMBERS = {
    2: "Two",
    3: "Three",
    4: "Four",
    5: "Five",
    6: "Six",
    8: "Eight",
    9: "Nine",
    10: "Ten",
    12: "Twelve",
    16: "Sixteen",
    18: "Eighteen",
    24: "Twenty-four",
}

WEEKLY_PLANS = [(2, 4), (2, 6), (3, 4), (2, 3), (1, 6), (3, 2), (2, 5)]
VISIT_COUNTS = [2, 3, 4, 5, 6, 6, 6, 8, 8, 9, 10, 12, 12, 16, 18, 24]
# Request wordings that carry a count, by style number; "{n}" is the count.
COUNTED_STYLES = {
    3: "{n} sessions of {lower}{where}",
    5: "{name}{where}, {n} visits",
}
DEFAULT_COUNTED_STYLE = "{name} {n} sessions{where}"


def _visits(rng: random.Random, name: str, region: tuple[str, list[str]] | None) -> Recipe:
    """A visit-based request written in one of the ways letters state a number of visits."""
    where = f" for {region[0]}" if region else ""
    parts = list(region[1]) if region else []
    per_week, weeks = rng.choice(WEEKLY_PLANS)
    count = rng.choice(VISIT_COUNTS)
    style = rng.randrange(9)
    if style in (0, 1):
        week = rng.choice(["a week", "per week"])
        request = f"{name} {per_week} times {week} for {weeks} weeks{where}"
        return Recipe(request, "", parts, per_week * weeks)
    if style == 2:
        return Recipe(f"{name}{where}, {per_week}x{weeks}", "", parts, per_week * weeks)
    return _counted(name, where, parts, count, style)


def _counted(name: str, where: str, parts: list[str], count: int, style: int) -> Recipe:
    """A request stating its number of sessions (or, in style 6, none at all)."""
    lower = name[0].lower() + name[1:]
    if style == 6:
        return Recipe(f"{name}{where}", "", parts, None)
    if style == 4 and count in WORD_NUMBERS:
        return Recipe(f"{WORD_NUMBERS[count]} sessions of {lower}{where}", "", parts, count)
    wording = COUNTED_STYLES.get(style, DEFAULT_COUNTED_STYLE)
    template = wording.format(n="{n}", name=name, lower=lower, where=where)
    return Recipe(template.format(n=count), "", parts, count, template=template, count=count)


THERAPIES = [
    (
        "physical therapy",
        ["Physical therapy", "Additional physical therapy", "Outpatient physical therapy"],
        "Physical Medicine",
        "98-99",
        ANY_REGION,
    ),
    (
        "occupational therapy",
        ["Occupational therapy", "Additional occupational therapy"],
        "Physical Medicine",
        "98-99",
        LIMBS[:7] + SPINE[:1],
    ),
    (
        "chiropractic",
        ["Chiropractic treatment", "Chiropractic manipulation", "Chiropractic care"],
        "Manual therapy & manipulation",
        "58-60",
        SPINE,
    ),
    ("acupuncture", ["Acupuncture", "Additional acupuncture"], "Acupuncture", "", ANY_REGION),
    ("massage therapy", ["Massage therapy"], "Massage therapy", "60", SPINE),
    (
        "aquatic therapy",
        ["Aquatic therapy", "Pool therapy"],
        "Aquatic therapy",
        "22",
        SPINE[:2] + LIMBS[7:10],
    ),
    (
        "psychotherapy",
        ["Cognitive behavioral therapy", "Psychotherapy"],
        "Behavioral interventions",
        "23",
        [],
    ),
]
THERAPY_WEIGHTS = [10, 3, 3, 3, 1, 1, 2]


def therapy(rng: random.Random) -> Recipe:
    """A visit-based therapy item (PT, OT, chiropractic, acupuncture, massage, aquatic, CBT)."""
    treatment, names, topic, pages, regions = rng.choices(THERAPIES, THERAPY_WEIGHTS)[0]
    region = rng.choice(regions) if regions and rng.random() < 0.9 else None
    recipe = _visits(rng, rng.choice(names), region)
    recipe.treatment, recipe.topic, recipe.chronic = treatment, topic, pages
    return recipe
