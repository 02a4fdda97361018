"""Hand-made letters for the engine's tests (search, snippets): each case on purpose, e.g. a
summary-only word, a phrase with small words, hostile markup, 300 words sharing a prefix."""

from __future__ import annotations

from pathlib import Path

from indexer.engine.store import writing
from indexer.letters.records import Item, Letter, Patient, Reviewer, Source

HOSTILE = "<script>alert(1)</script> \"><img src=x onerror=alert(1)>"


def _item(number, request, decision, treatment, rationale, body, guidelines, drug=None) -> Item:
    return Item(
        number=number,
        request=request,
        decision=decision,
        treatment=treatment,
        drug=drug,
        body_parts=body,
        guideline_sources=guidelines,
        rationale=rationale,
    )


def _letter(letter_id, date, summary, items, specialties, licensure, age=None, sex=None, **dates):
    return Letter(
        id=letter_id,
        summary=summary,
        items=items,
        source=Source("", "txt", letter_id.encode().hex().ljust(64, "0")),
        case_number=letter_id,
        decision_date=date,
        reviewer=Reviewer(specialties, licensure),
        patient=Patient(age, sex),
        synthetic=True,
        **dates,
    )


L1 = _letter(
    "SY16-0000001", "2016-05-01",
    "The injured worker had a slip and fall at work and hurt a zygapophyseal joint.",
    [
        _item(1, "Tramadol 50mg #60", "Upheld", "opioid", f"Tramadol is not indicated. {HOSTILE}",
              ["lumbar spine"], ["MTUS Chronic Pain"], drug="tramadol"),
        _item(2, "Physical therapy 8 sessions", "Overturned", "physical therapy",
              "Physical therapy is medically necessary for the lumbar spine.",
              ["lumbar spine"], ["MTUS Chronic Pain", "ODG"]),
    ],
    ["Pain Management"], ["California"], age=45, sex="female",
)
L2 = _letter(
    "SY15-0000002", "2015-01-02", "It is unclear whether a slip or fall occurred.",
    [_item(1, "Massage therapy 6 sessions", "Upheld", "massage therapy",
           "Massage is not recommended for the wrist.", ["wrist"],
           ["MTUS ACOEM Forearm, Wrist, and Hand"])],
    ["Physical Medicine & Rehabilitation"], ["Texas"], age=62, sex="male",
)
L3 = _letter(
    "SY17-0000003", "2017-03-03", "Knee injury while lifting boxes.",
    [
        _item(1, "MRI of the right knee", "Overturned", "MRI",
              "An MRI of the knee is medically necessary.", ["knee"], ["MTUS ACOEM Knee"]),
        _item(2, "Acupuncture 6 sessions", "Upheld", "acupuncture",
              "Acupuncture is not medically necessary.", ["knee"], ["MTUS Acupuncture"]),
        _item(3, "Norco 10/325 #90", "Overturned", "opioid",
              "Norco is medically necessary for knee pain.", ["knee"], ["MTUS Chronic Pain"],
              drug="hydrocodone/acetaminophen"),
    ],
    ["Orthopedic Surgery", "Pain Management"], ["California", "Texas"], age=35, sex="female",
)
L4 = _letter(
    "SY14-0000004", None, "Neck pain after a car accident.",
    [_item(1, "Chiropractic 12 sessions", "Upheld", "chiropractic",
           "Chiropractic care is not medically necessary for the neck.", ["cervical spine"],
           ["None cited"])],
    ["Chiropractic"], ["California"], injury_date="2014-02-02",
)
L5 = _letter(
    "SY16-0000005", "2016-08-08", "Low back pain.",
    [_item(1, "Epidural steroid injection L4-5", "Overturned", "epidural steroid injection",
           "The epidural steroid injection is medically necessary.", ["lumbar spine"],
           ["MTUS Chronic Pain"])],
    ["Pain Management"], ["California"], age=50, sex="male",
)
MANY_WORDS = " ".join(f"qq{n:03d}" for n in range(300))  # 300 words sharing a prefix
L6 = _letter(
    "SY13-0000006", "2013-06-06", "Shoulder pain.",
    [_item(1, "Shoulder surgery", "Upheld", "surgery", f"Surgery is not indicated. {MANY_WORDS}",
           ["shoulder"], ["MTUS ACOEM Shoulder"])],
    ["Orthopedic Surgery"], ["Nevada"], age=71, sex="male",
)
LETTERS = [L1, L2, L3, L4, L5, L6]


def build(
    index_dir: Path, letters: list[Letter], fresh: bool = True, engine: str | None = None
) -> Path:
    """Write the letters into an index at index_dir (a new one when fresh, written by `engine`,
    default Whoosh); return index_dir."""
    with writing(index_dir, fresh=fresh, engine=engine) as writer:
        for letter in letters:
            writer.put(letter)
    return index_dir
