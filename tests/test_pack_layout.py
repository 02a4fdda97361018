"""The pack PDF's pages read back by position: running headers, contents lines, no stranded
headings, paper sizes (a pack a lawyer can attach as is)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from pdf_layout import Page, contents_entries, read_pages

from imr_site import STATIC_FOLDER
from imr_site.reports.pack import Pack, build_pack, pack_html
from imr_site.reports.params import parse_report_params
from imr_site.reports.render import PdfRenderer
from indexer.engine import Corpus

PT_REQUEST = "12 sessions of physical therapy for the cervical spine"
PRECEDENTS = 16
NOTES = "## Our argument\n\n" + "The claimant shows measurable gains after each visit. " * 12
ARGS = {"request": PT_REQUEST, "n": str(PRECEDENTS), "notes": NOTES}
TOC_REQUEST_CHARS = 100  # pack.html's `toc_request_chars`
# Invented requests (no letter text) longer than the contents line shows
LONG_REQUESTS = [
    "Retrospective request for twelve sessions of aquatic therapy, two times a week for six "
    "weeks, for the lumbar spine, the left shoulder and the right knee after a fall at work",
    "Purchase of a cold therapy unit with a cervical wrap, a lumbar wrap and replacement pads, "
    "for home use after surgery",
    "Ketoprofen 10%/Cyclobenzaprine 3%/Lidocaine5%/Gabapentin6%/Flurbiprofen20%/Baclofen2%/"
    "Camphor2%/Menthol2% compound cream",
]
PART_HEADINGS = {"GUIDELINE RELIED ON BY THE REVIEWER",
                 "GUIDELINE CITED BY THE CLAIMS ADMINISTRATOR", "CLINICAL CASE SUMMARY (EXCERPT)",
                 "DECISION RATIONALE"}
SUMMARY_HEADINGS = {"Summary of precedents", "Guideline sources cited by the reviewers",
                    "Recurring reasons in the rationales", "Notes", "Our argument", "Precedents",
                    "Items Upheld Overturned Overturn rate",  # table heads: rows follow them
                    "Source Precedents Pages and sections cited", "Reason Precedents"}
# A print style that lets a page break after any heading: what the pack's own style prevents
LOOSE_BREAKS = ("@media print { h1, h2, h3, h4, h5, h6, .precedent header, .precedent-request {"
                " break-after: auto !important; break-inside: auto !important } }")
DECISION_BADGE = re.compile(r"(UPHELD|OVERTURNED)( SYNTHETIC LETTER · NOT A REAL DETERMINATION)?")


@pytest.fixture(scope="module")
def pack(index_dir) -> Pack:
    """The pack /report.pdf renders for ARGS (the same function builds both)."""
    return build_pack(Corpus.open(index_dir), parse_report_params(ARGS), "http://localhost/",
                      date.today())


@pytest.fixture(scope="module")
def pages(index_dir) -> list[Page]:
    """The pack of ARGS from /report.pdf, read back page by page."""
    from imr_site import create_app

    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client()
    response = client.get("/report.pdf", query_string=ARGS)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return read_pages(response.data)


@pytest.fixture(scope="module")
def long_request_pack(pack) -> Pack:
    """The pack with some precedents' requests too long for a contents line, on A4."""
    precedents = [replace(precedent, request=LONG_REQUESTS[precedent.rank % 3])
                  if precedent.rank % 2 else precedent for precedent in pack.precedents]
    return replace(pack, precedents=precedents, params=replace(pack.params, paper="a4"))


@pytest.fixture(scope="module")
def long_request_pages(long_request_pack) -> list[Page]:
    """That pack rendered as the site renders packs, read back."""
    renderer = PdfRenderer(STATIC_FOLDER)
    return read_pages(renderer.render(pack_html(long_request_pack), "a4"))


def heading(precedent) -> str:
    """A precedent's heading line, as the body shows it."""
    return f"{precedent.case_number} · Item {precedent.number}"


def sections(pack: Pack) -> list[tuple[str, str]]:
    """(heading line in the body, what the running header says) of each part after the cover,
    in document order."""
    parts = [("Contents", "Contents"), ("Summary of precedents", "Summary of precedents")]
    if pack.notes_html:
        parts.append(("Notes", "Notes"))
    return parts + [(heading(p), f"Precedent {p.rank} · {heading(p)}") for p in pack.precedents]


@pytest.mark.parametrize("which", ["pages", "long_request_pages"])
def test_running_header_names_the_part_that_starts_or_continues_on_each_page(
        request, which, pack):
    """A page names the first precedent (or section) whose heading is on it, else the one
    continuing from the page before; never the previous precedent when a new one starts."""
    pages = request.getfixturevalue(which)
    parts = dict(sections(pack))
    assert pages[0].header == "", "the cover has no running header"
    carried, seen, shared = "", [], 0
    for page in pages[1:]:
        starting = [parts[line] for line in page.lines if line in parts]
        expected = starting[0] if starting else carried
        assert page.header.endswith(expected), (page.number, page.header, expected)
        # where one precedent ends and the next starts: the header once named the first
        shared += bool(starting) and carried.startswith("Precedent ") and (
            parts.get(page.lines[1]) != starting[0])
        carried = starting[-1] if starting else carried
        seen += starting
    assert seen == list(parts.values()), "every section and precedent heading is found once"
    assert shared, "the pack has a page where a precedent ends and the next one starts"


def stranded_headings(pages: list[Page], pack: Pack) -> list[tuple[int, str]]:
    """(page number, line) of each page after the cover whose last body line is a heading."""
    precedent_lines = {heading(p) for p in pack.precedents} | {
        f"PRECEDENT {p.rank} OF {len(pack.precedents)}" for p in pack.precedents}
    headings = SUMMARY_HEADINGS | PART_HEADINGS | precedent_lines | {"Contents"}
    return [(page.number, page.lines[-1]) for page in pages[1:]
            if page.lines[-1] in headings or DECISION_BADGE.fullmatch(page.lines[-1])]


@pytest.mark.parametrize("which", ["pages", "long_request_pages"])
def test_no_page_ends_with_a_heading(request, which, pack):
    """The last body line of a page is never a section, precedent or part heading."""
    assert stranded_headings(request.getfixturevalue(which), pack) == []


def test_the_heading_check_finds_headings_a_looser_layout_strands(pack):
    """The same pack, its headings allowed to end a page, fails the check above."""
    html = pack_html(pack).replace("</head>", f"<style>{LOOSE_BREAKS}</style></head>")
    pages = read_pages(PdfRenderer(STATIC_FOLDER).render(html, pack.params.paper))
    assert stranded_headings(pages, pack)


def test_contents_lines_hold_request_body_parts_decision_and_page(pack, pages):
    entries = contents_entries(pages)
    assert sorted(entries) == [p.rank for p in pack.precedents]
    starts = {line: page.number for page in pages[2:] for line in page.lines}
    for precedent in pack.precedents:
        entry = entries[precedent.rank]
        assert entry.startswith(f"{heading(precedent)} — {precedent.request}"), entry
        if precedent.body_parts:
            assert f"({', '.join(precedent.body_parts)}) —" in entry, entry
        assert f"— {precedent.decision.upper()}" in entry, entry
        assert re.search(rf"(?:\. )+\.? ?{starts[heading(precedent)]}$", entry), entry
    assert any(precedent.body_parts for precedent in pack.precedents)


def test_long_requests_are_shortened_at_a_word_with_an_ellipsis(long_request_pack,
                                                                 long_request_pages):
    entries = contents_entries(long_request_pages)
    shortened = 0
    for precedent in long_request_pack.precedents:
        shown = entries[precedent.rank].removeprefix(f"{heading(precedent)} — ")
        if len(precedent.request) <= TOC_REQUEST_CHARS:
            assert shown.startswith(precedent.request), shown
            continue
        kept, ellipsis, _ = shown.partition(" …")
        assert ellipsis, f"a shortened request ends with an ellipsis: {shown}"
        assert precedent.request.startswith(kept) and len(kept) <= TOC_REQUEST_CHARS, shown
        assert len(kept) > TOC_REQUEST_CHARS * 0.6, "shortened sensibly, not to a stub"
        boundary = precedent.request[len(kept)]
        assert boundary in " ,;:.-/" or not kept.count(" "), f"cut mid-word: {shown}"
        shortened += 1
    assert shortened >= 3


@pytest.mark.parametrize("pages_of, size", [("pages", (612, 792)),
                                            ("long_request_pages", (595, 842))])
def test_paper_is_us_letter_by_default_and_a4_when_asked(request, pages_of, size):
    pages = request.getfixturevalue(pages_of)
    assert {(round(page.width), round(page.height)) for page in pages} == {size}


def test_the_form_offers_us_letter_first_and_selected(client):
    html = client.get("/reports/new").get_data(as_text=True)
    options = re.findall(r'<option value="(letter|a4)"( selected)?>', html)
    assert options == [("letter", " selected"), ("a4", "")]
