"""The relevance benchmark's own body regions: what a request names, and when two agree.

Independent of `indexer.vocab`. A region agrees with itself, with the limb or spine that holds
it (knee within lower extremity), and with its neighbour (hand and wrist, ankle and foot).
Nerve studies compare limbs: a cervical problem is studied in the arms, a lumbar one in the legs.
"""

from __future__ import annotations

import re

CERVICAL, THORACIC, LUMBAR, SPINE = "cervical spine", "thoracic spine", "lumbar spine", "spine"
UPPER, LOWER = "upper extremity", "lower extremity"
SPINAL_REGIONS = (CERVICAL, THORACIC, LUMBAR)

REGION_PATTERNS = {
    CERVICAL: r"cervical|neck|\bc[1-7](?:-c?[1-7])?\b",
    THORACIC: r"thoracic|mid[- ]back|upper back|\bt(?:[1-9]|1[0-2])-t?\d",
    LUMBAR: r"lumbar|lumbo|low(?:er)? back|(?<!mid )(?<!mid-)(?<!upper )\bback\b|\bl[1-5]\b"
            r"|\bl[1-5]-[ls]\d|sacr(?:al|um|oiliac)|\bsi joint|coccy",
    "shoulder": r"shoulder|rotator cuff|\bac joint|bankart|labrum|labral|biceps tenodesis|\bsling",
    "elbow": r"elbow|epicondyl|olecranon|cubital",
    "wrist": r"wrist|carpal",
    "hand": r"\bhands?\b|finger|thumb|\bdigits?\b",
    "hip": r"\bhips?\b|pelvi|groin|acetabul",
    "knee": r"knee|menisc|patell|\bacl\b|\bmcl\b",
    "ankle": r"ankle|achilles",
    "foot": r"\bfoot|\bfeet\b|\btoes?\b|\bheel|plantar",
    "head": r"\bhead\b|brain|skull|cranial|facial|\btmj\b|\bjaw\b",
    "chest": r"\bchest\b|\bribs?\b",
    UPPER: r"upper extremit|upper limb|\b[rl]?ue\b|\barms?\b|forearm",
    LOWER: r"lower extremit|lower limb|\b[rl]?le\b|\blegs?\b|thigh|\bcalf\b",
}
COMPILED_REGIONS = {name: re.compile(pattern) for name, pattern in REGION_PATTERNS.items()}
WHOLE_SPINE = re.compile(r"\bspine\b|\bspinal\b")

CONTAINER = {
    CERVICAL: SPINE, THORACIC: SPINE, LUMBAR: SPINE,
    "shoulder": UPPER, "elbow": UPPER, "wrist": UPPER, "hand": UPPER,
    "hip": LOWER, "knee": LOWER, "ankle": LOWER, "foot": LOWER,
}
NEIGHBOURS = {frozenset(("hand", "wrist")), frozenset(("ankle", "foot"))}
# The limb whose nerves a nerve study of a region examines.
STUDIED_LIMB = {
    CERVICAL: UPPER, "shoulder": UPPER, "elbow": UPPER, "wrist": UPPER, "hand": UPPER,
    UPPER: UPPER, LUMBAR: LOWER, "hip": LOWER, "knee": LOWER, "ankle": LOWER, "foot": LOWER,
    LOWER: LOWER,
}


def regions_named(text: str) -> frozenset[str]:
    """Every body region a request names (a bare "spine" only when no spinal region is named)."""
    lowered = text.lower()
    found = {name for name, pattern in COMPILED_REGIONS.items() if pattern.search(lowered)}
    if not found & set(SPINAL_REGIONS) and WHOLE_SPINE.search(lowered):
        found.add(SPINE)
    return frozenset(found)


def regions_agree(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether two requests' regions agree: some pair does, or either names none."""
    if not first or not second:
        return True
    return any(region_pair_agrees(a, b) for a in first for b in second)


def region_pair_agrees(first: str, second: str) -> bool:
    """Same region, one holding the other, or neighbours."""
    return (first == second or CONTAINER.get(first) == second or CONTAINER.get(second) == first
            or frozenset((first, second)) in NEIGHBOURS)


def limbs_agree(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether two nerve studies examine a common limb (either naming none agrees)."""
    first_limbs = {STUDIED_LIMB.get(region, region) for region in first}
    second_limbs = {STUDIED_LIMB.get(region, region) for region in second}
    return not first_limbs or not second_limbs or bool(first_limbs & second_limbs)
