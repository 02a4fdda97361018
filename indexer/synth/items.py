"""The disputed-item Recipe of synthetic letters, with the body parts and chapters it names."""

from __future__ import annotations

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
