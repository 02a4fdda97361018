"""The pack PDF's pages read back by position: running headers, contents lines, no stranded
headings, paper sizes (a pack a lawyer can attach as is)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from pdf_layout import Page, contents_entries, read_pages

from imr_site import STATIC_FOLDER, create_app
from imr_site.reports.pack import Pack, build_pack, pack_html
from imr_site.reports.params import parse_report_params
from imr_site.reports.render import PdfRenderer
from indexer.engine import Corpus

PT_REQUEST = "12 sessions of physical therapy for the cervical spine"
PRECEDENTS = 16
NOTES = "## Our argument\n\n" + "The claimant shows measurable gains after each visit. " * 12
ARGS = {"request": PT_REQUEST, "n": str(PRECEDENTS), "notes": NOTES}
TOC_REQUEST_CHARS = 100  # pack.html's `toc_request_chars`
# Invented requests (no letter text) longer than a contents line shows
LONG_REQUESTS = [
    "Retrospective request for twelve sessions of aquatic therapy, two times a week for six "
    "weeks, for the lumbar spine, the left shoulder and the right knee after a fall at work",
    "Purchase of a cold therapy unit with a cervical wrap, a lumbar wrap and replacement pads, "
    "for home use after surgery",
    "Ketoprofen 10%/Cyclobenzaprine 3%/Lidocaine5%/Gabapentin6%/Flurbiprofen20%/Baclofen2%/"
    "Camphor2%/Menthol2% compound cream",
]
# (request, paper) of packs over the real letters: opioids, imaging, therapy of several
# body parts
REAL_REQUESTS = [("Norco 10/325mg #90 for lumbar spine pain", "letter"),
                 ("MRI of the right hand", "letter"),
                 ("12 PT sessions for shoulder, wrist, hand", "a4")]
PART_HEADINGS = {"GUIDELINE RELIED ON BY THE REVIEWER",
                 "GUIDELINE CITED BY THE CLAIMS ADMINISTRATOR", "CLINICAL CASE SUMMARY (EXCERPT)",
                 "DECISION RATIONALE"}
SUMMARY_HEADINGS = {"Summary of precedents", "Guideline sources cited by the reviewers",
                    "Recurring reasons in the rationales", "Notes", "Our argument", "Precedents",
                    "Items Upheld Overturned Overturn rate",  # table heads: rows follow them
                    "Source Precedents Pages and sections cited", "Reason Precedents"}
DECISION_BADGE = re.compile(r"(UPHELD|OVERTURNED)( SYNTHETIC LETTER · NOT A REAL DETERMINATION)?")
# A print style that lets a page break after any heading: what the pack's own style prevents
LOOSE_BREAKS = ("@media print { h1, h2, h3, h4, h5, h6, .precedent header, .precedent-request {"
                " break-after: auto !important; break-inside: auto !important } }")


def pack_of(index_dir, args: dict[str, str]) -> Pack:
    """The pack /report.pdf renders for `args` (the route calls the same function)."""
    return build_pack(Corpus.open(index_dir), parse_report_params(args), "http://localhost/",
                      date.today())


def rendered(pack: Pack, html: str | None = None) -> list[Page]:
    """The pack (or other HTML on its paper) rendered as the site renders packs, read back."""
    return read_pages(PdfRenderer(STATIC_FOLDER).render(html or pack_html(pack),
                                                        pack.params.paper))


@pytest.fixture(scope="module")
def pack(engine_index_dir) -> Pack:
    return pack_of(engine_index_dir, ARGS)


@pytest.fixture(scope="module")
def pages(engine_index_dir) -> list[Page]:
    """The pack of ARGS from /report.pdf, read back page by page."""
    client = create_app({"TESTING": True, "INDEX_DIR": str(engine_index_dir)}).test_client()
    response = client.get("/report.pdf", query_string=ARGS)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return read_pages(response.data)


@pytest.fixture(scope="module")
def long_request_pack(pack) -> Pack:
    """The pack with half its precedents' requests too long for a contents line, on A4."""
    precedents = [replace(precedent, request=LONG_REQUESTS[precedent.rank % 3])
                  if precedent.rank % 2 else precedent for precedent in pack.precedents]
    return replace(pack, precedents=precedents, params=replace(pack.params, paper="a4"))


@pytest.fixture(scope="module")
def long_request_pages(long_request_pack) -> list[Page]:
    return rendered(long_request_pack)


def heading(precedent) -> str:
    """A precedent's heading line, as the body shows it."""
    return f"{precedent.case_number} · Item {precedent.number}"


def label(precedent) -> str:
    """What the running header says of a precedent."""
    return f"Precedent {precedent.rank} · {heading(precedent)}"


def parts_of(pack: Pack) -> list[tuple[str, str]]:
    """(heading line in the body, what the running header says) of each part after the cover,
    in document order."""
    parts = [("Contents", "Contents"), ("Summary of precedents", "Summary of precedents")]
    if pack.notes_html:
        parts.append(("Notes", "Notes"))
    return parts + [(heading(p), label(p)) for p in pack.precedents]


def starts_by_page(pages: list[Page], pack: Pack) -> list[list[str]]:
    """For each page, the header labels of the parts whose headings are on it, in order (the
    headings are looked for in document order: two letters may share a heading)."""
    parts = parts_of(pack)
    found, starts = 0, []
    for page in pages:
        starts.append([])
        for line in page.lines:
            if found < len(parts) and line == parts[found][0] and page.number > 1:
                starts[-1].append(parts[found][1])
                found += 1
    assert found == len(parts), f"heading not found: {parts[found:][:1]}"
    return starts


def header_problems(pages: list[Page], pack: Pack) -> list[tuple[int, str, str]]:
    """(page, header, expected) of each page whose running header does not name the first part
    whose heading is on the page, or when none is, the part continuing from the page before."""
    problems = [(1, pages[0].header, "")] if pages[0].header else []  # the cover has none
    carried = ""
    for page, starting in list(zip(pages, starts_by_page(pages, pack), strict=True))[1:]:
        expected = starting[0] if starting else carried
        if not page.header.endswith(expected):
            problems.append((page.number, page.header, expected))
        carried = starting[-1] if starting else carried
    return problems


def pages_shared_by_two_precedents(pages: list[Page], pack: Pack) -> list[int]:
    """Pages where a precedent continues at the top and another one starts below it."""
    headings = {heading(p) for p in pack.precedents}
    return [page.number for page in pages if headings & set(page.lines[2:])
            and not headings & set(page.lines[:2]) and "Precedents" not in page.lines]


def stranded_headings(pages: list[Page], pack: Pack) -> list[tuple[int, str]]:
    """(page, line) of each page after the cover whose last body line is a heading."""
    precedent_lines = {heading(p) for p in pack.precedents} | {
        f"PRECEDENT {p.rank} OF {len(pack.precedents)}" for p in pack.precedents}
    headings = SUMMARY_HEADINGS | PART_HEADINGS | precedent_lines | {"Contents"}
    return [(page.number, page.lines[-1]) for page in pages[1:]
            if page.lines[-1] in headings or DECISION_BADGE.fullmatch(page.lines[-1])]


def contents_problems(pages: list[Page], pack: Pack) -> list[str]:
    """Contents lines that lack their precedent's request (whole, or cut at a word with an
    ellipsis), body parts, decision or the page its heading is on."""
    entries = contents_entries(pages)
    assert sorted(entries) == [p.rank for p in pack.precedents]
    starting_page = {label: page.number for page, starting in
                     zip(pages, starts_by_page(pages, pack), strict=True) for label in starting}
    problems = []
    for precedent in pack.precedents:
        entry = entries[precedent.rank]
        shown = entry.removeprefix(f"{heading(precedent)} — ")
        source = ", from the letter" if precedent.body_part_source == "letter" else ""
        body_parts = f" ({', '.join(precedent.body_parts)}{source})" if precedent.body_parts else ""
        context = "" if precedent.close else " CONTEXT"  # padding, outside the statistics
        tail = re.compile(re.escape(f"{body_parts} — {precedent.decision.upper()}{context}")
                          + rf"(?: SYNTHETIC)? ?(?:\. ?)+{starting_page[label(precedent)]}$")
        if not (shown.startswith(precedent.request) or shortened_well(shown, precedent.request)):
            problems.append(f"request: {entry}")
        if not tail.search(entry):
            problems.append(f"body parts, decision or page: {entry}")
    return problems


def shortened_well(shown: str, request: str) -> bool:
    """Whether `shown` starts with most of `request`, cut at a word (or within an unspaced run
    of words) and followed by an ellipsis."""
    kept, ellipsis, _ = shown.partition(" …")
    return bool(ellipsis) and request.startswith(kept) and (
        TOC_REQUEST_CHARS * 0.6 < len(kept) <= TOC_REQUEST_CHARS) and (
        request[len(kept)] in " ,;:.-/" or " " not in kept[-30:])


@pytest.mark.parametrize("which", ["pages", "long_request_pages"])
def test_running_header_names_the_part_that_starts_or_continues_on_each_page(
        request, which, pack):
    """A page names the first precedent (or section) whose heading is on it, else the one
    continuing from the page before; never the previous precedent when a new one starts."""
    pages = request.getfixturevalue(which)
    assert header_problems(pages, pack) == []
    assert pages_shared_by_two_precedents(pages, pack), "the case the header once got wrong"


@pytest.mark.parametrize("which", ["pages", "long_request_pages"])
def test_no_page_ends_with_a_heading(request, which, pack):
    """The last body line of a page is never a section, precedent or part heading."""
    assert stranded_headings(request.getfixturevalue(which), pack) == []


def test_the_heading_check_finds_headings_a_looser_layout_strands(pack):
    """The same pack, its headings allowed to end a page, fails the check above."""
    html = pack_html(pack).replace("</head>", f"<style>{LOOSE_BREAKS}</style></head>")
    assert stranded_headings(rendered(pack, html), pack)


def test_contents_lines_hold_request_body_parts_decision_and_page(pack, pages):
    assert contents_problems(pages, pack) == []
    assert any(precedent.body_parts for precedent in pack.precedents)


def test_long_requests_are_shortened_at_a_word_with_an_ellipsis(long_request_pack,
                                                                 long_request_pages):
    assert contents_problems(long_request_pages, long_request_pack) == []
    entries = contents_entries(long_request_pages)
    shortened = [entry for entry in entries.values() if " … (" in entry or " … —" in entry]
    assert len(shortened) == sum(len(p.request) > TOC_REQUEST_CHARS
                                 for p in long_request_pack.precedents) == 8


def test_a_pack_without_precedents_names_its_sections(pack):
    pages = rendered(replace(pack, precedents=[], notes_html=""))
    assert [page.header.removeprefix(pack.title).strip() for page in pages] == [
        "", "Contents", "Summary of precedents", "Precedents"]


@pytest.mark.parametrize("request_text, paper", REAL_REQUESTS)
def test_packs_of_real_letters_keep_the_layout_rules(real_engine_index_dir, request_text,
                                                    paper):
    pack = pack_of(real_engine_index_dir, {"request": request_text, "paper": paper})
    pages = rendered(pack)
    assert len(pack.precedents) >= 10
    assert header_problems(pages, pack) == []
    assert stranded_headings(pages, pack) == []
    assert contents_problems(pages, pack) == []


@pytest.mark.parametrize("pages_of, size", [("pages", (612, 792)),
                                            ("long_request_pages", (595, 842))])
def test_paper_is_us_letter_by_default_and_a4_when_asked(request, engine, pages_of, size):
    pages = request.getfixturevalue(pages_of)  # of each engine's pack (hence `engine`)
    assert {(round(page.width), round(page.height)) for page in pages} == {size}


def test_the_form_offers_us_letter_first_and_selected(client):
    html = client.get("/reports/new").get_data(as_text=True)
    options = re.findall(r'<option value="(letter|a4)"( selected)?>', html)
    assert options == [("letter", " selected"), ("a4", "")]
