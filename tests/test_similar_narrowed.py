"""Packs from the first items of the ranking's reading order (`similar.best_precedents` over
tantivy's `PackBits.narrowed`): tantivy ranks the items by the ranking's bounds in exactly the
order the ranking reads them, and the list ranked from those few is the whole index's."""

from __future__ import annotations

import pytest
from test_similar_groups import random_requests

from indexer.build import build_index
from indexer.engine import similar_scores
from indexer.engine.search import Corpus
from indexer.engine.similar import SimilarRequest, best_precedents, narrowed_precedents
from indexer.engine.similar_scores import Ranking, _Candidates

REQUESTS = [
    *random_requests(60, seed=21),
    SimilarRequest("Norco 10/325 mg #90 for lumbar spine pain", treatment="opioid",
                   drug="hydrocodone/acetaminophen", body_part="lumbar spine", n=25),
    SimilarRequest("12 sessions of physical therapy for the cervical spine",
                   treatment="physical therapy", body_part="cervical spine", sessions=12, n=10),
    *(SimilarRequest(text, treatment=treatment, n=n) for text, treatment, n in (
        ("MRI of the lumbar spine", "", 5), ("knee injection", "other", 3),
        ("physical therapy sessions", "", 10), ("acupuncture for the low back", "other", 2),
        ("post-operative physical therapy for the shoulder", "", 1))),
]


@pytest.fixture(scope="module")
def segmented_dir(fixture_letters_dir, tmp_path_factory):
    """The fixture corpus in a tantivy index of several segments: built from a third of the
    letters, then updated with the rest (ordinals then span segments)."""
    letters = sorted(fixture_letters_dir.glob("*.txt"))
    first = tmp_path_factory.mktemp("first-third")
    for path in letters[: len(letters) // 3]:
        (first / path.name).symlink_to(path)
    folder = tmp_path_factory.mktemp("segmented") / "index"
    build_index([first], folder, jobs=1, engine="tantivy")
    build_index([fixture_letters_dir], folder, jobs=1, engine="tantivy")
    return folder


@pytest.fixture(params=["one segment", "segments"])
def tantivy_dir(request, tmp_path_factory, fixture_letters_dir):
    """The fixture corpus in tantivy: as built at once, and as built then updated."""
    if request.param == "segments":
        return request.getfixturevalue("segmented_dir")
    return request.getfixturevalue("tantivy_fixture_dir")


@pytest.fixture(scope="module")
def tantivy_fixture_dir(fixture_letters_dir, tmp_path_factory):
    """The fixture corpus built at once by tantivy."""
    folder = tmp_path_factory.mktemp("tantivy-once") / "index"
    build_index([fixture_letters_dir], folder, jobs=1, engine="tantivy")
    return folder


@pytest.fixture
def small_budget(monkeypatch):
    """A read budget of max(2, n): the first items are then a few of many."""
    monkeypatch.setattr(similar_scores, "MIN_READS", 2)
    monkeypatch.setattr(similar_scores, "READS_PER_PRECEDENT", 1)


def reading_order(ranking: Ranking) -> list[tuple[float, int]]:
    """(bound, ordinal) of every item the native bound ranks (a known treatment's close
    items, else the items holding a request word), in the order the ranking reads them."""
    if ranking.by_text:
        groups = [group for group in ranking._groups(ranking.pool)[0] if group.share]
    else:
        groups = [group for level, members in ranking.levels
                  for group in ranking._groups(members, level)[0]]
    candidates, order = _Candidates(ranking, groups), []
    while candidates.peek() is not None:
        key, ordinal, _score, _group = candidates.pop()
        order.append((-key, ordinal))
    return order


def listed(found) -> list[tuple]:
    return [(s.docnum, s.key, s.score, s.close, s.reasons, s.body_parts) for s in found]


def test_the_segmented_index_has_segments(segmented_dir):
    with Corpus.open(segmented_dir).reading() as (_searcher, bits):
        assert len(bits._bases) > 2  # more than one segment


@pytest.mark.parametrize("wanted", REQUESTS, ids=lambda w: w.text)
def test_tantivy_ranks_items_in_the_ranking_s_reading_order(tantivy_dir, wanted):
    with Corpus.open(tantivy_dir).reading() as (searcher, bits):
        ranking = Ranking(searcher, bits, wanted)
        if ranking.treatment_known and ranking.by_text:  # no item has the treatment
            assert narrowed_precedents(Ranking(searcher, bits, wanted), wanted.n) is None
            return
        order = reading_order(ranking)
        hits, total = bits.ranked_by(ranking.native_bound(), len(order) + 1)
    assert total == len(order)
    native = [(score + ranking.amounts.fixed, ordinal)
              for (score, _address), ordinal in zip(hits, bits._ordinals(hits), strict=True)]
    assert native == order


@pytest.mark.parametrize("wanted", REQUESTS, ids=lambda w: w.text)
def test_the_list_from_the_first_items_is_the_whole_index_s(tantivy_dir, small_budget, wanted):
    with Corpus.open(tantivy_dir).reading() as (searcher, bits):
        narrowed = narrowed_precedents(Ranking(searcher, bits, wanted), wanted.n)
        whole = Ranking(searcher, bits, wanted).best(wanted.n)
        served = best_precedents(searcher, bits, wanted, wanted.n)
    assert listed(served) == listed(whole)
    if narrowed is not None:
        assert listed(narrowed) == listed(whole)


def test_lists_come_from_a_few_items(tantivy_dir, small_budget):
    """Lists with enough close items are narrowed (not when the first items hold none of the
    treatment itself, or too few close ones by words), most of them from a strict part of the
    items: the test above compares narrowed lists (it can fail)."""
    eligible, narrowed, strict = {True: 0, False: 0}, {True: 0, False: 0}, 0
    with Corpus.open(tantivy_dir).reading() as (searcher, bits):
        for wanted in REQUESTS:
            whole = Ranking(searcher, bits, wanted)
            whole.best(wanted.n)
            if whole.found < wanted.n or whole.by_text == whole.treatment_known:
                continue
            eligible[whole.by_text] += 1
            if narrowed_precedents(Ranking(searcher, bits, wanted), wanted.n) is not None:
                narrowed[whole.by_text] += 1
                first = similar_scores.read_budget(wanted.n) + 1
                strict += not bits.narrowed(whole.native_bound(), first)[2]
    for by_words in (True, False):
        assert eligible[by_words] >= 5 and narrowed[by_words] >= 0.8 * eligible[by_words], (
            by_words, eligible, narrowed)
    assert strict >= sum(narrowed.values()) // 2, (narrowed, strict)


def test_real_letters_packs_from_a_few_items(real_engine_index_dir, engine, small_budget):
    if engine != "tantivy":
        pytest.skip("Whoosh ranks from the whole index's bitsets")
    narrowed = 0
    with Corpus.open(real_engine_index_dir).reading() as (searcher, bits):
        for wanted in REQUESTS:
            found = narrowed_precedents(Ranking(searcher, bits, wanted), wanted.n)
            if found is not None:
                narrowed += 1
                assert listed(found) == listed(Ranking(searcher, bits, wanted).best(wanted.n))
    assert narrowed >= 8  # lists compared
