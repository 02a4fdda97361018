"""The engine's fast paths over whoosh3 internals run, and without them its answers stay the same.

A whoosh3 upgrade that changes an internal keeps results right (the public API takes over) but
makes searches 10-100x slower: these tests make that visible through the internals' counters.
"""

from __future__ import annotations

import pytest
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.query.terms import PatternQuery, Prefix
from whoosh.scoring import BM25FScorer, WeightLengthScorer

from indexer.engine import Corpus, SearchQuery
from indexer.engine import whoosh_internals as internals

# The kinds of queries of bench/bench_search.py over the fixture corpus, with the fast paths
# each must take on a freshly opened corpus (facet bitsets are read on the first search).
BENCH_KINDS = [
    (SearchQuery("tramadol"), {"id_blocks", "weight_blocks", "score_function"}),
    (SearchQuery("lumbar radiculopathy"), {"id_blocks", "weight_blocks", "score_function"}),
    (SearchQuery("knee AND surgery"), {"id_blocks"}),
    (SearchQuery('"physical therapy"'), {"id_blocks", "weight_blocks", "score_function"}),
    (SearchQuery("therap*"), {"expanded_words", "id_blocks"}),
    (SearchQuery("decision:overturned"), {"id_blocks"}),
    (SearchQuery('treatment:"physical therapy"'), {"id_blocks"}),
    (SearchQuery("drug:tramadol pain"), {"id_blocks"}),
    (SearchQuery("summary:pain"), {"id_blocks"}),
    (SearchQuery("", {"decision": ("Overturned",)}), {"id_blocks"}),
    (SearchQuery("", {"decision": ("Upheld",), "body_part": ("lumbar spine",)}), {"id_blocks"}),
    (SearchQuery("pain", {"decision": ("Upheld",), "sex": ("male",)}), {"weight_blocks"}),
    (SearchQuery("pain", page=3), {"id_blocks", "weight_blocks", "score_function"}),
    (SearchQuery("", page=5), {"id_blocks"}),
    (SearchQuery("injection", sort="newest"), {"id_blocks"}),
    (SearchQuery("pain", sort="oldest"), {"id_blocks"}),
]
MIX = [search for search, _ in BENCH_KINDS]

# capability of AVAILABLE -> the functions that fall back without it
FUNCTIONS = {
    "blocks": {"id_blocks", "weight_blocks"},
    "score": {"score_function"},
    "words": {"expanded_words"},
}


def _calls_during(run) -> dict[str, dict[str, int]]:
    """Return the fast and fallback calls counted while `run()` ran (only those that grew)."""
    before = internals.usage()
    run()
    after = internals.usage()
    return {
        path: {
            name: grown
            for name, count in after[path].items()
            if (grown := count - before[path].get(name, 0))
        }
        for path in after
    }


def _answers(index_dir) -> list[tuple]:
    """Return what the mix answers on a freshly opened corpus, scores rounded."""
    corpus = Corpus.open(index_dir)
    answers = []
    for search in MIX:
        result = corpus.search(search)
        hits = [(hit.item_id, round(hit.score, 9)) for hit in result.hits]
        answers.append((result.total, hits, result.facets, result.stats))
    return answers


def test_whoosh3_internals_are_all_usable():
    # Fails on a whoosh3 upgrade that renames or changes an internal the engine reads.
    assert internals.AVAILABLE == {"blocks": True, "score": True, "words": True}
    assert internals.probe_internals()[0] == internals.AVAILABLE


@pytest.mark.parametrize(("search", "fast_paths"), BENCH_KINDS, ids=str)
def test_each_kind_of_search_takes_its_fast_paths(index_dir, search, fast_paths):
    corpus = Corpus.open(index_dir)
    result = None

    def run():
        nonlocal result
        result = corpus.search(search)

    calls = _calls_during(run)
    assert result.total and result.hits
    assert calls["fallback"] == {}
    assert fast_paths <= set(calls["fast"]), calls


def test_the_whole_mix_takes_every_fast_path_and_no_fallback(index_dir):
    calls = _calls_during(lambda: _answers(index_dir))
    assert calls["fallback"] == {}
    assert set(calls["fast"]) == set().union(*FUNCTIONS.values())


@pytest.mark.parametrize("missing", [*FUNCTIONS, "all"])
def test_without_an_internal_the_answers_stay_the_same_and_fallbacks_are_counted(
    index_dir, monkeypatch, missing
):
    expected = _answers(index_dir)
    gone = list(FUNCTIONS) if missing == "all" else [missing]
    for capability in gone:
        monkeypatch.setitem(internals.AVAILABLE, capability, False)
    answers = []
    calls = _calls_during(lambda: answers.extend(_answers(index_dir)))
    assert answers == expected
    falling_back = set().union(*(FUNCTIONS[capability] for capability in gone))
    if "score" in gone:  # without a score function the ranking never reads weight blocks
        falling_back -= {"weight_blocks"}
    assert set(calls["fallback"]) == falling_back
    assert not falling_back & set(calls["fast"])


def _doubled_score(scorer, matcher) -> float:
    return 2 * WeightLengthScorer.score(scorer, matcher)


@pytest.mark.parametrize(
    ("capability", "owner", "name", "replacement"),
    [
        ("blocks", W3LeafMatcher, "_next_block", None),
        ("words", Prefix, "_btexts", None),
        ("score", BM25FScorer, "score", _doubled_score),  # scores no longer _score(weight, length)
    ],
    ids=["block reading removed", "word expansion removed", "scoring changed"],
)
def test_the_probe_notices_a_missing_or_changed_internal(
    monkeypatch, capability, owner, name, replacement
):
    if replacement is None:
        monkeypatch.delattr(owner, name)
        if owner is Prefix:
            monkeypatch.delattr(PatternQuery, name)
    else:
        monkeypatch.setattr(owner, name, replacement)
    available, _ = internals.probe_internals()
    assert available[capability] is False
