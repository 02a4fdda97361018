"""Facet counts and statistics over the fixture corpus, against counts made from its records."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.engine.facets import FacetBits, Members, docnums_of
from indexer.engine.matching import query_bits
from indexer.engine.postings import docnums_bits
from indexer.engine.query import item_query, parse_text, scoring_query
from indexer.engine.ranking import top_scored
from indexer.engine.search import Corpus, SearchQuery
from indexer.engine.search_query import LETTER_SCOPE
from indexer.engine.store import open_index
from indexer.vocab.facets import FACET_NAMES, FACETS, FACETS_BY_NAME
from indexer.vocab.values import OVERTURNED, UPHELD, YEAR_NOT_STATED

AGE_BAND, SYNTHETIC = FACETS_BY_NAME["age_band"], FACETS_BY_NAME["synthetic"]


@given(st.sets(st.integers(min_value=0, max_value=5000)))
def test_bitsets_round_trip(docnums):
    bits = docnums_bits(docnums, 5001)
    assert list(docnums_of(bits)) == sorted(docnums)
    members = Members(bits, 5001)
    assert all(docnum in members for docnum in docnums)
    assert sum(docnum in members for docnum in range(5001)) == len(docnums) == len(members)
    assert bool(members) == bool(docnums)


# Each declared age band's lowest age, read from its label ("30-39": 30, "70+": 70).
LOWEST_AGES = {band: int(band.split("-")[0].rstrip("+")) for band in AGE_BAND.values}


def _age_band(age: int | None) -> list[str]:
    """The declared band with the highest lowest age at or under `age`."""
    reached = [band for band, lowest in LOWEST_AGES.items() if age is not None and age >= lowest]
    return sorted(reached, key=LOWEST_AGES.__getitem__)[-1:]


def _year(letter) -> list[str]:
    return [letter.decision_date[:4] if letter.decision_date else YEAR_NOT_STATED]


def _facet_values(letter, item) -> dict[str, set[str]]:
    """Each facet's values for one item, read straight from the records."""
    return {
        "decision": {item.decision},
        "treatment": {item.treatment},
        "drug": set(item.drug.split("/")) if item.drug else set(),
        "guideline": set(item.guideline_sources),
        "specialty": set(letter.reviewer.specialties),
        "body_part": set(item.body_parts),
        "year": set(_year(letter)),
        "sex": {letter.patient.sex} - {None},
        "age_band": set(_age_band(letter.patient.age)),
        "licensure": set(letter.reviewer.licensure),
        "ca_guideline": set(item.ca_guideline_sources),
        "synthetic": {SYNTHETIC.values[letter.synthetic]},  # values (no, yes)
    }


@pytest.fixture(scope="module")
def item_facets(fixture_letters) -> list[dict[str, set[str]]]:
    return [_facet_values(letter, item) for letter in fixture_letters for item in letter.items]


@pytest.fixture(scope="module")
def corpus(engine_index_dir) -> Corpus:
    """The fixture corpus's index, built by each engine in turn."""
    return Corpus.open(engine_index_dir)


def _passes(values: dict[str, set[str]], filters: dict[str, tuple[str, ...]], skip=None) -> bool:
    return all(values[name] & set(chosen) for name, chosen in filters.items() if name != skip)


def _expected_counts(item_facets, filters, name) -> Counter:
    counts: Counter = Counter()
    for values in item_facets:
        if _passes(values, filters, skip=name):
            counts.update(values[name])
    return counts


def _ranked_value(item_facets, name: str, rank: int) -> str:
    counts = Counter(value for values in item_facets for value in values[name])
    return sorted(counts, key=lambda value: (-counts[value], value))[rank]


# Facet selections by rank of value frequency in the corpus: OR within a facet, AND across.
SELECTIONS = [
    {},
    {"decision": (0,)},
    {"decision": (0, 1)},
    {"treatment": (0, 1)},
    {"decision": (1,), "body_part": (0,)},
    {"specialty": (0, 2), "guideline": (0,), "decision": (0,)},
    {"year": (0, 1), "sex": (0,), "licensure": (0,)},
    {"age_band": (1,), "treatment": (0, 2, 3)},
]


@pytest.mark.parametrize("selection", SELECTIONS)
def test_facet_counts_and_stats_match_the_records(corpus, item_facets, selection):
    filters = {
        name: tuple(_ranked_value(item_facets, name, rank) for rank in ranks)
        for name, ranks in selection.items()
    }
    result = corpus.search(SearchQuery("", filters, per_page=0))
    selected = [values for values in item_facets if _passes(values, filters)]
    assert result.total == len(selected)
    decisions = _expected_counts(item_facets, filters, "decision")  # without its own selection
    assert (result.stats.upheld, result.stats.overturned) == (
        decisions[UPHELD], decisions[OVERTURNED])
    assert list(result.facets) == list(FACET_NAMES)
    for name in FACET_NAMES:
        counts = {facet.value: facet.count for facet in result.facets[name]}
        expected = _expected_counts(item_facets, filters, name)
        assert {value: count for value, count in counts.items() if count} == expected
        assert set(filters.get(name, ())) <= set(counts)
        assert [facet.value for facet in result.facets[name]] == _listed_order(counts, name)


def _listed_order(counts: dict[str, int], name: str) -> list[str]:
    """Years newest first, "not stated" last; other facets' values by count, then value."""
    if name == "year":
        years = sorted((year for year in counts if year != YEAR_NOT_STATED), key=int)
        return years[::-1] + [YEAR_NOT_STATED] * (YEAR_NOT_STATED in counts)
    return sorted(counts, key=lambda value: (-counts[value], value))


@pytest.mark.parametrize("facet", FACETS, ids=FACET_NAMES)
def test_records_and_index_hold_only_what_each_facet_declares(corpus, item_facets, facet):
    counts = {f.value: f.count for f in corpus.search(SearchQuery(per_page=0)).facets[facet.name]}
    from_records = [values[facet.name] for values in item_facets]
    assert counts and set(counts) == set().union(*from_records)
    if not facet.multi:
        assert all(len(values) <= 1 for values in from_records)
    if facet.values is not None:
        assert set(counts) <= set(facet.values)


def test_selected_value_without_items_stays_listed(corpus):
    result = corpus.search(SearchQuery("", {"treatment": ("no such treatment",)}, per_page=0))
    assert result.total == 0
    assert ("no such treatment", 0) in [(f.value, f.count) for f in result.facets["treatment"]]


def test_text_query_narrows_the_counts(corpus, fixture_letters):
    overturned = corpus.search(SearchQuery("decision:overturned", per_page=0))
    items = [item for letter in fixture_letters for item in letter.items]
    assert overturned.total == sum(item.decision == OVERTURNED for item in items)
    assert [(f.value, f.count) for f in overturned.facets["decision"]] == [
        (OVERTURNED, overturned.total)
    ]


# Queries whose bitset evaluation must equal Whoosh's own (NestedChildren included).
WHOOSH_AGREES = [
    "pain",
    "summary:pain",
    "documents:report",
    '"physical therapy"',
    '"the injured worker"',
    'rationale:"is not medically necessary"',
    'summary:"date of injury"',
    "therap*",
    "NOT decision:upheld",
    "knee OR summary:knee",
    "pain ANDMAYBE knee",
    'summary:"injured worker" AND treatment:opioid',
]


@pytest.fixture(scope="module")
def searcher(index_dir):
    with open_index(index_dir).searcher() as searcher:
        yield searcher


@pytest.mark.parametrize("text", WHOOSH_AGREES)
def test_query_bitsets_agree_with_whoosh(searcher, text):
    facet_bits = FacetBits(searcher)
    rewritten = item_query(parse_text(text), facet_bits.token)
    expected = docnums_bits(searcher.docs_for_query(rewritten), facet_bits.size)
    assert expected, "the fixture corpus should match this query"
    assert query_bits(rewritten, facet_bits, searcher) == expected



# (query, what it wants, what it excludes): Whoosh 3.54's own AndNot matcher lets a few
# excluded documents through on the fixture corpus, so negation is checked by set difference.
NEGATIONS = [
    ("decision:overturned ANDNOT rationale:pain", "decision:overturned", "rationale:pain"),
    ("lumbar AND NOT summary:knee", "lumbar", "summary:knee"),
    ("NOT (decision:upheld OR request:pain)", "synthetic:yes", "decision:upheld OR request:pain"),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), NEGATIONS)
def test_negation_is_exact(searcher, text, wanted, unwanted):
    facet_bits = FacetBits(searcher)

    def whoosh_docs(part: str) -> set[int]:
        return set(searcher.docs_for_query(item_query(parse_text(part), facet_bits.token)))

    expected = whoosh_docs(wanted) - whoosh_docs(unwanted)
    rewritten = item_query(parse_text(text), facet_bits.token)
    assert expected
    assert set(docnums_of(query_bits(rewritten, facet_bits, searcher))) == expected


@pytest.mark.parametrize("text", ["pain", '"physical therapy" OR knee'])
def test_scoring_few_selected_items_ranks_like_whoosh(searcher, text):
    facet_bits = FacetBits(searcher)
    ranking = scoring_query(parse_text(text))
    matches = query_bits(item_query(parse_text(text), facet_bits.token), facet_bits, searcher)
    selected = matches & facet_bits.values("decision")[OVERTURNED]
    assert 0 < selected.bit_count() * 4 < ranking.estimate_size(searcher.reader())
    allowed = Members(selected, facet_bits.size)
    hits = searcher.search(ranking, limit=7, filter=allowed)
    expected = [(hit.docnum, hit.score) for hit in hits]
    ranked = top_scored(searcher, facet_bits.postings, ranking, selected, 7)
    assert [docnum for docnum, _ in ranked] == [docnum for docnum, _ in expected]
    assert [score for _, score in ranked] == pytest.approx([score for _, score in expected])


@pytest.mark.parametrize("text", ["pain", "lumbar radiculopathy", '"physical therapy"'])
def test_scoring_many_selected_items_ranks_like_whoosh(searcher, text):
    facet_bits = FacetBits(searcher)
    parsed = parse_text(text, LETTER_SCOPE)  # the whole letter: many items match
    ranking = scoring_query(parsed)
    selected = query_bits(item_query(parsed, facet_bits.token), facet_bits, searcher)
    assert selected.bit_count() * 4 >= ranking.estimate_size(searcher.reader())
    allowed = Members(selected, facet_bits.size)
    hits = searcher.search(ranking, limit=40, filter=allowed)
    expected = [(hit.docnum, hit.score) for hit in hits]
    ranked = top_scored(searcher, facet_bits.postings, ranking, selected, 40)
    assert len(ranked) == len(expected) > 1
    assert [score for _, score in ranked] == pytest.approx([score for _, score in expected])
    assert [docnum for docnum, _ in ranked] == [docnum for docnum, _ in expected]
