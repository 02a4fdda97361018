"""Clinical case summaries for synthetic letters, composed from the letter's own facts."""

from __future__ import annotations

import random
from dataclasses import dataclass

OPENINGS = [
    "The patient is a {age}-year-old {sex} who reported an injury on {injury}.",
    "This is a {age} year old {sex} patient who sustained an industrial injury on {injury}.",
    "The injured worker is a {age} year old {sex} who sustained an industrial injury on {injury}.",
    "This case involves a now {age}-year-old {sex} with a history of an occupational claim from "
    "{injury}.",
    "The applicant is a {age}-year-old {sex} with a date of injury of {injury}.",
]
JOBS = [
    "warehouse worker",
    "registered nurse",
    "truck driver",
    "janitor",
    "grocery clerk",
    "mechanic",
    "correctional officer",
    "farm laborer",
    "teacher's aide",
    "carpenter",
    "office assistant",
    "bus driver",
    "landscaper",
    "line cook",
    "home care aide",
]
EVENTS = [
    "lifting a heavy box",
    "slipping on a wet floor",
    "falling from a ladder",
    "pulling a loaded pallet jack",
    "being struck by a falling object",
    "repetitive keyboard work",
    "restraining a combative person",
    "stepping off a loading dock",
]
MECHANISMS = [
    "The injury occurred while {pron} was {event} at work as a {job}.",
    "The mechanism of injury was {event}.",
    "The claim is for cumulative trauma from years of work as a {job}.",
    "{Pron} was working as a {job} and was injured while {event}.",
]
DIAGNOSES = {
    "lumbar spine": [
        "lumbar radiculopathy",
        "lumbar disc displacement",
        "lumbar sprain/strain",
        "degenerative disc disease of the lumbar spine",
    ],
    "cervical spine": ["cervical radiculopathy", "cervicalgia", "cervical sprain/strain"],
    "thoracic spine": ["thoracic sprain/strain"],
    "shoulder": [
        "shoulder impingement syndrome",
        "rotator cuff tendinopathy",
        "adhesive capsulitis",
    ],
    "elbow": ["lateral epicondylitis"],
    "wrist": ["carpal tunnel syndrome", "de Quervain's tenosynovitis"],
    "hand": ["trigger finger", "hand contusion"],
    "hip": ["trochanteric bursitis"],
    "knee": ["medial meniscus tear", "patellofemoral syndrome", "knee internal derangement"],
    "ankle": ["ankle sprain"],
    "foot": ["plantar fasciitis"],
    "upper extremity": ["upper extremity paresthesias"],
    "lower extremity": ["lower extremity radiculitis"],
    "head": ["post-concussion syndrome"],
}
GENERAL_DIAGNOSES = [
    "chronic pain syndrome",
    "myofascial pain syndrome",
    "insomnia",
    "depressive disorder",
    "anxiety",
]
DIAGNOSIS_LEADS = [
    "The diagnoses include {dx}.",
    "Diagnoses were documented as {dx}.",
    "The injured worker was being treated for {dx}.",
    "The listed diagnoses per  are {dx}.",
]
COMPLAINTS = [
    "low back pain radiating to the legs",
    "neck pain with headaches",
    "shoulder pain with overhead activity",
    "knee pain on stairs",
    "wrist pain and numbness",
    "diffuse musculoskeletal pain",
    "constant aching pain",
]
EXAMS = [
    "Examination revealed tenderness to palpation with decreased range of motion.",
    "There was paraspinal muscle spasm and guarding on examination.",
    "Motor strength was 4/5 with diminished sensation in a dermatomal pattern.",
    "Range of motion was limited by pain, and provocative testing was positive.",
    "The physical examination showed no focal neurologic deficit.",
]
PRIOR_CARE = [
    "physical therapy",
    "chiropractic care",
    "acupuncture",
    "medications",
    "a home exercise program",
    "activity modification",
    "injections",
    "a TENS unit",
    "psychological counseling",
    "bracing",
]
UR_SENTENCES = [
    "Utilization review dated {ur} non-certified the request.",
    "On {ur}, utilization review denied the request.",
    "The original utilization review dated {ur} found the request not medically necessary.",
    "According to utilization review dated {ur}, the request was non-certified.",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass
class CaseFacts:
    """What a summary states about the injured worker and the dispute."""

    age: int
    sex: str | None
    injury: str  # as written
    ur: str  # as written
    visit: str  # a recent visit date as written
    complaint: str
    diagnoses: list[str]


def case_facts(rng: random.Random, sex: str | None, parts: list[str], dates: dict) -> CaseFacts:
    """Pick the worker's complaint and diagnoses to match the disputed body parts."""
    pool = [dx for part in parts for dx in DIAGNOSES.get(part, [])]
    chosen = rng.sample(pool, min(len(pool), rng.randint(1, 3))) if pool else []
    if not chosen or rng.random() < 0.4:
        chosen.append(rng.choice(GENERAL_DIAGNOSES))
    chosen = list(dict.fromkeys(chosen))
    return CaseFacts(
        rng.randint(22, 72),
        sex,
        dates["injury"],
        dates["ur"],
        dates["visit"],
        rng.choice(COMPLAINTS),
        chosen,
    )


def written_date(rng: random.Random, iso: str, long_ok: bool = True) -> str:
    """A date the way summaries write it: 03/28/2014, or March 28, 2014."""
    year, month, day = iso.split("-")
    if long_ok and rng.random() < 0.3:
        return f"{MONTHS[int(month) - 1]} {int(day)}, {year}"
    return f"{month}/{day}/{year}"


def summary_text(rng: random.Random, facts: CaseFacts, requests: list[str]) -> str:
    """The clinical case summary paragraph."""
    noun = {"male": "male", "female": "female"}.get(facts.sex or "", "individual")
    pron = {"male": "he", "female": "she"}.get(facts.sex or "", "the worker")
    sentences = [rng.choice(OPENINGS).format(age=facts.age, sex=noun, injury=facts.injury)]
    if rng.random() < 0.7:
        mechanism = rng.choice(MECHANISMS)
        sentences.append(
            mechanism.format(
                pron=pron, Pron=pron.capitalize(), job=rng.choice(JOBS), event=rng.choice(EVENTS)
            )
        )
    sentences.append(rng.choice(DIAGNOSIS_LEADS).format(dx=", ".join(facts.diagnoses)))
    sentences.append(
        f"On {facts.visit}, the injured worker reported {facts.complaint}, rated "
        f"{rng.randint(4, 9)}/10."
    )
    sentences += rng.sample(EXAMS, rng.randint(1, 2))
    care = rng.sample(PRIOR_CARE, rng.randint(2, 4))
    sentences.append(f"Treatment to date has included {', '.join(care[:-1])} and {care[-1]}.")
    wanted = "; ".join(request[0].lower() + request[1:] for request in requests[:6])
    sentences.append(
        rng.choice(
            [
                "The treatment plan included a request for {r}.",
                "The current request is for {r}.",
                "A request was submitted for {r}.",
            ]
        ).format(r=wanted)
    )
    sentences.append(rng.choice(UR_SENTENCES).format(ur=facts.ur))
    return " ".join(sentences)
