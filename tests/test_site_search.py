"""/search and its twins over the fixture index, checked against counts from the records."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections import Counter
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ATOM = "{http://www.w3.org/2005/Atom}"
PER_PAGE = 20


def item_facets(letters) -> list[dict[str, set[str]]]:
    """Each fixture item's facet values, derived from the parsed records (not from the index)."""
    rows = []
    for letter in letters:
        for item in letter.items:
            rows.append(
                {
                    "item_id": f"{letter.id}-{item.number}",
                    "decision": {item.decision},
                    "treatment": {item.treatment},
                    "guideline": set(item.guideline_sources),
                    "specialty": set(letter.reviewer.specialties),
                    "body_part": set(item.body_parts),
                    "licensure": set(letter.reviewer.licensure),
                }
            )
    return rows


def matching(rows, filters: dict[str, tuple[str, ...]], skip: str | None = None) -> list[dict]:
    """Rows passing every facet selection (OR within a facet, AND across), except `skip`'s."""
    return [
        row
        for row in rows
        if all(row[name] & set(values) for name, values in filters.items() if name != skip)
    ]


def expected_counts(rows, filters, facet: str) -> dict[str, int]:
    """Counts of one facet's values over the rows matching every *other* facet's selection."""
    counts = Counter(value for row in matching(rows, filters, skip=facet) for value in row[facet])
    for value in filters.get(facet, ()):
        counts.setdefault(value, 0)
    return dict(counts)


def get_json(client, **params):
    response = client.get("/search.json?" + urlencode(params, doseq=True))
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def served_counts(data, facet: str) -> dict[str, int]:
    return {entry["value"]: entry["count"] for entry in data["facets"][facet]}


@pytest.fixture(scope="module")
def rows(fixture_letters):
    return item_facets(fixture_letters)


@pytest.fixture(scope="module")
def two_treatments(rows):
    common = Counter(value for row in rows for value in row["treatment"]).most_common(2)
    assert len(common) == 2 and common[1][1] > 0
    return tuple(sorted(value for value, _count in common))


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
    assert data["stats"] == {"upheld": 0, "overturned": len(expected), "overturn_rate": 1.0}


def test_multi_valued_facet_selection(client, rows):
    guidelines = Counter(value for row in rows for value in row["guideline"]).most_common(2)
    filters = {"guideline": tuple(value for value, _count in guidelines)}
    data = get_json(client, guideline=list(filters["guideline"]))
    assert data["total"] == len(matching(rows, filters))
    assert served_counts(data, "specialty") == expected_counts(rows, filters, "specialty")


def test_selected_value_without_matches_is_listed_at_zero(client, rows):
    data = get_json(client, treatment="no such treatment")
    assert data["total"] == 0
    assert served_counts(data, "treatment")["no such treatment"] == 0
    assert data["stats"] == {"upheld": 0, "overturned": 0, "overturn_rate": None}


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


def test_json_keys_are_those_issue_4_lists(client):
    data = get_json(client, q="therapy", decision="Upheld")
    assert {"total", "hits", "facets", "stats", "canonical_url", "corpus_version"} <= set(data)
    hit_keys = {"item_id", "letter_id", "case_number", "decision", "treatment", "guideline",
                "specialty", "request", "snippet", "url"}  # fmt: skip
    assert data["hits"] and all(hit_keys <= set(hit) for hit in data["hits"])
    facet_names = ("decision", "treatment", "guideline", "specialty", "body_part", "year", "sex",
                   "age_band", "licensure")  # fmt: skip
    assert set(facet_names) <= set(data["facets"])
    for entries in data["facets"].values():
        assert all({"value", "count", "selected", "url"} <= set(entry) for entry in entries)
    assert set(data["stats"]) == {"upheld", "overturned", "overturn_rate"}
    assert data["canonical_url"] == "http://localhost/search?q=therapy&decision=Upheld"
    assert data["hits"][0]["url"].startswith("http://localhost/letters/")


def test_facet_urls_toggle_canonically(client):
    data = get_json(client, decision="Upheld")
    urls = {entry["value"]: entry["url"] for entry in data["facets"]["decision"]}
    assert urls["Upheld"] == "http://localhost/search"
    assert urls["Overturned"] == "http://localhost/search?decision=Overturned&decision=Upheld"


def test_html_cards_link_to_the_item_with_the_query(client):
    html = client.get("/search?q=therapy").get_data(as_text=True)
    assert 'href="/letters/' in html and "?q=therapy#item-" in html
    assert "<mark>" in html
    assert 'data-copy-text="http://localhost/search?q=therapy"' in html


def test_non_canonical_url_redirects_to_canonical(client):
    response = client.get("/search?page=1&utm=x&treatment=b&treatment=a&q=+therapy+")
    assert response.status_code == 302
    assert response.headers["Location"] == "/search?q=therapy&treatment=a&treatment=b"


def test_csv_holds_the_whole_result_set(client, rows, two_treatments):
    response = client.get("/search.csv?" + urlencode({"treatment": two_treatments}, doseq=True))
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["X-Result-Limit"] == "5000"
    table = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    expected = matching(rows, {"treatment": two_treatments})
    assert len(table) == len(expected) == int(response.headers["X-Total-Count"])
    assert {row["item_id"] for row in table} == {row["item_id"] for row in expected}
    assert {row["treatment"] for row in table} == set(two_treatments)


def test_atom_feed_lists_newest_items(client, rows):
    response = client.get("/search.atom?decision=Overturned")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    entries = feed.findall(f"{ATOM}entry")
    overturned = len(matching(rows, {"decision": ("Overturned",)}))
    assert len(entries) == min(overturned, 50) > 0
    updated = [entry.findtext(f"{ATOM}updated") for entry in entries]
    assert updated == sorted(updated, reverse=True)
    assert all(entry.find(f"{ATOM}link").get("href").startswith("http://") for entry in entries)
    assert feed.find(f"{ATOM}link[@rel='self']").get("href").endswith("decision=Overturned")


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
    "query_string", ["page=0", "sort=best", "decision=Maybe", "year=20x6", "page=100000"]
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


def test_every_answer_states_its_corpus_version(client, index_dir):
    from indexer.engine.store import corpus_version

    version = corpus_version(index_dir)
    page = client.get("/search?q=therapy").get_data(as_text=True)
    assert f"corpus {version}" in page
    assert client.get("/search.json?q=therapy").get_json()["corpus_version"] == version
    assert client.get("/search.csv?q=therapy").headers["X-Corpus-Version"] == version
    assert version in client.get("/search.atom?q=therapy").get_data(as_text=True)
    hit = client.get("/search.json?q=therapy").get_json()["hits"][0]
    assert f"corpus {version}" in client.get(f"/letters/{hit['letter_id']}").get_data(as_text=True)
