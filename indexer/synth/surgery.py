"""Surgical items for synthetic letters: a procedure and its associated surgical services."""

from __future__ import annotations

import random

from indexer.synth.items import Recipe

# (procedure, its kind of surgery, region, associated services: (text, treatment, body parts,
# drug, sessions))
SURGERIES = [
    (
        "Right shoulder arthroscopy with subacromial decompression",
        "joint arthroscopy/repair",
        "shoulder",
        [("Post-operative sling", "brace/orthosis", [], None, None)],
    ),
    (
        "Left shoulder arthroscopic rotator cuff repair",
        "joint arthroscopy/repair",
        "shoulder",
        [
            (
                "Shoulder sling with abduction pillow",
                "brace/orthosis",
                ["shoulder"],
                None,
                None,
            )
        ],
    ),
    (
        "Left knee arthroscopy with partial medial meniscectomy",
        "joint arthroscopy/repair",
        "knee",
        [("Post-operative knee brace", "brace/orthosis", ["knee"], None, None)],
    ),
    (
        "Right total knee arthroplasty",
        "joint replacement",
        "knee",
        [
            (
                "Continuous passive motion device, 21 day rental",
                "exercise/rehabilitation equipment",
                [],
                None,
                None,
            ),
            ("Home health care after discharge", "home health care", [], None, None),
        ],
    ),
    (
        "Right wrist carpal tunnel release",
        "hand/wrist/nerve surgery",
        "wrist",
        [("Wrist splint", "brace/orthosis", ["wrist"], None, None)],
    ),
    (
        "L4-L5 lumbar laminectomy and discectomy",
        "spine surgery",
        "lumbar spine",
        [
            ("Lumbar back brace", "brace/orthosis", ["lumbar spine"], None, None),
            ("Inpatient stay, 2 days", "inpatient stay", [], None, None),
        ],
    ),
    (
        "Anterior cervical discectomy and fusion at C5-C6",
        "spine surgery",
        "cervical spine",
        [("Inpatient stay, 1 day", "inpatient stay", [], None, None)],
    ),
    ("Right elbow lateral epicondylar release", "joint arthroscopy/repair", "elbow", []),
    (
        "Left ankle arthroscopy with debridement",
        "joint arthroscopy/repair",
        "ankle",
        [("Cam walker boot", "brace/orthosis", [], None, None)],
    ),
]
COMMON_SERVICES = [
    ("Pre-operative laboratory testing", "laboratory test", [], None, None),
    ("Cold therapy unit, 7 day rental", "cold/heat therapy unit", [], None, None),
    ("Percocet 5/325mg #40", "opioid", [], "oxycodone/acetaminophen", None),
    ("Post-operative physical therapy 12 sessions", "physical therapy", [], None, 12),
    ("Post-operative physical therapy, 8 visits", "physical therapy", [], None, 8),
]


def surgery(rng: random.Random) -> list[Recipe]:
    """A surgical request followed by 0-4 "Associated surgical service:" items."""
    name, kind, region, own = rng.choice(SURGERIES)
    items = [Recipe(name, kind, [region], topic="Surgical Considerations")]
    pool = own + COMMON_SERVICES
    for text, treatment, parts, drug, sessions in rng.sample(
        pool, rng.randint(0, min(4, len(pool)))
    ):
        items.append(
            Recipe(
                f"Associated surgical service: {text}",
                treatment,
                list(parts),
                sessions,
                drug=drug,
                topic="Postsurgical",
                postsurgical=True,
            )
        )
    return items
