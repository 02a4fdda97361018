"""The reading API over a real index of hand-made letters: hits, order, paging, queries, errors,
caches (snippets: test_snippets.py)."""

from __future__ import annotations

import re

import pytest
from hand_letters import L1, L3, L5, LETTERS, build

from indexer.engine.results import Stats
from indexer.engine.search import Corpus, SearchQuery
from indexer.engine.search_query import LETTER_SCOPE
from indexer.errors import QueryError
from indexer.vocab.facets import FACET_NAMES
from indexer.vocab.values import age_band


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, engine) -> Corpus:
    """The hand-made letters indexed by each engine in turn."""
    return Corpus.open(build(tmp_path_factory.mktemp("search") / "index", LETTERS, engine=engine))


def _all_items(letters=LETTERS):
    return [(letter, item) for letter in letters for item in letter.items]


def _in_date_order(newest: bool) -> list[str]:
    """Every item id by decision date (items of a letter in order); undated letters last."""
    dated = sorted(
        (pair for pair in _all_items() if pair[0].decision_date),
        key=lambda pair: (pair[0].decision_date, -pair[1].number if newest else pair[1].number),
        reverse=newest,
    )
    undated = [pair for pair in _all_items() if not pair[0].decision_date]
    return [f"{letter.id}-{item.number}" for letter, item in dated + undated]


def _ids(result) -> list[str]:
    return [hit.item_id for hit in result.hits]


def _item_ids(pairs) -> set[str]:
    return {f"{letter.id}-{item.number}" for letter, item in pairs}


def test_empty_query_lists_every_item_newest_first(corpus):
    result = corpus.search(SearchQuery(per_page=50))
    newest = _in_date_order(newest=True)
    assert result.total == len(newest)
    assert _ids(result) == newest
    assert result.corpus_version == corpus.version


def test_oldest_first(corpus):
    result = corpus.search(SearchQuery(sort="oldest", per_page=50))
    assert _ids(result) == _in_date_order(newest=False)  # undated last in both orders


def test_text_query_sorted_by_date(corpus):
    result = corpus.search(SearchQuery("necessary", sort="newest"))
    dates = [hit.decision_date for hit in result.hits]
    dated = [date for date in dates if date]
    assert dates == sorted(dated, reverse=True) + [None] * (len(dates) - len(dated))
    assert len(dates) == 6


def test_pages_partition_the_results_and_beyond_the_end_is_empty(corpus):
    everything = _ids(corpus.search(SearchQuery(per_page=50)))
    pages = [_ids(corpus.search(SearchQuery(page=page, per_page=3))) for page in (1, 2, 3)]
    assert [item_id for page in pages for item_id in page] == everything
    beyond = corpus.search(SearchQuery(page=9, per_page=3))
    assert beyond.hits == [] and beyond.total == len(everything)


def test_relevance_pages_partition_the_results(corpus):
    everything = _ids(corpus.search(SearchQuery("medically necessary", per_page=50)))
    pages = [
        _ids(corpus.search(SearchQuery("medically necessary", page=page, per_page=2)))
        for page in (1, 2, 3)
    ]
    assert [item_id for page in pages for item_id in page] == everything
    assert len(everything) == 6


def test_counts_only(corpus):
    result = corpus.search(SearchQuery("knee", per_page=0, scope=LETTER_SCOPE))
    assert result.hits == [] and result.total == 3


def test_statistics_of_the_result_set(corpus):
    result = corpus.search(SearchQuery("", {"body_part": ("knee", "lumbar spine")}))
    pairs = [pair for pair in _all_items() if {"knee", "lumbar spine"} & set(pair[1].body_parts)]
    upheld = sum(item.decision == "Upheld" for _letter, item in pairs)
    assert result.stats == Stats(upheld=upheld, overturned=len(pairs) - upheld)
    assert result.stats.overturn_rate == pytest.approx((len(pairs) - upheld) / len(pairs))
    assert Stats(0, 0).overturn_rate is None


def test_phrase_keeps_its_small_words(corpus):
    result = corpus.search(SearchQuery('"slip and fall"', scope=LETTER_SCOPE))
    assert set(_ids(result)) == _item_ids((L1, item) for item in L1.items)
    slip_or_fall = corpus.search(SearchQuery('"slip or fall"', scope=LETTER_SCOPE))
    assert set(_ids(slip_or_fall)) == {"SY15-0000002-1"}


def test_summary_only_match_reaches_items_in_letter_scope_only(corpus):
    result = corpus.search(SearchQuery("zygapophyseal", scope=LETTER_SCOPE))
    assert set(_ids(result)) == _item_ids((L1, item) for item in L1.items)
    assert corpus.search(SearchQuery("zygapophyseal")).total == 0


def test_letter_and_item_words_combine(corpus):
    result = corpus.search(SearchQuery("lifting AND norco", scope=LETTER_SCOPE))
    assert _ids(result) == ["SY17-0000003-3"]


FIELD_QUERIES = [
    ("decision:overturned", lambda letter, item: item.decision == "Overturned"),
    ('treatment:"physical therapy"', lambda letter, item: item.treatment == "physical therapy"),
    ("treatment:OPIOID", lambda letter, item: item.treatment == "opioid"),
    ("case_number:sy17-0000003", lambda letter, item: letter.id == "SY17-0000003"),
    ("drug:tramadol", lambda letter, item: item.drug == "tramadol"),
    ("drug:hydrocodone/acetaminophen", lambda letter, item: item.drug and "/" in item.drug),
    ('body_part:"lumbar spine"', lambda letter, item: "lumbar spine" in item.body_parts),
    ('guideline:"MTUS ACOEM Forearm, Wrist, and Hand"',
     lambda letter, item: "MTUS ACOEM Forearm, Wrist, and Hand" in item.guideline_sources),
    ('specialty:"pain management"', lambda lt, _: "Pain Management" in lt.reviewer.specialties),
    ("licensure:texas", lambda letter, item: "Texas" in letter.reviewer.licensure),
    ("year:2015", lambda letter, item: (letter.decision_date or "").startswith("2015")),
    ('year:"not stated"', lambda letter, item: not letter.decision_date),
    ("summary:knee", lambda letter, item: "Knee" in letter.summary),
    (
        "necessary NOT decision:upheld",
        lambda letter, item: "necessary" in item.rationale and item.decision != "Upheld",
    ),
    ("qq00*", lambda letter, item: "qq00" in item.rationale),
]


@pytest.mark.parametrize(("text", "wanted"), FIELD_QUERIES)
def test_field_queries(corpus, text, wanted):
    result = corpus.search(SearchQuery(text, per_page=50))
    assert set(_ids(result)) == _item_ids(pair for pair in _all_items() if wanted(*pair))
    assert result.total == len(result.hits) > 0


def test_hit_fields(corpus):
    hit = corpus.search(SearchQuery("norco")).hits[0]
    assert (hit.item_id, hit.letter_id, hit.number, hit.case_number) == (
        "SY17-0000003-3", "SY17-0000003", 3, "SY17-0000003")
    assert (hit.decision, hit.treatment) == ("Overturned", "opioid")
    assert hit.drug == ["hydrocodone", "acetaminophen"]
    assert hit.specialty == ["Orthopedic Surgery", "Pain Management"]
    assert (hit.body_part, hit.guideline) == (["knee"], ["MTUS Chronic Pain"])
    assert hit.decision_date == "2017-03-03"
    assert hit.synthetic is True and hit.score > 0
    assert (hit.year, hit.sex, hit.age_band) == ("2017", "female", age_band(35))
    assert hit.licensure == ["California", "Texas"]
    assert all(hasattr(hit, name) for name in FACET_NAMES)  # the CSV has a column per facet
    bare = corpus.search(SearchQuery("chiropractic")).hits[0]  # no age, sex or decision date
    assert (bare.year, bare.sex, bare.age_band) == ("not stated", None, None)
    assert bare.decision_date is None  # its date of injury is never taken for a decision date


def test_letter_lookup(corpus):
    assert corpus.letter("SY17-0000003") == L3
    assert corpus.letter("SY99-0000000") is None
    assert corpus.letter("../../etc/passwd") is None
    assert corpus.letter("x" * 10_000) is None


def test_corpus_counts(corpus):
    assert (corpus.letters, corpus.items) == (len(LETTERS), len(_all_items()))
    assert corpus.built_at and len(corpus.version) == 12


BAD_SEARCHES = [
    (SearchQuery(page=251, per_page=20), "first 5000 results"),
    (SearchQuery(per_page=5001), "0 to 5000"),
    (SearchQuery(page=0), "numbered from 1"),
    (SearchQuery(sort="best"), "Unknown sort"),
    (SearchQuery(filters={"colour": ("red",)}), "Unknown facet colour"),
    (SearchQuery("qq*"), "more than 256 different words"),
    (SearchQuery("rationale:[a TO z]"), "more than 256 different words"),
    (SearchQuery('"slip and'), "not closed"),
    (SearchQuery("treatment:physical therapy"), 'did you mean treatment:"physical therapy"'),
    (SearchQuery("knee specialty:pain management"), 'did you mean specialty:"Pain Management"'),
]


@pytest.mark.parametrize(("search_query", "message"), BAD_SEARCHES)
def test_bad_or_costly_searches_refused(corpus, search_query, message):
    with pytest.raises(QueryError, match=re.escape(message)):
        corpus.search(search_query)


def test_unquoted_facet_value_gets_a_quoted_suggestion(corpus):
    with pytest.raises(QueryError) as caught:
        corpus.search(SearchQuery("knee AND treatment:physical therapy"))
    assert caught.value.suggestion == 'knee AND treatment:"physical therapy"'
    assert corpus.search(SearchQuery(caught.value.suggestion)).total == 0
    assert corpus.search(SearchQuery('treatment:"physical therapy"')).total == 1


def test_repeated_search_is_served_from_cache(corpus):
    first = corpus.search(SearchQuery("knee", {"decision": ("Upheld",)}))
    assert corpus.search(SearchQuery("knee ", {"decision": ("Upheld", "Upheld")})) is first


def test_new_corpus_version_is_picked_up(tmp_path, engine):
    index_dir = build(tmp_path / "index", [L1], engine=engine)
    corpus = Corpus.open(index_dir)
    before = corpus.search(SearchQuery("necessary"))
    assert corpus.refreshed() is corpus
    build(index_dir, [L3], fresh=False)  # an incremental commit into the live generation
    added = corpus.refreshed()
    assert added is not corpus and added.version != corpus.version
    assert added.search(SearchQuery("necessary")).total == before.total + 3
    medically_necessary = added.search(SearchQuery('"medically necessary"', per_page=50))
    assert {hit.item_id for hit in medically_necessary.hits} == {
        "SY16-0000001-2", "SY17-0000003-1", "SY17-0000003-2", "SY17-0000003-3"
    }  # fmt: skip
    build(index_dir, [L5])  # a rebuild: new generation, symlink swapped
    rebuilt = added.refreshed()
    assert rebuilt.version not in (corpus.version, added.version)
    assert _ids(rebuilt.search(SearchQuery("necessary"))) == ["SY16-0000005-1"]
    assert corpus.search(SearchQuery("necessary")).total == before.total  # old view stays whole
