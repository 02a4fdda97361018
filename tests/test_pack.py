"""A pack built from (corpus, params, base URL, date) alone; sessions only where a request has
them, read from the index."""

from __future__ import annotations

from datetime import date
from html import unescape

import pytest
from flask import has_app_context, has_request_context

from imr_site.reports.pack import (
    Pack,
    UnrecognisedRequest,
    build_pack,
    excerpt,
    pack_filename,
    pack_html,
)
from imr_site.reports.params import ReportParams
from indexer.engine import Corpus
from indexer.vocab import SESSION_TREATMENTS

PT_REQUEST = "12 sessions of physical therapy for the cervical spine"
NORCO_REQUEST = "Norco 10/325 #90"
BASE_URL = "https://imr.example/precedents/"
TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def corpus(engine_index_dir):
    return Corpus.open(engine_index_dir)


def pack_of(corpus: Corpus, **params) -> Pack:
    return build_pack(corpus, ReportParams(**params), BASE_URL, TODAY)


def session_reasons(pack: Pack) -> list[list[str]]:
    """Each precedent's reasons about sessions."""
    return [[reason for reason in precedent.reasons if "sessions requested" in reason]
            for precedent in pack.precedents]


def test_a_pack_is_built_and_rendered_outside_flask(corpus):
    assert not has_app_context() and not has_request_context()
    pack = pack_of(corpus, request=PT_REQUEST, n=3, decision="Upheld")
    assert pack.links.report_url == (f"{BASE_URL}report?request=12+sessions+of+physical+therapy+for"
                                     "+the+cervical+spine&decision=Upheld&n=3")
    assert pack.links.pdf_url == pack.links.report_url.replace("/report?", "/report.pdf?")
    assert pack.search_url == (f"{BASE_URL}search?decision=Upheld&treatment=physical+therapy"
                               "&body_part=cervical+spine")
    assert len(pack.precedents) == 3
    assert [p.permalink for p in pack.precedents] == [
        f"{BASE_URL}letters/{p.letter_id}#item-{p.number}" for p in pack.precedents]
    html = unescape(pack_html(pack))
    assert pack.links.report_url in html and pack.search_url in html
    assert all(p.permalink in html for p in pack.precedents)
    assert "November 22, 2026" in html


def test_a_pill_count_is_no_sessions_on_the_cover_or_in_the_reasons(corpus):
    pack = pack_of(corpus, request=NORCO_REQUEST, n=10)
    assert (pack.focus.treatment, pack.focus.sessions) == ("opioid", None)
    assert "Sessions" not in dict(pack.filters)
    assert "<th>Sessions</th>" not in pack_html(pack)
    assert session_reasons(pack) == [[]] * len(pack.precedents)


def test_pill_counts_of_precedents_are_no_sessions_even_against_a_stated_number(corpus):
    pack = pack_of(corpus, request=NORCO_REQUEST, treatment="opioid", sessions=90, n=10)
    counted = [p for p in pack.precedents if "#" in p.request]
    assert counted, "the fixture corpus has opioid requests with a pill count"
    assert all(p.treatment not in SESSION_TREATMENTS for p in pack.precedents)
    assert session_reasons(pack) == [[]] * len(pack.precedents)


def test_a_pill_count_is_no_sessions_in_the_letter_json(engine_client, fixture_letters):
    norco = [(letter.id, item.number) for letter in fixture_letters for item in letter.items
             if item.request.endswith("Norco 10/325mg #90")]
    assert norco, "the fixture corpus has a Norco 10/325mg #90 request"
    for letter_id, number in norco:
        items = engine_client.get(f"/letters/{letter_id}.json").get_json()["items"]
        assert next(item for item in items if item["number"] == number)["sessions"] is None


def test_twelve_sessions_of_physical_therapy_come_from_the_indexed_field(corpus, fixture_letters):
    pack = pack_of(corpus, request=PT_REQUEST, n=30)
    assert ("Sessions", "12 (read from the request)") in pack.filters
    assert "<th>Sessions</th><td>12 (read from the request)</td>" in pack_html(pack)
    stated = {(letter.id, item.number): item.sessions
              for letter in fixture_letters for item in letter.items}
    expected = [[f"{count} sessions requested (vs. 12)"] if count else []
                for count in (stated[p.letter_id, p.number] for p in pack.precedents)]
    assert session_reasons(pack) == expected
    assert ["12 sessions requested (vs. 12)"] in expected


@pytest.mark.parametrize("args, filename", [
    ({"request": PT_REQUEST}, "precedents-physical-therapy-cervical-2026-11-22.pdf"),
    ({"request": "MRI", "body_part": "upper extremity"},
     "precedents-mri-upper-extremity-2026-11-22.pdf"),
    ({"request": "something unusual"}, "precedents-2026-11-22.pdf"),
    ({"request": "Norco 10/325 #60"}, "precedents-opioid-2026-11-22.pdf"),
])
def test_pack_filename(args, filename):
    assert pack_filename(ReportParams(**args), TODAY) == filename


def test_excerpt_cuts_at_a_sentence_or_word():
    text = "First sentence here. Second sentence that goes on and on."
    assert excerpt(text, 200) == text
    assert excerpt(text, 30) == "First sentence here."
    assert excerpt("word " * 20, 22) == "word word word word …"


def outcome_counts(items) -> tuple[int, int]:
    """(upheld, overturned) among parsed items."""
    overturned = sum(item.decision == "Overturned" for item in items)
    return len(items) - overturned, overturned


@pytest.mark.parametrize("request_text, parts", [
    (PT_REQUEST, ("cervical spine",)),
    ("Physical therapy for the lumbar spine and the knee", ("lumbar spine", "knee")),
])
def test_statistics_count_the_same_treatment_and_parts_and_the_category(
        corpus, fixture_letters, request_text, parts):
    pack = pack_of(corpus, request=request_text, n=5)
    assert pack.focus.body_parts == parts
    items = [item for letter in fixture_letters for item in letter.items
             if item.treatment == "physical therapy"]
    same = [item for item in items if set(parts) & set(item.body_parts)]
    rows = pack.statistics
    assert (rows.same_request.upheld, rows.same_request.overturned) == outcome_counts(same)
    assert (rows.category.upheld, rows.category.overturned) == outcome_counts(items)
    assert rows.category.label == "All physical therapy items"
    assert rows.same_request.label == ("All physical therapy items naming the "
                                       + " or ".join(parts))
    assert 0 < rows.same_request.total < rows.category.total


def test_a_drug_is_counted_over_every_item_of_that_drug(corpus, fixture_letters):
    pack = pack_of(corpus, request=NORCO_REQUEST, n=5)
    assert (pack.focus.treatment, pack.focus.drug) == ("opioid", "hydrocodone/acetaminophen")
    same = [item for letter in fixture_letters for item in letter.items
            if item.treatment == "opioid" and item.drug == "hydrocodone/acetaminophen"]
    row = pack.statistics.same_request
    assert row.label == "All opioid items for hydrocodone/acetaminophen"
    assert (row.upheld, row.overturned) == outcome_counts(same) and same


def test_padding_stays_out_of_every_statistic(tmp_path, engine):
    from hand_letters import build
    from ranking_letters import RANKING_LETTERS

    scenes = Corpus.open(build(tmp_path / "index", RANKING_LETTERS, engine=engine))
    pack = pack_of(scenes, request=NORCO_REQUEST, n=8)
    close, padding = pack.close_precedents, pack.padding
    assert len(close) == 3 and len(padding) == 5
    assert pack.statistics.close.label == "Close precedents in this pack"
    assert pack.statistics.close.total == 3
    assert (pack.statistics.close.upheld, pack.statistics.close.overturned) == outcome_counts(
        close)
    assert [row.count for row in pack.guideline_counts] == [3]  # every item cites one source
    assert all(row.count <= 3 for row in pack.reason_counts)


@pytest.mark.parametrize("request_text", ["asdfgh", "retrospective request, purchase x 2"])
def test_a_request_nothing_recognises_raises_instead_of_giving_a_pack(corpus, request_text):
    with pytest.raises(UnrecognisedRequest, match="was recognised"):
        pack_of(corpus, request=request_text)


def test_a_word_found_in_past_requests_is_enough_for_a_pack(corpus):
    pack = pack_of(corpus, request="physical", n=3)
    assert pack.focus.treatment == "" and pack.precedents
    assert all("physical" in p.request.lower() for p in pack.close_precedents)
