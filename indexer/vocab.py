"""Controlled vocabularies (treatments, drugs, body parts, guideline sources, specialties) and
the functions that classify letter text into them. Canonical strings follow the contract."""

from __future__ import annotations

import re

OPIOID, NSAID, RELAXANT = "opioid", "NSAID", "muscle relaxant"
ANTICONVULSANT, ANTIDEPRESSANT, TOPICAL = "anticonvulsant", "antidepressant", "topical analgesic"
SLEEP_AID, PPI, OTHER_MEDICATION = "sleep aid", "proton pump inhibitor", "other medication"
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

# generic name -> class; brand or compounded product -> generic name (tables as "a, b" text)
_GENERICS_BY_CLASS: dict[str, str] = {
    OPIOID: (
        "hydrocodone/acetaminophen, oxycodone/acetaminophen, oxycodone, tramadol, "
        "tramadol/acetaminophen, tapentadol, morphine, hydromorphone, oxymorphone, methadone, "
        "fentanyl, buprenorphine, buprenorphine/naloxone, codeine, acetaminophen/codeine, "
        "hydrocodone, acetaminophen/caffeine/dihydrocodeine"
    ),
    NSAID: (
        "naproxen, ibuprofen, diclofenac, celecoxib, meloxicam, etodolac, nabumetone, "
        "ketoprofen, indomethacin, ketorolac, flurbiprofen, diclofenac/misoprostol, "
        "ibuprofen/famotidine, aspirin"
    ),
    RELAXANT: (
        "cyclobenzaprine, orphenadrine, methocarbamol, carisoprodol, tizanidine, baclofen, "
        "metaxalone, chlorzoxazone"
    ),
    ANTICONVULSANT: (
        "gabapentin, pregabalin, topiramate, carbamazepine, lamotrigine, oxcarbazepine"
    ),
    ANTIDEPRESSANT: (
        "amitriptyline, nortriptyline, duloxetine, venlafaxine, bupropion, sertraline, "
        "fluoxetine, trazodone, citalopram, escitalopram, paroxetine, mirtazapine, desipramine"
    ),
    TOPICAL: (
        "lidocaine, capsaicin, menthol, methyl salicylate, methyl salicylate/menthol, "
        "capsaicin/lidocaine/menthol/methyl salicylate, dextromethorphan"
    ),
    SLEEP_AID: (
        "zolpidem, eszopiclone, zaleplon, diphenhydramine, temazepam, ramelteon, suvorexant, "
        "melatonin, doxepin"
    ),
    PPI: ("omeprazole, pantoprazole, esomeprazole, lansoprazole, rabeprazole, dexlansoprazole"),
    OTHER_MEDICATION: (
        "sildenafil, ondansetron, docusate, diazepam, alprazolam, clonazepam, lorazepam, "
        "butalbital/acetaminophen/caffeine, ranitidine, famotidine, sumatriptan, sennosides, "
        "methylprednisolone, prednisone, testosterone, acetaminophen, promethazine, "
        "hydroxyzine, cyclobenzaprine/lidocaine"
    ),
}
DRUG_CLASSES: dict[str, str] = {
    generic.strip(): name
    for name, text in _GENERICS_BY_CLASS.items()
    for generic in text.split(",")
}
_BRAND_TABLE = (
    "norco=hydrocodone/acetaminophen, vicodin=hydrocodone/acetaminophen, "
    "lortab=hydrocodone/acetaminophen, hydrocodone/apap=hydrocodone/acetaminophen, "
    "percocet=oxycodone/acetaminophen, endocet=oxycodone/acetaminophen, oxycontin=oxycodone, "
    "roxicodone=oxycodone, ultram=tramadol, ultracet=tramadol/acetaminophen, synapryn=tramadol, "
    "nucynta=tapentadol, ms contin=morphine, kadian=morphine, dilaudid=hydromorphone, "
    "opana=oxymorphone, duragesic=fentanyl, butrans=buprenorphine, "
    "suboxone=buprenorphine/naloxone, tylenol #3=acetaminophen/codeine, tylenol with "
    "codeine=acetaminophen/codeine, trezix=acetaminophen/caffeine/dihydrocodeine, "
    "anaprox=naproxen, naprosyn=naproxen, aleve=naproxen, motrin=ibuprofen, advil=ibuprofen, "
    "voltaren=diclofenac, flector=diclofenac, pennsaid=diclofenac, celebrex=celecoxib, "
    "mobic=meloxicam, lodine=etodolac, relafen=nabumetone, toradol=ketorolac, "
    "arthrotec=diclofenac/misoprostol, duexis=ibuprofen/famotidine, ketophene=ketoprofen, "
    "flexeril=cyclobenzaprine, fexmid=cyclobenzaprine, amrix=cyclobenzaprine, "
    "tabradol=cyclobenzaprine, norflex=orphenadrine, robaxin=methocarbamol, soma=carisoprodol, "
    "zanaflex=tizanidine, skelaxin=metaxalone, lorzone=chlorzoxazone, parafon=chlorzoxazone, "
    "neurontin=gabapentin, gralise=gabapentin, fanatrex=gabapentin, lyrica=pregabalin, "
    "topamax=topiramate, tegretol=carbamazepine, elavil=amitriptyline, pamelor=nortriptyline, "
    "cymbalta=duloxetine, effexor=venlafaxine, wellbutrin=bupropion, zoloft=sertraline, "
    "prozac=fluoxetine, desyrel=trazodone, lexapro=escitalopram, remeron=mirtazapine, "
    "lidoderm=lidocaine, anecream=lidocaine, lidopro=capsaicin/lidocaine/menthol/methyl "
    "salicylate, terocin=capsaicin/lidocaine/menthol/methyl salicylate, salonpas=methyl "
    "salicylate/menthol, bengay=methyl salicylate/menthol, ambien=zolpidem, "
    "lunesta=eszopiclone, sonata=zaleplon, dicopanol=diphenhydramine, restoril=temazepam, "
    "rozerem=ramelteon, belsomra=suvorexant, silenor=doxepin, prilosec=omeprazole, "
    "protonix=pantoprazole, nexium=esomeprazole, prevacid=lansoprazole, aciphex=rabeprazole, "
    "dexilant=dexlansoprazole, viagra=sildenafil, zofran=ondansetron, colace=docusate, "
    "valium=diazepam, xanax=alprazolam, klonopin=clonazepam, ativan=lorazepam, "
    "fioricet=butalbital/acetaminophen/caffeine, deprizine=ranitidine, zantac=ranitidine, "
    "pepcid=famotidine, imitrex=sumatriptan, senna=sennosides, senokot=sennosides, "
    "medrol=methylprednisolone, tylenol=acetaminophen, apap=acetaminophen, "
    "phenergan=promethazine, vistaril=hydroxyzine"
)
BRANDS: dict[str, str] = dict(pair.strip().split("=") for pair in _BRAND_TABLE.split(","))
_DRUG_NAMES = {**{name: name for name in DRUG_CLASSES if "/" not in name}, **BRANDS}
_DRUG_PATTERN = re.compile(
    r"(?<![a-z])("
    + "|".join(re.escape(name) for name in sorted(_DRUG_NAMES, key=len, reverse=True))
    + r")(?![a-z])"
)
_TOPICAL_FORM = re.compile(
    r"\b(cream|gel|ointment|patch(es)?|lotion|topical|compound(ed)?|"
    r"liniment|pads?|spray|\d+(\.\d+)?\s*%)"
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
    ("MTUS ACOEM General", r"general approach|acoem|independent medical exam"),
)
_SECTION_LIST = re.compile(r"section\(s\):.*?(?=, and (?!chronic opioid)|\.\s+decision|$)", re.S)
_NOT_CITED = re.compile(r"did not cite|no (medical )?evidence (was )?cited|none cited|not cite any")
_NON_MTUS = re.compile(
    r"non-mtus|not part of the mtus|outside (?:of )?the mtus|"
    r"did not base (?:its|their|his/her) decision on the mtus"
)
_ODG = re.compile(r"official disability|\bodg\b")
_ACOEM = re.compile(r"acoem|american college of occupational")

SPECIALTY_SYNONYMS: dict[str, str] = {
    "physical medicine & rehabilitation": "Physical Medicine & Rehabilitation",
    "physical medicine & rehab": "Physical Medicine & Rehabilitation",
    "pm&r": "Physical Medicine & Rehabilitation",
    "family medicine": "Family Practice",
    "chiropractor": "Chiropractic",
    "chiropractic medicine": "Chiropractic",
    "orthopaedic surgery": "Orthopedic Surgery",
    "orthopedics": "Orthopedic Surgery",
    "orthopaedics": "Orthopedic Surgery",
    "pain medicine": "Pain Management",
    "acupuncturist": "Acupuncture",
    "psychologist": "Psychology",
    "clinical psychology": "Psychology",
    "physical therapist": "Physical Therapy",
    "general preventive medicine": "Preventive Medicine",
    "occupational & environmental medicine": "Occupational Medicine",
    "surgery": "General Surgery",
    "podiatric medicine": "Podiatry",
    "podiatric surgery": "Podiatry",
    "dentist": "Dentistry",
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
        generic = "/".join(dict.fromkeys(name for name, _ in drugs))
        if _TOPICAL_FORM.search(text):
            return TOPICAL, generic
        return DRUG_CLASSES.get(drugs[0][0], OTHER_MEDICATION), generic
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


def find_drugs(text: str) -> list[tuple[str, int]]:
    """Generic names (with positions) of every drug named in lower-case text, in order."""
    return [(_DRUG_NAMES[m.group(1)], m.start()) for m in _DRUG_PATTERN.finditer(text)]


def body_parts(text: str) -> list[str]:
    """Canonical body parts named in text, in vocabulary order."""
    lowered = text.lower()
    return [name for name, pattern in BODY_PART_PATTERNS if re.search(pattern, lowered)]


def guideline_sources(text: str) -> list[str]:
    """Normalised guideline sources cited in one side's guideline text."""
    lowered = " ".join(text.lower().split())
    if not lowered or _NOT_CITED.search(lowered):
        return ["None cited"]
    marker = _NON_MTUS.search(lowered)
    mtus_part, other_part = (
        (lowered[: marker.start()], lowered[marker.end() :]) if marker else (lowered, "")
    )
    found = []
    cites_mtus = "mtus" in mtus_part or "chronic pain" in mtus_part
    if cites_mtus or not (marker or _ODG.search(lowered) or _ACOEM.search(lowered)):
        names = _SECTION_LIST.sub("", mtus_part)
        found = [name for name, pattern in _MTUS_PATTERNS if re.search(pattern, names)]
    rest = other_part if found else lowered
    if _ODG.search(rest):
        found.append("ODG")
    if _ACOEM.search(rest) and "MTUS ACOEM General" not in found:
        found.append("ACOEM (non-MTUS)")
    if marker and other_part.strip(" .") and not (_ODG.search(rest) or _ACOEM.search(rest)):
        found.append("Other (non-MTUS)")
    return found or ["Other (non-MTUS)"]


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
