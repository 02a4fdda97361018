"""Reviewer specialties and US states as the letters name them, in canonical spelling."""

from __future__ import annotations

import re

# what a licensed practitioner is called -> the specialty ("a licensed Podiatrist")
PRACTITIONERS: dict[str, str] = {
    "psychologist": "Psychology",
    "chiropractor": "Chiropractic",
    "acupuncturist": "Acupuncture",
    "physical therapist": "Physical Therapy",
    "occupational therapist": "Occupational Therapy",
    "dentist": "Dentistry",
    "podiatrist": "Podiatry",
    "psychiatrist": "Psychiatry",
    "neurologist": "Neurology",
    "anesthesiologist": "Anesthesiology",
    "rheumatologist": "Rheumatology",
    "physiatrist": "Physical Medicine & Rehabilitation",
    "neurosurgeon": "Neurosurgery",
    "orthopedic surgeon": "Orthopedic Surgery",
    "internist": "Internal Medicine",
}
SPECIALTY_SYNONYMS: dict[str, str] = {
    **PRACTITIONERS,
    "physical medicine & rehabilitation": "Physical Medicine & Rehabilitation",
    "physical medicine & rehab": "Physical Medicine & Rehabilitation",
    "pm&r": "Physical Medicine & Rehabilitation",
    "family medicine": "Family Practice",
    "chiropractic medicine": "Chiropractic",
    "orthopaedic surgery": "Orthopedic Surgery",
    "orthopedics": "Orthopedic Surgery",
    "orthopaedics": "Orthopedic Surgery",
    "pain medicine": "Pain Management",
    "clinical psychology": "Psychology",
    "general preventive medicine": "Preventive Medicine",
    "occupational & environmental medicine": "Occupational Medicine",
    "surgery": "General Surgery",
    "podiatric medicine": "Podiatry",
    "podiatric surgery": "Podiatry",
    "neurological surgery": "Neurosurgery",
}
_SMALL_WORDS = frozenset({"&", "and", "of", "in", "the"})

_STATE_TABLE = (
    "Alabama, Alaska, Arizona, Arkansas, California, Colorado, Connecticut, Delaware, District "
    "of Columbia, Florida, Georgia, Hawaii, Idaho, Illinois, Indiana, Iowa, Kansas, Kentucky, "
    "Louisiana, Maine, Maryland, Massachusetts, Michigan, Minnesota, Mississippi, Missouri, "
    "Montana, Nebraska, Nevada, New Hampshire, New Jersey, New Mexico, New York, North "
    "Carolina, North Dakota, Ohio, Oklahoma, Oregon, Pennsylvania, Rhode Island, South "
    "Carolina, South Dakota, Tennessee, Texas, Utah, Vermont, Virginia, Washington, West "
    "Virginia, Wisconsin, Wyoming"
)
US_STATES: tuple[str, ...] = tuple(state.strip() for state in _STATE_TABLE.split(","))

_STATE_PATTERN = re.compile(
    r"\b(" + "|".join(sorted((re.escape(s) for s in US_STATES), key=len, reverse=True)) + r")\b",
    re.I,
)


def specialties(text: str) -> list[str]:
    """Canonical specialty names in a comma-separated credentials text."""
    names = []
    for part in re.split(r",|;|\n", " ".join(text.split("\n"))):
        name = canonical_specialty(part)
        if name and name not in names:
            names.append(name)
    return names


def canonical_specialty(name: str) -> str | None:
    """One specialty in its canonical spelling ("and" -> "&", known synonyms, title case)."""
    cleaned = re.sub(r"\s+", " ", name).strip(" .")
    cleaned = re.sub(r"\s+and\s+|\s*&\s*", " & ", cleaned)
    if not cleaned:
        return None
    key = cleaned.lower()
    if key in SPECIALTY_SYNONYMS:
        return SPECIALTY_SYNONYMS[key]
    words = cleaned.split(" ")
    return " ".join(
        w.lower() if w.lower() in _SMALL_WORDS and i else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )


def states(text: str) -> list[str]:
    """US state names in text, in order of appearance, as the contract spells them."""
    by_lower = {state.lower(): state for state in US_STATES}
    found = [by_lower[m.group(1).lower()] for m in _STATE_PATTERN.finditer(" ".join(text.split()))]
    return list(dict.fromkeys(found))
