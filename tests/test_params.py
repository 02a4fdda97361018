"""Search params: request args -> SearchParams -> canonical query string."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import parse_qsl, urlencode

import pytest
from werkzeug.datastructures import MultiDict

from imr_site.params import (
    MAX_PAGE,
    MAX_QUERY_CHARS,
    InvalidParams,
    SearchParams,
    canonical_query_string,
    parse_params,
)
from indexer.engine import FACETS
from indexer.engine.search_query import check_query
from indexer.engine.syntax import check_syntax
from indexer.errors import QueryError

CLOSED_FACETS = [facet for facet in FACETS if facet.closed]


def args_of(query_string: str) -> MultiDict:
    return MultiDict(parse_qsl(query_string, keep_blank_values=True))


def canonical(query_string: str) -> str:
    return parse_params(args_of(query_string)).query_string()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("", ""),
        ("q=", ""),
        ("q=norco", "q=norco"),
        ("q=++norco+++weaning++", "q=norco+weaning"),
        ('q="functional+restoration"', "q=%22functional+restoration%22"),
        # fixed key order: q, facets in schema order, sort, page
        ("page=2&q=mri", "q=mri&page=2"),
        ("treatment=MRI&decision=Upheld&q=x", "q=x&decision=Upheld&treatment=MRI"),
        ("licensure=Texas&year=2016&body_part=knee", "body_part=knee&year=2016&licensure=Texas"),
        # facet values sorted and de-duplicated
        ("treatment=opioid&treatment=acupuncture", "treatment=acupuncture&treatment=opioid"),
        ("decision=Upheld&decision=Upheld", "decision=Upheld"),
        ("treatment=&treatment=MRI", "treatment=MRI"),
        # defaults dropped: page 1, relevance with text, newest without text
        ("q=mri&page=1", "q=mri"),
        ("q=mri&sort=relevance", "q=mri"),
        ("q=mri&sort=newest", "q=mri&sort=newest"),
        ("sort=newest&decision=Upheld", "decision=Upheld"),
        ("sort=relevance", ""),
        ("sort=oldest", "sort=oldest"),
        # unknown parameters ignored
        ("utm_source=mail&q=mri&_size=5&foo=bar", "q=mri"),
        # values needing escapes
        ("specialty=Physical+Medicine+%26+Rehabilitation",
         "specialty=Physical+Medicine+%26+Rehabilitation"),
        ("guideline=MTUS+ACOEM+Forearm%2C+Wrist%2C+and+Hand",
         "guideline=MTUS+ACOEM+Forearm%2C+Wrist%2C+and+Hand"),
        ("age_band=70%2B&sex=female", "sex=female&age_band=70%2B"),
        ("synthetic=no&ca_guideline=ODG", "ca_guideline=ODG&synthetic=no"),
    ],
)  # fmt: skip
def test_canonical_query_string(given, expected):
    assert canonical(given) == expected
    assert canonical(expected) == expected  # canonical is a fixed point


@pytest.mark.parametrize(
    ("given", "fragment"),
    [
        ("page=0", "page='0' is not a page number"),
        ("page=-3", "page='-3' is not a page number"),
        ("page=two", "page='two' is not a page number"),
        (f"page={MAX_PAGE + 1}", "too deep"),
        ("sort=best", "sort='best' is not a sort order"),
        ("decision=Denied", "decision='Denied' is not a known value"),
        ("sex=other", "sex='other' is not a known value"),
        ("age_band=10-19", "age_band='10-19' is not a known value"),
        ("year=16", "year='16' is not a year"),
        ("treatment=" + "x" * 200, "longer than"),
        ("q=" + "a" * (MAX_QUERY_CHARS + 1), f"the limit is {MAX_QUERY_CHARS}"),
    ],
)
def test_invalid_values_give_a_clear_message(given, fragment):
    with pytest.raises(InvalidParams) as raised:
        parse_params(args_of(given))
    assert fragment in str(raised.value)


@pytest.mark.parametrize("facet", CLOSED_FACETS, ids=[facet.name for facet in CLOSED_FACETS])
def test_a_closed_facet_takes_each_declared_value_and_no_other(facet):
    for value in facet.values:
        assert parse_params(MultiDict([(facet.name, value)])).selected(facet.name) == (value,)
    with pytest.raises(InvalidParams, match="is not a known value; use one of: "):
        parse_params(MultiDict([(facet.name, "none of these")]))


def test_the_checked_facets_are_the_closed_ones():
    assert [facet.name for facet in CLOSED_FACETS] == ["decision", "sex", "age_band", "synthetic"]


@pytest.mark.parametrize("name", ["treatment", "body_part", "guideline", "ca_guideline"])
def test_a_vocabulary_facet_keeps_a_value_it_does_not_know(name):
    assert parse_params(MultiDict([(name, "no such value")])).selected(name) == ("no such value",)


def test_the_longest_query_the_site_takes_is_one_the_engine_takes():
    longest = '"' + "x" * (MAX_QUERY_CHARS - 2) + '"'
    check_syntax(parse_params(args_of(urlencode({"q": longest}))).q)
    with pytest.raises(InvalidParams):
        parse_params(args_of(urlencode({"q": longest + "x"})))
    with pytest.raises(QueryError, match="too long"):
        check_syntax(longest + "x")


def test_the_deepest_page_the_site_takes_is_one_the_engine_reaches():
    deepest = parse_params(args_of(f"page={MAX_PAGE}")).search_query()
    check_query(deepest)
    with pytest.raises(QueryError, match="can be paged through"):
        check_query(replace(deepest, page=MAX_PAGE + 1))


def test_invalid_values_are_dropped_from_the_corrected_params():
    with pytest.raises(InvalidParams) as raised:
        parse_params(args_of("q=mri&decision=Denied&decision=Upheld&page=x&sort=best"))
    assert len(raised.value.messages) == 3
    assert raised.value.corrected.query_string() == "q=mri&decision=Upheld"


def test_toggle_adds_and_removes_a_value_and_returns_to_page_one():
    params = parse_params(args_of("q=mri&treatment=MRI&page=3"))
    added = params.toggled("treatment", "CT")
    assert added.query_string() == "q=mri&treatment=CT&treatment=MRI"
    assert added.toggled("treatment", "CT").toggled("treatment", "MRI").query_string() == "q=mri"


def test_toggle_keeps_facet_order_canonical():
    params = SearchParams().toggled("year", "2016").toggled("decision", "Upheld")
    assert list(params.filters) == ["decision", "year"]
    assert params.query_string() == "decision=Upheld&year=2016"


def test_sort_and_page_helpers():
    params = parse_params(args_of("q=mri&page=4"))
    assert params.with_sort("oldest").query_string() == "q=mri&sort=oldest"
    assert params.with_page(1).query_string() == "q=mri"
    assert params.with_text("").effective_sort == "newest"
    assert params.effective_sort == "relevance"


def test_search_query_carries_the_state():
    query = parse_params(args_of("q=mri&decision=Upheld&sort=oldest&page=2")).search_query()
    assert (query.text, dict(query.filters), query.sort, query.page, query.per_page) == (
        "mri", {"decision": ("Upheld",)}, "oldest", 2, 20,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ([("a", "1"), ("b", None), ("c", "")], "a=1"),
        ([("z", ["b", "a", "b"]), ("a", 3)], "z=a&z=b&a=3"),
        ([("ids", []), ("title", "x & y")], "title=x+%26+y"),
    ],
)
def test_generic_canonical_writer(fields, expected):
    assert canonical_query_string(fields) == expected
