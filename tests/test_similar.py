"""Precedent ranking over the real fixture index, checked against the parsed fixture letters."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from indexer.engine.generations import live_directory
from indexer.engine.search import Corpus
from indexer.engine.similar import (
    MAX_PRECEDENTS,
    SimilarRequest,
    find_similar,
    matching_terms,
    query_words,
)
from indexer.errors import IndexUnavailable

PT, CERVICAL = "physical therapy", "cervical spine"
PT_REQUEST = "12 sessions of physical therapy for the cervical spine"
ENGINE = Path(__file__).resolve().parent.parent / "indexer" / "engine"


@pytest.fixture(scope="module")
def corpus(index_dir):
    return Corpus.open(index_dir)


@pytest.fixture(scope="module")
def fixture_items(fixture_letters):
    """(item id, letter, item) of every item of the fixture corpus."""
    return [(f"{letter.id}-{item.number}", letter, item)
            for letter in fixture_letters for item in letter.items]


def ids(found) -> list[str]:
    return [entry.item_id for entry in found]


def test_every_precedent_shares_the_treatment_and_body_part_comes_first(corpus, fixture_items):
    pt_items = [(item_id, item) for item_id, _letter, item in fixture_items if item.treatment == PT]
    cervical = {item_id for item_id, item in pt_items if CERVICAL in item.body_parts}
    assert len(pt_items) >= 10 and cervical, "the fixture corpus needs PT and cervical PT items"
    wanted = SimilarRequest(PT_REQUEST, treatment=PT, body_part=CERVICAL, n=len(pt_items))

    found = find_similar(corpus, wanted)

    assert len(found) == len(pt_items)
    assert {entry.item.treatment for entry in found} == {PT}
    assert set(ids(found)[: len(cervical)]) == cervical
    scores = [entry.score for entry in found]
    assert scores == sorted(scores, reverse=True)
    assert len(set(ids(found))) == len(found)


def test_same_request_gives_the_same_list_on_a_fresh_corpus(corpus, index_dir):
    wanted = SimilarRequest(PT_REQUEST, facts="neck pain after a fall", treatment=PT,
                            body_part=CERVICAL, sessions=12, n=30)
    assert ids(find_similar(corpus, wanted)) == ids(find_similar(Corpus.open(index_dir), wanted))


def test_without_words_the_order_is_tier_then_guideline_then_letter(corpus, fixture_items):
    """With no words to compare, the order follows from the facets alone: computed here."""
    guideline = "ODG"
    wanted = SimilarRequest("12", treatment=PT, body_part=CERVICAL, guideline=guideline,
                            n=MAX_PRECEDENTS)

    def expected_key(entry):
        _item_id, letter, item = entry
        tier = 2 * (item.treatment == PT) + (CERVICAL in item.body_parts)
        cites = guideline in item.guideline_sources + item.ca_guideline_sources
        return (-tier, -cites, letter.id, item.number)

    expected = [entry[0] for entry in sorted(fixture_items, key=expected_key)]
    assert ids(find_similar(corpus, wanted)) == expected[:MAX_PRECEDENTS]


def test_outcome_filter_keeps_only_that_decision(corpus, fixture_items):
    overturned = {i for i, _letter, item in fixture_items if item.decision == "Overturned"}
    assert 0 < len(overturned) <= MAX_PRECEDENTS
    wanted = SimilarRequest(PT_REQUEST, treatment=PT, decisions=("Overturned",), n=MAX_PRECEDENTS)

    found = find_similar(corpus, wanted)

    assert set(ids(found)) == overturned
    assert len(found) == len(overturned)


def test_reasons_name_what_is_shared(corpus):
    wanted = SimilarRequest(PT_REQUEST, treatment=PT, body_part=CERVICAL, n=3)
    top = find_similar(corpus, wanted)[0]
    assert "same treatment (physical therapy)" in top.reasons
    assert "same body part (cervical spine)" in top.reasons
    terms = next(reason for reason in top.reasons if reason.startswith("matching terms: "))
    words = terms.removeprefix("matching terms: ").split(", ")
    assert set(words) <= {"sessions", "physical", "therapy", "cervical", "spine"}
    text = f"{top.item.request} {top.item.rationale}".lower()
    assert all(word[:5] in text for word in words)


def test_items_hold_their_parsed_sessions_in_the_index(corpus, fixture_items):
    with corpus.reading() as (searcher, _bits):
        indexed = {fields["item_id"]: fields.get("sessions")
                   for fields in searcher.documents(kind="item")}
    assert indexed == {item_id: item.sessions for item_id, _letter, item in fixture_items}
    assert 12 in indexed.values()


def test_sessions_reasons_come_from_the_indexed_field(corpus, fixture_items):
    sessions = {item_id: item.sessions for item_id, _letter, item in fixture_items}
    for request, treatment in ((PT_REQUEST, PT), ("Norco 10/325 #90", "opioid")):
        found = find_similar(corpus, SimilarRequest(request, treatment=treatment, sessions=12,
                                                    n=MAX_PRECEDENTS))
        for entry in found:
            stated = sessions[entry.item_id]
            expected = [f"{stated} sessions requested (vs. 12)"] if stated else []
            assert [r for r in entry.reasons if "sessions requested" in r] == expected


def test_the_engine_reads_no_letter_text():
    """Ranking reads indexed fields; parsing letters (and their sessions) is the indexer's."""
    for path in ENGINE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(("indexer.letters.parse",
                                                   "indexer.vocab.sessions")), path


@pytest.mark.parametrize("count, expected", [(0, 0), (1, 1), (500, MAX_PRECEDENTS)])
def test_count_is_capped(corpus, count, expected):
    found = find_similar(corpus, SimilarRequest("physical therapy", n=count))
    assert len(found) == min(expected, corpus.items)


@pytest.mark.parametrize("text, expected", [
    ("12 sessions of physical therapy for the cervical spine",
     {"session": "sessions", "physical": "physical", "therapi": "therapy", "cervic": "cervical",
      "spine": "spine"}),
    ("Norco 10/325 #60", {"norco": "norco"}),
    ("the of and 12", {}),
])
def test_query_words_are_stems_without_stop_words(text, expected):
    assert query_words(text) == expected


def test_matching_terms_keep_the_users_words_in_request_order():
    words = query_words("physical therapy for the cervical spine")
    assert matching_terms("Therapies of the spine (physical)", words) == ["physical", "therapy",
                                                                          "spine"]


def test_a_segment_truncated_after_opening_raises_index_unavailable(index_dir, tmp_path):
    """A read error while ranking is reported as an unavailable index (503), not a crash."""
    copy = tmp_path / "index"
    shutil.copytree(live_directory(index_dir), copy)
    corpus = Corpus.open(copy)
    segment = max(copy.glob("*.seg"), key=lambda path: path.stat().st_size)
    with open(segment, "r+b") as handle:
        handle.truncate(segment.stat().st_size // 2)

    with pytest.raises(IndexUnavailable, match="is corrupt"):
        find_similar(corpus, SimilarRequest(PT_REQUEST, treatment=PT, n=20))
