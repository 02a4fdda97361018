"""Items without a visit count for synthetic letters: tests, injections, visits, equipment."""

from __future__ import annotations

import random

from indexer.synth.imaging import IMAGING_AND_TESTS, IMAGING_AND_TESTS_WEIGHTS
from indexer.synth.items import LIMBS, SPINE, Recipe

# Same shape as IMAGING_AND_TESTS: (treatment, names, regions for "{r}", topic, MTUS Chronic
# Pain pages); a name given as (text, body parts, treatment) is of another kind than its group.
INJECTIONS = [
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
]
INJECTION_WEIGHTS = [4, 2, 2, 1]
# Visits, referrals, equipment and programs.
CARE = [
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
        "brace/orthosis",
        [
            ("Lumbar brace", ["lumbar spine"]),
            ("Front wheeled walker", [], "mobility aid"),
            ("Cold therapy unit", [], "cold/heat therapy unit"),
            ("Hinged brace for the left knee", ["knee"]),
            ("Wrist splint", ["wrist"]),
            ("Single point cane", [], "mobility aid"),
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
        "exercise/rehabilitation equipment",
        [("Gym membership for 6 months", []), ("Weight loss program", [], "weight loss program")],
        [],
        "Exercise",
        "",
    ),
]
CARE_WEIGHTS = [3, 3, 3, 2, 1, 1, 1, 1]
PROCEDURES = IMAGING_AND_TESTS + INJECTIONS + CARE
PROCEDURE_WEIGHTS = IMAGING_AND_TESTS_WEIGHTS + INJECTION_WEIGHTS + CARE_WEIGHTS


def procedure(rng: random.Random) -> Recipe:
    """Imaging, studies, injections, visits and equipment: items without a visit count."""
    treatment, names, regions, topic, pages = rng.choices(PROCEDURES, PROCEDURE_WEIGHTS)[0]
    name = rng.choice(names)
    if isinstance(name, tuple):
        text, parts, *kind = name
        treatment = kind[0] if kind else treatment
    else:
        phrase, parts = rng.choice(regions)
        text = name.format(r=phrase)
    return Recipe(text, treatment, list(parts), topic=topic, chronic=pages)
