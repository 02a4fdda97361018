"""The engine's fast paths over whoosh3 internals run, and without them its answers stay the same.

A whoosh3 upgrade that changes an internal keeps results right (the public API takes over) but
makes searches 10-100x slower: these tests make that visible through the internals' counters.
Besides the session's fixture index, an updated copy of it holds deleted documents (a letter
put again leaves its old documents deleted in their segment), which whoosh3 reads differently.
"""

from __future__ import annotations

import pickle

import pytest
from whoosh.codec import whoosh3
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import wrappers
from whoosh.query.terms import PatternQuery, Prefix
from whoosh.scoring import BM25FScorer, WeightLengthScorer

from indexer.engine import LETTER_SCOPE, Corpus, SearchQuery
from indexer.engine import whoosh_internals as internals
from indexer.engine.store import open_index, writing

# The kinds of queries of bench/bench_search.py over the fixture corpus, with the fast paths
# each must take on a freshly opened corpus (facet bitsets are read on the first search).
BENCH_KINDS = [
    (SearchQuery("tramadol"), {"id_blocks", "weight_blocks", "score_function"}),
    (SearchQuery("lumbar radiculopathy"), {"weight_blocks", "score_function"}),
    (SearchQuery("lumbar radiculopathy", scope=LETTER_SCOPE),
     {"id_blocks", "weight_blocks", "score_function"}),
    (SearchQuery("knee AND surgery"), {"id_blocks"}),
    (SearchQuery('"physical therapy"'), {"value_blocks", "score_function"}),
    (SearchQuery('"physical therapy"', scope=LETTER_SCOPE),
     {"id_blocks", "value_blocks", "score_function"}),
    (SearchQuery("therap*"), {"expanded_words", "id_blocks"}),
    (SearchQuery("decision:overturned"), {"id_blocks"}),
    (SearchQuery('treatment:"physical therapy"'), {"id_blocks"}),
    (SearchQuery("drug:tramadol pain"), {"id_blocks", "weight_blocks", "score_function"}),
    (SearchQuery("summary:pain"), {"id_blocks"}),
    (SearchQuery("", {"decision": ("Overturned",)}), {"id_blocks"}),
    (SearchQuery("", {"decision": ("Upheld",), "body_part": ("lumbar spine",)}), {"id_blocks"}),
    (SearchQuery("pain", {"decision": ("Upheld",), "sex": ("male",)}), {"id_blocks"}),
    (SearchQuery("pain", {"decision": ("Upheld",), "sex": ("male",)}, scope=LETTER_SCOPE),
     {"weight_blocks"}),
    (SearchQuery("pain", page=3), {"id_blocks", "weight_blocks", "score_function"}),
    (SearchQuery("", page=5), {"id_blocks"}),
    (SearchQuery("injection", sort="newest"), {"id_blocks"}),
    (SearchQuery("pain", sort="oldest"), {"id_blocks"}),
]
MIX = [search for search, _ in BENCH_KINDS]

FAST_FUNCTIONS = {
    "id_blocks", "weight_blocks", "value_blocks", "score_function", "expanded_words",
    "length_bytes",
}

# (capabilities of AVAILABLE switched off, the functions that then fall back)
MISSING = [
    (("blocks",), {"id_blocks", "weight_blocks", "value_blocks"}),
    (("deletions",), {"id_blocks", "weight_blocks", "value_blocks"}),
    (("score",), {"score_function"}),
    (("words",), {"expanded_words"}),
    (("lengths",), {"length_bytes"}),
    # without a score function the ranking never reads field lengths
    (
        ("blocks", "deletions", "score", "words", "lengths"),
        {"id_blocks", "weight_blocks", "value_blocks", "score_function", "expanded_words"},
    ),
]


@pytest.fixture(scope="module")
def updated_index_dir(fixture_letters, tmp_path_factory):
    """The fixture corpus indexed, then three of its letters put again (deleted documents)."""
    index_dir = tmp_path_factory.mktemp("updated") / "index"
    with writing(index_dir, fresh=True) as writer:
        for letter in fixture_letters:
            writer.put(letter)
    with writing(index_dir, fresh=False) as writer:
        for letter in fixture_letters[:3]:
            writer.put(letter)
    with open_index(index_dir).reader() as reader:
        assert reader.has_deletions(), "the updated index should hold deleted documents"
    return index_dir


@pytest.fixture(scope="module")
def fast_answers(updated_index_dir) -> list[tuple]:
    """What the mix answers on the updated index with every internal usable."""
    return _answers(updated_index_dir)


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
    assert internals.AVAILABLE == {
        "blocks": True, "deletions": True, "score": True, "words": True, "pickles": True,
        "lengths": True,
    }
    assert internals.probe_internals()[0] == internals.AVAILABLE


def _case_id(value) -> str:
    """Name a test case the same in every process (a set's order is not)."""
    if isinstance(value, SearchQuery):
        return f"{value.text} {dict(value.filters)} {value.sort} p{value.page}"
    return "+".join(sorted(value))


@pytest.mark.parametrize(("search", "fast_paths"), BENCH_KINDS, ids=_case_id)
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


@pytest.mark.parametrize("index", ["index_dir", "updated_index_dir"])
def test_the_whole_mix_takes_every_fast_path_and_no_fallback(request, index):
    index_dir = request.getfixturevalue(index)
    calls = _calls_during(lambda: _answers(index_dir))
    assert calls["fallback"] == {}
    assert set(calls["fast"]) == FAST_FUNCTIONS


@pytest.mark.parametrize(("missing", "falling_back"), MISSING, ids=_case_id)
def test_without_an_internal_the_answers_stay_the_same_and_fallbacks_are_counted(
    updated_index_dir, fast_answers, monkeypatch, missing, falling_back
):
    for capability in missing:
        monkeypatch.setitem(internals.AVAILABLE, capability, False)
    answers = []
    calls = _calls_during(lambda: answers.extend(_answers(updated_index_dir)))
    assert answers == fast_answers
    assert set(calls["fallback"]) == falling_back
    if missing != ("deletions",):  # without it, the segment without deletions stays fast
        assert not falling_back & set(calls["fast"])


class _ColumnView:
    """A column reader that answers per document only (another layout of whoosh3's)."""

    def __init__(self, column):
        self._column = column

    def __getitem__(self, docnum: int):
        return self._column[docnum]


_CACHED_READER = whoosh3.W3PerDocReader._cached_reader


def _column_behind_a_view(per_doc_reader, fieldname: str, column):
    reader = _CACHED_READER(per_doc_reader, fieldname, column)
    return None if reader is None else _ColumnView(reader)


def _doubled_score(scorer, matcher) -> float:
    return 2 * WeightLengthScorer.score(scorer, matcher)


@pytest.mark.parametrize(
    ("capability", "owner", "name", "replacement"),
    [
        ("blocks", W3LeafMatcher, "_next_block", None),
        ("deletions", wrappers, "FilterMatcher", type("Filter", (wrappers.FilterMatcher,), {})),
        ("words", Prefix, "_btexts", None),
        ("score", BM25FScorer, "score", _doubled_score),  # scores no longer _score(weight, length)
        ("pickles", whoosh3, "dumps", pickle.dumps),  # blocks pickled by whoosh3's own call
        ("lengths", whoosh3.W3PerDocReader, "_cached_reader", _column_behind_a_view),
    ],
    ids=[
        "blocks removed", "deletions filtered anew", "words removed", "scoring changed",
        "blocks pickled with protocol 2", "length columns out of reach",
    ],
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
