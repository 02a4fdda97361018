"""Lasting links built without Flask: the same URLs as the site's own routes give."""

from __future__ import annotations

import pytest
from flask import url_for

from imr_site import create_app
from imr_site.links import format_date, item_url, report_url, search_url, site_url
from imr_site.params import SearchParams
from imr_site.reports.params import ReportParams

SEARCH = SearchParams(q='"physical therapy" neck', filters={"decision": ("Upheld",)}, page=2)
REPORT = ReportParams(request="12 sessions of physical therapy", n=5, paper="letter")
# where a site may be served: the root of a host, or under a path prefix
BASE_URLS = ["http://localhost/", "https://imr.example:8443/precedents/"]


@pytest.fixture(scope="module")
def bare_app(tmp_path_factory):
    """The site; building links needs no index."""
    return create_app({"TESTING": True, "INDEX_DIR": str(tmp_path_factory.mktemp("no-index")),
                       "TRUSTED_HOSTS": ["localhost", "imr.example"]})


def routed(endpoint: str, query: str = "", **values) -> str:
    """The absolute URL Flask's router builds for an endpoint, with a query string."""
    url = url_for(endpoint, _external=True, **values)
    return f"{url}?{query}" if query else url


@pytest.mark.parametrize("base_url", BASE_URLS)
def test_search_and_report_links_are_the_routes_urls(bare_app, base_url):
    with bare_app.test_request_context(base_url=base_url):
        assert search_url(base_url, SEARCH) == routed("search.search_page", SEARCH.query_string())
        assert search_url(base_url, SearchParams()) == routed("search.search_page")
        assert report_url(base_url, REPORT) == routed("reports.report_preview",
                                                       REPORT.query_string())
        assert report_url(base_url, REPORT, pdf=True) == routed("reports.report_pdf",
                                                                 REPORT.query_string())
        assert report_url(base_url, REPORT, json=True) == routed("reports.report_json",
                                                                  REPORT.query_string())


@pytest.mark.parametrize("letter_id", ["CM17-0020728", "SY18-0000002", "letter 7 (copy)",
                                       "café#2?x=1", "a&b;c@d"])
@pytest.mark.parametrize("base_url", BASE_URLS)
def test_item_permalinks_are_the_letter_routes_urls(bare_app, base_url, letter_id):
    with bare_app.test_request_context(base_url=base_url):
        expected = routed("letters.letter_page", letter_id=letter_id) + "#item-3"
    assert item_url(base_url, letter_id, 3) == expected


def test_permalinks_open_the_letter_page(client, fixture_letters):
    letter = fixture_letters[0]
    permalink = item_url("http://localhost/", letter.id, letter.items[0].number)
    page = client.get(permalink.split("#")[0])
    assert page.status_code == 200
    assert f'id="item-{letter.items[0].number}"' in page.get_data(as_text=True)


@pytest.mark.parametrize("base_url, path, query, url", [
    ("https://imr.example", "/search", "", "https://imr.example/search"),
    ("https://imr.example/", "/search", "q=pain", "https://imr.example/search?q=pain"),
    ("https://imr.example/imr/", "/report", "n=3", "https://imr.example/imr/report?n=3"),
])
def test_site_url_joins_base_path_and_query(base_url, path, query, url):
    assert site_url(base_url, path, query) == url


@pytest.mark.parametrize("iso, shown", [
    ("2016-03-03", "Mar 3, 2016"),
    ("2016-11-22T10:00:00", "Nov 22, 2016"),
    ("not a date", "not a date"),
    (None, ""),
])
def test_format_date(iso, shown):
    assert format_date(iso) == shown
