"""Relevance rules of the benchmark: when is one disputed item's request a relevant precedent
for another's? Judged from the two request texts alone, by rules written for the benchmark and
independent of the project's vocabulary (`indexer.vocab` is not imported), so the benchmark
does not measure the classifier against itself.

A request is read into treatments (a kind for reporting, a key that must match) and the body
regions it names. Two requests are relevant when they share a treatment key (same drug class,
same therapy family, same imaging type, same injection type, same equipment kind, same lab
kind, same kind of consultation, ...) and, for treatments tied to a place on the body
(imaging, nerve studies, injections, surgery, braces), their regions agree: an MRI of the
knee is not relevant to a lumbar MRI request; medications and therapies have no region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from relevance_drugs import CLASS_OF_NAME, CLASS_WORDS, TOPICAL
from relevance_regions import limbs_agree, regions_agree, regions_named

MEDICATION, PHYSICAL, CHIRO, ACUPUNCTURE, OTHER_THERAPY = (
    "medication", "physical therapy", "chiropractic", "acupuncture", "other therapy")
MRI, CT, XRAY, NERVE_STUDY, OTHER_IMAGING = "MRI", "CT", "X-ray", "EMG/NCV", "other imaging"
INJECTION, SURGERY, EQUIPMENT, LAB = "injection", "surgery", "equipment", "lab or test"
CONSULT, EVALUATION, PROGRAM = "consultation or visit", "evaluation", "program"
UNRECOGNISED = "unrecognised"
OFFICE_VISIT, SPECIALIST = "office visit", "specialist consultation"
POST_OPERATIVE_THERAPY = "post-operative physical therapy"
ELECTRICAL, PASSIVE_MODALITY = "electrical stimulation", "passive modality"
PROVIDER_THERAPIES = (PHYSICAL, CHIRO, ACUPUNCTURE)  # also named by the provider of a visit


@dataclass(frozen=True)
class Treatment:
    """One treatment a request names: its reporting kind, the key that must match, and
    whether the body regions must agree."""

    kind: str
    key: str
    regional: bool = False


@dataclass(frozen=True)
class Reading:
    """What the rules read in a request: its treatments and the body regions it names."""

    treatments: tuple[Treatment, ...]
    regions: frozenset[str]

    @property
    def kind(self) -> str:
        """The request's kind for reporting: its first treatment's, a consultation's last."""
        kinds = [treatment.kind for treatment in self.treatments]
        fallback = kinds[0] if kinds else UNRECOGNISED
        return next((kind for kind in kinds if kind != CONSULT), fallback)


def _t(kind: str, key: str = "", regional: bool = False) -> Treatment:
    return Treatment(kind, key or kind, regional)


# Programs replace whatever therapy they include: "inpatient rehabilitation PT and OT" is not
# outpatient physical therapy.
PROGRAMS = [
    (r"acute rehab|inpatient rehab|rehabilitation (?:unit|facility|hospital)|skilled nursing",
     _t(PROGRAM, "inpatient rehabilitation")),
    (r"partial hospitali[sz]ation|day treatment", _t(PROGRAM, "partial hospitalization")),
    (r"functional restoration|\bfrp\b|chronic pain program|\bhelp program|multidisciplinary",
     _t(PROGRAM, "functional restoration program")),
    (r"work (?:hardening|conditioning)", _t(PROGRAM, "work hardening")),
    (r"weight (?:loss|reduction) program", _t(PROGRAM, "weight loss program")),
]
CONSULTATION = re.compile(
    r"consult|referral|\brefer(?:red)? to|second opinion|(?:surgeon|specialist|surgical|surgery"
    r"|orthop(?:a)?edic|neurolog\w*|psych\w*|pain management|spine|podiatr\w*|rheumatolog\w*"
    r"|physiatr\w*|internist|internal medicine)\s+(?:evaluation|eval\b)")
INJECTIONS = [
    (r"epidural|\besi\b|transforaminal|interlaminar|caudal", "epidural steroid injection"),
    (r"facet|medial branch|\bmbb\b", "facet or medial branch injection"),
    (r"radiofrequency|rhizotomy|ablation|neurotomy", "radiofrequency ablation"),
    (r"platelet[- ]rich|\bprp\b", "platelet-rich plasma injection"),
    (r"trigger point injection|\btpi\b", "trigger point injection"),
    (r"neurolytic|nerve block|neurolysis|sympathetic block|stellate", "nerve block"),
    (r"viscosupplement|synvisc|hyaluron|orthovisc|euflexxa|supartz", "viscosupplementation"),
    (r"cortisone|corticosteroid|steroid injection|dexamethasone|kenalog|depo-?medrol"
     r"|triamcinolone|joint injection|intra-?articular", "steroid joint injection"),
    (r"botox|botulinum", "botulinum toxin injection"),
    (r"injection|inject\b", "other injection"),
]
# (pattern, treatment); every pattern that matches adds its treatment.
TREATMENTS = [
    # imaging and nerve studies
    (r"\bmri\b|\bmra\b|magnetic resonance|\bmr arthrogra|arthrogram", _t(MRI, regional=True)),
    (r"\bct\b|computed tomograph|\bcat scan", _t(CT, regional=True)),
    (r"x-?rays?\b|radiograph", _t(XRAY, regional=True)),
    (r"\bemg\b|\bncv\b|\bncs\b|nerve conduction|electromyogra|electrodiagnos",
     _t(NERVE_STUDY, regional=True)),
    (r"bone scan|scintigra", _t(OTHER_IMAGING, "bone scan", regional=True)),
    (r"(?<!pulsed )(?<!therapeutic )ultrasound(?! therapy)", _t(OTHER_IMAGING, "ultrasound",
                                                               regional=True)),
    # therapies (no region: a therapy request is judged by sessions and progress, not by place)
    (r"chiro|manipulation|manual therap|\bcmt\b|\bomt\b", _t(CHIRO)),
    (r"physical therap|\bpt\b(?!\s*/\s*(?:ptt|inr))|physiotherap|occupational therap|\bot\b"
     r"|hand therap|therapeutic exercise|aqua\w* therap|pool therap", _t(PHYSICAL)),
    (r"infrared (?:heat|therap)|pulsed ultrasound|therapeutic ultrasound|traction|spinolator"
     r"|diathermy", _t(OTHER_THERAPY, PASSIVE_MODALITY)),
    (r"acupunct", _t(ACUPUNCTURE)),
    (r"massage|myofascial release", _t(OTHER_THERAPY, "massage")),
    (r"\btens\b|e-?stim|electrical (?:muscle )?stimulation|\bems\b|interferential|h-?wave"
     r"|neurostimulat|\bnmes\b|muscle stimulator", _t(OTHER_THERAPY, ELECTRICAL)),
    (r"biofeedback", _t(OTHER_THERAPY, "biofeedback")),
    (r"psychotherap|cognitive behavio|\bcbt\b|counsel+ing|psychological (?:treatment|therapy)",
     _t(OTHER_THERAPY, "psychotherapy")),
    (r"shock ?wave|\beswt\b", _t(OTHER_THERAPY, "shockwave therapy")),
    (r"\bgym\b|health club|pool membership", _t(OTHER_THERAPY, "gym membership")),
    (r"home health|nurse|wound care|home care|caregiver|\baide\b|housekeep",
     _t(OTHER_THERAPY, "home health care")),
    (r"impedance imaging|\btpii\b", _t(OTHER_IMAGING, "trigger point impedance imaging")),
    (r"spinal cord stimulat|\bscs\b", _t(SURGERY, "spinal cord stimulator")),
    # surgery
    (r"surgery|surgical(?! service)|arthroscop|ectomy|plasty|otomy\b|tenodesis|repair"
     r"|(?<!myofascial )\brelease\b|fusion|decompression|replacement|\borif\b|reconstruction"
     r"|debridement",
     _t(SURGERY, regional=True)),
    (r"\bpa assist|assistant surgeon|surgical assist|co-?surgeon",
     _t(SURGERY, "surgical assistant")),
    # equipment
    (r"cold therap|cryo|\bice\b|heat (?:pad|wrap|unit)|hot/cold|hot and cold|vascutherm"
     r"|game ready|polar care|heating pad|thermal (?:unit|therapy)|cold (?:unit|pack)",
     _t(EQUIPMENT, "cold or heat therapy unit")),
    (r"brace|splint|support\b|\bsling|orthos[ie]s|orthotic|collar|corset|\blso\b|immobili[sz]er"
     r"|walking boot|compression (?:stocking|sleeve|garment)", _t(EQUIPMENT, "brace or support",
                                                                  regional=True)),
    (r"scooter|\bcane\b|walker|wheelchair|crutch|rollator", _t(EQUIPMENT, "mobility aid")),
    (r"shower|commode|\btub\b|toilet|grab bar|\bbath", _t(EQUIPMENT, "bathroom equipment")),
    (r"pillow|mattress|\bbed\b|cushion", _t(EQUIPMENT, "pillow or bedding")),
    (r"hearing aid", _t(EQUIPMENT, "hearing aid")),
    (r"gloves|wipes|diapers|bandage|dressings?\b|supplies", _t(EQUIPMENT, "medical supplies")),
    (r"exercise (?:kit|equipment|ball|bike)|treadmill|pedal exerciser|theraband",
     _t(EQUIPMENT, "exercise equipment")),
    (r"durable medical equipment|\bdme\b", _t(EQUIPMENT, "durable medical equipment")),
    # labs and tests
    (r"urine drug|drug screen|drug test|\buds\b|toxicology", _t(LAB, "urine drug test")),
    (r"urinalysis|\bua\b", _t(LAB, "urinalysis")),
    (r"\bcbc\b|\bcmp\b|\bbmp\b|metabolic panel|blood count|\bptt\b|\binr\b|prothrombin"
     r"|blood (?:test|work|draw)|\blabs?\b|laboratory|hemoglobin|\ba1c\b|lipid|liver function"
     r"|\blft|renal function|chem(?:istry)? panel", _t(LAB, "blood test")),
    (r"electrocardiogra|\bekg\b|\becg\b", _t(LAB, "electrocardiogram")),
    (r"sleep study|polysomnogra", _t(LAB, "sleep study")),
    # consultations, visits and evaluations
    (r"office visit|follow[- ]?up (?:visit|office|appointment)|re-?exam|re-?evaluation"
     r"|physical exam|\bvisit with|medication management", _t(CONSULT, OFFICE_VISIT)),
    (r"functional capacity|\bfce\b", _t(EVALUATION, "functional capacity evaluation")),
    (r"grip (?:strength )?test|range of motion (?:of )?test|muscle testing|strength testing"
     r"|computeri[sz]ed (?:rom|range)", _t(EVALUATION, "strength or motion testing")),
]
COMPILED_PROGRAMS = [(re.compile(pattern), treatment) for pattern, treatment in PROGRAMS]
COMPILED_INJECTIONS = [(re.compile(pattern), key) for pattern, key in INJECTIONS]
COMPILED_TREATMENTS = [(re.compile(pattern), treatment) for pattern, treatment in TREATMENTS]
COMPILED_CLASS_WORDS = [(re.compile(rf"\b(?:{words})\b"), drug_class)
                        for words, drug_class in CLASS_WORDS.items()]
TOPICAL_FORM = re.compile(r"cream|\bgels?\b|patch|ointment|lotion|topical|transdermal|\bpads?\b"
                          r"|\d\s*%|percent|compound|spray|\bbalm\b|\brub\b|roll-?on|liniment")
PRE_OPERATIVE = re.compile(r"pre-?op|pre-?operative|preoperative|surgical clearance")
POST_OPERATIVE = re.compile(
    r"post-?op|post[- ]?operative|post-?surgical|associated surgical service")
DEVICE = re.compile(r"\bunits?\b|purchase|rental|device|supplies")
WORD = re.compile(r"[a-z][a-z0-9#-]*")


def read_request(text: str) -> Reading:
    """Read a request into its treatments and the body regions it names."""
    lowered = " ".join(text.lower().split())
    return Reading(tuple(dict.fromkeys(treatments_named(lowered))), regions_named(lowered))


def treatments_named(text: str) -> list[Treatment]:
    """The treatments a (lower-cased) request names, in rule order."""
    programs = [treatment for pattern, treatment in COMPILED_PROGRAMS if pattern.search(text)]
    if programs:
        return programs
    found = [treatment for pattern, treatment in COMPILED_TREATMENTS if pattern.search(text)]
    injection = injection_named(text)
    found += [injection] if injection else drugs_named(text)
    for refine in REFINEMENTS:
        found = refine(text, found)
    return found


def consultation(text: str, found: list[Treatment]) -> list[Treatment]:
    """A consultation names its treatment when it has one (a referral for chiropractic care is
    chiropractic), else is a specialist consultation (a surgeon's evaluation is not surgery)."""
    if not CONSULTATION.search(text):
        return found
    named = [treatment for treatment in found if treatment.kind != SURGERY]
    return named or [_t(CONSULT, SPECIALIST)]


def visit_not_therapy(text: str, found: list[Treatment]) -> list[Treatment]:
    """An office visit with a therapist (a re-exam with a chiropractor) is a visit, not therapy."""
    if not any(treatment.key == OFFICE_VISIT for treatment in found):
        return found
    return [treatment for treatment in found if treatment.kind not in PROVIDER_THERAPIES]


def stimulation_sessions(text: str, found: list[Treatment]) -> list[Treatment]:
    """Electrical stimulation given in sessions, not as a unit, is also a passive modality."""
    if any(t.key == ELECTRICAL for t in found) and not DEVICE.search(text):
        return [*found, _t(OTHER_THERAPY, PASSIVE_MODALITY)]
    return found


def post_operative_therapy(text: str, found: list[Treatment]) -> list[Treatment]:
    """Therapy after surgery follows the post-surgical guidelines: its own key."""
    if not POST_OPERATIVE.search(text):
        return found
    return [_t(PHYSICAL, POST_OPERATIVE_THERAPY) if t.key == PHYSICAL else t for t in found]


def pre_operative_testing(text: str, found: list[Treatment]) -> list[Treatment]:
    """Pre-operative labs and X-rays are also relevant to one another."""
    if PRE_OPERATIVE.search(text) and any(t.kind in (LAB, XRAY) for t in found):
        return [*found, _t(LAB, "pre-operative testing")]
    return found


REFINEMENTS = (consultation, visit_not_therapy, stimulation_sessions, post_operative_therapy,
               pre_operative_testing)


def injection_named(text: str) -> Treatment | None:
    """The first injection type a request names (an injected drug is not a medication request)."""
    return next((_t(INJECTION, key, regional=True) for pattern, key in COMPILED_INJECTIONS
                 if pattern.search(text)), None)


def drugs_named(text: str) -> list[Treatment]:
    """The drug classes a request names by drug or class name; topical forms are one class."""
    classes = [drug_class for pattern, drug_class in COMPILED_CLASS_WORDS if pattern.search(text)]
    words = WORD.findall(text)
    pairs = [f"{first} {second}" for first, second in pairwise(words)]
    classes += [CLASS_OF_NAME[name] for name in [*pairs, *words] if name in CLASS_OF_NAME]
    if classes and TOPICAL_FORM.search(text):
        classes = [TOPICAL]
    return [_t(MEDICATION, f"drug: {drug_class}") for drug_class in dict.fromkeys(classes)]


def relevant(query: Reading, candidate: Reading) -> bool:
    """Whether the candidate shares a treatment with the query, with agreeing regions."""
    return any(treatment_matches(wanted, found, query, candidate)
               for wanted in query.treatments for found in candidate.treatments)


def treatment_matches(wanted: Treatment, found: Treatment, query: Reading,
                      candidate: Reading) -> bool:
    """Same key, and for treatments tied to the body, agreeing regions (limbs for nerve
    studies)."""
    if wanted.key != found.key:
        return False
    if not wanted.regional:
        return True
    if wanted.key == NERVE_STUDY:
        return limbs_agree(query.regions, candidate.regions)
    return regions_agree(query.regions, candidate.regions)
