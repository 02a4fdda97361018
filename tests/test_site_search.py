"""/search (and its JSON twin's counts) over the fixture index, checked against the records;
the twins' shapes, CSV and Atom: test_site_twins.py."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from search_oracle import common_values, get_json, item_facets, matching

PER_PAGE = 20


def expected_counts(rows, filters, facet: str) -> dict[str, int]:
    """Counts of one facet's values over the rows matching every *other* facet's selection."""
    counts = Counter(value for row in matching(rows, filters, skip=facet) for value in row[facet])
    for value in filters.get(facet, ()):
        counts.setdefault(value, 0)
    return dict(counts)


def served_counts(data, facet: str) -> dict[str, int]:
    return {entry["value"]: entry["count"] for entry in data["facets"][facet]}


@pytest.fixture
def client(engine_client):
    """Every test here runs on the index of each engine (tests/conftest.py ENGINES)."""
    return engine_client


@pytest.fixture(scope="module")
def rows(fixture_letters):
    return item_facets(fixture_letters)


@pytest.fixture(scope="module")
def two_treatments(rows):
    return common_values(rows, "treatment", 2)


def test_no_filters_lists_every_item(client, rows):
    data = get_json(client)
    assert data["total"] == len(rows)
    for facet in ("decision", "treatment", "guideline", "specialty", "body_part", "licensure"):
        assert served_counts(data, facet) == expected_counts(rows, {}, facet), facet


def test_values_of_one_facet_are_ored_and_counts_ignore_own_selection(client, rows, two_treatments):
    filters = {"treatment": two_treatments}
    data = get_json(client, treatment=list(two_treatments))
    assert data["total"] == len(matching(rows, filters))
    assert data["total"] > max(
        len(matching(rows, {"treatment": (value,)})) for value in two_treatments
    )  # OR widens
    assert served_counts(data, "treatment") == expected_counts(rows, {}, "treatment")
    assert served_counts(data, "decision") == expected_counts(rows, filters, "decision")
    assert {entry["value"] for entry in data["facets"]["treatment"] if entry["selected"]} == set(
        two_treatments
    )


def test_facets_are_anded_across(client, rows, two_treatments):
    filters = {"treatment": two_treatments, "decision": ("Overturned",)}
    data = get_json(client, treatment=list(two_treatments), decision="Overturned")
    expected = matching(rows, filters)
    assert data["total"] == len(expected) < len(matching(rows, {"treatment": two_treatments}))
    for facet in ("decision", "treatment", "guideline", "body_part"):
        assert served_counts(data, facet) == expected_counts(rows, filters, facet), facet
    # The outcomes ignore the Decision selection (as its counts do): never a bare 100%.
    without_decision = matching(rows, {"treatment": two_treatments})
    upheld = sum(1 for row in without_decision if row["decision"] == {"Upheld"})
    assert data["stats"]["upheld"] == upheld > 0
    assert data["stats"]["overturned"] == len(without_decision) - upheld
    counted = f"the {len(without_decision)} disputed items within the selected filters"
    assert data["stats"]["counted"] == counted + ", either decision"


def test_multi_valued_facet_selection(client, rows):
    guidelines = Counter(value for row in rows for value in row["guideline"]).most_common(2)
    filters = {"guideline": tuple(value for value, _count in guidelines)}
    data = get_json(client, guideline=list(filters["guideline"]))
    assert data["total"] == len(matching(rows, filters))
    assert served_counts(data, "specialty") == expected_counts(rows, filters, "specialty")


def test_a_value_the_index_lacks_is_an_error_in_json(client):
    response = client.get("/search.json?treatment=no+such+treatment")
    assert response.status_code == 400
    assert "Treatment has no value 'no such treatment'" in response.get_json()["error"]


def test_statistics_of_the_result_set(client, rows, two_treatments):
    expected = matching(rows, {"treatment": two_treatments})
    upheld = sum(1 for row in expected if row["decision"] == {"Upheld"})
    stats = get_json(client, treatment=list(two_treatments))["stats"]
    assert stats["upheld"] == upheld
    assert stats["overturned"] == len(expected) - upheld
    assert stats["overturn_rate"] == pytest.approx((len(expected) - upheld) / len(expected))
    page = client.get("/search?" + urlencode({"treatment": two_treatments}, doseq=True))
    html = page.get_data(as_text=True)
    assert f"Upheld {upheld:,}" in html and f"of {len(expected):,})" in html
    assert 'class="stats-bar"' in html


@pytest.mark.parametrize(
    ("sort", "newest_first"), [("newest", True), ("oldest", False), (None, True)]
)
def test_date_sorts(client, sort, newest_first):
    params = {"sort": sort} if sort else {}
    dates = [hit["decision_date"] or "" for hit in get_json(client, **params)["hits"]]
    assert dates == sorted(dates, reverse=newest_first)
    assert len(set(dates)) > 1


def test_relevance_sort_orders_by_score(client):
    data = get_json(client, q="guidelines OR therapy OR medication")
    scores = [hit["score"] for hit in data["hits"]]
    assert len(scores) > 1 and scores == sorted(scores, reverse=True)
    assert data["sort"] == "relevance"


def test_pages_cover_the_result_set_once(client, rows):
    total = len(rows)
    last = -(-total // PER_PAGE)
    assert last >= 2, "the fixture should need several pages"
    seen = []
    for page in range(1, last + 1):
        seen += [hit["item_id"] for hit in get_json(client, page=page)["hits"]]
    assert len(seen) == len(set(seen)) == total
    assert set(seen) == {row["item_id"] for row in rows}


def test_page_beyond_the_end(client, rows):
    data = get_json(client, page=99)
    assert data["hits"] == [] and data["total"] == len(rows)
    page = client.get("/search?page=99")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "past the end" in html and "page=" in html


def test_html_cards_link_to_the_item_with_the_query(client):
    html = client.get("/search?q=therapy").get_data(as_text=True)
    assert 'href="/letters/' in html and "?q=therapy#item-" in html
    assert "<mark>" in html
    assert 'data-copy-text="http://localhost/search?q=therapy"' in html


def test_non_canonical_url_redirects_to_canonical(client, two_treatments):
    first, second = sorted(two_treatments)
    query = urlencode([("page", 1), ("utm", "x"), ("treatment", second), ("treatment", first),
                       ("q", " therapy ")])
    response = client.get("/search?" + query)
    assert response.status_code == 302
    expected = urlencode([("q", "therapy"), ("treatment", first), ("treatment", second)])
    assert response.headers["Location"] == "/search?" + expected


@pytest.mark.parametrize(
    "query", ['"unclosed phrase', "*ache", "pain AND", "(therapy", "nosuchfield:value", "()"]
)
def test_bad_query_json_is_400_with_error(client, query):
    response = client.get("/search.json?" + urlencode({"q": query}))
    assert response.status_code == 400
    assert response.get_json()["error"]


@pytest.mark.parametrize(
    ("query", "suggestion"), [('"unclosed phrase', '"unclosed phrase"'), ("*ache", "ache")]
)
def test_bad_query_page_explains_and_suggests(client, query, suggestion):
    response = client.get("/search?" + urlencode({"q": query}))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "could not be run" in html
    assert "Try instead" in html and "?" + urlencode({"q": suggestion}) in html


@pytest.mark.parametrize(
    "query_string", ["page=0", "sort=best", "decision=Maybe", "year=20x6", "page=1234567890"]
)
def test_invalid_params_are_400_with_message(client, query_string):
    page = client.get("/search?" + query_string)
    assert page.status_code == 400 and "could not be run" in page.get_data(as_text=True)
    data = client.get("/search.json?" + query_string)
    assert data.status_code == 400 and data.get_json()["error"]
    assert client.get("/search.csv?" + query_string).status_code == 400


QUERY_TOKENS = (
    '"', "(", ")", "*", "?", ":", "AND", "OR", "NOT", "therapy", "pain*", "request:", "drug:",
    "year:2016", "decision:", "[a TO z]", "~2", "^3", "<b>", "\\", "é",
)  # fmt: skip
QUERY_TEXT = st.one_of(
    st.text(max_size=30), st.lists(st.sampled_from(QUERY_TOKENS), max_size=8).map(" ".join)
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=QUERY_TEXT, page=st.sampled_from(["", "1", "2", "0", "x", "999"]))
def test_random_queries_never_fail_the_server(client, text, page):
    for path in ("/search", "/search.json"):
        response = client.get(path, query_string={"q": text, "page": page}, follow_redirects=True)
        assert response.status_code in (200, 400), (path, text, response.status_code)
        if path.endswith(".json") and response.status_code == 400:
            assert response.get_json()["error"]


def test_every_answer_states_its_corpus_version(client, engine_index_dir):
    from indexer.engine.store import corpus_version

    version = corpus_version(engine_index_dir)
    page = client.get("/search?q=therapy").get_data(as_text=True)
    assert f"corpus {version}" in page
    assert client.get("/search.json?q=therapy").get_json()["corpus_version"] == version
    assert client.get("/search.csv?q=therapy").headers["X-Corpus-Version"] == version
    assert version in client.get("/search.atom?q=therapy").get_data(as_text=True)
    hit = client.get("/search.json?q=therapy").get_json()["hits"][0]
    assert f"corpus {version}" in client.get(f"/letters/{hit['letter_id']}").get_data(as_text=True)
