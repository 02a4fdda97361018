"""Answers a lawyer can quote (issue 11): undated letters, facet value spelling and unknown
values, deep pages, the outcome bar with a Decision selected, and "back to results"."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from html import unescape
from urllib.parse import parse_qsl, urlencode

import pytest
from search_oracle import get_json

from indexer.vocab.values import YEAR_NOT_STATED

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def undated(fixture_letters):
    """A fixture letter that states no decision date (the seed letters' case)."""
    letter = next(letter for letter in fixture_letters if not letter.decision_date)
    assert letter.injury_date or letter.received_date  # it has other dates to mistake
    return letter


def test_undated_items_are_filed_under_not_stated_listed_after_the_years(client, fixture_letters):
    data = get_json(client)
    years = [entry["value"] for entry in data["facets"]["year"]]
    undated_items = sum(len(letter.items) for letter in fixture_letters if not letter.decision_date)
    assert years[-1] == YEAR_NOT_STATED and data["facets"]["year"][-1]["count"] == undated_items
    assert years[:-1] == sorted(years[:-1], reverse=True)  # by year, not by count
    selected = get_json(client, year=YEAR_NOT_STATED)
    assert selected["total"] == undated_items
    assert all(hit["decision_date"] is None for hit in selected["hits"])


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_undated_items_come_last_in_both_date_orders(client, sort):
    dates = [hit["decision_date"] for hit in get_json(client, sort=sort, page=1)["hits"]]
    assert all(dates)  # the first page holds dated items only
    table = client.get("/search.csv?sort=" + sort).get_data(as_text=True)
    cells = [row["Decision date"] for row in csv.DictReader(io.StringIO(table))]
    first_blank = cells.index("")
    assert not any(cells[first_blank:])
    dated = cells[:first_blank]
    assert dated == sorted(dated, reverse=sort == "newest")


def test_an_undated_letter_says_date_not_stated_everywhere(client, undated):
    card_page = client.get(f"/search?{urlencode({'year': YEAR_NOT_STATED})}")
    html = card_page.get_data(as_text=True)
    assert card_page.status_code == 200 and "date not stated" in html
    page = client.get(f"/letters/{undated.id}").get_data(as_text=True)
    for other in (undated.injury_date, undated.received_date, undated.assigned_date):
        if other:  # other dates are listed under their own names, never as "Decided"
            assert not re.search(r"Decided[^<]*" + re.escape(other), page)
    assert "(date not stated), Item 1" in page  # the citation
    assert re.search(r"Decision date</dt>\s*<dd>not stated</dd>", page)


def test_an_undated_entry_in_the_feed_is_updated_when_the_index_was_built(client, app):
    feed = ET.fromstring(client.get(f"/search.atom?{urlencode({'year': YEAR_NOT_STATED})}").data)
    entries = feed.findall(f"{ATOM}entry")
    with app.app_context():
        from imr_site import get_corpus

        built_at = get_corpus().built_at
    assert entries and built_at.startswith(feed.findtext(f"{ATOM}updated")[:19])
    for entry in entries:
        assert entry.findtext(f"{ATOM}updated") == feed.findtext(f"{ATOM}updated")
        assert "Decided date not stated" in entry.findtext(f"{ATOM}summary")


def test_a_letter_without_a_case_number_is_cited_by_title_and_permalink(undated):
    from imr_site.letters import citation

    anonymous = replace(undated, case_number=None)
    item = anonymous.items[0]
    cited = citation(anonymous, item, "https://imr.example/letters/X-56200ae4e62b#item-1")
    assert cited.startswith("[SYNTHETIC LETTER] IMR Final Determination, Case number not stated")
    assert "Case No." not in cited and cited.count("X-56200ae4e62b") == 1  # in the link only
    assert cited.endswith("https://imr.example/letters/X-56200ae4e62b#item-1")


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("decision=overturned", "decision=Overturned"),
        ("decision=OVERTURNED&sex=Female", "decision=Overturned&sex=female"),
        ("treatment=Physical+Therapy", "treatment=physical+therapy"),
        ("year=Not+Stated", "year=not+stated"),
    ],
)
def test_facet_values_in_another_case_redirect_to_the_canonical_spelling(client, given, canonical):
    response = client.get("/search?" + given)
    assert response.status_code == 302 and response.headers["Location"] == "/search?" + canonical
    assert client.get("/search?" + canonical).status_code == 200
    assert get_json(client, **dict(parse_qsl(given)))["total"] > 0  # the JSON takes it as is


@pytest.mark.parametrize(
    ("given", "named", "closest"),
    [
        ("treatment=unicorn", "Treatment has no value 'unicorn'", "its values include: "),
        ("guideline=MTUS", "Reviewer's guideline has no value 'MTUS'", "MTUS Chronic Pain"),
        ("decision=Overturn", "decision='Overturn' is not a known value", "Overturned"),
    ],
)
def test_an_unknown_value_is_named_on_the_page_and_the_search_runs_without_it(
    client, given, named, closest
):
    response = client.get("/search?q=therapy&" + given)
    html = unescape(response.get_data(as_text=True))
    assert response.status_code == 400 and named in html and closest in html
    everything = get_json(client, q="therapy")["total"]
    assert f'<strong class="total">{everything:,}</strong>' in html  # run without the value
    assert 'href="http://localhost/search?q=therapy"' in html  # the search it ran


def test_a_page_past_the_end_says_how_many_pages_there_are(client):
    total = get_json(client, q="therapy")["total"]
    last = -(-total // 20)
    for page in (last + 1, 99999):
        response = client.get(f"/search?q=therapy&page={page}")
        html = response.get_data(as_text=True)
        assert response.status_code == 200 and "pages stop at" not in html
        assert f"Page {page} is past the end of these results (last page: {last})" in html
        assert f'href="/search?q=therapy&amp;page={last}"' in html
        assert get_json(client, q="therapy", page=page)["hits"] == []


def test_the_outcome_bar_with_a_decision_selected_says_what_it_counts(client):
    html = client.get("/search?decision=Overturned").get_data(as_text=True)
    assert "overturn rate <strong>100.0%" not in html
    assert "the Decision filter is not applied to these outcomes" in html
    plain = client.get("/search").get_data(as_text=True)
    assert "Decision filter" not in plain


def test_back_to_results_returns_to_the_same_search(client):
    search = "q=therapy&decision=Upheld&sort=oldest&page=2"
    data = get_json(client, q="therapy", decision="Upheld", sort="oldest", page=2)
    hit_url = data["hits"][0]["url"]
    assert f"?{search}#item-" in hit_url
    letter_page = client.get(hit_url.removeprefix("http://localhost").split("#")[0])
    html = letter_page.get_data(as_text=True)
    assert f'href="/search?{search.replace("&", "&amp;")}">‹ Back to results for “therapy”' in html
    assert "<mark>" in html  # the letter still highlights the words
    filters_only = client.get(data["hits"][0]["url"].split("?")[0] + "?treatment=opioid")
    assert 'href="/search?treatment=opioid">‹ Back to results</a>' in filters_only.get_data(
        as_text=True
    )
