"""Every real letter parses into items with a decision and a guideline; few items are 'other'."""

from __future__ import annotations

import pytest

from indexer.letters.parse import read_letter
from indexer.vocab.values import DECISIONS

MAX_OTHER_SHARE = 0.05


@pytest.fixture(scope="module")
def corpus(seeds_dir, dwc_dir):
    paths = sorted(seeds_dir.glob("*.txt")) + sorted(dwc_dir.glob("*.pdf"))
    return [read_letter(path) for path in paths]


def test_every_letter_has_items_with_decision_and_guideline(corpus):
    assert len(corpus) == 120
    for letter in corpus:
        assert letter.items, letter.source.path
        for item in letter.items:
            assert item.decision in DECISIONS, (letter.id, item.number)
            assert item.guideline_sources and item.guidelines.maximus, (letter.id, item.number)
            assert item.request and item.rationale, (letter.id, item.number)


def test_pdf_letters_have_complete_headers(corpus):
    for letter in corpus:
        if letter.source.format == "pdf":
            assert letter.id == letter.case_number == letter.source.path.rsplit("/", 1)[1][:-4]
            assert all(
                (
                    letter.decision_date,
                    letter.injury_date,
                    letter.assigned_date,
                    letter.ur_denial_date,
                    letter.received_date,
                )
            ), letter.id
            assert letter.reviewer.specialties and letter.reviewer.licensure, letter.id


def test_share_of_other_treatment_stays_small(corpus):
    items = [item for letter in corpus for item in letter.items]
    other = [item.request for item in items if item.treatment == "other"]
    share = len(other) / len(items)
    print(f"\n{len(other)} of {len(items)} items ({share:.1%}) have treatment 'other': {other}")
    assert share < MAX_OTHER_SHARE
