"""Parser: the older 2013 and 2014 layouts, from fixture letters and from their item blocks."""

from __future__ import annotations

import pytest
from parse_expectations import FIXTURES, assert_letter_matches, load_expected

from indexer.letters.parse import older as parse_older
from indexer.letters.parse import read_letter
from indexer.letters.parse.items import guideline_parts

LAYOUTS = FIXTURES / "layouts"
EXPECTED = load_expected("layout_letters")["letters"]  # fixture file name -> expected fields


@pytest.mark.parametrize("layout", ["2014", "2013"])
def test_older_layout_fixture(layout):
    name = f"letter_{layout}.txt"
    letter = read_letter(LAYOUTS / name)
    assert letter.layout == layout
    assert_letter_matches(letter, EXPECTED[name])


def test_2014_fixture_documents_reviewed_and_claims_administrator_sources():
    letter = read_letter(LAYOUTS / "letter_2014.txt")
    assert len(letter.documents_reviewed) == 3
    assert letter.documents_reviewed[2] == "Lumbar MRI report dated 10/02/2013"
    assert letter.items[1].ca_guideline_sources == ["ODG"]


def test_2013_fixture_documents_reviewed():
    letter = read_letter(LAYOUTS / "letter_2013.txt")
    assert letter.documents_reviewed[2].endswith("dated 01/05/2013 through 06/20/2013")


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
