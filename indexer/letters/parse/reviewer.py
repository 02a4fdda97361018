"""The expert reviewer's credentials: labelled lines or prose."""

from __future__ import annotations

import re

from indexer import vocab
from indexer.letters.records import Reviewer

_LABELLED = {
    "licensure": re.compile(r"State\(s\) of Licensure\s*:?\s*(.*)", re.I),
    "specialties": re.compile(r"Certification\(s\)\s*/\s*Specialty\s*:?\s*(.*)", re.I),
}
_STOP_LINE = re.compile(r"^\s*$|^[A-Z][A-Z ,()/]{6,}:?\s*$|^[A-Za-z()/ ]{3,40}:")
_PROSE_SPECIALTY = re.compile(
    r"Board[- ]Certified (?:in|by the American Board of) (.+?)"
    r"(?=,? (?:has an? |and is licensed|is licensed|and has|\. |who )|\.$)",
    re.I,
)
_PROSE_SUBSPECIALTY = re.compile(
    r"(?:has an? |with an? )sub-?specialt(?:y|ies) in (.+?)"
    r"(?=,? and is|,? is licensed|\. |\.$)",
    re.I,
)
_PROSE_LICENCE = re.compile(r"licensed to practice in (.+?)(?:\.(?: |$)|;|$)", re.I)
_PROSE_DISCIPLINE = re.compile(
    r"\bis (?:a )?licensed (" + "|".join(sorted(vocab.PRACTITIONERS, key=len, reverse=True)) + ")",
    re.I,
)


def reviewer(text: str) -> Reviewer:
    """Specialties and licensure from the credentials lines, else from the prose sentence."""
    lines = text.split("\n")
    labelled = {key: _labelled_value(lines, pattern) for key, pattern in _LABELLED.items()}
    if labelled["specialties"] or labelled["licensure"]:
        return Reviewer(
            specialties=vocab.specialties(labelled["specialties"] or ""),
            licensure=vocab.states(labelled["licensure"] or ""),
        )
    return _prose_reviewer(" ".join(text.split()))


def _labelled_value(lines: list[str], pattern: re.Pattern) -> str | None:
    """The value after a label, with its continuation lines (names broken across lines)."""
    for index, line in enumerate(lines):
        match = pattern.search(line)
        if not match:
            continue
        parts = [match.group(1).strip()]
        for following in lines[index + 1 : index + 4]:
            if _STOP_LINE.search(following) or any(p.search(following) for p in _LABELLED.values()):
                break
            parts.append(following.strip())
        return " ".join(part for part in parts if part)  # a wrapped list goes on
    return None


def _prose_reviewer(flat: str) -> Reviewer:
    """Credentials written as 'Board Certified in X, has a subspecialty in Y, and is licensed
    to practice in Z'."""
    names: list[str] = []
    for pattern in (_PROSE_SPECIALTY, _PROSE_SUBSPECIALTY, _PROSE_DISCIPLINE):
        match = pattern.search(flat)
        if match:
            names += [n for n in vocab.specialties(_and_list(match.group(1))) if n not in names]
    licence = _PROSE_LICENCE.search(flat)
    return Reviewer(specialties=names, licensure=vocab.states(licence.group(1)) if licence else [])


def _and_list(text: str) -> str:
    """'A, B and C' -> 'A, B, C' unless the 'and' is part of one specialty's name."""
    if re.search(r"medicine and rehabilitation|and foot|and hand|and neck", text, re.I):
        return text
    return re.sub(r",? and ", ", ", text)
