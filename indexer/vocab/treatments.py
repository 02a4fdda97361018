"""Treatment categories and the classification of a request's text into one."""

from __future__ import annotations

import re

from indexer.vocab.drugs import (
    ANTICONVULSANT,
    ANTIDEPRESSANT,
    NSAID,
    OPIOID,
    OTHER_MEDICATION,
    PPI,
    RELAXANT,
    SLEEP_AID,
    TOPICAL,
    classify_medication,
    find_drugs,
)

OTHER = "other"

# Procedures and services, in priority order: the first category whose pattern occurs wins.
TREATMENT_PATTERNS: tuple[tuple[str, str], ...] = (
    ("office visit", r"follow[- ]?up|office visit|re-?exam|re-?evaluation|medication management"),
    (
        "functional restoration program",
        r"functional restoration|\bhelp program|work (hardening|conditioning)",
    ),
    ("functional capacity evaluation", r"functional capacity|\bfce\b"),
    (
        "consultation/referral",
        r"consult|referral|\brefer\b|(ist|eon|ian)\s+(evaluation|eval)\b|specialist",
    ),
    ("home health care", r"home health|home care|\baide\b|caregiver|nursing|\bnurse\b"),
    ("EMG/NCS", r"\bemg\b|\bncv\b|\bncs\b|nerve conduction|electromyo|electrodiagnostic"),
    ("MRI", r"\bmri\b|magnetic resonance|\bmra\b"),
    ("CT", r"\bct\b|computed tomography|\bcat scan"),
    ("X-ray", r"x-?rays?\b|radiograph"),
    (
        "laboratory test",
        r"\blabs?\b|laboratory|electrocardiogram|\bekg\b|\becg\b|urine|drug (screen|test)|blood|"
        r"\bcbc\b|\bcmp\b|urinalysis|panel\b",
    ),
    ("epidural steroid injection", r"epidural|\besi\b"),
    ("facet injection/medial branch block", r"facet|medial branch"),
    ("radiofrequency ablation", r"radiofrequency|rhizotomy|ablation|neurotomy"),
    ("trigger point injection", r"trigger points? injections?"),
    ("other injection", r"injection|\bprp\b|platelet[- ]rich"),
    (
        "TENS/electrical stimulation",
        r"\btens\b|electrical (muscle )?stim|e-?stim|neurostim|interferential|h-wave",
    ),
    ("acupuncture", r"acupuncture"),
    ("chiropractic", r"chiro|manipulation|manual therapy"),
    ("massage therapy", r"massage|myofascial release"),
    ("aquatic therapy", r"aquatic|aqua therapy|pool therapy"),
    (
        "physical therapy",
        r"physical therap|\bpt\b|physiotherap|therapeutic exercise|infrared|ultrasound|"
        r"traction|physical medicine|spinolator",
    ),
    ("occupational therapy", r"occupational therap|\bot\b|hand therap"),
    ("psychotherapy", r"psychotherap|psycholog|cognitive behavio|\bcbt\b|biofeedback|counsel"),
    (
        "surgery",
        r"arthroscop|surgery|surgical|repair|release|fusion|arthroplasty|replacement|ectomy\b|"
        r"otomy\b|plasty\b|\borif\b|open reduction|decompression|\bpa assist|assistant surgeon",
    ),
    (
        "durable medical equipment",
        r"brace|support\b|pillow|sling|cold therapy|cryo|hot/cold|ice|heat|"
        r"scooter|wheelchair|\bcane\b|walker|crutch|orthotic|insole|gloves|wipes|hearing aid|"
        r"mattress|\bbed\b|splint|collar|cushion|compression|stocking|\bdme\b|equipment",
    ),
)
TREATMENTS: tuple[str, ...] = (
    *(name for name, _ in TREATMENT_PATTERNS),
    OPIOID,
    NSAID,
    RELAXANT,
    ANTICONVULSANT,
    ANTIDEPRESSANT,
    TOPICAL,
    SLEEP_AID,
    PPI,
    OTHER_MEDICATION,
    OTHER,
)
SESSION_TREATMENTS = frozenset(
    {
        "physical therapy",
        "occupational therapy",
        "chiropractic",
        "acupuncture",
        "massage therapy",
        "aquatic therapy",
        "psychotherapy",
        "office visit",
        "TENS/electrical stimulation",
        "functional restoration program",
        "home health care",
    }
)
# Categories that are one kind of care for ranking: a precedent of the family is close.
TREATMENT_FAMILIES: dict[str, str] = {
    "physical therapy": "therapy",
    "occupational therapy": "therapy",
    "aquatic therapy": "therapy",
}


def treatment_family(category: str) -> str:
    """The family a treatment category belongs to (the category itself when it has none)."""
    return TREATMENT_FAMILIES.get(category, category)


def classify_treatment(request: str) -> tuple[str, str | None]:
    """Return (treatment category, generic drug name or None) for a request's text."""
    text = _request_core(request)
    service = _first_service(text)
    drugs = find_drugs(text)
    if drugs and (service is None or service[1] > drugs[0][1]):
        return classify_medication(text, drugs)
    if service:
        return service[0], None
    if re.search(r"\b\d+(\.\d+)?\s*(mg|mcg|ml)\b|#\s*\d+|\btablets?\b|\bcapsules?\b", text):
        return OTHER_MEDICATION, None
    return OTHER, None


def _request_core(request: str) -> str:
    """Lower-case request text without prefixes that say nothing about the treatment."""
    text = request.lower()
    return re.sub(
        r"^(associated surgical service|retrospective( request)?|post-?op(erative)?|"
        r"pre-?op(erative)?)\s*:?\s*",
        "",
        text,
    )


def _first_service(text: str) -> tuple[str, int] | None:
    """The highest-priority service category found in text, with its position."""
    for name, pattern in TREATMENT_PATTERNS:
        match = re.search(pattern, text)
        if match:
            return name, match.start()
    return None
