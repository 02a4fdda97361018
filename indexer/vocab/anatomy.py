"""Body parts: the canonical names, finding them in text, and how near two of them are.

The anatomy is a hierarchy, part -> region -> body: a hand is within the upper extremity,
a knee within the lower extremity, the lumbar spine within the spine. Beside containment,
neighbouring parts are adjacent (hand and wrist, wrist and forearm) and a few parts of
different regions are related (the lumbar spine and the lower extremity: EMG/NCV of the legs
is a lumbar radiculopathy work-up).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from indexer.vocab.body_part_terms import (
    BODY_PART_PATTERNS,
    LEVEL_REGIONS,
    SPINE_LEVEL_ALONE,
    SPINE_LEVEL_RANGE,
)
from indexer.vocab.prefilter import PatternSet

BODY_PARTS: tuple[str, ...] = tuple(name for name, _ in BODY_PART_PATTERNS)
_PATTERNS = PatternSet(BODY_PART_PATTERNS)

_REGION_MEMBERS: dict[str, tuple[str, ...]] = {
    "spine": ("cervical spine", "thoracic spine", "lumbar spine", "spine", "sacroiliac joint",
              "coccyx"),
    "upper extremity": ("shoulder", "upper arm", "elbow", "forearm", "wrist", "hand",
                        "upper extremity"),
    "lower extremity": ("pelvis", "hip", "groin", "buttock", "thigh", "knee", "lower leg",
                        "ankle", "foot", "lower extremity"),
    "head": ("head", "face", "jaw", "eye", "ear", "teeth"),
    "trunk": ("chest", "abdomen"),
}  # fmt: skip
# Each body part's region: parts of one region are near each other (SAME_REGION).
REGIONS: dict[str, str] = {
    part: region for region, parts in _REGION_MEMBERS.items() for part in parts
}
# Parts that name their whole region: every other part of the region lies within them.
WHOLE_REGION_PARTS = frozenset({"spine", "upper extremity", "lower extremity"})
# Neighbours along a limb, the spine or the face (joint and segment next to each other).
ADJACENT_PARTS = frozenset(
    frozenset(pair)
    for pair in (
        ("cervical spine", "thoracic spine"), ("thoracic spine", "lumbar spine"),
        ("lumbar spine", "sacroiliac joint"), ("lumbar spine", "coccyx"),
        ("sacroiliac joint", "pelvis"), ("cervical spine", "head"),
        ("shoulder", "upper arm"), ("upper arm", "elbow"), ("elbow", "forearm"),
        ("forearm", "wrist"), ("wrist", "hand"),
        ("pelvis", "hip"), ("pelvis", "groin"), ("hip", "groin"), ("hip", "buttock"),
        ("hip", "thigh"), ("thigh", "knee"), ("knee", "lower leg"), ("lower leg", "ankle"),
        ("ankle", "foot"),
        ("head", "face"), ("head", "eye"), ("head", "ear"), ("face", "eye"), ("face", "jaw"),
        ("jaw", "teeth"), ("face", "teeth"), ("chest", "abdomen"),
    )
)  # fmt: skip
# Related across regions, not by containment: a nerve root and the limb it supplies, the
# thoracic spine and the ribs, the low back and the buttock (sciatica), a groin hernia.
RELATED_PARTS = frozenset(
    frozenset(pair)
    for pair in (
        ("lumbar spine", "lower extremity"), ("cervical spine", "upper extremity"),
        ("thoracic spine", "chest"), ("lumbar spine", "buttock"), ("groin", "abdomen"),
    )
)  # fmt: skip

# How near two body parts are, from the same part down to unrelated ones.
SAME_PART = 1.0
WITHIN = 0.8  # one contains the other: wrist and upper extremity, lumbar spine and spine
ADJACENT = 0.7  # neighbours: hand and wrist, knee and lower leg
SAME_REGION = 0.5  # hand and shoulder, cervical and lumbar spine
RELATED = 0.4  # lumbar spine and lower extremity
UNRELATED = 0.0
_SPECIFIC_SPINE = frozenset({"cervical spine", "thoracic spine", "lumbar spine"})


def body_parts(text: str) -> list[str]:
    """Every canonical body part named in text, in vocabulary order."""
    lowered = text.lower()
    found = set(_PATTERNS.matching(lowered))
    found |= set(_spine_levels(lowered))
    if found & _SPECIFIC_SPINE:
        found.discard("spine")
    return [name for name in BODY_PARTS if name in found]


def _spine_levels(lowered: str) -> Iterable[str]:
    """The spine regions that level numbers ("L4-S1", "C5-6", "S1") name."""
    for match in SPINE_LEVEL_RANGE.finditer(lowered):
        yield LEVEL_REGIONS[match.group("first")]
        yield LEVEL_REGIONS[match.group("second") or match.group("first")]
    for match in SPINE_LEVEL_ALONE.finditer(lowered):
        yield LEVEL_REGIONS[match.group("first") or match.group("upper")]


def pair_closeness(wanted: str, found: str) -> float:
    """How near one body part is to another, as one of the named grades above."""
    if wanted == found:
        return SAME_PART
    pair = frozenset((wanted, found))
    region, other_region = REGIONS.get(wanted), REGIONS.get(found)
    if region and region == other_region:
        if pair & WHOLE_REGION_PARTS:
            return WITHIN
        return ADJACENT if pair in ADJACENT_PARTS else SAME_REGION
    if pair in ADJACENT_PARTS:
        return ADJACENT
    return RELATED if pair in RELATED_PARTS else UNRELATED


def closest_parts(wanted: Sequence[str], found: Sequence[str]) -> tuple[float, str, str] | None:
    """The best pairing of a wanted part with a found one: (closeness, wanted, found); None
    when either side names no part."""
    pairs = [(pair_closeness(w, f), w, f) for w in wanted for f in found]
    return max(pairs, key=lambda pair: pair[0]) if pairs else None


def part_closeness(wanted: Sequence[str], found: Sequence[str]) -> float:
    """How near two lists of body parts are: the closeness of their best pairing, 0 when
    either names none."""
    best = closest_parts(wanted, found)
    return best[0] if best else UNRELATED
