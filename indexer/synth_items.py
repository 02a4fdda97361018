"""Disputed-item recipes for synthetic letters: requests, treatments, drugs, body parts."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

# Body-part phrases as a request states them, with the canonical parts they name.
SPINE = [
    ("the lumbar spine", ["lumbar spine"]),
    ("the low back", ["lumbar spine"]),
    ("the cervical spine", ["cervical spine"]),
    ("the neck", ["cervical spine"]),
    ("the thoracic spine", ["thoracic spine"]),
    ("the cervical and lumbar spine", ["cervical spine", "lumbar spine"]),
]
LIMBS = [
    ("the right shoulder", ["shoulder"]),
    ("the left shoulder", ["shoulder"]),
    ("the right elbow", ["elbow"]),
    ("the left wrist", ["wrist"]),
    ("the right wrist", ["wrist"]),
    ("the right hand", ["hand"]),
    ("the left hip", ["hip"]),
    ("the right knee", ["knee"]),
    ("the left knee", ["knee"]),
    ("the bilateral knees", ["knee"]),
    ("the right ankle", ["ankle"]),
    ("the left foot", ["foot"]),
]
EXTREMITIES = [
    ("the bilateral upper extremities", ["upper extremity"]),
    ("the bilateral lower extremities", ["lower extremity"]),
]
ANY_REGION = SPINE + LIMBS

WORD_NUMBERS = {
    2: "Two",
    3: "Three",
    4: "Four",
    5: "Five",
    6: "Six",
    8: "Eight",
    9: "Nine",
    10: "Ten",
    12: "Twelve",
    16: "Sixteen",
    18: "Eighteen",
    24: "Twenty-four",
}

# Guideline citations: (text as the letter writes it, normalised source).
MTUS_REGION = {
    "cervical spine": (
        "MTUS ACOEM Neck and Upper Back",
        "Neck and Upper Back Complaints",
        8,
        "177-179",
    ),
    "thoracic spine": (
        "MTUS ACOEM Neck and Upper Back",
        "Neck and Upper Back Complaints",
        8,
        "181-183",
    ),
    "lumbar spine": ("MTUS ACOEM Low Back", "Low Back Complaints", 12, "303-305"),
    "shoulder": ("MTUS ACOEM Shoulder", "Shoulder Complaints", 9, "207-209"),
    "elbow": ("MTUS ACOEM Elbow", "Elbow Disorders", 10, "33-34"),
    "wrist": (
        "MTUS ACOEM Forearm, Wrist, and Hand",
        "Forearm, Wrist, and Hand Complaints",
        11,
        "268-269",
    ),
    "hand": (
        "MTUS ACOEM Forearm, Wrist, and Hand",
        "Forearm, Wrist, and Hand Complaints",
        11,
        "270-272",
    ),
    "knee": ("MTUS ACOEM Knee", "Knee Complaints", 13, "341-343"),
    "ankle": ("MTUS ACOEM Ankle and Foot", "Ankle and Foot Complaints", 14, "374-375"),
    "foot": ("MTUS ACOEM Ankle and Foot", "Ankle and Foot Complaints", 14, "376-377"),
}
ODG_CHAPTERS = {
    "cervical spine": "Neck and Upper Back (Acute & Chronic)",
    "thoracic spine": "Neck and Upper Back (Acute & Chronic)",
    "lumbar spine": "Low Back - Lumbar & Thoracic (Acute & Chronic)",
    "shoulder": "Shoulder (Acute & Chronic)",
    "elbow": "Elbow (Acute & Chronic)",
    "wrist": "Forearm, Wrist, & Hand (Acute & Chronic)",
    "hand": "Forearm, Wrist, & Hand (Acute & Chronic)",
    "hip": "Hip & Pelvis (Acute & Chronic)",
    "knee": "Knee & Leg (Acute & Chronic)",
    "ankle": "Ankle & Foot (Acute & Chronic)",
    "foot": "Ankle & Foot (Acute & Chronic)",
}


@dataclass
class Recipe:
    """What one disputed item asks for, before a decision is attached."""

    request: str
    treatment: str
    body_parts: list[str] = field(default_factory=list)
    sessions: int | None = None
    drug: str | None = None
    topic: str = ""  # section name the guideline citations name
    chronic: str = ""  # MTUS Chronic Pain page(s); "" when that guideline does not apply
    template: str = ""  # request with "{n}" for its count: partial authorisations split it
    count: int | None = None
    postsurgical: bool = False


def _visits(rng: random.Random, name: str, region: tuple[str, list[str]] | None) -> Recipe:
    """A visit-based request written in one of the ways letters state a number of visits."""
    where = f" for {region[0]}" if region else ""
    parts = list(region[1]) if region else []
    lower = name[0].lower() + name[1:]
    per_week, weeks = rng.choice([(2, 4), (2, 6), (3, 4), (2, 3), (1, 6), (3, 2), (2, 5)])
    count = rng.choice([2, 3, 4, 5, 6, 6, 6, 8, 8, 9, 10, 12, 12, 16, 18, 24])
    style = rng.randrange(9)
    if style in (0, 1):
        week = rng.choice(["a week", "per week"])
        return Recipe(
            f"{name} {per_week} times {week} for {weeks} weeks{where}", "", parts, per_week * weeks
        )
    if style == 2:
        return Recipe(f"{name}{where}, {per_week}x{weeks}", "", parts, per_week * weeks)
    if style == 3:
        return Recipe(
            f"{count} sessions of {lower}{where}",
            "",
            parts,
            count,
            template=f"{{n}} sessions of {lower}{where}",
            count=count,
        )
    if style == 4 and count in WORD_NUMBERS:
        return Recipe(f"{WORD_NUMBERS[count]} sessions of {lower}{where}", "", parts, count)
    if style == 5:
        return Recipe(
            f"{name}{where}, {count} visits",
            "",
            parts,
            count,
            template=f"{name}{where}, {{n}} visits",
            count=count,
        )
    if style == 6:
        return Recipe(f"{name}{where}", "", parts, None)
    return Recipe(
        f"{name} {count} sessions{where}",
        "",
        parts,
        count,
        template=f"{name} {{n}} sessions{where}",
        count=count,
    )


THERAPIES = [
    (
        "physical therapy",
        ["Physical therapy", "Additional physical therapy", "Outpatient physical therapy"],
        "Physical Medicine",
        "98-99",
        ANY_REGION,
    ),
    (
        "occupational therapy",
        ["Occupational therapy", "Additional occupational therapy"],
        "Physical Medicine",
        "98-99",
        LIMBS[:7] + SPINE[:1],
    ),
    (
        "chiropractic",
        ["Chiropractic treatment", "Chiropractic manipulation", "Chiropractic care"],
        "Manual therapy & manipulation",
        "58-60",
        SPINE,
    ),
    ("acupuncture", ["Acupuncture", "Additional acupuncture"], "Acupuncture", "", ANY_REGION),
    ("massage therapy", ["Massage therapy"], "Massage therapy", "60", SPINE),
    (
        "aquatic therapy",
        ["Aquatic therapy", "Pool therapy"],
        "Aquatic therapy",
        "22",
        SPINE[:2] + LIMBS[7:10],
    ),
    (
        "psychotherapy",
        ["Cognitive behavioral therapy", "Psychotherapy"],
        "Behavioral interventions",
        "23",
        [],
    ),
]
THERAPY_WEIGHTS = [10, 3, 3, 3, 1, 1, 2]


def therapy(rng: random.Random) -> Recipe:
    """A visit-based therapy item (PT, OT, chiropractic, acupuncture, massage, aquatic, CBT)."""
    treatment, names, topic, pages, regions = rng.choices(THERAPIES, THERAPY_WEIGHTS)[0]
    region = rng.choice(regions) if regions and rng.random() < 0.9 else None
    recipe = _visits(rng, rng.choice(names), region)
    recipe.treatment, recipe.topic, recipe.chronic = treatment, topic, pages
    return recipe


# Items without a visit count: (treatment, names, regions for "{r}", topic, MTUS Chronic Pain
# pages).
# A name is a template using "{r}" or a (text, body parts) pair.
PROCEDURES = [
    (
        "MRI",
        ["MRI of {r}", "MRI of {r} without contrast", "Repeat MRI of {r}"],
        ANY_REGION,
        "Special Studies",
        "",
    ),
    (
        "CT",
        ["CT scan of {r}", "Computed tomography (CT) of {r}"],
        [*SPINE[:4], *LIMBS[6:8], ("the head", ["head"])],
        "Special Studies",
        "",
    ),
    ("X-ray", ["X-rays of {r}", "Radiographs of {r}, 3 views"], ANY_REGION, "Special Studies", ""),
    (
        "EMG/NCS",
        ["EMG/NCV of {r}", "Electromyography and nerve conduction studies of {r}", "NCV of {r}"],
        EXTREMITIES,
        "Electrodiagnostic testing",
        "Electrodiagnostic",
    ),
    (
        "laboratory test",
        [
            ("Urine drug screen", []),
            ("Complete blood count (CBC)", []),
            ("Comprehensive metabolic panel", []),
            ("Urine toxicology testing", []),
        ],
        [],
        "Drug testing",
        "43",
    ),
    (
        "epidural steroid injection",
        [
            ("Lumbar epidural steroid injection at L4-L5", ["lumbar spine"]),
            (
                "Transforaminal epidural steroid injection of the lumbar spine at L5-S1",
                ["lumbar spine"],
            ),
            ("Cervical epidural steroid injection at C5-C6", ["cervical spine"]),
        ],
        [],
        "Epidural steroid injections (ESIs)",
        "46",
    ),
    (
        "facet injection/medial branch block",
        [
            "Bilateral medial branch block of {r}",
            "Facet joint injection of {r}",
            "Diagnostic medial branch block of {r}",
        ],
        [SPINE[0], SPINE[2]],
        "Facet joint injections",
        "",
    ),
    (
        "trigger point injection",
        ["Trigger point injections to {r}"],
        [SPINE[0], SPINE[2]],
        "Trigger point injections",
        "122",
    ),
    (
        "radiofrequency ablation",
        ["Radiofrequency ablation of {r}", "Radiofrequency neurotomy of {r}"],
        [SPINE[0], SPINE[2]],
        "Facet joint radiofrequency neurotomy",
        "",
    ),
    (
        "office visit",
        [
            ("Pain management follow-up visit", []),
            ("Follow-up office visit", []),
            ("Follow-up visit with the primary treating physician", []),
        ],
        [],
        "Office visits",
        "",
    ),
    (
        "consultation/referral",
        [
            "Orthopedic surgeon consultation for {r}",
            "Referral to a sports medicine specialist for {r}",
            ("Neurology consultation", []),
            ("Pain management consultation", []),
        ],
        LIMBS,
        "Consultations",
        "",
    ),
    (
        "durable medical equipment",
        [
            ("Lumbar brace", ["lumbar spine"]),
            ("Front wheeled walker", []),
            ("Cold therapy unit", []),
            ("Hinged brace for the left knee", ["knee"]),
            ("Wrist splint", ["wrist"]),
            ("Single point cane", []),
        ],
        [],
        "Durable medical equipment (DME)",
        "",
    ),
    (
        "TENS/electrical stimulation",
        [
            ("TENS unit 30 day trial", []),
            ("Interferential stimulator unit rental", []),
            ("TENS unit and supplies", []),
        ],
        [],
        "TENS, chronic pain",
        "114-116",
    ),
    (
        "home health care",
        [
            ("Home health care assistance 4 hours per day", []),
            ("Home health aide for household chores", []),
        ],
        [],
        "Home health services",
        "51",
    ),
    (
        "functional restoration program",
        [("Functional restoration program, 160 hours", []), ("Functional restoration program", [])],
        [],
        "Chronic pain programs (functional restoration programs)",
        "30-32",
    ),
    (
        "functional capacity evaluation",
        [("Functional capacity evaluation", []), ("Functional capacity evaluation (FCE)", [])],
        [],
        "Functional capacity evaluation",
        "",
    ),
    (
        "other",
        [("Gym membership for 6 months", []), ("Weight loss program", [])],
        [],
        "Exercise",
        "",
    ),
]
PROCEDURE_WEIGHTS = [8, 2, 4, 4, 3, 4, 2, 2, 1, 3, 3, 3, 2, 1, 1, 1, 1]


def procedure(rng: random.Random) -> Recipe:
    """Imaging, studies, injections, visits and equipment: items without a visit count."""
    treatment, names, regions, topic, pages = rng.choices(PROCEDURES, PROCEDURE_WEIGHTS)[0]
    name = rng.choice(names)
    if isinstance(name, tuple):
        text, parts = name
    else:
        phrase, parts = rng.choice(regions)
        text = name.format(r=phrase)
    return Recipe(text, treatment, list(parts), topic=topic, chronic=pages)
