"""Anatomy: every body part a request names, how near two parts are, and the body parts a
letter points to for an item whose request names none (hand-written texts and real letters)."""

from __future__ import annotations

import itertools

import pytest

from indexer.engine.documents import facet_values, letter_documents
from indexer.letters.parse.letter_parts import case_body_parts, letter_body_parts
from indexer.letters.records import Guidelines, Item
from indexer.vocab.anatomy import (
    ADJACENT,
    BODY_PARTS,
    REGIONS,
    RELATED,
    SAME_PART,
    SAME_REGION,
    UNRELATED,
    WITHIN,
    body_parts,
    pair_closeness,
    part_closeness,
)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("EMG/NCV of the hip, lumbar", ["lumbar spine", "hip"]),
        ("12 PT sessions for shoulder, wrist, hand", ["shoulder", "wrist", "hand"]),
        ("Right sacroiliac joint injection", ["sacroiliac joint"]),
        ("Bilateral SI joint radiofrequency ablation", ["sacroiliac joint"]),
        ("Coccyx cushion", ["coccyx"]),
        ("X-ray of the pelvis", ["pelvis"]),
        ("Referral for left groin pain", ["groin"]),
        ("Trigger point injections to the buttock", ["buttock"]),
        ("TMJ splint", ["jaw"]),
        ("CT of the facial bones", ["face"]),
        ("Ophthalmology consultation for the right eye", ["eye"]),
        ("Bilateral hearing aids", ["ear"]),
        ("Dental evaluation for broken teeth", ["teeth"]),
        ("Pre-op chest x-ray", ["chest"]),
        ("Rib belt", ["chest"]),
        ("CT of the abdomen", ["abdomen"]),
        ("MRI of the right thigh", ["thigh"]),
        ("Compression stockings for the calf", ["lower leg"]),
        ("MRI of the right forearm", ["forearm"]),
        ("X-ray of the left upper arm", ["upper arm"]),
        ("MRI of the fingers of the right hand", ["hand"]),
        ("Hand therapy 6 sessions", ["hand"]),
        ("Podiatry for the toes and heel", ["foot"]),
        ("Anterior cervical discectomy and fusion C5-6", ["cervical spine"]),
        ("Posterior fusion L4-S1", ["lumbar spine"]),
        ("Kyphoplasty T12-L1", ["thoracic spine", "lumbar spine"]),
        ("Epidural steroid injection C7-T1", ["cervical spine", "thoracic spine"]),
        ("Right S1 transforaminal epidural injection", ["lumbar spine"]),
        ("Selective C6 nerve root block", ["cervical spine"]),
        ("Chiropractic to the L/S and C/S, 6 visits", ["cervical spine", "lumbar spine"]),
        ("MRI of the LS spine", ["lumbar spine"]),
        ("TLSO brace", ["thoracic spine", "lumbar spine"]),
        ("EMG/NCV BUE", ["upper extremity"]),
        ("Nerve conduction studies B/L lower extremities", ["lower extremity"]),
        ("PT bilat knees 2x6", ["knee"]),
        ("Spinal cord stimulator trial", ["spine"]),
        ("Facet joint injection", ["spine"]),
        ("ESI at L4-5", ["lumbar spine"]),
        ("Paraspinal trigger point injections", ["spine"]),
        ("Greater occipital nerve block", ["head"]),
        ("MRI of the cervical spine", ["cervical spine"]),  # no generic "spine" beside a level
        ("Back brace", ["lumbar spine"]),  # a back brace is a lumbar support
        ("Fioricet for headaches", ["head"]),  # a headache is a complaint of the head
        ("PT right lower leg and left arm", ["lower leg", "upper extremity"]),
    ],
)
def test_every_body_part_a_request_names(text, parts):
    assert body_parts(text) == parts


@pytest.mark.parametrize(
    "text",
    [
        "Pre-operative PT/PTT",  # a blood test, and PT never a part
        "Physical therapy 12 sessions, 2 times a week",
        "Alarm system for the home",
        "Labs: T3, T4 and TSH",  # thyroid tests, not thoracic levels
        "Hand-held shower head",
        "Knee scooter",  # carries a foot or ankle injury
        "Face-to-face evaluation",
        "Biofeedback 6 sessions",
        "Digital x-ray review",
        "Wheelchair cushion",
        "Right-sided TENS unit, bilateral pads",  # laterality names no part
    ],
)
def test_words_that_name_no_body_part(text):
    assert body_parts(text) == []


def test_every_part_has_a_region_and_the_grades_are_ordered():
    assert set(REGIONS) == set(BODY_PARTS)
    assert SAME_PART > WITHIN > ADJACENT > SAME_REGION > RELATED > UNRELATED == 0


@pytest.mark.parametrize(
    ("wanted", "found", "grade"),
    [
        ("wrist", "wrist", SAME_PART),
        ("wrist", "upper extremity", WITHIN),
        ("lumbar spine", "spine", WITHIN),
        ("hand", "wrist", ADJACENT),
        ("wrist", "forearm", ADJACENT),
        ("knee", "lower leg", ADJACENT),
        ("lumbar spine", "sacroiliac joint", ADJACENT),
        ("hand", "shoulder", SAME_REGION),
        ("cervical spine", "lumbar spine", SAME_REGION),
        ("lumbar spine", "lower extremity", RELATED),
        ("cervical spine", "upper extremity", RELATED),
        ("knee", "shoulder", UNRELATED),
        ("lumbar spine", "upper extremity", UNRELATED),
    ],
)
def test_grades_between_two_parts(wanted, found, grade):
    assert pair_closeness(wanted, found) == pair_closeness(found, wanted) == grade


def test_closeness_is_symmetric_over_the_whole_vocabulary():
    for first, second in itertools.combinations(BODY_PARTS, 2):
        assert pair_closeness(first, second) == pair_closeness(second, first), (first, second)


def test_emg_of_hip_and_lumbar_is_near_lower_extremity_nerve_studies():
    wanted = body_parts("EMG/NCV of the hip, lumbar")
    lower = part_closeness(wanted, body_parts("EMG/NCV of the bilateral lower extremities"))
    upper = part_closeness(wanted, body_parts("EMG/NCS of the bilateral upper extremities"))
    assert lower >= WITHIN and upper == UNRELATED
    assert part_closeness(["lumbar spine"], body_parts("NCV of the lower extremities")) == RELATED


def test_a_hand_mri_is_nearer_a_wrist_mri_than_an_elbow_shoulder_or_knee_mri():
    hand = body_parts("MRI of the right hand")
    wrist = part_closeness(hand, body_parts("MRI of the left wrist"))
    others = [part_closeness(hand, body_parts(f"MRI of the {part}"))
              for part in ("right elbow", "left shoulder", "right knee")]  # fmt: skip
    assert wrist == ADJACENT and all(wrist > other for other in others)
    assert others[-1] == UNRELATED


def test_several_parts_on_both_sides_take_the_best_pairing():
    wanted = body_parts("12 PT sessions for shoulder, wrist, hand")
    assert part_closeness(wanted, ["hand"]) == SAME_PART
    assert part_closeness(wanted, ["knee", "forearm"]) == ADJACENT
    assert part_closeness(wanted, []) == part_closeness([], wanted) == UNRELATED


# ---- the body parts a letter points to: the rule on hand-written texts ---------------------


def _item(request="TENS unit", maximus="", administrator="", rationale="") -> Item:
    return Item(1, request, "Upheld", "other", body_parts=body_parts(request),
                guidelines=Guidelines(administrator, maximus), rationale=rationale)  # fmt: skip


@pytest.mark.parametrize(
    ("item", "summary", "diagnoses", "parts"),
    [
        (_item(maximus="Decision based on ODG Shoulder, Continuous-flow cryotherapy."),
         "", ["left shoulder impingement", "lumbar strain"], ["shoulder"]),
        # a chapter of several parts, narrowed by the diagnoses
        (_item(administrator="Decision based on ODG Ankle & Foot."), "", ["plantar fasciitis"],
         ["foot"]),
        # a general topic filed under a body chapter far from the case: passed over
        (_item(maximus="Decision based on ODG Low Back, Preoperative lab testing."), "",
         ["umbilical hernia"], ["abdomen"]),
        # the rationale's own sentences before the diagnoses; a guideline's sentence skipped
        (_item(rationale="Guidelines recommend it for chronic low back pain. The patient has "
                         "right knee pain."), "", ["cervical strain"], ["knee"]),
        # no diagnosis list: the summary's injury sentences, not every "injured worker" one
        (_item(), "The injured worker is seen monthly. She injured her left wrist lifting.",
         [], ["wrist"]),
        # more than three parts is ambiguous
        (_item(), "", ["neck strain", "shoulder strain", "wrist strain", "knee strain"], []),
        # the request names a part: the letter's parts stay empty
        (_item(request="MRI of the knee"), "", ["lumbar strain"], []),
        (_item(), "", [], []),
    ],
)  # fmt: skip
def test_the_letter_body_part_rule(item, summary, diagnoses, parts):
    assert letter_body_parts(item, case_body_parts(summary, diagnoses)) == parts


# ---- real shared letters (case number + item number; no letter text here) ------------------

# Verified by reading each letter: its summary, diagnoses, the item's guidelines and rationale.
REAL_LETTER_PARTS = {
    ("CM16-0246487", 3): ["shoulder"],  # post-op cold therapy, ODG Shoulder
    ("CM16-0248471", 4): ["cervical spine"],  # wedge pillow, ODG Neck & upper back
    ("CM16-0235869", 1): ["hip"],  # physical therapy, the rationale's right hip
    ("CM16-0239190", 1): ["wrist"],  # occupational therapy, carpal tunnel diagnoses
    ("CM16-0240524", 1): ["cervical spine"],  # diazepam, the rationale's neck pain
    ("CM16-0232543", 2): ["lumbar spine"],  # Pepcid, a lumbar sprain case
    ("CM17-0004547", 2): ["foot"],  # knee scooter, ODG Ankle & Foot, plantar fasciitis
    ("CM17-0004133", 3): ["pelvis"],  # acute rehabilitation, ODG Hip and Pelvis, pelvic fracture
    ("CM17-0010420", 4): ["abdomen"],  # pre-op PT/PTT for a hernia repair (ODG Low Back passed)
    ("CM17-0008479", 7): ["cervical spine"],  # TPII, ODG Low Back passed over: a neck case
    ("CM17-0007300", 1): ["ankle"],  # compounded cream, the summary's ankle sprain
    ("CM17-0016761", 2): ["hand"],  # gym membership, ODG Forearm, Wrist and Hand; a finger
    ("CM17-0012593", 2): [],  # Ultram: five injured parts, ambiguous
    ("CM17-0002181", 1): [],  # ibuprofen: four injured parts, ambiguous
    ("CM16-0213037", 1): [],  # the request names the shoulder
}
MIN_SHARE_WITH_LETTER_PARTS = 0.8  # measured 96 of 101 (0.95) when written


@pytest.fixture(scope="module")
def real_items(real_letters):
    return {(letter.case_number, item.number): item
            for letter in real_letters for item in letter.items}  # fmt: skip


@pytest.mark.parametrize(("key", "parts"), REAL_LETTER_PARTS.items(), ids=str)
def test_letter_body_parts_of_real_items(real_items, key, parts):
    assert real_items[key].letter_body_parts == parts


def test_only_items_whose_request_names_no_part_get_parts_from_their_letter(real_letters):
    items = [item for letter in real_letters for item in letter.items]
    assert not [item.request for item in items if item.body_parts and item.letter_body_parts]
    unnamed = [item for item in items if not item.body_parts]
    share = sum(bool(item.letter_body_parts) for item in unnamed) / len(unnamed)
    print(f"\nletter body parts: {share:.0%} of {len(unnamed)} real items naming no body part")
    assert share >= MIN_SHARE_WITH_LETTER_PARTS


def test_letter_body_parts_reach_the_item_document(real_letters):
    letter = next(letter for letter in real_letters if letter.case_number == "CM16-0246487")
    documents = {doc.get("number"): doc for doc in letter_documents(letter)}
    assert facet_values(documents[3]["letter_body_parts"]) == ["shoulder"]
    assert facet_values(documents[1]["body_part"]) == ["shoulder"]
    assert not documents[1].get("letter_body_parts")
