"""Body parts: the canonical names and the patterns that find them in text."""

from __future__ import annotations

import re

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


def body_parts(text: str) -> list[str]:
    """Canonical body parts named in text, in vocabulary order."""
    lowered = text.lower()
    return [name for name, pattern in BODY_PART_PATTERNS if re.search(pattern, lowered)]
