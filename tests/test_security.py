"""Hostile input comes out escaped; every response carries the security headers."""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

import pytest

from imr_site import create_app
from indexer.build import build_index

SCRIPT = "<script>alert('xss')</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
RAW_PAYLOADS = ("<script>alert", "<img src=x onerror")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A site over one letter whose summary and first request carry script payloads."""
    from indexer.synth import synthetic_letter

    text, truth = synthetic_letter(3, seed=5)
    request = truth.items[0].request
    summary_start = truth.summary.split()[0:3]
    assert request in text
    text = text.replace(request, f"{request} {SCRIPT} {IMAGE}")
    anchor = " ".join(summary_start)
    assert anchor in text
    text = text.replace(anchor, f"{SCRIPT} {IMAGE} {anchor}", 1)
    folder = tmp_path_factory.mktemp("hostile-letters")
    (folder / f"{truth.id}.txt").write_text(text, encoding="utf-8")
    index = tmp_path_factory.mktemp("hostile-index") / "index"
    report = build_index([folder], index, jobs=1)
    assert not report.skipped, report.skipped
    app = create_app({"TESTING": True, "INDEX_DIR": str(index)})
    return app.test_client(), truth.id


def assert_escaped(body: str) -> None:
    for raw in RAW_PAYLOADS:
        assert raw not in body
    assert re.search(r"<script(?![^>]*\bsrc=)", body) is None, "inline script"
    assert " style=" not in body and "<style" not in body, "inline style"


def test_hostile_letter_is_stored_verbatim_and_shown_escaped(hostile):
    client, letter_id = hostile
    record = client.get(f"/letters/{letter_id}.json").get_json()
    assert SCRIPT in record["summary"] and IMAGE in record["items"][0]["request"]
    for url in (f"/letters/{letter_id}", f"/letters/{letter_id}?q=alert", "/search?q=alert"):
        body = client.get(url).get_data(as_text=True)
        assert_escaped(body)
        assert "&lt;script&gt;alert(" in body
        assert "&lt;img src=x onerror=alert(1)&gt;" in body


def test_hostile_letter_in_csv_feed_and_json(hostile):
    client, _letter_id = hostile
    feed = client.get("/search.atom?q=alert").get_data(as_text=True)
    assert "<script>" not in feed and "&lt;script&gt;" in feed
    assert "<img" not in feed
    response = client.get("/search.json?q=alert")
    assert response.mimetype == "application/json"
    snippet = response.get_json()["hits"][0]["snippet"]  # data: the text as the letter has it
    assert SCRIPT in snippet["text"] and "\"><img src=x onerror=" in snippet["text"]
    marked = {snippet["text"][start:end] for start, end in snippet["highlights"]}
    assert marked == {"alert"}
    table = client.get("/search.csv?q=alert").get_data(as_text=True)
    assert SCRIPT in table  # plain text in a text/csv attachment, never HTML


@pytest.mark.parametrize("query", [SCRIPT, IMAGE, f"therapy {SCRIPT}", "request:" + IMAGE])
@pytest.mark.parametrize("path", ["/search", "/letters/X-0123456789ab", "/"])
def test_hostile_query_is_escaped(client, query, path):
    response = client.get(f"{path}?{urlencode({'q': query})}", follow_redirects=True)
    assert response.status_code in (200, 400, 404)
    body = response.get_data(as_text=True)
    assert_escaped(body)
    assert "Traceback" not in body


@pytest.mark.parametrize("query", [SCRIPT, IMAGE])
def test_hostile_query_in_the_search_form_and_twins(client, query):
    response = client.get("/search?" + urlencode({"q": query}), follow_redirects=True)
    body = response.get_data(as_text=True)
    assert "&lt;" in body or "&#34;&gt;" in body  # the query is echoed, escaped
    data = client.get("/search.json?" + urlencode({"q": query}))
    assert data.status_code in (200, 400)
    assert data.mimetype == "application/json"


def test_hostile_facet_value_is_escaped(client):
    response = client.get("/search?treatment=" + quote(IMAGE), follow_redirects=True)
    body = response.get_data(as_text=True)
    assert_escaped(body)
    assert "&#34;&gt;&lt;img" in body  # echoed as a selected value at count 0


@pytest.mark.parametrize(
    "url",
    ["/", "/about", "/search?q=therapy", "/search.json", "/search.csv", "/search.atom",
     "/letters/CM99-9999999", "/nowhere", "/static/site.css"],
)  # fmt: skip
def test_security_headers_and_no_cookies(client, url):
    response = client.get(url)
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Set-Cookie" not in response.headers
