"""Controlled vocabularies (treatments, body parts, specialties, states) and the functions that
classify letter text into them; drugs are in indexer/vocab_drugs.py, guideline sources in
indexer/vocab_guidelines.py. Canonical strings follow the contract."""

from __future__ import annotations

import re

from indexer.vocab_drugs import (
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

# the guideline vocabulary lives next to its classifier; re-exported here with the others
from indexer.vocab_guidelines import GUIDELINE_SOURCES as GUIDELINE_SOURCES

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


def body_parts(text: str) -> list[str]:
    """Canonical body parts named in text, in vocabulary order."""
    lowered = text.lower()
    return [name for name, pattern in BODY_PART_PATTERNS if re.search(pattern, lowered)]


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
