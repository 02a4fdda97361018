"""The body parts a letter points to for an item whose request names none.

The rule, most specific evidence first, the first source that names a part deciding:
1. the guideline chapters and sections cited for the item (MAXIMUS', then the claims
   administrator's): "ODG Shoulder", "MTUS Low Back Complaints", "Section(s): Knee brace";
   a chapter of several parts ("Ankle & Foot") narrowed to those the item's rationale or the
   diagnoses name, when they name one of them; a chapter far from every part the rationale
   and the diagnoses name (not the same, within or adjacent) is a general topic filed under
   a body chapter and is passed over;
2. the item's rationale, in its sentences about the patient (sentences quoting a guideline,
   "recommended for chronic low back pain", speak of patients in general and are skipped);
3. the letter's diagnoses, or when they name no part, the summary's sentences about the
   injury, the complaints and the diagnoses.
A source naming more than MAX_LETTER_PARTS parts is ambiguous: the item then gets none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from indexer.letters.records import Item
from indexer.vocab.anatomy import ADJACENT, body_parts, part_closeness

MAX_LETTER_PARTS = 3
# Guideline chapter titles whose words would name more than their chapter covers.
_CHAPTER_TITLES = (
    (re.compile(r"neck (?:and|&) upper back", re.I), "neck"),
    (re.compile(r"low back\s*-\s*lumbar (?:and|&) thoracic", re.I), "low back"),
    (re.compile(r"forearm,? wrist,? (?:and|&) hand", re.I), "wrist and hand"),
    (re.compile(r"knee (?:and|&) leg", re.I), "knee and lower leg"),
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
# a guideline's words: named, paraphrased ("recommended for") or quoted with its reference
_GUIDELINE_TALK = re.compile(
    r"guideline|\bmtus\b|\bodg\b|\bacoem\b|recommend|criteria|\bstud(?:y|ies)\b|literature|"
    r"\([A-Z][^()]*\b(?:19|20)\d\d\)",
    re.I,
)
# "the injured worker" opens most sentences of a summary: only an injury "to" or "of" counts
_INJURY_TALK = re.compile(
    r"\binjur(?:y|ies|ed (?:his|her|their|the|a))\b|sustained|complain|diagnos|"
    r"treat(?:ed|ments?) for",
    re.I,
)


def case_body_parts(summary: str, diagnoses: Sequence[str]) -> list[str]:
    """The body parts of the case (rule 3): its diagnoses', else its injury sentences'."""
    return _named(diagnoses) or _named(_injury_sentences(summary))


def letter_body_parts(item: Item, case_parts: list[str]) -> list[str]:
    """The body parts the letter points to for an item whose request names none (rule above);
    `case_parts` is the letter's `case_body_parts`, worked out once for all its items."""
    if item.body_parts:
        return []
    evidence = [parts for parts in (_named(_patient_sentences(item.rationale)), case_parts)
                if parts]  # fmt: skip
    chapter_parts = _chapter_parts(item)
    if chapter_parts and (not evidence or any(_agree(chapter_parts, parts) for parts in evidence)):
        return _narrowed(chapter_parts, evidence)
    return _unambiguous(evidence[0]) if evidence else []


def _chapter_parts(item: Item) -> list[str]:
    """Body parts in the titles of the guideline chapters and sections cited for the item."""
    for citation in (item.guidelines.maximus, item.guidelines.claims_administrator):
        for title, replacement in _CHAPTER_TITLES:
            citation = title.sub(replacement, citation)
        parts = body_parts(citation)
        if parts:
            return parts
    return []


def _agree(chapter_parts: list[str], parts: list[str]) -> bool:
    """Whether a chapter is about the body area the letter speaks of: ODG files some general
    topics (pre-operative labs, flexibility) under "Low Back", which then names no part."""
    return part_closeness(chapter_parts, parts) >= ADJACENT


def _narrowed(chapter_parts: list[str], refinements: Iterable[list[str]]) -> list[str]:
    """A chapter's parts, narrowed to those a later source also names, if any."""
    if len(chapter_parts) > 1:
        for parts in refinements:
            shared = [part for part in chapter_parts if part in parts]
            if shared:
                return shared
    return _unambiguous(chapter_parts)


def _unambiguous(parts: list[str]) -> list[str]:
    return parts if len(parts) <= MAX_LETTER_PARTS else []


def _named(texts: Iterable[str]) -> list[str]:
    return body_parts(" ; ".join(texts))


def _sentences(text: str) -> list[str]:
    return _SENTENCE.split(" ".join(text.split()))


def _patient_sentences(rationale: str) -> list[str]:
    """The rationale's sentences that do not quote or paraphrase a guideline."""
    return [s for s in _sentences(rationale) if not _GUIDELINE_TALK.search(s)]


def _injury_sentences(summary: str) -> list[str]:
    """The summary's sentences about the injury, the complaints and the diagnoses."""
    return [s for s in _sentences(summary) if _INJURY_TALK.search(s)]
