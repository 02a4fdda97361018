"""Surgical items for synthetic letters: a procedure and its associated surgical services."""

from __future__ import annotations

import random

from indexer.synth.items import Recipe

# (procedure, region, associated services: (text, treatment, body parts, drug, sessions))
SURGERIES = [
    (
        "Right shoulder arthroscopy with subacromial decompression",
        "shoulder",
        [("Post-operative sling", "durable medical equipment", [], None, None)],
    ),
    (
        "Left shoulder arthroscopic rotator cuff repair",
        "shoulder",
        [
            (
                "Shoulder sling with abduction pillow",
                "durable medical equipment",
                ["shoulder"],
                None,
                None,
            )
        ],
    ),
    (
        "Left knee arthroscopy with partial medial meniscectomy",
        "knee",
        [("Post-operative knee brace", "durable medical equipment", ["knee"], None, None)],
    ),
    (
        "Right total knee arthroplasty",
        "knee",
        [
            (
                "Continuous passive motion device, 21 day rental",
                "durable medical equipment",
                [],
                None,
                None,
            ),
            ("Home health care after discharge", "home health care", [], None, None),
        ],
    ),
    (
        "Right wrist carpal tunnel release",
        "wrist",
        [("Wrist splint", "durable medical equipment", ["wrist"], None, None)],
    ),
    (
        "L4-L5 lumbar laminectomy and discectomy",
        "lumbar spine",
        [
            ("Lumbar back brace", "durable medical equipment", ["lumbar spine"], None, None),
            ("Inpatient stay, 2 days", "other", [], None, None),
        ],
    ),
    (
        "Anterior cervical discectomy and fusion at C5-C6",
        "cervical spine",
        [("Inpatient stay, 1 day", "other", [], None, None)],
    ),
    ("Right elbow lateral epicondylar release", "elbow", []),
    (
        "Left ankle arthroscopy with debridement",
        "ankle",
        [("Cam walker boot", "durable medical equipment", [], None, None)],
    ),
]
COMMON_SERVICES = [
    ("Pre-operative laboratory testing", "laboratory test", [], None, None),
    ("Cold therapy unit, 7 day rental", "durable medical equipment", [], None, None),
    ("Percocet 5/325mg #40", "opioid", [], "oxycodone/acetaminophen", None),
    ("Post-operative physical therapy 12 sessions", "physical therapy", [], None, 12),
    ("Post-operative physical therapy, 8 visits", "physical therapy", [], None, 8),
]


def surgery(rng: random.Random) -> list[Recipe]:
    """A surgical request followed by 0-4 "Associated surgical service:" items."""
    name, region, own = rng.choice(SURGERIES)
    items = [Recipe(name, "surgery", [region], topic="Surgical Considerations")]
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
