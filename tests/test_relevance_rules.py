"""The relevance benchmark's rules (bench/relevance_rules.py) on request pairs written here, and
its judgments file: case and item numbers only, every manual pair judged."""

from __future__ import annotations

import json
import re

import pytest
from relevance_judgments import JUDGMENTS_FILE
from relevance_rules import read_request, relevant

ITEM_REF = re.compile(r"CM\d{2}-\d{7}#\d{1,2}")

RELEVANT_PAIRS = [
    ("Norco 10/325 #90", "Tramadol 50mg #60"),  # same drug class
    ("Pepcid 20mg", "Prilosec 20mg #90"),  # H2 blocker and PPI: acid reducers
    ("Voltaren gel 1%", "Lidoderm patch #30"),  # topical products: one class
    ("12 PT sessions for shoulder, wrist, hand", "continuation for left hand therapy"),
    ("MRI of the right hand", "MR arthrogram of the left wrist"),  # neighbouring regions
    ("EMG/NCV of the hip, lumbar", "NCV of the bilateral lower extremities"),  # nerve studies
    ("Vascutherm unit, shoulder", "Associated surgical service: Cold therapy for one week"),
    ("Pre-op labs: PT/PTT", "Pre-op labs: CBC"),
    ("Spine surgery evaluation", "Consult with hip replacement specialist"),
    ("Referral to chiropractor, twice a week for 3 weeks", "Spinal manipulation 2 times 4"),
    ("Electrical stimulation times 6", "Four sessions of infrared therapy"),
    ("Post-op physical therapy 12 visits", "Associated surgical service: Physical therapy"),
]
NOT_RELEVANT_PAIRS = [
    ("MRI of the right knee", "MRI of the lumbar spine"),  # region decides for imaging
    ("MRI of the cervical spine", "CT scan of the cervical spine"),  # imaging type decides
    ("Pre-op labs: PT/PTT", "PT/OT 18 sessions left hand"),  # a blood test, not therapy
    ("Acute inpatient rehabilitation PT and OT 7-10 days", "Physical therapy 6 sessions"),
    ("Cyclobenzaprine 5% in cream base", "Flexeril 10mg #60"),  # topical vs oral
    ("EMG/NCV of the bilateral upper extremities", "EMG of the bilateral lower extremities"),
    ("Wrist braces #2", "Associated surgical service: Slingshot sling"),  # sling: shoulder
    ("Post operative physical therapy, right knee", "Physical therapy 2 times 6, low back"),
    ("Infrared heat to the low back", "Physical therapy to the low back"),  # passive modality
    ("Lumbar epidural steroid injection with pain consult", "Neurosurgeon evaluation"),
    ("Right L5-S1 epidural steroid injection", "Platelet-rich plasma injection to the knee"),
    ("Retrospective injection of lidocaine and dexamethasone to the knee", "Lidoderm patch"),
]


@pytest.mark.parametrize(("query", "candidate"), RELEVANT_PAIRS)
def test_the_rules_judge_relevant(query, candidate):
    assert relevant(read_request(query), read_request(candidate))
    assert relevant(read_request(candidate), read_request(query))


@pytest.mark.parametrize(("query", "candidate"), NOT_RELEVANT_PAIRS)
def test_the_rules_judge_not_relevant(query, candidate):
    assert not relevant(read_request(query), read_request(candidate))
    assert not relevant(read_request(candidate), read_request(query))


def test_the_judgments_file_holds_item_numbers_only():
    data = json.loads(JUDGMENTS_FILE.read_text(encoding="utf-8"))
    refs = [ref for query, judged in data["queries"].items()
            for ref in (query, *judged["relevant"])]
    refs += [row[side] for row in data["manual"] for side in ("query", "candidate")]
    assert refs and all(ITEM_REF.fullmatch(ref) for ref in refs)
    assert all(set(judged) == {"kind", "relevant"} for judged in data["queries"].values())
    assert len(data["manual"]) >= 60
    assert all(isinstance(row["mine"], bool) and isinstance(row["rule"], bool)
               for row in data["manual"])
