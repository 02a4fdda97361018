"""Letter records -> index documents: fields, facet values and the comma-safe facet tokens."""

from __future__ import annotations

import pytest
from whoosh.filedb.filestore import RamStorage
from whoosh.query import Term

from indexer.engine.documents import (
    ITEM_FACETS,
    LETTER_FACETS,
    facet_token,
    facet_value,
    facet_values,
    letter_documents,
)
from indexer.engine.schema import SCHEMA
from indexer.letters.records import Guidelines, Item, Letter, Patient, Reviewer, Source
from indexer.vocab.facets import FACET_NAMES
from indexer.vocab.values import age_band

WRIST = "MTUS ACOEM Forearm, Wrist, and Hand"


def make_letter(**changes) -> Letter:
    """A two-item letter with every field the documents use."""
    items = [
        Item(
            number=1,
            request="Norco 10/325 mg #60",
            decision="Upheld",
            treatment="opioid",
            drug="hydrocodone/acetaminophen",
            body_parts=["wrist", "hand"],
            guidelines=Guidelines("CA cites opioid criteria", "MAXIMUS cites page 78"),
            guideline_sources=[WRIST, "MTUS Chronic Pain"],
            ca_guideline_sources=["ODG"],
            rationale="No functional improvement was documented.",
        ),
        Item(number=2, request="Physical therapy x 6", decision="Overturned",
             treatment="physical therapy", rationale="Six visits are within the guideline."),
    ]
    fields = dict(
        id="CM16-0213037",
        summary="A 52 year old woman slipped and fell at work.",
        items=items,
        source=Source("letters/a.txt", "txt", "ab" * 32),
        case_number="CM16-0213037",
        decision_date="2016-11-02",
        injury_date="2012-03-01",
        reviewer=Reviewer(["Physical Medicine & Rehabilitation"], ["California", "Texas"]),
        patient=Patient(52, "female"),
        documents_reviewed=["Utilization review letter", "Progress note 9/1/16"],
    )
    fields.update(changes)
    return Letter(**fields)


@pytest.mark.parametrize(
    "value", [WRIST, "Physical Medicine & Rehabilitation", "100% of visits", "a%2Cb, c", ""]
)
def test_facet_token_is_comma_free_and_reversible(value):
    token = facet_token(value)
    assert "," not in token
    assert facet_value(token) == value


def test_parent_document_comes_first_and_holds_the_letter_once():
    letter = make_letter()
    parent, *items = letter_documents(letter)
    assert parent["kind"] == "letter" and "item_id" not in parent
    assert Letter.from_json(parent["record"]) == letter
    assert parent["summary"] == letter.summary
    assert parent["documents"] == "Utilization review letter\nProgress note 9/1/16"
    assert [item["item_id"] for item in items] == ["CM16-0213037-1", "CM16-0213037-2"]
    assert all("summary" not in item and "record" not in item for item in items)


def test_item_documents_carry_item_and_letter_facets():
    _parent, first, second = letter_documents(make_letter())
    assert first["decision"] == "Upheld" and second["decision"] == "Overturned"
    assert first["drug"] == "hydrocodone/acetaminophen" and "drug" not in second
    assert first["guideline_text"] == "CA cites opioid criteria\nMAXIMUS cites page 78"
    assert facet_values(first["guideline"]) == [WRIST, "MTUS Chronic Pain"]
    assert facet_values(first["body_part"]) == ["wrist", "hand"]
    assert "body_part" not in second and "guideline" not in second
    for document in (first, second):
        assert document["year"] == "2016" and document["sort_date"] == "2016-11-02"
        assert document["sex"] == "female" and document["age_band"] == "50-59"
        assert document["synthetic"] == "no"
        assert facet_values(document["licensure"]) == ["California", "Texas"]
        assert set(FACET_NAMES) - set(document) <= {"body_part", "guideline", "ca_guideline"}


def test_every_facet_is_read_from_the_letter_or_from_the_item():
    assert not set(LETTER_FACETS) & set(ITEM_FACETS)
    assert sorted(LETTER_FACETS.keys() | ITEM_FACETS.keys()) == sorted(FACET_NAMES)


def test_year_falls_back_to_the_latest_date_in_the_letter():
    letter = make_letter(decision_date=None, received_date="2015-07-09", assigned_date="2015-06-30")
    parent, *_items = letter_documents(letter)
    assert parent["year"] == "2015" and parent["sort_date"] == "2015-07-09"


def test_unknown_values_are_absent_not_empty():
    letter = make_letter(patient=Patient(None, None), decision_date=None, injury_date=None,
                         synthetic=True)
    for document in letter_documents(letter):
        assert not {"year", "sex", "age_band", "sort_date"} & set(document)
        assert document["synthetic"] == "yes"


@pytest.mark.parametrize(
    ("age", "band"),
    [(None, None), (17, None), (18, "18-29"), (29, "18-29"), (30, "30-39"), (49, "40-49"),
     (59, "50-59"), (69, "60-69"), (70, "70+"), (91, "70+")],
)
def test_age_bands(age, band):
    assert age_band(age) == band


def test_a_value_with_commas_survives_whoosh_comma_separated_keywords():
    storage = RamStorage()
    ix = storage.create_index(SCHEMA)
    with ix.writer() as writer, writer.group():
        for document in letter_documents(make_letter()):
            writer.add_document(**document)
    with ix.searcher() as searcher:
        hits = searcher.search(Term("guideline", facet_token(WRIST)))
        assert [hit["item_id"] for hit in hits] == ["CM16-0213037-1"]
        assert not searcher.search(Term("guideline", "Wrist"))
        assert facet_values(hits[0]["guideline"]) == [WRIST, "MTUS Chronic Pain"]
