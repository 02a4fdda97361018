"""Guideline sources: the normalised names of what each side cited, read from the citation
text of any layout ("Decision based on ..." or "..., which is (not) part of the MTUS")."""

from __future__ import annotations

import re

GUIDELINE_SOURCES: tuple[str, ...] = (
    "MTUS Chronic Pain",
    "MTUS Postsurgical",
    "MTUS Acupuncture",
    "MTUS Opioid Treatment",
    "MTUS ACOEM Neck and Upper Back",
    "MTUS ACOEM Shoulder",
    "MTUS ACOEM Elbow",
    "MTUS ACOEM Forearm, Wrist, and Hand",
    "MTUS ACOEM Low Back",
    "MTUS ACOEM Knee",
    "MTUS ACOEM Ankle and Foot",
    "MTUS ACOEM Stress Related Conditions",
    "MTUS ACOEM General",
    "ODG",
    "ACOEM (non-MTUS)",
    "Other (non-MTUS)",
    "None cited",
)
_MTUS_PATTERNS: tuple[tuple[str, str], ...] = (
    ("MTUS Chronic Pain", r"chronic pain"),
    ("MTUS Postsurgical", r"post-?\s?surgical"),
    ("MTUS Acupuncture", r"acupuncture"),
    ("MTUS Opioid Treatment", r"opioid treatment"),
    ("MTUS ACOEM Neck and Upper Back", r"neck (and|&) upper back"),
    ("MTUS ACOEM Shoulder", r"shoulder"),
    ("MTUS ACOEM Elbow", r"elbow"),
    ("MTUS ACOEM Forearm, Wrist, and Hand", r"forearm|wrist|hand complaints"),
    ("MTUS ACOEM Low Back", r"low back"),
    ("MTUS ACOEM Knee", r"knee"),
    ("MTUS ACOEM Ankle and Foot", r"ankle|foot"),
    ("MTUS ACOEM Stress Related Conditions", r"stress"),
    ("MTUS ACOEM General", r"general approach|independent medical exam"),
)
_SECTION_LIST = re.compile(r"section\(s\):.*?(?=, and (?!chronic opioid)|$)", re.S)
_NOT_CITED = re.compile(r"did not cite|no (medical )?evidence (was )?cited|none cited|not cite any")
# "Non-MTUS Citation X" and "outside of the MTUS" come before what they qualify ...
_NON_MTUS_BEFORE = re.compile(
    r"non-mtus(?: citation)?|outside (?:of )?the mtus(?: guidelines)?|"
    r"did not base (?:its|their|his/her) decision on the mtus"
)
# ... "X, which is not part of the MTUS" after it
_NON_MTUS_AFTER = re.compile(r",?\s*which (?:is|are) not (?:a )?part of (?:the )?mtus")
# a sentence ends at ". X", not after an initial or a numbered heading ("Harris J.", "3.")
_SENTENCE_BREAK = re.compile(r"(?<=\.)(?<!\s[\dA-Z]\.)\s+(?=[A-Z])")
_ODG = re.compile(r"official disability|\bodg\b")
_ACOEM = re.compile(r"acoem|american college of occupational")


def guideline_sources(text: str) -> list[str]:
    """Normalised guideline sources cited in one side's guideline text."""
    flat = " ".join(text.split())
    if not flat or _NOT_CITED.search(flat.lower()):
        return ["None cited"]
    found: set[str] = set()
    side = "start"
    for sentence in _SENTENCE_BREAK.split(flat):
        side = _read_citation(sentence.lower(), side, found)
    return sorted(found, key=GUIDELINE_SOURCES.index) or ["Other (non-MTUS)"]


def _read_citation(sentence: str, side: str, found: set[str]) -> str:
    """Add one sentence's sources to found; return the side ("mtus", "other", "closed") that
    an unmarked next sentence continues (a citation may run over several sentences)."""
    after = _NON_MTUS_AFTER.search(sentence)
    if after:
        found |= _non_mtus_sources(sentence[: after.start()])
        return "closed"
    before = _NON_MTUS_BEFORE.search(sentence)
    if before:
        found |= _non_mtus_sources(sentence[before.end() :])
        return "other"
    names_other = _ODG.search(sentence) or _ACOEM.search(sentence)
    if "mtus" in sentence or (side in ("start", "mtus") and not names_other):
        found |= _mtus_sources(sentence)
        return "mtus"
    if side != "closed":
        found |= _non_mtus_sources(sentence)
        return "other"
    return side


def _mtus_sources(citation: str) -> set[str]:
    """MTUS parts named in an MTUS citation (section lists name topics, not parts)."""
    names = _SECTION_LIST.sub("", citation)
    found = {name for name, pattern in _MTUS_PATTERNS if re.search(pattern, names)}
    # "MTUS ACOEM" names the whole ACOEM part only when no chapter of it is named
    if "acoem" in names and not any(name.startswith("MTUS ACOEM") for name in found):
        found.add("MTUS ACOEM General")
    return found


def _non_mtus_sources(citation: str) -> set[str]:
    """Sources named in a citation outside the MTUS; "Other" for any other reference."""
    found = set()
    if _ODG.search(citation):
        found.add("ODG")
    if _ACOEM.search(citation):
        found.add("ACOEM (non-MTUS)")
    if not found and citation.strip(" .,;:"):
        found.add("Other (non-MTUS)")
    return found
