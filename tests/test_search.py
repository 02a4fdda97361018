"""The reading API over a real index of hand-made letters: hits, order, paging, snippets, errors."""

from __future__ import annotations

import re

import pytest

from indexer.engine.results import Stats
from indexer.engine.search import Corpus, SearchQuery
from indexer.engine.store import writing
from indexer.errors import QueryError
from indexer.letters.records import Item, Letter, Patient, Reviewer, Source

HOSTILE = "<script>alert(1)</script> \"><img src=x onerror=alert(1)>"


def _item(number, request, decision, treatment, rationale, body, guidelines, drug=None) -> Item:
    return Item(
        number=number,
        request=request,
        decision=decision,
        treatment=treatment,
        drug=drug,
        body_parts=body,
        guideline_sources=guidelines,
        rationale=rationale,
    )


def _letter(letter_id, date, summary, items, specialties, licensure, age=None, sex=None, **dates):
    return Letter(
        id=letter_id,
        summary=summary,
        items=items,
        source=Source("", "txt", letter_id.encode().hex().ljust(64, "0")),
        case_number=letter_id,
        decision_date=date,
        reviewer=Reviewer(specialties, licensure),
        patient=Patient(age, sex),
        synthetic=True,
        **dates,
    )


L1 = _letter(
    "SY16-0000001", "2016-05-01",
    "The injured worker had a slip and fall at work and hurt a zygapophyseal joint.",
    [
        _item(1, "Tramadol 50mg #60", "Upheld", "opioid", f"Tramadol is not indicated. {HOSTILE}",
              ["lumbar spine"], ["MTUS Chronic Pain"], drug="tramadol"),
        _item(2, "Physical therapy 8 sessions", "Overturned", "physical therapy",
              "Physical therapy is medically necessary for the lumbar spine.",
              ["lumbar spine"], ["MTUS Chronic Pain", "ODG"]),
    ],
    ["Pain Management"], ["California"], age=45, sex="female",
)
L2 = _letter(
    "SY15-0000002", "2015-01-02", "It is unclear whether a slip or fall occurred.",
    [_item(1, "Massage therapy 6 sessions", "Upheld", "massage therapy",
           "Massage is not recommended for the wrist.", ["wrist"],
           ["MTUS ACOEM Forearm, Wrist, and Hand"])],
    ["Physical Medicine & Rehabilitation"], ["Texas"], age=62, sex="male",
)
L3 = _letter(
    "SY17-0000003", "2017-03-03", "Knee injury while lifting boxes.",
    [
        _item(1, "MRI of the right knee", "Overturned", "MRI",
              "An MRI of the knee is medically necessary.", ["knee"], ["MTUS ACOEM Knee"]),
        _item(2, "Acupuncture 6 sessions", "Upheld", "acupuncture",
              "Acupuncture is not medically necessary.", ["knee"], ["MTUS Acupuncture"]),
        _item(3, "Norco 10/325 #90", "Overturned", "opioid",
              "Norco is medically necessary for knee pain.", ["knee"], ["MTUS Chronic Pain"],
              drug="hydrocodone/acetaminophen"),
    ],
    ["Orthopedic Surgery", "Pain Management"], ["California", "Texas"], age=35, sex="female",
)
L4 = _letter(
    "SY14-0000004", None, "Neck pain after a car accident.",
    [_item(1, "Chiropractic 12 sessions", "Upheld", "chiropractic",
           "Chiropractic care is not medically necessary for the neck.", ["cervical spine"],
           ["None cited"])],
    ["Chiropractic"], ["California"], injury_date="2014-02-02",
)
L5 = _letter(
    "SY16-0000005", "2016-08-08", "Low back pain.",
    [_item(1, "Epidural steroid injection L4-5", "Overturned", "epidural steroid injection",
           "The epidural steroid injection is medically necessary.", ["lumbar spine"],
           ["MTUS Chronic Pain"])],
    ["Pain Management"], ["California"], age=50, sex="male",
)
MANY_WORDS = " ".join(f"qq{n:03d}" for n in range(300))  # 300 words sharing a prefix
L6 = _letter(
    "SY13-0000006", "2013-06-06", "Shoulder pain.",
    [_item(1, "Shoulder surgery", "Upheld", "surgery", f"Surgery is not indicated. {MANY_WORDS}",
           ["shoulder"], ["MTUS ACOEM Shoulder"])],
    ["Orthopedic Surgery"], ["Nevada"], age=71, sex="male",
)
LETTERS = [L1, L2, L3, L4, L5, L6]


def _build(index_dir, letters, fresh=True):
    with writing(index_dir, fresh=fresh) as writer:
        for letter in letters:
            writer.put(letter)
    return index_dir


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Corpus:
    return Corpus.open(_build(tmp_path_factory.mktemp("search") / "index", LETTERS))


def _all_items(letters=LETTERS):
    return [(letter, item) for letter in letters for item in letter.items]


def _date(letter: Letter) -> str:
    return letter.decision_date or letter.injury_date


def _ids(result) -> list[str]:
    return [hit.item_id for hit in result.hits]


def _item_ids(pairs) -> set[str]:
    return {f"{letter.id}-{item.number}" for letter, item in pairs}


def test_empty_query_lists_every_item_newest_first(corpus):
    result = corpus.search(SearchQuery(per_page=50))
    newest = sorted(_all_items(), key=lambda pair: (_date(pair[0]), -pair[1].number), reverse=True)
    assert result.total == len(newest)
    assert _ids(result) == [f"{letter.id}-{item.number}" for letter, item in newest]
    assert result.corpus_version == corpus.version


def test_oldest_first(corpus):
    result = corpus.search(SearchQuery(sort="oldest", per_page=50))
    oldest = sorted(_all_items(), key=lambda pair: (_date(pair[0]), pair[1].number))
    assert _ids(result) == [f"{letter.id}-{item.number}" for letter, item in oldest]


def test_text_query_sorted_by_date(corpus):
    result = corpus.search(SearchQuery("necessary", sort="newest"))
    dates = [hit.decision_date for hit in result.hits]
    assert dates == sorted(dates, reverse=True) and len(dates) == 6


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
    result = corpus.search(SearchQuery("knee", per_page=0))
    assert result.hits == [] and result.total == 3


def test_statistics_of_the_result_set(corpus):
    result = corpus.search(SearchQuery("", {"body_part": ("knee", "lumbar spine")}))
    pairs = [pair for pair in _all_items() if {"knee", "lumbar spine"} & set(pair[1].body_parts)]
    upheld = sum(item.decision == "Upheld" for _letter, item in pairs)
    assert result.stats == Stats(upheld=upheld, overturned=len(pairs) - upheld)
    assert result.stats.overturn_rate == pytest.approx((len(pairs) - upheld) / len(pairs))
    assert Stats(0, 0).overturn_rate is None


def test_phrase_keeps_its_small_words(corpus):
    result = corpus.search(SearchQuery('"slip and fall"'))
    assert set(_ids(result)) == _item_ids((L1, item) for item in L1.items)
    assert set(_ids(corpus.search(SearchQuery('"slip or fall"')))) == {"SY15-0000002-1"}


def test_summary_only_match_reaches_items_with_a_summary_snippet(corpus):
    result = corpus.search(SearchQuery("zygapophyseal"))
    assert set(_ids(result)) == _item_ids((L1, item) for item in L1.items)
    assert all("<mark>zygapophyseal</mark>" in hit.snippet for hit in result.hits)


def test_letter_and_item_words_combine(corpus):
    result = corpus.search(SearchQuery("lifting AND norco"))
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
    ("year:2014", lambda letter, item: _date(letter).startswith("2014")),
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


def test_snippets_escape_everything_but_mark(corpus):
    for text in ("tramadol", "script", "onerror", ""):
        for hit in corpus.search(SearchQuery(text, per_page=50)).hits:
            assert "<" not in re.sub(r"</?mark>", "", hit.snippet), hit.snippet
    hit = corpus.search(SearchQuery("script")).hits[0]
    assert "&lt;<mark>script</mark>&gt;" in hit.snippet


def test_highlight_for_letter_pages(corpus):
    marked = corpus.highlight(f"Tramadol & therapy {HOSTILE}", "tramadol OR alert")
    assert marked.startswith("<mark>Tramadol</mark> &amp; therapy &lt;script&gt;<mark>alert</mark>")
    assert "<" not in re.sub(r"</?mark>", "", marked)
    assert corpus.highlight("a <b>", '"unclosed') == "a &lt;b&gt;"
    assert corpus.highlight("a <b>", "") == "a &lt;b&gt;"


def test_hit_fields(corpus):
    hit = corpus.search(SearchQuery("norco")).hits[0]
    assert (hit.item_id, hit.letter_id, hit.number, hit.case_number) == (
        "SY17-0000003-3", "SY17-0000003", 3, "SY17-0000003")
    assert (hit.decision, hit.treatment) == ("Overturned", "opioid")
    assert hit.drug == "hydrocodone/acetaminophen"
    assert hit.specialty == ["Orthopedic Surgery", "Pain Management"]
    assert (hit.body_part, hit.guideline) == (["knee"], ["MTUS Chronic Pain"])
    assert hit.decision_date == "2017-03-03"
    assert hit.synthetic is True and hit.score > 0


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


def test_new_corpus_version_is_picked_up(tmp_path):
    index_dir = _build(tmp_path / "index", [L1])
    corpus = Corpus.open(index_dir)
    before = corpus.search(SearchQuery("necessary"))
    assert corpus.refreshed() is corpus
    _build(index_dir, [L3], fresh=False)  # an incremental commit into the live generation
    added = corpus.refreshed()
    assert added is not corpus and added.version != corpus.version
    assert added.search(SearchQuery("necessary")).total == before.total + 3
    medically_necessary = added.search(SearchQuery('"medically necessary"', per_page=50))
    assert {hit.item_id for hit in medically_necessary.hits} == {
        "SY16-0000001-2", "SY17-0000003-1", "SY17-0000003-2", "SY17-0000003-3"
    }  # fmt: skip
    _build(index_dir, [L5])  # a rebuild: new generation, symlink swapped
    rebuilt = added.refreshed()
    assert rebuilt.version not in (corpus.version, added.version)
    assert _ids(rebuilt.search(SearchQuery("necessary"))) == ["SY16-0000005-1"]
    assert corpus.search(SearchQuery("necessary")).total == before.total  # old view stays whole


def test_large_pages_get_plain_snippets(corpus):
    small = corpus.search(SearchQuery("necessary", per_page=100)).hits
    large = corpus.search(SearchQuery("necessary", per_page=101)).hits
    assert [hit.item_id for hit in small] == [hit.item_id for hit in large]
    assert all("<mark>" in hit.snippet for hit in small)
    assert not any("<mark>" in hit.snippet for hit in large)
