"""Finding more (issue 11): "did you mean" from the index's own words, and the decision date
range filter (`from` / `to` in the URL), over the fixture index."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import quote_plus, urlencode

import pytest
from search_oracle import get_json

from imr_site.shaping import request_words


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("phisical therapy", "physical therapy"),
        ('"phisical therapy"', '"physical therapy"'),
        ("accupuncture", "acupuncture"),
        ("Phisical therapy AND decision:Upheld", "physical therapy AND decision:Upheld"),
    ],
)
def test_a_misspelled_query_offers_the_index_words_as_a_link(client, typed, suggested):
    data = get_json(client, q=typed)
    assert data["total"] == 0
    assert data["suggestion"]["text"] == suggested
    assert data["suggestion"]["url"] == "http://localhost/search?" + urlencode({"q": suggested})
    assert get_json(client, q=suggested)["total"] > 0  # the suggestion finds items
    html = unescape(client.get("/search?" + urlencode({"q": typed})).get_data(as_text=True))
    assert f'Did you mean <a href="/search?{urlencode({"q": suggested})}">{suggested}</a>?' in html


@pytest.mark.parametrize("query", ["physical therapy", "xqzvwk", "tramadole"])
def test_no_suggestion_for_words_the_index_has_or_nothing_near(client, query):
    data = get_json(client, q=query)
    assert data["suggestion"] is None
    assert "Did you mean" not in client.get("/search?" + urlencode({"q": query})).get_data(
        as_text=True
    )


def _decided(fixture_letters, start: str, end: str) -> int:
    return sum(
        len(letter.items)
        for letter in fixture_letters
        if letter.decision_date and start <= letter.decision_date <= end
    )


@pytest.mark.parametrize(
    ("given", "start", "end"),
    [
        ({"from": "2016", "to": "2017"}, "2016-01-01", "2017-12-31"),
        ({"from": "2018-03"}, "2018-03-01", "9999-12-31"),
        ({"to": "2015-06-30"}, "0000-01-01", "2015-06-30"),
    ],
)
def test_the_decision_date_range_keeps_items_decided_within_it(
    client, fixture_letters, given, start, end
):
    data = get_json(client, **given)
    assert 0 < data["total"] == _decided(fixture_letters, start, end)
    assert all(start <= hit["decision_date"] <= end for hit in data["hits"])
    years = {entry["value"] for entry in data["facets"]["year"]}
    assert years <= {str(year) for year in range(int(start[:4]), int(end[:4]) + 1)}
    response = client.get("/search?" + urlencode(given), follow_redirects=True)
    canonical = {"from": start, "to": end}
    expected = urlencode({key: value for key, value in canonical.items() if key in given})
    assert response.status_code == 200 and response.request.query_string.decode() == expected


def test_the_date_range_is_part_of_every_link_of_the_page(client):
    html = unescape(client.get("/search?q=therapy&from=2016-01-01&to=2017-12-31").get_data(
        as_text=True))
    assert "Decided: Jan 1, 2016 – Dec 31, 2017" in html
    assert 'href="/search?q=therapy">' in html  # the chip that clears it
    assert 'name="from" value="2016-01-01"' in html and 'name="to" value="2017-12-31"' in html
    assert "/search.csv?q=therapy&from=2016-01-01&to=2017-12-31" in html
    assert "/search?q=therapy&decision=Upheld&from=2016-01-01&to=2017-12-31" in html
    feed = client.get("/search.atom?q=therapy&from=2016-01-01&to=2017-12-31").get_data(as_text=True)
    assert "“therapy” in the disputed items' own text; decided 2016-01-01 to 2017-12-31" in feed


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("from=2016-13-01", "from='2016-13-01' is not a date"),
        ("to=yesterday", "to='yesterday' is not a date"),
        ("from=2017&to=2016", "ends before it starts"),
    ],
)
def test_a_bad_date_range_is_named_and_left_out(client, given, message):
    response = client.get("/search?" + given)
    assert response.status_code == 400 and message in unescape(response.get_data(as_text=True))
    assert message in client.get("/search.json?" + given).get_json()["error"]


def test_more_like_this_from_any_item_is_its_request_as_a_search_and_a_pack(client):
    hit = get_json(client, q="therapy")["hits"][0]
    page = unescape(client.get("/search?q=therapy").get_data(as_text=True))
    words = request_words(hit["request"])
    search_link = "/search?" + urlencode({"q": words})
    assert f'<a href="{search_link}">search this request</a>' in page
    found = get_json(client, q=words)["hits"]
    assert hit["item_id"] in [other["item_id"] for other in found]  # the item itself ranks
    pack_link = re.search(r'<a href="([^"]+)">precedent pack</a>', page).group(1)
    pack = client.get(pack_link)
    assert pack.status_code == 200 and "Precedent" in pack.get_data(as_text=True)
    assert f"treatment={quote_plus(hit['treatment'])}" in pack_link
    letter = unescape(client.get(hit["url"].removeprefix("http://localhost")).get_data(
        as_text=True))
    assert f'<a href="{search_link}">search this request</a>' in letter


@pytest.mark.parametrize(
    ("request_text", "words"),
    [
        ("Tramadol 50mg #60", "tramadol"),
        ("Physical therapy 8 sessions, lumbar spine", "physical therapy sessions lumbar spine"),
        ("Norco AND Soma OR x", "norco and soma"),
    ],
)
def test_request_words_are_plain_lower_case_words(request_text, words):
    assert request_words(request_text) == words
