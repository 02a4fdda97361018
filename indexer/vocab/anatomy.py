"""Body parts: the canonical names and the patterns that find them in text."""

from __future__ import annotations

import re
from collections.abc import Sequence

BODY_PART_PATTERNS: tuple[tuple[str, str], ...] = (
    ("cervical spine", r"cervical|\bneck\b|\bc\d-\d\b|\bc\d-c\d\b"),
    ("thoracic spine", r"thoracic|\bt\d{1,2}-\d"),
    ("lumbar spine", r"lumbar|lumbosacral|low(er)? back|\bl\d-[ls]\d|\bback\b(?! brace)|\bl\d\b"),
    ("shoulder", r"shoulder"),
    ("elbow", r"elbow"),
    ("wrist", r"wrist|carpal"),
    ("hand", r"\bhands?\b|fingers?|thumb"),
    ("hip", r"\bhips?\b|pelvi"),
    ("knee", r"\bknees?\b"),
    ("ankle", r"ankle"),
    ("foot", r"\bfoot\b|\bfeet\b|\btoes?\b"),
    ("head", r"\bhead\b|brain|skull|cranial"),
    ("upper extremity", r"upper extremit|\barms?\b|\brue\b|\blue\b|forearm"),
    ("lower extremity", r"lower extremit|\blegs?\b|\brle\b|\blle\b"),
)
BODY_PARTS: tuple[str, ...] = tuple(name for name, _ in BODY_PART_PATTERNS)
# Each body part's region: parts of one region are related (a wrist MRI is near a hand MRI).
REGIONS: dict[str, str] = {
    "cervical spine": "spine", "thoracic spine": "spine", "lumbar spine": "spine",
    "shoulder": "upper extremity", "elbow": "upper extremity", "wrist": "upper extremity",
    "hand": "upper extremity", "upper extremity": "upper extremity",
    "hip": "lower extremity", "knee": "lower extremity", "ankle": "lower extremity",
    "foot": "lower extremity", "lower extremity": "lower extremity", "head": "head",
}
SAME_PART, SAME_REGION = 1.0, 0.5


def body_parts(text: str) -> list[str]:
    """Canonical body parts named in text, in vocabulary order."""
    lowered = text.lower()
    return [name for name, pattern in BODY_PART_PATTERNS if re.search(pattern, lowered)]


def part_closeness(wanted: Sequence[str], found: Sequence[str]) -> float:
    """How near two lists of body parts are: SAME_PART when they share one, SAME_REGION when
    they share a region, else 0."""
    if set(wanted) & set(found):
        return SAME_PART
    regions = {REGIONS.get(part) for part in wanted} - {None}
    return SAME_REGION if regions & {REGIONS.get(part) for part in found} else 0.0
