"""The renderers of one SearchResult: the JSON document's shape, CSV, Atom, and the same snippets
and facet labels in each of them and on the HTML page."""

from __future__ import annotations

import csv
import html
import io
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest
from markupsafe import escape
from search_oracle import common_values, get_json, item_facets, matching

from indexer.vocab.facets import FACET_NAMES, FACETS, FACETS_BY_NAME


@pytest.fixture
def client(engine_client):
    """Every test here runs on the index of each engine (tests/conftest.py ENGINES)."""
    return engine_client


ATOM = "{http://www.w3.org/2005/Atom}"
# The CSV's readable headers (issue 11) and the JSON hit key each one holds.
CSV_HEADERS = {
    "Item ID": "item_id", "Letter ID": "letter_id", "Case number": "case_number",
    "Item number": "number", "Decision date": "decision_date",
    **{facet.label: facet.name for facet in FACETS},
    "Sessions requested": None, "Request": "request",
    "Rationale excerpt": None, "Link": "url",
}  # fmt: skip


@pytest.fixture(scope="module")
def rows(fixture_letters):
    return item_facets(fixture_letters)


def snippet_html(snippet: dict) -> str:
    """The HTML a JSON snippet stands for: escaped text, highlighted words in <mark>."""
    text, parts, index = snippet["text"], [], 0
    for start, end in snippet["highlights"]:
        parts += [escape(text[index:start]), "<mark>", escape(text[start:end]), "</mark>"]
        index = end
    parts.append(escape(text[index:]))
    return "".join(str(part) for part in parts)


def csv_table(client, query_string: str) -> tuple[dict, list[str], list[dict]]:
    """The CSV of a search: (headers, column names, rows)."""
    response = client.get("/search.csv?" + query_string)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    reader = csv.DictReader(io.StringIO(response.get_data(as_text=True)))
    return response.headers, list(reader.fieldnames), list(reader)


def test_json_keys_are_those_issue_4_lists(client):
    data = get_json(client, q="therapy", decision="Upheld")
    assert {"total", "hits", "facets", "stats", "canonical_url", "corpus_version"} <= set(data)
    hit_keys = {"item_id", "letter_id", "case_number", "decision", "treatment", "guideline",
                "specialty", "request", "snippet", "url", *FACET_NAMES}  # fmt: skip
    assert data["hits"] and all(hit_keys <= set(hit) for hit in data["hits"])
    facet_names = ("decision", "treatment", "guideline", "specialty", "body_part", "year", "sex",
                   "age_band", "licensure")  # fmt: skip
    assert set(facet_names) <= set(data["facets"])
    for entries in data["facets"].values():
        assert all({"value", "count", "selected", "url"} <= set(entry) for entry in entries)
    assert set(data["stats"]) == {"upheld", "overturned", "overturn_rate", "counted"}
    assert data["canonical_url"] == "http://localhost/search?q=therapy&decision=Upheld"
    assert data["hits"][0]["url"].startswith("http://localhost/letters/")


def test_json_snippets_are_text_with_highlight_spans(client):
    marked = []
    for hit in get_json(client, q="therapy")["hits"]:
        snippet = hit["snippet"]
        assert set(snippet) == {"text", "highlights"} and "<mark>" not in snippet["text"]
        marked += [snippet["text"][start:end].lower() for start, end in snippet["highlights"]]
    assert marked and all(word.startswith("therap") for word in marked), marked
    unmarked = get_json(client)["hits"][0]["snippet"]
    assert unmarked["text"] and unmarked["highlights"] == []


def test_html_snippets_render_the_json_highlights(client):
    query = {"q": "pain OR therapy", "sort": "newest"}
    page = client.get("/search?" + urlencode(query)).get_data(as_text=True)
    shown = re.findall(r'<p class="snippet">(.*?)</p>', page, re.DOTALL)
    hits = get_json(client, **query)["hits"]
    assert len(shown) == len(hits) > 1
    assert shown == [snippet_html(hit["snippet"]) for hit in hits]


def test_facet_labels_come_from_the_facet_declarations(client):
    data = get_json(client, sex="female")
    for name, entries in data["facets"].items():
        facet = FACETS_BY_NAME[name]
        assert all(entry["label"] == facet.label_of(entry["value"]) for entry in entries)
    labels = {entry["value"]: entry["label"] for entry in data["facets"]["synthetic"]}
    assert labels == {"yes": "Synthetic letters"}
    assert {entry["label"] for entry in data["facets"]["sex"] if entry["selected"]} == {"Female"}
    page = client.get("/search?sex=female").get_data(as_text=True)
    headings = re.findall(r'<h2 id="facet-(\w+)">([^<]+)</h2>', page)
    assert [(name, html.unescape(label)) for name, label in headings] == [
        (facet.name, facet.label) for facet in FACETS
    ]
    assert "Sex: Female" in page  # the active filter chip


def test_facet_urls_toggle_canonically(client):
    data = get_json(client, decision="Upheld")
    urls = {entry["value"]: entry["url"] for entry in data["facets"]["decision"]}
    assert urls["Upheld"] == "http://localhost/search"
    assert urls["Overturned"] == "http://localhost/search?decision=Overturned&decision=Upheld"


def test_csv_holds_the_whole_result_set(client, rows):
    two_treatments = common_values(rows, "treatment", 2)
    headers, _columns, table = csv_table(client, urlencode({"treatment": two_treatments}, True))
    expected = matching(rows, {"treatment": two_treatments})
    assert headers["X-Result-Limit"] == "5000"
    assert len(table) == len(expected) == int(headers["X-Total-Count"])
    assert {row["Item ID"] for row in table} == {row["item_id"] for row in expected}
    assert {row["Treatment"] for row in table} == set(two_treatments)


def test_csv_has_readable_headers_and_a_column_per_facet_matching_the_json(client):
    _headers, columns, table = csv_table(client, "q=therapy")
    assert columns == list(CSV_HEADERS)
    hits = get_json(client, q="therapy")["hits"]
    assert len(table) > len(hits) > 0
    for row, hit in zip(table, hits, strict=False):
        for header, key in CSV_HEADERS.items():
            if key in (None, "synthetic"):
                continue
            value = hit[key]
            cell = "; ".join(value) if isinstance(value, list) else str(value or "")
            assert row[header] == cell, (header, row[header], cell)
        assert row["Synthetic"] == ("yes" if hit["synthetic"] else "no")


def test_csv_rows_carry_item_number_sessions_drug_licensure_and_rationale(client, fixture_letters):
    _headers, _columns, table = csv_table(client, "q=sessions")
    items = {f"{letter.id}-{item.number}": (letter, item)
             for letter in fixture_letters for item in letter.items}  # fmt: skip
    assert table and any(row["Sessions requested"] for row in table)
    for row in table:
        letter, item = items[row["Item ID"]]
        assert row["Item number"] == str(item.number)
        assert row["Sessions requested"] == str(item.sessions or "")
        drugs = row["Drug (generic)"]
        ingredients = set(item.drug.split("/")) if item.drug else set()
        assert set(drugs.split("; ") if drugs else ()) == ingredients
        assert row["Reviewer licensure"] == "; ".join(letter.reviewer.licensure)
        excerpt = row["Rationale excerpt"].removesuffix(" …")
        assert excerpt and (item.rationale or item.request).startswith(excerpt)
        assert row["Decision date"] == (letter.decision_date or "")  # never another date


@pytest.mark.parametrize(
    ("query_string", "filename"),
    [
        ("", "imr-all-items.csv"),
        ("q=physical+therapy&decision=Overturned", "imr-physical-therapy-decision-overturned.csv"),
        ('q="functional+improvement"&year=2016', "imr-functional-improvement-year-2016.csv"),
    ],
)
def test_csv_file_is_named_after_its_search(client, query_string, filename):
    response = client.get("/search.csv?" + query_string)
    assert response.headers["Content-Disposition"] == f'attachment; filename="{filename}"'


def test_atom_feed_lists_newest_items(client, rows):
    response = client.get("/search.atom?decision=Overturned")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    entries = feed.findall(f"{ATOM}entry")
    overturned = len(matching(rows, {"decision": ("Overturned",)}))
    assert len(entries) == min(overturned, 50) > 0
    updated = [entry.findtext(f"{ATOM}updated") for entry in entries]
    dated = [time for time in updated if time.endswith("T00:00:00Z")]  # decision dates
    assert dated == sorted(dated, reverse=True) == updated[: len(dated)]
    assert all(entry.find(f"{ATOM}link").get("href").startswith("http://") for entry in entries)
    assert feed.find(f"{ATOM}link[@rel='self']").get("href").endswith("decision=Overturned")


def test_atom_summaries_end_with_the_plain_snippet(client):
    feed = ET.fromstring(client.get("/search.atom?q=therapy").data)
    summaries = [entry.findtext(f"{ATOM}summary") for entry in feed.findall(f"{ATOM}entry")]
    hits = get_json(client, q="therapy", sort="newest")["hits"]
    assert len(summaries) >= len(hits) > 0
    for summary, hit in zip(summaries, hits, strict=False):
        assert summary.endswith(". " + hit["snippet"]["text"]) and "<mark>" not in summary
