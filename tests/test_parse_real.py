"""Parser: 13 real published letters (PDF) checked by hand, the 21-item letter, partial
authorisations."""

from __future__ import annotations

import pytest
from parse_expectations import assert_letter_matches, load_expected

from indexer.letters.parse import read_letter

EXPECTED = load_expected("real_letters")
LETTERS = EXPECTED["letters"]  # case number -> expected fields
LETTER_21 = EXPECTED["items_of_the_21_item_letter"]


@pytest.mark.parametrize("case_number", sorted(LETTERS))
def test_real_pdf_letter(dwc_dir, case_number):
    letter = read_letter(dwc_dir / f"{case_number}.pdf")
    assert (letter.id, letter.case_number) == (case_number, case_number)
    assert letter.source.format == "pdf" and len(letter.source.sha256) == 64
    assert_letter_matches(letter, LETTERS[case_number])


def test_the_21_item_letter(dwc_dir):
    letter = read_letter(dwc_dir / f"{LETTER_21['case_number']}.pdf")
    assert [[item.treatment, item.drug] for item in letter.items] == LETTER_21["treatment_and_drug"]
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
