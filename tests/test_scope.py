"""Where plain words are looked for: an item's own text by default, the whole letter (case
summary and documents reviewed) when asked; counts and statistics checked against the records."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import urlencode

import pytest
from search_oracle import get_json


@pytest.fixture
def client(engine_client):
    """Every test here runs on the index of each engine (tests/conftest.py ENGINES)."""
    return engine_client


# Words the fixture letters' summaries mention far more often than their items request them.
WORDS = ("mri", "norco", "acupuncture", "chiropractic")


def _words(*texts: str | None) -> set[str]:
    return {word for text in texts for word in re.findall(r"\w+", (text or "").lower())}


def own_text(item) -> set[str]:
    """The words of an item's own text: request, rationale and both guideline texts."""
    guidelines = item.guidelines
    return _words(item.request, item.rationale, guidelines.claims_administrator, guidelines.maximus)


def letter_text(letter) -> set[str]:
    """The words only a letter holds: its case summary and the documents reviewed."""
    return _words(letter.summary, *letter.documents_reviewed)


def expected(letters, word: str, whole_letter: bool) -> dict:
    """The items holding the word (own text, or the whole letter) and their outcomes."""
    items = [
        (letter, item)
        for letter in letters
        for item in letter.items
        if word in own_text(item) or (whole_letter and word in letter_text(letter))
    ]
    return {
        "ids": {f"{letter.id}-{item.number}" for letter, item in items},
        "upheld": sum(item.decision == "Upheld" for _, item in items),
        "overturned": sum(item.decision == "Overturned" for _, item in items),
    }


def served(client, **params) -> dict:
    """The items the CSV lists and the JSON document's statistics, for the parameters."""
    data = get_json(client, **params)
    rows = csv.DictReader(io.StringIO(client.get("/search.csv?" + urlencode(params)).text))
    return {
        "ids": {row["Item ID"] for row in rows},
        "upheld": data["stats"]["upheld"],
        "overturned": data["stats"]["overturned"],
        "data": data,
    }


@pytest.mark.parametrize("word", WORDS)
def test_a_plain_word_counts_only_items_whose_own_text_holds_it(client, fixture_letters, word):
    own, whole = expected(fixture_letters, word, False), expected(fixture_letters, word, True)
    assert len(whole["ids"]) > len(own["ids"]) > 0, "the fixture should mention it in summaries"
    found = served(client, q=word)
    assert {key: found[key] for key in own} == own
    assert found["data"]["scope"] == "items"
    assert "own text" in found["data"]["stats"]["counted"]


@pytest.mark.parametrize("word", WORDS)
def test_the_whole_letter_choice_brings_back_summary_matches(client, fixture_letters, word):
    whole = expected(fixture_letters, word, True)
    found = served(client, q=word, scope="letter")
    assert {key: found[key] for key in whole} == whole
    assert found["data"]["scope"] == "letter"
    assert found["data"]["canonical_url"].endswith(f"/search?q={word}&scope=letter")


def test_summary_field_searches_summaries_whatever_the_scope(client, fixture_letters):
    wanted = {
        f"{letter.id}-{item.number}"
        for letter in fixture_letters
        if "acupuncture" in _words(letter.summary)
        for item in letter.items
    }
    assert served(client, q="summary:acupuncture")["ids"] == wanted


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        ("q=mri", "q=mri"),
        ("q=mri&scope=items", "q=mri"),
        ("scope=letter&q=mri", "q=mri&scope=letter"),
        ("q=mri&scope=letter&decision=Upheld", "q=mri&scope=letter&decision=Upheld"),
    ],
)
def test_scope_is_part_of_the_canonical_url(client, query, canonical):
    response = client.get(f"/search?{query}")
    if query == canonical:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response.headers["Location"].endswith(f"/search?{canonical}")


def test_an_unknown_scope_is_explained(client):
    response = client.get("/search?q=mri&scope=everything")
    assert response.status_code == 400
    assert "scope=&#39;everything&#39; is not a scope" in response.get_data(as_text=True)
    assert client.get("/search.json?q=mri&scope=everything").status_code == 400


def test_the_page_says_where_it_searched_and_what_the_statistics_count(client, fixture_letters):
    own = expected(fixture_letters, "mri", False)
    page = client.get("/search?q=mri").get_data(as_text=True)
    assert "Searching the disputed items&#39; own text" in page
    assert 'href="/search?q=mri&amp;scope=letter"' in page
    assert f"Counted: the {len(own['ids'])} disputed items whose own text" in page
    assert 'name="scope" value="letter"\n    >' in page, "the whole-letter box is unticked"
    whole_page = client.get("/search?q=mri&scope=letter").get_data(as_text=True)
    assert "Searching whole letters (case summaries included)" in whole_page
    assert 'value="letter"\n    checked>' in whole_page


def test_csv_and_atom_follow_the_scope(client, fixture_letters):
    whole = expected(fixture_letters, "chiropractic", True)
    text = client.get("/search.csv?q=chiropractic&scope=letter").get_data(as_text=True)
    assert {row["Item ID"] for row in csv.DictReader(io.StringIO(text))} == whole["ids"]
    feed = client.get("/search.atom?q=chiropractic&scope=letter").get_data(as_text=True)
    assert "q=chiropractic&amp;scope=letter" in feed
    assert "“chiropractic” in whole letters (case summaries included)" in feed
