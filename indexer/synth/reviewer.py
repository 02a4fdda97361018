"""The reviewer of a synthetic letter: specialties, licensure and how the letter states them."""

from __future__ import annotations

import random
from dataclasses import dataclass

from indexer.synth.layout import Block

# Reviewer specialty sets (canonical spelling) and how often each appears.
SPECIALTY_SETS = [
    (("Family Practice",), 8),
    (("Preventive Medicine", "Occupational Medicine"), 6),
    (("Physical Medicine & Rehabilitation", "Pain Management"), 5),
    (("Physical Medicine & Rehabilitation",), 3),
    (("Internal Medicine",), 4),
    (("Orthopedic Surgery",), 3),
    (("Orthopedic Surgery", "Sports Medicine"), 2),
    (("Anesthesiology", "Pain Management"), 3),
    (("Emergency Medicine",), 2),
    (("Chiropractic",), 2),
    (("Psychology",), 1),
    (("Psychiatry",), 1),
    (("Neurology", "Pain Management"), 1),
    (("Acupuncture",), 1),
    (("Physical Therapy",), 1),
    (("Physical Medicine & Rehabilitation", "Interventional Spine"), 1),
    (("Neurosurgery",), 1),
    (("Plastic Surgery", "Hand Surgery"), 1),
    (("Rheumatology",), 1),
    (("Dentistry",), 0.3),
    (("Podiatry",), 0.5),
    (("General Surgery",), 0.5),
    (("Preventive Medicine", "Occupational Medicine", "Family Practice"), 1),
    (("Physical Medicine & Rehabilitation", "Pain Management", "Sports Medicine"), 0.5),
]
DISCIPLINES = {
    "Chiropractic": "Chiropractor",
    "Psychology": "Psychologist",
    "Acupuncture": "Acupuncturist",
    "Physical Therapy": "Physical Therapist",
    "Dentistry": "Dentist",
    "Podiatry": "Podiatrist",
}
STATES = [
    "California",
    "Texas",
    "Florida",
    "New York",
    "Pennsylvania",
    "North Carolina",
    "Ohio",
    "Arizona",
    "New Jersey",
    "South Carolina",
    "Washington",
    "Georgia",
    "Virginia",
]
STATE_WEIGHTS = [30, 8, 5, 5, 4, 3, 3, 2, 2, 2, 2, 1, 1]
INTRO = (
    "MAXIMUS Federal Services sent the complete case file to {a_reviewer}. He/she has no "
    "affiliation with the employer, employee, providers or the claims administrator."
)
PRACTICE = (
    "He/she has been in active clinical practice for more than five years and is currently "
    "working at least 24 hours a week in active practice. The {reviewer} was selected based "
    "on his/her clinical experience, education, background, and expertise in the same or "
    "similar specialties that evaluate and/or treat the medical condition and disputed "
    "items/services. He/she is familiar with governing laws and regulations, including the "
    "strength of evidence hierarchy that applies to Independent Medical Review "
    "determinations."
)


@dataclass
class Credentials:
    """The reviewer as the letter states them."""

    specialties: list[str]
    licensure: list[str]
    prose: bool


def reviewer_credentials(rng: random.Random, layout: str) -> Credentials:
    """Pick the reviewer's specialties, states and how the letter writes them."""
    specialties = list(
        rng.choices([s for s, _ in SPECIALTY_SETS], [w for _, w in SPECIALTY_SETS])[0]
    )
    states: list[str] = []
    for _ in range(rng.choices([1, 2, 3], [6, 3, 1])[0]):
        state = rng.choices(STATES, STATE_WEIGHTS)[0]
        if state not in states:
            states.append(state)
    prose = layout != "current" or rng.random() < 0.35
    if prose:
        specialties, states = specialties[:2], states[:1] if rng.random() < 0.8 else states[:2]
    return Credentials(specialties, states, prose)


def reviewer_prose(credentials: Credentials, reviewer: str) -> str:
    """The one sentence stating the reviewer's certification and licensure."""
    states = " and ".join(credentials.licensure)
    licensed = f"is licensed to practice in {states}."
    first = credentials.specialties[0]
    if first in DISCIPLINES:
        return f"The {reviewer} is a licensed {DISCIPLINES[first]} and {licensed}"
    names = [name.replace(" & ", " and ") for name in credentials.specialties]
    if len(names) == 1:
        return f"The {reviewer} is Board Certified in {names[0]} and {licensed}"
    return (
        f"The {reviewer} is Board Certified in {names[0]}, has a subspecialty in {names[1]}, "
        f"and is licensed to practice in {states}."
    )


def credential_blocks(rng: random.Random, credentials: Credentials, reviewer: str) -> list[Block]:
    """How the reviewer was chosen and what they hold: in prose or as labelled lines."""
    a_reviewer = f"a {reviewer}" if reviewer[0] not in "aeiou" else f"an {reviewer}"
    intro = INTRO.format(a_reviewer=a_reviewer)
    practice = PRACTICE.format(reviewer=reviewer)
    if credentials.prose:
        return [Block("para", f"{intro} {reviewer_prose(credentials, reviewer)} {practice}")]
    comma = rng.choice([", ", ","])
    specialties = ", ".join(credentials.specialties)
    if rng.random() < 0.2:
        specialties = specialties.replace(" & ", " and ")
    return [
        Block("para", f"{intro} {practice}"),
        Block(
            "lines",
            lines=[
                "The Expert Reviewer has the following credentials:",
                f"State(s) of Licensure: {comma.join(credentials.licensure)}",
                f"Certification(s)/Specialty: {specialties}",
            ],
        ),
    ]
