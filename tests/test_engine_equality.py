"""Both engines answer the bench's query mix alike: totals, every facet's counts, the outcome
statistics and the order of dates, over the fixture corpus and over the shared real letters."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from bench_search import MIX

from indexer.build import build_index
from indexer.engine import (
    LETTER_SCOPE,
    Corpus,
    SearchQuery,
    SimilarRequest,
    find_similar,
)

# The mix, also in the letter scope and with date orders, plus syntax the mix lacks.
QUERIES = [search for _label, search, _terms, _where in MIX] + [
    replace(search, scope=LETTER_SCOPE) for _label, search, _terms, _where in MIX
] + [
    SearchQuery("pain", sort="oldest", page=2),
    SearchQuery("therap* NOT decision:upheld"),
    SearchQuery('summary:"injured worker" AND treatment:opioid'),
    SearchQuery("knee ANDMAYBE pain", scope=LETTER_SCOPE),
    SearchQuery("medication ANDNOT tramadol"),
    SearchQuery("(knee OR shoulder) AND NOT summary:surgery"),
    SearchQuery("", {"drug": ("norco",)}),
    SearchQuery("pain", {"drug": ("norco", "tramadol"), "decision": ("Upheld",)}),
    SearchQuery("", decided_from="2015-06-01", decided_to="2017-12-31", sort="oldest"),
    SearchQuery("physcal therapy"),  # a misspelling: the same "did you mean"
]  # fmt: skip


def answer(corpus: Corpus, search: SearchQuery) -> dict:
    """What must be the same on both engines (scores and the order of ties may differ)."""
    result = corpus.search(search)
    return {
        "total": result.total,
        "facets": {
            name: [(count.value, count.count) for count in counts]
            for name, counts in result.facets.items()
        },
        "stats": result.stats,
        "suggestion": result.suggestion,
        "hits": len(result.hits),
        "dates": [hit.decision_date for hit in result.hits] if search.sort != "relevance" else [],
    }


def both_corpora(paths: list[Path], folder: Path) -> tuple[Corpus, Corpus]:
    """Index the letter files with each engine; return (Whoosh corpus, tantivy corpus)."""
    corpora = []
    for engine in ("whoosh", "tantivy"):
        report = build_index(paths, folder / engine, jobs=2, engine=engine)
        assert report.added and not [r for r in report.skipped if "duplicate" not in r[1]]
        corpora.append(Corpus.open(folder / engine))
    return corpora[0], corpora[1]


@pytest.fixture(scope="module")
def fixture_corpora(fixture_letters_dir, tmp_path_factory) -> tuple[Corpus, Corpus]:
    return both_corpora([fixture_letters_dir], tmp_path_factory.mktemp("equality"))


@pytest.fixture(scope="module")
def real_corpora(seeds_dir, dwc_dir, tmp_path_factory) -> tuple[Corpus, Corpus]:
    return both_corpora([seeds_dir, dwc_dir], tmp_path_factory.mktemp("equality-real"))


def test_both_corpora_hold_the_same_letters(fixture_corpora):
    whoosh, tantivy = fixture_corpora
    assert type(tantivy).__name__ == "TantivyCorpus"
    assert (whoosh.version, whoosh.letters, whoosh.items) == (
        tantivy.version, tantivy.letters, tantivy.items)  # fmt: skip


@pytest.mark.parametrize("search", QUERIES, ids=str)
def test_the_fixture_corpus_answers_alike(fixture_corpora, search):
    whoosh, tantivy = fixture_corpora
    assert answer(tantivy, search) == answer(whoosh, search)


@pytest.mark.parametrize("search", QUERIES, ids=str)
def test_the_real_letters_answer_alike(real_corpora, search):
    whoosh, tantivy = real_corpora
    assert answer(tantivy, search) == answer(whoosh, search)


def test_the_mix_is_not_trivial(fixture_corpora):
    """Most of the mix finds something, so the comparisons above compare counts, not zeros."""
    whoosh, _tantivy = fixture_corpora
    found = [whoosh.search(search).total for search in QUERIES]
    assert sum(1 for total in found if total) >= len(QUERIES) - 4


def test_the_mix_counts_both_ways_on_tantivy(fixture_corpora):
    """Some of the mix's texts hold a word most items hold: tantivy counts those as every
    item's counts less the items left out, the others directly; both ways count alike."""
    from indexer.engine.tantivy_engine import reading
    from indexer.vocab.facets import FACET_NAMES

    _whoosh, tantivy = fixture_corpora
    found = {search.text: tantivy._matches(search.text) for search in QUERIES if search.text}
    common = [text for text, matches in found.items() if matches.common]
    assert 1 <= len(common) <= len(found) - 5
    for text, matches in found.items():
        if matches.exact:
            assert tantivy._counts_but(matches.matches) == reading.value_counts(
                tantivy._searcher, matches.matches, list(FACET_NAMES)), text


# Site answers over each engine's index of the fixture corpus: the same bytes in date order;
# in relevance order the same items and everything else, the order aside (scores differ).
SITE_URLS = [
    "/search?q=therapy&sort=newest",
    "/search?q=%22physical+therapy%22&scope=letter&sort=oldest",
    "/search?decision=Overturned&treatment=opioid",
    "/search?q=pain&sort=oldest&page=2",
    "/search.json?q=drug%3Atramadol+pain&sort=newest",
    "/search.csv?q=guidelines&sort=newest",
    "/search.csv?treatment=physical+therapy",
    "/search.atom?q=injection",
    "/search?q=physcal",
]
RELEVANCE_URLS = [
    "/search.json?q=knee+OR+shoulder&decision=Upheld&per_page=100",
    "/search.json?q=%22functional+improvement%22+tramadol",
    "/search.json?q=lumbar+radiculopathy&scope=letter",
]


@pytest.fixture(scope="module")
def site_clients(fixture_corpora):
    from imr_site import create_app

    return [
        create_app({"TESTING": True, "INDEX_DIR": str(corpus.index_dir)}).test_client()
        for corpus in fixture_corpora
    ]


def body(response, corpus: Corpus) -> str:
    """The response's text, the time its index was built (in feeds) written as BUILT."""
    return response.get_data(as_text=True).replace(corpus.built_at[:19], "BUILT")


@pytest.mark.parametrize("url", SITE_URLS)
def test_the_site_answers_alike_on_both_engines(site_clients, fixture_corpora, url):
    whoosh, tantivy = (client.get(url) for client in site_clients)
    assert (tantivy.status_code, tantivy.mimetype) == (whoosh.status_code, whoosh.mimetype)
    assert body(tantivy, fixture_corpora[1]) == body(whoosh, fixture_corpora[0])


@pytest.mark.parametrize("url", RELEVANCE_URLS)
def test_relevance_pages_hold_the_same_items(site_clients, url):
    whoosh, tantivy = (client.get(url).get_json() for client in site_clients)
    assert 0 < whoosh["total"] <= len(whoosh["hits"])  # every match is on the page
    for data in (whoosh, tantivy):
        for hit in data["hits"]:
            hit["scored"] = hit.pop("score") > 0  # 0: found by its letter's text only
        data["hits"].sort(key=lambda hit: hit["item_id"])
    assert tantivy == whoosh


PACK_REQUESTS = [
    SimilarRequest("12 sessions of physical therapy for the cervical spine",
                   treatment="physical therapy", body_part="cervical spine", sessions=12, n=25),
    SimilarRequest("Norco 10/325 #90", n=20),
    SimilarRequest("MRI of the right knee", facts="knee pain after a fall", sex="female", age=45),
    SimilarRequest("acupuncture", decisions=("Upheld",), n=100),
]  # fmt: skip


def ranked(corpus: Corpus, request: SimilarRequest) -> list[tuple]:
    return [(found.item_id, round(found.score, 6), found.reasons)
            for found in find_similar(corpus, request)]  # fmt: skip


@pytest.mark.parametrize("corpora", ["fixture_corpora", "real_corpora"])
@pytest.mark.parametrize("wanted", PACK_REQUESTS, ids=lambda wanted: wanted.text)
def test_packs_rank_alike_on_both_engines(request, corpora, wanted):
    whoosh, tantivy = request.getfixturevalue(corpora)
    assert ranked(whoosh, wanted)
    assert ranked(tantivy, wanted) == ranked(whoosh, wanted)


@pytest.mark.parametrize("text", ["pain", "knee OR shoulder", "therap*", "request:norco",
                                  "lumbar radiculopathy", '"physical therapy"', "pain NOT knee",
                                  "summary:knee", "decision:upheld"])
def test_tantivy_ranks_plain_words_by_the_ranking_query_alone(fixture_corpora, text):
    """Item-text words only, any of them: the ranking query matches exactly the items the
    search selects, so tantivy takes its top hits from it alone (pruned) with the same answer
    as ranking within the selected items."""
    from indexer.engine.query import parse_text, ranks_its_matches
    from indexer.engine.tantivy_engine import reading
    from indexer.engine.tantivy_engine.translate import all_of, unscored

    _whoosh, tantivy = fixture_corpora
    found = tantivy._matches(text)
    ranking, matches, exact = found.ranking, found.matches, found.exact
    assert exact == ranks_its_matches(parse_text(text))
    assert exact == (text in ("pain", "knee OR shoulder", "therap*", "request:norco"))
    searcher, total = tantivy._searcher, tantivy.search(SearchQuery(text)).total
    if exact:
        assert reading.count(searcher, ranking) == total >= 5
        pruned = reading.top_scored(searcher, ranking, total)
        assert [(a.segment_ord, a.doc, round(s, 5)) for a, s in pruned] == [
            (a.segment_ord, a.doc, round(s, 5))
            for a, s in reading.best_scored(searcher, matches, ranking, total)]
        overturned = tantivy._selection("decision", ("Overturned",))
        within = all_of([unscored(overturned), ranking])
        assert [(a.segment_ord, a.doc, round(s, 5))
                for a, s in reading.top_scored(searcher, within, total)] == [
            (a.segment_ord, a.doc, round(s, 5))
            for a, s in reading.best_scored(searcher, all_of([matches, overturned]), ranking,
                                            total)]
