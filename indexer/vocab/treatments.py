"""Treatment categories and the classification of a request's text into one."""

from __future__ import annotations

import re

from indexer.vocab.drug_names import (
    ANTICONVULSANT,
    ANTIDEPRESSANT,
    ANTIEMETIC,
    CORTICOSTEROID,
    GASTROPROTECTIVE,
    LAXATIVE,
    NSAID,
    OPIOID,
    RELAXANT,
    SLEEP_AID,
    TOPICAL,
    UNCLASSIFIED_MEDICATION,
)
from indexer.vocab.drugs import (
    DRUG_CLASSES,
    MEDICATION_CLASSES,
    DrugMention,
    classify_medication,
    find_drugs,
)
from indexer.vocab.prefilter import PatternSet
from indexer.vocab.services import SERVICE_PATTERNS

OTHER = "other"
_SERVICES = PatternSet(SERVICE_PATTERNS)
TREATMENTS: tuple[str, ...] = (
    *dict.fromkeys(name for name, _ in SERVICE_PATTERNS),
    *MEDICATION_CLASSES,
    OTHER,
)
SESSION_TREATMENTS = frozenset(
    {
        "physical therapy",
        "occupational therapy",
        "passive modality",
        "chiropractic",
        "acupuncture",
        "massage therapy",
        "aquatic therapy",
        "speech/cognitive therapy",
        "psychotherapy",
        "office visit",
        "TENS/electrical stimulation",
        "shockwave therapy",
        "functional restoration program",
        "home health care",
    }
)
# Categories that hold what no named kind of their family matches: two items sharing one
# need not share a treatment, so a shared catch-all is no evidence of a close precedent, and
# their share of all items measures what the vocabulary fails to recognise.
CATCH_ALLS = frozenset(
    {
        OTHER,
        UNCLASSIFIED_MEDICATION,
        "unclassified injection",
        "unclassified surgery",
        "unclassified equipment",
    }
)
_FAMILY_MEMBERS: dict[str, tuple[str, ...]] = {
    "therapy": (
        "physical therapy",
        "occupational therapy",
        "aquatic therapy",
        "passive modality",
        "inpatient rehabilitation",
        "speech/cognitive therapy",
    ),
    "equipment": (
        "brace/orthosis",
        "mobility aid",
        "bathroom/home equipment",
        "sleep/positioning equipment",
        "compression garment/DVT device",
        "cold/heat therapy unit",
        "exercise/rehabilitation equipment",
        "medical supplies",
        "hearing/vision aid",
        "unclassified equipment",
    ),
    "surgery": (
        "spine surgery",
        "joint arthroscopy/repair",
        "joint replacement",
        "hand/wrist/nerve surgery",
        "fracture repair/hardware removal",
        "surgical assistant/peri-operative service",
        "unclassified surgery",
    ),
    "injection": (
        "joint/soft tissue injection",
        "nerve block",
        "PRP/regenerative injection",
        "botulinum toxin injection",
        "unclassified injection",
    ),
    "gastrointestinal medication": (GASTROPROTECTIVE, ANTIEMETIC, LAXATIVE),
}
# Categories that are one kind of care for ranking: a precedent of the family is close.
# Families whose members answer the same clinical question (a hand-therapy OT precedent speaks
# to a PT request; an H2 blocker to a PPI): a relative there is a close precedent. The other
# families group the kinds a former catch-all held (a gym membership is no precedent for a cold
# therapy unit, nor a spine fusion for a knee replacement).
KINDRED_FAMILIES = frozenset({"therapy", "gastrointestinal medication"})
TREATMENT_FAMILIES: dict[str, str] = {
    member: family for family, members in _FAMILY_MEMBERS.items() for member in members
}
# Values a saved link may hold that the vocabulary has since renamed or split -> the values
# that now hold their items (a facet's values are OR-ed, so the link keeps showing them all).
FORMER_TREATMENTS: dict[str, tuple[str, ...]] = {
    "durable medical equipment": _FAMILY_MEMBERS["equipment"],
    "surgery": _FAMILY_MEMBERS["surgery"],
    "proton pump inhibitor": (GASTROPROTECTIVE,),
    # every class but those named while `other medication` was the medication catch-all
    "other medication": tuple(
        name
        for name in MEDICATION_CLASSES
        if name not in {OPIOID, NSAID, RELAXANT, ANTICONVULSANT, ANTIDEPRESSANT, TOPICAL, SLEEP_AID}
    ),
    "other injection": _FAMILY_MEMBERS["injection"],
}
# An anaesthetic or a steroid named before an injection is what the injection delivers:
# "Lidocaine injection to the knee" is the procedure, "Toradol 60mg IM injection" a drug.
_INJECTIONS = frozenset(name for name in TREATMENTS if "injection" in name or "block" in name)
_INJECTED_DRUG_CLASSES = frozenset({TOPICAL, CORTICOSTEROID})
_DOSE = re.compile(r"\b\d+(\.\d+)?\s*(mg|mcg|ml|gm?)\b|#\s*\d+|\btablets?\b|\bcapsules?\b")
# Words that say when or why a service is asked, not what it is ("Associated surgical
# service: UA" is a urinalysis, not surgery).
_PREFIX = re.compile(r"^(associated surgical services?|retrospective( request)?)\s*:?\s*")


def treatment_family(category: str) -> str:
    """The family a treatment category belongs to (the category itself when it has none)."""
    return TREATMENT_FAMILIES.get(category, category)


def classify_treatment(request: str) -> tuple[str, str | None]:
    """Return (treatment category, generic drug name or None) for a request's text."""
    treatment, drug, _ = treatment_evidence(request)
    return treatment, drug


def treatment_evidence(request: str) -> tuple[str, str | None, str]:
    """(treatment category, generic drug name or None, the words that decided the category:
    a drug name, a service term, a dose, or "" when nothing was recognised)."""
    text = _request_core(request)
    service = _first_service(text)
    drugs = find_drugs(text)
    if drugs and _drug_decides(drugs[0], service):
        return (*classify_medication(text, drugs), drugs[0].written)
    if service:
        return service[0], None, _deciding_words(service[1])
    if dose := _DOSE.search(text):
        return UNCLASSIFIED_MEDICATION, None, dose.group(0)
    return OTHER, None, ""


def _drug_decides(drug: DrugMention, service: tuple[str, re.Match[str]] | None) -> bool:
    """Whether the drug named first decides the category rather than the service found: it
    is named before the service, and is not what an injection named after it delivers."""
    if service is None:
        return True
    name, match = service
    injected = name in _INJECTIONS and DRUG_CLASSES.get(drug.generic) in _INJECTED_DRUG_CLASSES
    return match.start() > drug.start and not injected


def _request_core(request: str) -> str:
    """Lower-case request text without prefixes that say nothing about the treatment."""
    text = " ".join(request.lower().split())
    while (stripped := _PREFIX.sub("", text)) != text:
        text = stripped
    return text


def _first_service(text: str) -> tuple[str, re.Match[str]] | None:
    """The highest-priority service category found in text, with its pattern's match."""
    return _SERVICES.first_match(text)


def _deciding_words(match: re.Match[str]) -> str:
    """The words of a service match that decided it: its `term` group when it took part."""
    term = match.group("term") if "term" in match.re.groupindex else None
    return term or match.group(0)
