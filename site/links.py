"""Lasting links built from the site's base URL, without Flask: what packs print, in the site
and from `imr report` alike. The paths are a public contract; the blueprints route the same
paths (tests/test_links.py checks each builder against Flask's `url_for`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol
from urllib.parse import quote

from indexer.limits import MAX_LINK_CHARS

SEARCH_PATH = "/search"
LETTERS_PATH = "/letters"
REPORT_PATH = "/report"
REPORT_PDF_PATH = "/report.pdf"
REPORT_JSON_PATH = "/report.json"
PATH_SEGMENT_SAFE = "!$&'()*+,:;=@"  # what a URL path segment keeps unescaped (as werkzeug)


class QueryState(Protocol):
    """A page's whole state: SearchParams or ReportParams."""

    def query_string(self) -> str:
        """The canonical query string of the state."""


class ReportState(QueryState, Protocol):
    """A report's state (ReportParams, a dataclass): its notes may be left out of a link."""

    notes: str


def site_url(base_url: str, path: str, query: str = "") -> str:
    """The absolute URL of a site path (and query string) under `base_url`, e.g.
    ("https://imr.example/", "/search", "q=pain") -> "https://imr.example/search?q=pain"."""
    return base_url.rstrip("/") + path + (f"?{query}" if query else "")


def search_url(base_url: str, params: QueryState) -> str:
    """The absolute URL of a search."""
    return site_url(base_url, SEARCH_PATH, params.query_string())


def report_url(base_url: str, params: QueryState, pdf: bool = False, json: bool = False) -> str:
    """The absolute URL of a precedent pack: its HTML preview, its PDF or its data (JSON)."""
    path = REPORT_PDF_PATH if pdf else REPORT_JSON_PATH if json else REPORT_PATH
    return site_url(base_url, path, params.query_string())


def report_fits_link(params: QueryState) -> bool:
    """Whether a pack's URL (path and query) fits MAX_LINK_CHARS, so it can be a GET link."""
    return len(report_url("", params, pdf=True)) <= MAX_LINK_CHARS


@dataclass(frozen=True)
class ReportLinks:
    """A pack's GET links: the whole pack's when they fit MAX_LINK_CHARS, else the pack's
    without its notes (`without_notes`), else none (a request and facts too long for a link)."""

    report_url: str | None
    pdf_url: str | None
    without_notes: bool = False
    json_url: str | None = None  # the pack as data (notes are not part of it)

    @property
    def limit(self) -> int:
        """The longest link offered, in characters of path and query."""
        return MAX_LINK_CHARS


def report_links(base_url: str, params: ReportState) -> ReportLinks:
    """The links a pack can offer for `params` (see ReportLinks)."""
    for linked in (params, replace(params, notes="")):
        if report_fits_link(linked):
            return ReportLinks(report_url(base_url, linked), report_url(base_url, linked, True),
                               without_notes=linked is not params,
                               json_url=report_url(base_url, linked, json=True))
    return ReportLinks(None, None)


def item_url(base_url: str, letter_id: str, number: int) -> str:
    """The permalink of one item: its anchor on its letter's page."""
    segment = quote(letter_id, safe=PATH_SEGMENT_SAFE)
    return site_url(base_url, f"{LETTERS_PATH}/{segment}") + f"#item-{number}"


def format_date(iso: str | None) -> str:
    """An ISO date as "Mar 3, 2016" (the input unchanged if it is not an ISO date)."""
    if not iso:
        return ""
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day:%b} {day.day}, {day.year}"


def case_label(case_number: str | None) -> str:
    """How a letter is named in citations: "Case No. CM16-0213037", or "Case number not
    stated" (a letter's internal id is never shown as if it were a case number)."""
    return f"Case No. {case_number}" if case_number else "Case number not stated"
