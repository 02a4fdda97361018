"""Parser rules shown on short hand-written texts: header against summary dates, credentials,
page artefacts, content-hash ids, the synthetic marker, redaction gaps."""

from __future__ import annotations

import pytest

from indexer.letters.parse import parse_text
from indexer.letters.parse.header import summary_dates
from indexer.letters.parse.reviewer import reviewer
from indexer.letters.records import SYNTHETIC_MARKER, Source


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
