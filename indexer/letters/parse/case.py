"""The case itself: cleaned summary, patient age and sex, diagnoses, documents reviewed."""

from __future__ import annotations

import re

from indexer.letters.parse.items import join_lines
from indexer.letters.records import Patient

_SUMMARY_INTRO = re.compile(
    r"^The (?:expert|physician|professional) reviewer developed the following clinical case "
    r"summary based on a review of the case file, including all medical records:\s*",
    re.I,
)
_AGE_SEX = re.compile(
    r"\b(\d{1,3})[- ]?(?:year|yr)s?[- ]old,?\s+(?:[a-z-]+\s+){0,3}?"
    r"(male|female|man|woman|gentleman|lady|boy|girl)\b",
    re.I,
)
_AGE = re.compile(r"\b(\d{1,3})[- ]?(?:year|yr)s?[- ]old\b|\bage(?:d)?:?\s+(\d{1,3})\b", re.I)
_SEX = re.compile(r"\b(male|female)\b", re.I)
_SEX_WORDS = {
    "male": "male",
    "man": "male",
    "gentleman": "male",
    "boy": "male",
    "female": "female",
    "woman": "female",
    "lady": "female",
    "girl": "female",
}
_DIAGNOSES = re.compile(
    r"\bdiagnos(?:es|is|ed)\b[^.:]{0,60}?\b(?:include[sd]?|of|are|is|was|were|as|with)\b\s*:?\s*"
    r"(?:(?:documented|noted|listed|given|reported|identified)\s+(?:as|is|to include|to be)\s+|"
    r"having\s+|to include\s+|including\s+|as\s+)?"
    r"(?P<rest>.{3,600}?)(?:\.(?=\s*[A-Z])|\.$|$)",
    re.S,
)
_NUMBERED = re.compile(r"(?:^|\s)\d{1,2}[.)]\s+(.+?)(?=\.?\s+\d{1,2}[.)]\s|\.\s+[A-Z]|\.?$)")
_ICD_QUALIFIER = re.compile(r"^(?:subsequent|initial|sequela) encounter$|^unspecified$", re.I)
MAX_DIAGNOSES = 12


def summary_text(lines: list[str]) -> str:
    """The case summary as paragraphs, without boilerplate, line wraps or redaction gaps."""
    paragraphs, current = [], []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append(join_lines(current))
            current = []
    text = "\n\n".join(paragraphs)
    return _SUMMARY_INTRO.sub("", text).strip()


def patient(summary: str) -> Patient:
    """Age and sex as the summary first states them."""
    flat = " ".join(summary.split())
    both = _AGE_SEX.search(flat)
    if both:
        return Patient(age=_age(both.group(1)), sex=_SEX_WORDS[both.group(2).lower()])
    age = _AGE.search(flat)
    sex = _SEX.search(flat)
    return Patient(
        age=_age(age.group(1) or age.group(2)) if age else None,
        sex=sex.group(1).lower() if sex else None,
    )


def _age(text: str) -> int | None:
    value = int(text)
    return value if 14 <= value <= 110 else None


def diagnoses(summary: str) -> list[str]:
    """The diagnoses as the summary lists them (first list found), in order."""
    flat = " ".join(summary.split())
    match = _DIAGNOSES.search(flat)
    if not match:
        return []
    rest = match.group("rest").strip()
    if re.match(r"\d{1,2}[.)]\s", rest):
        numbered = flat[match.start("rest") :]
        parts = [m.group(1) for m in _NUMBERED.finditer(numbered)]
    elif ";" in rest:
        parts = rest.split(";")
    else:
        parts = rest.split(",")
        if len(parts) > 1:
            parts[-1:] = re.split(r"\s+and\s+", parts[-1])
    cleaned = []
    for part in parts:
        name = re.sub(r"^(?:and|the|a|an)\s+", "", part.strip(" .,;:"), flags=re.I).strip()
        if _ICD_QUALIFIER.match(name):
            continue
        if 2 < len(name) <= 150 and name.lower() not in (c.lower() for c in cleaned):
            cleaned.append(name)
    return cleaned[:MAX_DIAGNOSES]


_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d{1,3}[.)])\s+")


def documents_reviewed(lines: list[str]) -> list[str]:
    """The documents-reviewed list: one entry per bullet (wrapped lines joined) or per line."""
    entries: list[list[str]] = []
    bulleted = any(_BULLET.match(line) for line in lines)
    for line in lines:
        if not line.strip():
            continue
        if not bulleted or _BULLET.match(line) or not entries:
            entries.append([_BULLET.sub("", line)])
        else:
            entries[-1].append(line)
    return [join_lines(entry) for entry in entries if join_lines(entry)]
