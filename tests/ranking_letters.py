"""Hand-made letters for the ranking's tests, one small scene per failure the ranking must not
repeat. Requests are written here (no real letter text) and classified by the project's own
vocabulary when built, so the scenes follow the vocabulary as it grows."""

from __future__ import annotations

from indexer import vocab
from indexer.letters.records import Item, Letter, Patient, Reviewer, Source


def _item(number: int, request: str, decision: str = "Upheld",
          letter_parts: tuple[str, ...] = ()) -> Item:
    treatment, drug = vocab.classify_treatment(request)
    named = vocab.body_parts(request)
    return Item(number=number, request=request, decision=decision, treatment=treatment,
                drug=drug, body_parts=named, letter_body_parts=[] if named else list(letter_parts),
                guideline_sources=["MTUS Chronic Pain"],
                rationale=f"The request for {request} is reviewed against the guidelines.")


def _letter(case: str, summary: str, *items: Item) -> Letter:
    return Letter(id=case, summary=summary, items=list(items),
                  source=Source("", "txt", case.encode().hex().ljust(64, "0")),
                  case_number=case, decision_date="2016-06-01",
                  reviewer=Reviewer(["Pain Management"], ["California"]),
                  patient=Patient(50, "female"), synthetic=True)


# Each case number names its scene: NO opioids, VA cold therapy, EM nerve studies, MR imaging,
# PT therapy, HY filler words, CY the summary pull, LB labs.
RANKING_LETTERS = [
    _letter("NO16-0000001", "Chronic low back pain on opioids.",
            _item(1, "Norco 10/325mg #35")),
    _letter("NO16-0000002", "Chronic knee pain.", _item(1, "Tramadol 50mg #60", "Overturned"),
            _item(2, "Ultram 50mg #90")),
    _letter("NO16-0000003", "Neck pain.", _item(1, "Referral to a chiropractor")),
    _letter("VA16-0000001", "Status post right shoulder arthroscopy.",
            _item(1, "Vascutherm cold compression unit rental for 30 days",
                  letter_parts=("shoulder",)),
            _item(2, "Cold therapy unit purchase", letter_parts=("shoulder",))),
    _letter("VA16-0000002", "Right shoulder pain.", _item(1, "MRI of the right shoulder"),
            _item(2, "X-rays of the left shoulder")),
    _letter("VA16-0000003", "Left shoulder pain.", _item(1, "MRI of the left shoulder")),
    _letter("EM16-0000001", "Low back pain radiating to the legs.",
            _item(1, "EMG/NCV of the bilateral lower extremities")),
    _letter("EM16-0000002", "Neck pain radiating to the arms.",
            _item(1, "EMG/NCS of the bilateral upper extremities"),
            _item(2, "EMG of the right upper extremity")),
    # the elbow's case number sorts first: only the anatomy can put the wrist before it
    _letter("MR16-0000001", "Elbow pain.", _item(1, "MRI of the right elbow")),
    _letter("MR16-0000002", "Knee pain.", _item(1, "MRI of the left knee")),
    _letter("MR16-0000003", "Wrist sprain.", _item(1, "MRI of the left wrist")),
    _letter("PT16-0000001", "Hand crush injury.",
            _item(1, "Occupational therapy (hand therapy) for the left hand, 6 sessions")),
    _letter("PT16-0000002", "Knee sprain.",
            _item(1, "Physical therapy for the right knee, 12 sessions")),
    _letter("PT16-0000003", "Shoulder strain.",
            _item(1, "Physical therapy for the right shoulder, 12 sessions")),
    _letter("PT16-0000004", "Status post knee arthroscopy.",
            _item(1, "Associated surgical service: physical therapy, 12 sessions")),
    _letter("HY16-0000001", "Non-healing wound.", _item(1, "Hyperbaric oxygen therapy")),
    _letter("HY16-0000002", "Ankle fracture.",
            _item(1, "Associated surgical service: retrospective purchase of crutches, right, "
                     "times 2")),
    _letter("CY16-0000001", "She uses Cyclophene cream and had lumbar X-rays.",
            _item(1, "X-rays of the lumbar spine"), _item(2, "Cyclophene 5% cream 120g")),
    _letter("CY16-0000002", "Knee arthritis.", _item(1, "Ketoprofen 20% cream 120g")),
    _letter("LB16-0000001", "Pre-operative work-up for knee surgery.",
            _item(1, "Pre-op labs: PT/PTT"), _item(2, "Pre-op labs: CBC")),
]
