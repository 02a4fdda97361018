"""Parser: exact key fields of the seed letters, hand-checked real PDFs and layout fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.letters.parse import older as parse_older
from indexer.letters.parse import parse_text, read_letter
from indexer.letters.parse.header import summary_dates
from indexer.letters.parse.items import guideline_parts
from indexer.letters.parse.reviewer import reviewer
from indexer.letters.records import SYNTHETIC_MARKER, Source

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"
CHRONIC = ["MTUS Chronic Pain"]

# file -> (id, (decision, injury, assigned, ur denial, received dates), specialties,
#          licensure, (age, sex))
SEEDS = {
    "000_ff200d5bb839e09b.txt": (
        "X-fc23aaedf10e",
        (None, "1997-03-28", None, None, None),
        ["Family Practice"],
        ["Texas"],
        (65, "male"),
    ),
    "001_1370ebbe0db9466e.txt": (
        "X-56200ae4e62b",
        (None, "2011-05-25", None, None, None),
        ["Family Practice"],
        ["Texas", "California"],
        (58, "male"),
    ),
    "002_f672b21bde35ded4.txt": (
        "X-7bfae31e9e43",
        (None, "2014-01-22", None, "2015-01-29", None),
        ["Family Practice"],
        ["Texas", "California"],
        (39, "male"),
    ),
    "003_13f01ddf0738f955.txt": (
        "X-5cc67a306a02",
        (None, "2010-03-27", None, None, None),
        ["Physical Medicine & Rehabilitation", "Pain Management"],
        ["California"],
        (64, "male"),
    ),
    "004_cd6c404d6da2b567.txt": (
        "X-37c1ba8d2765",
        (None, "2007-02-21", None, "2014-08-21", None),
        ["Physical Medicine & Rehabilitation", "Interventional Spine"],
        ["California"],
        (57, "female"),
    ),
}
# file -> items: (request, decision, treatment, drug, body parts, sessions, MAXIMUS sources);
# a request ending in "..." is compared by its start
SEED_ITEMS = {
    "000_ff200d5bb839e09b.txt": [
        (
            "physical therapy 2 times a week for 4 weeks, for the cervical and lumbar spine",
            "Upheld",
            "physical therapy",
            None,
            ["cervical spine", "lumbar spine"],
            8,
            CHRONIC,
        )
    ],
    "001_1370ebbe0db9466e.txt": [
        (
            "Additional physical therapy treatment to the lumbar spine for 8 sessions...",
            "Upheld",
            "physical therapy",
            None,
            ["lumbar spine"],
            8,
            CHRONIC,
        ),
        (
            "Pain management follow up office visit regarding the lumbar spine",
            "Overturned",
            "office visit",
            None,
            ["lumbar spine"],
            None,
            ["ACOEM (non-MTUS)"],
        ),
    ],
    "002_f672b21bde35ded4.txt": [
        (
            "12 sessions of physical therapy for the cervical spine",
            "Upheld",
            "physical therapy",
            None,
            ["cervical spine"],
            12,
            CHRONIC,
        )
    ],
    "003_13f01ddf0738f955.txt": [
        (
            "Five chiropractic and physical therapy sessions",
            "Upheld",
            "chiropractic",
            None,
            [],
            5,
            CHRONIC,
        ),
        ("Two massage therapy sessions", "Overturned", "massage therapy", None, [], 2, CHRONIC),
    ],
    "004_cd6c404d6da2b567.txt": [
        (
            "Additional occupational therapy 2x6 weeks (12 sessions) low back...",
            "Upheld",
            "occupational therapy",
            None,
            ["lumbar spine", "shoulder", "wrist"],
            12,
            CHRONIC,
        )
    ],
}

PDFS = {  # checked by hand against the letters
    "CM16-0213037": (
        ("2016-12-09", "2016-10-13", "2016-11-09", "2016-11-03", "2016-11-03"),
        ["Family Practice"],
        ["California", "North Carolina"],
        (48, "male"),
    ),
    "CM16-0230651": (
        ("2017-01-09", "2016-10-13", "2016-12-07", "2016-11-22", "2016-11-29"),
        ["Physical Medicine & Rehabilitation", "Pain Management"],
        ["California", "Washington"],
        (36, "female"),
    ),
    "CM16-0235991": (
        ("2017-01-11", "2016-10-12", "2016-12-13", "2016-11-08", "2016-12-07"),
        ["Family Practice"],
        ["Texas", "California"],
        (55, "female"),
    ),
    "CM16-0237844": (
        ("2017-01-12", "2016-10-20", "2016-12-14", "2016-12-05", "2016-12-12"),
        ["Anesthesiology", "Pain Management", "Hospice & Palliative Medicine"],
        ["California", "Texas", "Florida"],
        (51, "female"),
    ),
    "CM16-0239569": (
        ("2017-01-24", "2016-11-15", "2016-12-16", "2016-12-09", "2016-12-13"),
        ["Chiropractic"],
        ["Missouri"],
        (58, "female"),
    ),
    "CM16-0243394": (
        ("2017-01-20", "2016-10-26", "2016-12-22", "2016-11-22", "2016-12-19"),
        ["Preventive Medicine", "Occupational Medicine"],
        ["California"],
        (28, "male"),
    ),
    "CM16-0246487": (
        ("2017-01-31", "2016-10-21", "2016-12-29", "2016-11-21", "2016-12-23"),
        ["Orthopedic Surgery"],
        ["Colorado", "Texas", "Arizona"],
        (42, "male"),
    ),
    "CM16-0248698": (
        ("2017-02-02", "2016-10-26", "2017-01-04", "2016-12-23", "2016-12-28"),
        ["Physical Medicine & Rehabilitation", "Sports Medicine"],
        ["Texas", "New York"],
        (39, "male"),
    ),
    "CM17-0002181": (
        ("2017-01-31", "2016-10-11", "2017-01-09", "2016-12-27", "2017-01-03"),
        ["Family Practice"],
        ["New Jersey", "New York"],
        (41, "male"),
    ),
    "CM17-0007300": (
        ("2017-02-09", "2016-11-13", "2017-01-13", "2017-01-05", "2017-01-10"),
        [
            "Preventive Medicine",
            "Occupational Medicine",
            "Public Health & General Preventive Medicine",
        ],
        ["Iowa", "Montana", "California"],
        (28, "female"),
    ),
    "CM17-0010365": (
        ("2017-02-14", "2016-11-08", "2017-01-20", "2017-01-05", "2017-01-16"),
        ["Physical Medicine & Rehabilitation", "Pain Management"],
        ["California"],
        (51, "male"),
    ),
    "CM17-0010420": (
        ("2017-02-17", "2016-10-12", "2017-01-20", "2016-12-21", "2017-01-16"),
        ["General Surgery"],
        ["Texas"],
        (59, "male"),
    ),
    "CM17-0015218": (
        ("2017-02-27", "2016-12-13", "2017-01-27", "2017-01-13", "2017-01-24"),
        ["Orthopedic Surgery", "Hand Surgery", "Sports Medicine"],
        ["California"],
        (34, "male"),
    ),
}
LOW_BACK, SHOULDER, ODG = ["MTUS ACOEM Low Back"], ["MTUS ACOEM Shoulder"], ["ODG"]
PDF_ITEMS = {
    "CM16-0213037": [
        (
            "MRI of the right shoulder without contrast",
            "Upheld",
            "MRI",
            None,
            ["shoulder"],
            None,
            SHOULDER,
        ),
        (
            "MRI of the cervical spine without contrast",
            "Upheld",
            "MRI",
            None,
            ["cervical spine"],
            None,
            ["MTUS ACOEM Neck and Upper Back"],
        ),
    ],
    "CM16-0230651": [  # ten items; the last a partial authorisation, decision on the next line
        (
            "EMG/NCV of the lower extremities",
            "Upheld",
            "EMG/NCS",
            None,
            ["lower extremity"],
            None,
            CHRONIC,
        ),
        (
            "EMG/NCV of the upper extremities",
            "Upheld",
            "EMG/NCS",
            None,
            ["upper extremity"],
            None,
            CHRONIC,
        ),
        (
            "Electro acupuncture to the low back two times a week times six weeks",
            "Upheld",
            "acupuncture",
            None,
            ["lumbar spine"],
            12,
            ["MTUS Acupuncture"],
        ),
        (
            "Infrared heat to the low back two times a week times six weeks",
            "Upheld",
            "physical therapy",
            None,
            ["lumbar spine"],
            12,
            ["MTUS Acupuncture"],
        ),
        (
            "Myofascial release to the low back two times a week times six weeks",
            "Upheld",
            "massage therapy",
            None,
            ["lumbar spine"],
            12,
            ["MTUS Acupuncture"],
        ),
        ("MRI of the lumbar spine", "Upheld", "MRI", None, ["lumbar spine"], None, LOW_BACK),
        (
            "Chiropractic care to the low back two times a week for four weeks",
            "Upheld",
            "chiropractic",
            None,
            ["lumbar spine"],
            8,
            CHRONIC,
        ),
        ("Ultram 50mg #30", "Upheld", "opioid", "tramadol", [], None, ["MTUS Opioid Treatment"]),
        ("Flexeril 10mg #60", "Upheld", "muscle relaxant", "cyclobenzaprine", [], None, CHRONIC),
        (
            "Physical therapy to the low back two sessions",
            "Upheld",
            "physical therapy",
            None,
            ["lumbar spine"],
            2,
            CHRONIC,
        ),
    ],
    "CM16-0235991": [
        (
            "MRI (magnetic resonance imaging) of the cervical spine",
            "Upheld",
            "MRI",
            None,
            ["cervical spine"],
            None,
            ["MTUS ACOEM Neck and Upper Back"],
        ),
        (
            "EMG (electromyography)/NCV (nerve conduction velocity) of the bilateral upper "
            "extremities",
            "Overturned",
            "EMG/NCS",
            None,
            ["upper extremity"],
            None,
            ["MTUS Chronic Pain", "MTUS ACOEM Neck and Upper Back"],
        ),
    ],
    "CM16-0237844": [
        (
            "Additional physical therapy two times four visits (8) for the lumbar and bilateral "
            "knees",
            "Upheld",
            "physical therapy",
            None,
            ["lumbar spine", "knee"],
            8,
            CHRONIC,
        )
    ],
    "CM16-0239569": [
        (
            "Chiropractic spinal manipulation times 6",
            "Upheld",
            "chiropractic",
            None,
            [],
            6,
            ["MTUS ACOEM Low Back", "ODG"],
        ),
        (
            "Chiropractic joint manipulation times 6",
            "Upheld",
            "chiropractic",
            None,
            [],
            6,
            ["MTUS ACOEM Shoulder", "ODG"],
        ),
        (
            "Electrical stimulation times 6",
            "Upheld",
            "TENS/electrical stimulation",
            None,
            [],
            6,
            LOW_BACK,
        ),
        (
            "Spinolator therapy (traction) times 6",
            "Upheld",
            "physical therapy",
            None,
            [],
            6,
            LOW_BACK,
        ),
        (
            "Ice/Heat pads therapy times 6",
            "Upheld",
            "durable medical equipment",
            None,
            [],
            None,
            LOW_BACK,
        ),
    ],
    "CM16-0243394": [
        (
            "Voltaren gel apply to affected area 4 times a day...",
            "Upheld",
            "topical analgesic",
            "diclofenac",
            [],
            None,
            ODG,
        ),
        (
            "Lidoderm patch, 12 hours on 12 hours off...",
            "Upheld",
            "topical analgesic",
            "lidocaine",
            [],
            None,
            ODG,
        ),
    ],
    "CM16-0246487": [
        (
            "Left shoulder arthroscopy with Bankart repair, possible biceps tenodesis",
            "Overturned",
            "surgery",
            None,
            ["shoulder"],
            None,
            ["MTUS ACOEM Shoulder", "ODG"],
        ),
        (
            "Associated surgical service: Physical therapy, times 12",
            "Overturned",
            "physical therapy",
            None,
            [],
            12,
            ["MTUS Postsurgical"],
        ),
        (
            "Associated surgical service: Cold therapy for one week",
            "Overturned",
            "durable medical equipment",
            None,
            [],
            None,
            ODG,
        ),
        (
            "Associated surgical service: Slingshot sling",
            "Overturned",
            "durable medical equipment",
            None,
            [],
            None,
            ODG,
        ),
        (
            "Post-op Percocet 5/325mg",
            "Upheld",
            "opioid",
            "oxycodone/acetaminophen",
            [],
            None,
            ["MTUS Opioid Treatment"],
        ),
        ("Post-op Zofran", "Upheld", "other medication", "ondansetron", [], None, CHRONIC),
    ],
    "CM17-0002181": [
        ("Two refills of Ibuprofen 600mg #90", "Upheld", "NSAID", "ibuprofen", [], None, CHRONIC)
    ],
    "CM17-0007300": [
        (
            "One container of Flurbiprofen 10%, Cyclobenzaprine 3%...",
            "Upheld",
            "topical analgesic",
            "flurbiprofen/cyclobenzaprine/gabapentin/lidocaine/dextromethorphan",
            [],
            None,
            CHRONIC,
        ),
        (
            "one month supply of Trezix capsule 30.5/30/16mg",
            "Upheld",
            "opioid",
            "acetaminophen/caffeine/dihydrocodeine",
            [],
            None,
            ["MTUS Opioid Treatment"],
        ),
    ],
    "CM17-0010365": [
        (
            "Physical therapy three times a week for two weeks for the cervical, thoracic, and "
            "lumbar",
            "Overturned",
            "physical therapy",
            None,
            ["cervical spine", "thoracic spine", "lumbar spine"],
            6,
            ["MTUS Chronic Pain", "ODG"],
        )
    ],
    "CM17-0010420": [
        ("Pre-op chest x-ray", "Overturned", "X-ray", None, [], None, ODG),
        ("Pre-op labs: CBC", "Overturned", "laboratory test", None, [], None, ODG),
        ("Pre-op labs: CMP", "Overturned", "laboratory test", None, [], None, ODG),
        ("Pre-op labs: PT/PTT", "Upheld", "laboratory test", None, [], None, ODG),
        ("Pre-op urinalysis", "Overturned", "laboratory test", None, [], None, ODG),
        (
            "Post-op Norco 5/325mg #60...",
            "Overturned",
            "opioid",
            "hydrocodone/acetaminophen",
            [],
            None,
            ["MTUS Opioid Treatment"],
        ),
        (
            "Post-op Colace 100mg #60...",
            "Overturned",
            "other medication",
            "docusate",
            [],
            None,
            CHRONIC,
        ),
    ],
    "CM17-0015218": [
        (
            "with open carpal tunnel release",
            "Overturned",
            "surgery",
            None,
            ["wrist"],
            None,
            ["MTUS ACOEM Forearm, Wrist, and Hand", "Other (non-MTUS)"],
        )
    ],
}
# the 21-item letter: (treatment, drug) per item in order
LETTER_21 = [
    ("X-ray", None),
    ("X-ray", None),
    ("acupuncture", None),
    ("functional capacity evaluation", None),
    ("MRI", None),
    ("MRI", None),
    ("EMG/NCS", None),
    ("EMG/NCS", None),
    ("other medication", "ranitidine"),
    ("anticonvulsant", "gabapentin"),
    ("opioid", "tramadol"),
    ("muscle relaxant", "cyclobenzaprine"),
    ("NSAID", "ketoprofen"),
    ("topical analgesic", "ketoprofen"),
    ("topical analgesic", "cyclobenzaprine"),
    ("antidepressant", "bupropion"),
    ("proton pump inhibitor", "omeprazole"),
    ("proton pump inhibitor", "pantoprazole"),
    ("NSAID", "celecoxib"),
    ("antidepressant", "venlafaxine"),
    ("sleep aid", "diphenhydramine"),
]


def _dates(letter):
    return (
        letter.decision_date,
        letter.injury_date,
        letter.assigned_date,
        letter.ur_denial_date,
        letter.received_date,
    )


def _assert_items(letter, expected):
    assert len(letter.items) == len(expected)
    for number, (item, row) in enumerate(zip(letter.items, expected, strict=True), 1):
        request, decision, treatment, drug, parts, sessions, sources = row
        assert item.number == number
        if request.endswith("..."):
            assert item.request.startswith(request[:-3])
        else:
            assert item.request == request
        got = (
            item.decision,
            item.treatment,
            item.drug,
            item.body_parts,
            item.sessions,
            item.guideline_sources,
        )
        assert got == (decision, treatment, drug, parts, sessions, sources), request
        assert item.rationale and item.guidelines.maximus and item.guidelines.claims_administrator


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_letter(seeds_dir, name):
    letter = read_letter(seeds_dir / name)
    letter_id, dates, specialties, licensure, (age, sex) = SEEDS[name]
    assert (letter.id, letter.case_number, _dates(letter)) == (letter_id, None, dates)
    assert (letter.reviewer.specialties, letter.reviewer.licensure) == (specialties, licensure)
    assert (letter.patient.age, letter.patient.sex) == (age, sex)
    assert (letter.layout, letter.synthetic, letter.source.format) == ("current", False, "txt")
    _assert_items(letter, SEED_ITEMS[name])


@pytest.mark.parametrize("case_number", sorted(PDFS))
def test_real_pdf_letter(dwc_dir, case_number):
    letter = read_letter(dwc_dir / f"{case_number}.pdf")
    dates, specialties, licensure, (age, sex) = PDFS[case_number]
    assert (letter.id, letter.case_number, _dates(letter)) == (case_number, case_number, dates)
    assert (letter.reviewer.specialties, letter.reviewer.licensure) == (specialties, licensure)
    assert (letter.patient.age, letter.patient.sex) == (age, sex)
    assert letter.source.format == "pdf" and len(letter.source.sha256) == 64
    if case_number in PDF_ITEMS:
        _assert_items(letter, PDF_ITEMS[case_number])


def test_the_21_item_letter(dwc_dir):
    letter = read_letter(dwc_dir / "CM16-0248698.pdf")
    assert [(item.treatment, item.drug) for item in letter.items] == LETTER_21
    assert [item.number for item in letter.items] == list(range(1, 22))
    assert all(item.decision == "Upheld" for item in letter.items)


@pytest.mark.parametrize(
    ("case_number", "number", "disputed", "original", "authorized"),
    [
        (
            "CM16-0230651",
            10,
            "Physical therapy to the low back two sessions",
            "Physical therapy to the low back eight sessions",
            "Physical therapy to the low back six sessions",
        ),
        (
            "CM17-0007300",
            2,
            "one month supply of Trezix capsule 30.5/30/16mg",
            "One month supply of Trezix capsule 320.5/30/16mg",
            "Trezix capsule 320.5/30/16mg #5",
        ),
        (
            "CM17-0002181",
            1,
            "Two refills of Ibuprofen 600mg #90",
            "Ibuprofen 600mg #90 with 2 refill",
            "Ibuprofen 600mg #90",
        ),
    ],
)
def test_partial_authorisation(dwc_dir, case_number, number, disputed, original, authorized):
    item = read_letter(dwc_dir / f"{case_number}.pdf").items[number - 1]
    assert (item.request, item.original_request, item.authorized) == (
        disputed,
        original,
        authorized,
    )


def test_summary_is_clean_and_keeps_the_claims_administrators_sources(seeds_dir):
    letter = read_letter(seeds_dir / "003_13f01ddf0738f955.txt")
    assert "  " not in letter.summary and "\n " not in letter.summary
    assert letter.summary.startswith("The patient is a 64-year-old male")
    assert "clinical case summary based on" not in letter.summary
    assert letter.items[0].ca_guideline_sources == ["None cited"]


def test_layout_2014_fixture():
    letter = read_letter(LAYOUTS / "letter_2014.txt")
    assert (letter.layout, letter.id, _dates(letter)) == (
        "2014",
        "CM14-0012345",
        ("2014-04-30", "2011-05-12", "2014-02-12", "2014-01-14", "2014-01-27"),
    )
    assert letter.reviewer.specialties == ["Anesthesiology", "Pain Management"]
    assert (letter.patient.age, letter.patient.sex) == (44, "female")
    assert len(letter.documents_reviewed) == 3
    assert letter.documents_reviewed[2] == "Lumbar MRI report dated 10/02/2013"
    _assert_items(
        letter,
        [
            (
                "Physical therapy 2 times a week for 6 weeks for the lumbar spine",
                "Upheld",
                "physical therapy",
                None,
                ["lumbar spine"],
                12,
                CHRONIC,
            ),
            ("Ultram 50mg #60", "Overturned", "opioid", "tramadol", [], None, CHRONIC),
        ],
    )
    assert letter.items[1].ca_guideline_sources == ["ODG"]


def test_layout_2013_fixture():
    letter = read_letter(LAYOUTS / "letter_2013.txt")
    assert (letter.layout, letter.id, _dates(letter)) == (
        "2013",
        "CM13-0004321",
        ("2013-10-15", "2012-03-02", None, "2013-07-01", "2013-07-10"),
    )
    assert letter.reviewer.specialties == ["Physical Medicine & Rehabilitation"]
    assert letter.reviewer.licensure == ["California", "Nevada"]
    assert (letter.patient.age, letter.patient.sex) == (52, "male")
    assert letter.documents_reviewed[2].endswith("dated 01/05/2013 through 06/20/2013")
    _assert_items(
        letter,
        [
            (
                "acupuncture 2 times a week for 3 weeks for the neck",
                "Overturned",
                "acupuncture",
                None,
                ["cervical spine"],
                6,
                ["MTUS Acupuncture"],
            ),
            (
                "cervical pillow",
                "Upheld",
                "durable medical equipment",
                None,
                ["cervical spine"],
                None,
                ODG,
            ),
        ],
    )


def _letter_text(extra_summary: str = "", header: str = "") -> str:
    return (
        f"{header}HOW THE IMR FINAL DETERMINATION WAS MADE\n"
        "The Expert Reviewer has the following credentials:\n"
        "State(s) of Licensure: California\nCertification(s)/Specialty: Physical Medicine &\n"
        "Rehabilitation, Pain Management\nCLINICAL CASE SUMMARY\n"
        f"The patient is a 50-year-old female injured on 01/02/2015. {extra_summary}\n"
        "IMR ISSUES, DECISIONS AND RATIONALES\n"
        "Aquatic therapy 2 times a week for 6 weeks for the low back:\nOverturned\n"
        "Claims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment.\n"
        "Page 2 of 3\n"
        "MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment.\n"
        "Decision rationale: Reduced weight bearing is desirable.\n"
    )


def test_header_dates_win_over_the_summary():
    header = "Case Number: CM15-0000001\nDate of Injury: 03/04/2014\nDecision Date: 05/06/2015\n"
    letter = parse_text(_letter_text(header=header), Source("", "txt", ""))
    assert (letter.injury_date, letter.decision_date) == ("2014-03-04", "2015-05-06")
    assert parse_text(_letter_text(), Source("", "txt", "")).injury_date == "2015-01-02"


def test_specialty_broken_across_lines_and_page_artefacts_removed():
    letter = parse_text(_letter_text(), Source("", "txt", ""))
    assert letter.reviewer.specialties == ["Physical Medicine & Rehabilitation", "Pain Management"]
    item = letter.items[0]
    assert (item.treatment, item.sessions, item.decision) == ("aquatic therapy", 12, "Overturned")
    assert "Page 2" not in item.guidelines.claims_administrator


def test_id_without_case_number_is_a_content_hash_and_marker_sets_synthetic():
    plain = parse_text(_letter_text(), Source("", "txt", ""))
    again = parse_text(_letter_text().replace("\n", "\r\n"), Source("", "txt", ""))
    assert plain.id == again.id and plain.id.startswith("X-") and len(plain.id) == 14
    synthetic = parse_text(_letter_text(SYNTHETIC_MARKER), Source("", "txt", ""))
    assert synthetic.synthetic and not plain.synthetic


def test_redaction_gaps_and_curly_quotes_are_cleaned():
    letter = parse_text(
        _letter_text("Per  dated 01/05/2015 the \u201cpain\u201d is 7/10."), Source("", "txt", "")
    )
    assert 'Per dated 01/05/2015 the "pain" is 7/10.' in letter.summary


def _older_block(title_lines: list[str], ending: str) -> list[str]:
    """One numbered item of the 2014 layout: wrapped title, guidelines, rationale."""
    return [
        *title_lines,
        "The Claims Administrator did not cite any medical evidence for its decision.",
        "The Physician Reviewer based his/her decision on the MTUS Chronic Pain Treatment",
        "Guidelines, which is part of the MTUS.",
        f"The Physician Reviewer's decision rationale: The records were reviewed. {ending}",
    ]


def test_2014_titles_wrapped_inside_the_decision_phrase():
    lines = [
        *_older_block(
            ["1. Neurontin 600mg #120 is not medically", "necessary and appropriate."], ""
        ),
        *_older_block(
            ["2. Physical therapy for the left knee is medically necessary and", "appropriate."], ""
        ),
        *_older_block(
            [
                "3. Home health care 4 hours a day, 5 days a week for 6 weeks is not",
                "medically necessary and appropriate.",
            ],
            "",
        ),
    ]
    pieces = parse_older.items_2014(lines)
    assert [(piece.title, piece.decision) for piece in pieces] == [
        ("Neurontin 600mg #120", "Upheld"),
        ("Physical therapy for the left knee", "Overturned"),
        ("Home health care 4 hours a day, 5 days a week for 6 weeks", "Upheld"),
    ]
    maximus = guideline_parts(pieces[0].body)[1]
    assert maximus.endswith("which is part of the MTUS.")


@pytest.mark.parametrize(
    ("ending", "decision"),
    [
        ("The request for Norco 10/325mg #30 is therefore medically necessary.", "Overturned"),
        ("The request is therefore not medically necessary.", "Upheld"),
        ("The medical necessity of Norco 7.5/325mg #60 is not established.", "Upheld"),
        ("Medical necessity has not been established.", "Upheld"),
        ("The medical necessity of the request is established.", "Overturned"),
        ("The request is medically necessary.", "Overturned"),
        # the last statement decides, not a guideline quoted earlier
        (
            "Maintenance care is not considered medically necessary. The request is medically "
            "necessary.",
            "Overturned",
        ),
    ],
)
def test_2013_decision_from_the_rationale_ending(ending, decision):
    issues = ["1. Is Two sessions of chiropractic care medically necessary and appropriate?"]
    guidelines = [
        "1. Two sessions of chiropractic care:",
        "The Claims Administrator did not cite",
        "any medical evidence for its decision.",
    ]
    rationales = [f"1. Rationale for the Decision: The records were reviewed. {ending}"]
    (piece,) = parse_older.items_2013(issues, guidelines, rationales)
    # the title keeps the "are" that ends "care" (the noise is a whole word)
    assert (piece.title, piece.decision) == ("Two sessions of chiropractic care", decision)


@pytest.mark.parametrize(
    ("summary", "injury", "review"),
    [
        (
            "This case involves a worker with a history of an occupational claim from 07/19/2002. "
            "On December 11, 2021, utilization review denied the request.",
            "2002-07-19",
            "2021-12-11",
        ),
        (
            "The patient sustained an industrial injury on 10/31/2016. On 07/30/2025, the "
            "utilization review non-certified the request.",
            "2016-10-31",
            "2025-07-30",
        ),
        (
            "The applicant has a date of injury of 03/09/2014. Utilization review dated 07/27/2024 "
            "non-certified the request.",
            "2014-03-09",
            "2024-07-27",
        ),
        ("On 01/15/2025, the injured worker reported pain.", None, None),
    ],
)
def test_summary_dates(summary, injury, review):
    assert summary_dates(summary) == {"injury_date": injury, "ur_denial_date": review}


def test_prose_credentials_of_a_licensed_practitioner():
    found = reviewer(
        "The expert reviewer is a licensed Podiatrist and is licensed to practice in Texas."
    )
    assert (found.specialties, found.licensure) == (["Podiatry"], ["Texas"])


def test_mtus_acoem_chapter_citation_names_only_that_chapter(seeds_dir):
    item = read_letter(seeds_dir / "002_f672b21bde35ded4.txt").items[0]
    assert item.ca_guideline_sources == ["MTUS ACOEM Neck and Upper Back", "ODG"]
