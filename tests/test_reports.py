"""The report form, the HTML preview, report params and the pack's summaries and notes."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from itertools import pairwise
from urllib.parse import parse_qsl, urlsplit

import pytest
from werkzeug.datastructures import MultiDict

from imr_site.reports.notes import render_notes
from imr_site.reports.params import InvalidReport, ReportParams, parse_report_params
from imr_site.reports.summary import citations_in, guideline_counts, reason_counts
from indexer.engine.search import Corpus
from indexer.engine.similar import SimilarRequest, find_similar

PT_REQUEST = "12 sessions of physical therapy for the cervical spine"


class StartTags(HTMLParser):
    """Every start tag of a page, in order, as (tag, attributes)."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def by_id(self) -> dict[str, tuple[str, dict[str, str]]]:
        return {attrs["id"]: (tag, attrs) for tag, attrs in self.tags if "id" in attrs}


def contrast(colour: str, other: str = "#ffffff") -> float:
    """The WCAG 2 contrast ratio of two #rrggbb colours."""
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted([luminance(colour), luminance(other)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def expected_case_numbers(index_dir, n: int) -> list[str]:
    found = find_similar(Corpus.open(index_dir), SimilarRequest(
        PT_REQUEST, treatment="physical therapy", body_part="cervical spine", sessions=12, n=n))
    return [entry.letter.case_number or entry.letter.id for entry in found]


def test_form_is_prefilled_from_a_search(client):
    page = client.get("/reports/new", query_string={
        "q": "neck pain", "treatment": "physical therapy", "body_part": "cervical spine",
        "decision": "Overturned", "sort": "newest"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert re.search(r'<textarea id="request"[^>]*>neck pain</textarea>', html)
    assert '<option value="physical therapy" selected>' in html
    assert '<option value="cervical spine" selected>' in html
    assert '<option value="Overturned" selected>' in html


def test_search_page_starts_a_pack_with_its_filters(client):
    search = client.get("/search?q=therapy&decision=Upheld&treatment=physical+therapy")
    link = re.search(r'href="(/reports/new\?[^"]+)">Precedent pack<', search.get_data(as_text=True))
    assert link, "the search page links to a precedent pack"
    form = client.get(unescape(link.group(1))).get_data(as_text=True)
    assert re.search(r'<textarea id="request"[^>]*>therapy</textarea>', form)
    assert '<option value="physical therapy" selected>' in form


def test_preview_lists_the_precedents_in_ranking_order(engine_client, engine_index_dir):
    page = engine_client.get("/report", query_string={"request": PT_REQUEST, "n": "8"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    shown = re.findall(r'<span class="case-number">([^<]+)</span>', html)
    assert shown == expected_case_numbers(engine_index_dir, 8)
    assert "physical therapy (read from the request)" in html
    assert html.count('class="decision decision-') == 8


@pytest.mark.parametrize("args, message", [
    ({"request": PT_REQUEST, "n": "500"}, "a pack holds at most 100 precedents"),
    ({"request": PT_REQUEST, "n": "ten"}, "is not a number of precedents"),
    ({"request": PT_REQUEST, "sex": "other"}, "sex='other' is not a known value; use female, male"),
    ({"request": PT_REQUEST, "decision": "Denied"}, "use Upheld, Overturned"),
    ({"request": PT_REQUEST, "treatment": "yoga"}, "treatment='yoga' is not a known value"),
    ({"request": PT_REQUEST, "body_part": "x" * 300}, "body_part='xxxx"),
    ({"request": PT_REQUEST, "age": "7"}, "must be a whole number from 14 to 120"),
    ({"request": PT_REQUEST, "paper": "legal"}, "use letter, a4"),
    ({"request": PT_REQUEST, "notes": "x" * 20_001}, "notes is 20001 characters long"),
    ({"n": "5"}, "Describe the requested treatment"),
])
@pytest.mark.parametrize("path", ["/report", "/report.pdf"])
def test_bad_params_reshow_the_form_with_a_message(client, path, args, message):
    page = client.get(path, query_string=args)
    assert page.status_code == 400
    assert page.mimetype == "text/html"
    assert message in unescape(page.get_data(as_text=True))


@pytest.mark.parametrize("args, fields", [
    ({"request": PT_REQUEST, "n": "500", "sessions": "abc"}, ["sessions", "n"]),
    ({"request": PT_REQUEST, "sex": "other", "notes": "x" * 20_001}, ["sex", "notes"]),
    ({"n": "5", "paper": "legal"}, ["request", "paper"]),
])
def test_each_problem_is_tied_to_its_field(client, args, fields):
    html = client.get("/report", query_string=args).get_data(as_text=True)
    tags = StartTags(html)
    elements = tags.by_id()
    for field in fields:
        tag, attrs = elements[field]
        assert tag in ("input", "select", "textarea"), field
        assert attrs.get("aria-invalid") == "true", field
        described = attrs["aria-describedby"]
        assert described in elements, f"{field} is described by a missing element"
        message = re.search(rf'id="{described}"[^>]*>(.*?)</p>', html, re.S)[1]
        assert f'<li><a href="#{field}">' in html, "the summary links to the field"
        summary_message = re.search(rf'<li><a href="#{field}">(.*?)</a>', html)[1]
        assert summary_message in message
    invalid = [attrs["id"] for _, attrs in tags.tags if attrs.get("aria-invalid")]
    assert invalid == fields


def test_preview_has_one_h1_and_an_outline_without_gaps(client):
    notes = "# Our argument\n\n## Detail\n\nGains after each visit."
    html = client.get("/report", query_string={"request": PT_REQUEST, "n": "3",
                                               "notes": notes}).get_data(as_text=True)
    levels = [int(tag[1]) for tag, _ in StartTags(html).tags if re.fullmatch(r"h[1-6]", tag)]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(later <= earlier + 1 for earlier, later in pairwise(levels)), levels
    assert re.search(r'<h2>Precedents</h2>', html)
    assert re.search(r'<h3 class="precedent-title"><span class="case-number">', html)


def test_outcome_chart_colours_contrast_with_white_and_each_other(client):
    html = client.get("/report", query_string={"request": PT_REQUEST, "n": "20"}).get_data(
        as_text=True)
    tags = StartTags(html).tags
    start = tags.index(next(tag for tag in tags if tag[1].get("class") == "chart"))
    # the chart's bars are placed (x=...); the key's swatches are whole 10x10 squares
    bars = {attrs["fill"] for tag, attrs in tags[start:] if tag == "rect" and "x" in attrs}
    key = [attrs["fill"] for tag, attrs in tags[start:] if tag == "rect" and "x" not in attrs]
    assert len(key) == 2 and set(key) == bars, "the key shows the chart's two colours"
    overturned, upheld = key
    assert contrast(overturned) >= 3 and contrast(upheld) >= 3
    assert contrast(overturned, upheld) >= 3, "the bar's two parts differ in grayscale too"


@pytest.mark.parametrize("args, canonical", [
    ({"request": "  12  sessions of PT ", "n": "20", "paper": "letter"},
     "request=12+sessions+of+PT"),
    ({"paper": "a4", "n": "5", "sex": "female", "request": "PT"},
     "request=PT&sex=female&n=5&paper=a4"),
    ({"notes": "# Hi\n\nthere", "request": "PT", "body_part": "knee",
      "treatment": "joint replacement"},
     "request=PT&treatment=joint+replacement&body_part=knee&notes=%23+Hi%0A%0Athere"),
])
def test_params_are_written_canonically(args, canonical):
    params = parse_report_params(MultiDict(args))
    assert params.query_string() == canonical
    assert parse_report_params(MultiDict(parse_qsl(canonical))) == params


@pytest.mark.parametrize("request_text, former, current", [
    ("Pantoprazole 20mg #60", "proton pump inhibitor", "gastroprotective agent"),
    ("Right knee arthroscopy", "surgery", "joint arthroscopy/repair"),
    ("Right knee arthroscopy", "Surgery", "joint arthroscopy/repair"),
    ("Knee brace", "surgery", ""),  # not a kind of surgery: the pack reads the request
    ("Shower chair", "durable medical equipment", "bathroom/home equipment"),
])
def test_a_saved_pack_link_with_a_former_treatment_still_makes_the_pack(
        request_text, former, current):
    params = parse_report_params(MultiDict({"request": request_text, "treatment": former}))
    assert params.treatment == current


def test_invalid_params_keep_the_valid_values():
    with pytest.raises(InvalidReport) as caught:
        parse_report_params(MultiDict({"request": "PT", "n": "1000", "age": "x"}))
    assert caught.value.corrected == ReportParams(request="PT", n=100)
    assert list(caught.value.problems) == ["age", "n"]
    assert caught.value.messages == list(caught.value.problems.values())


def test_pack_links_reproduce_the_report(engine_client):
    args = {"n": "3", "request": PT_REQUEST, "decision": "Upheld"}
    page = engine_client.get("/report", query_string=args)
    html = unescape(page.get_data(as_text=True))
    report_link = re.search(r'data-copy-text="([^"]+)"', html)[1]
    assert urlsplit(report_link).path == "/report"
    assert dict(parse_qsl(urlsplit(report_link).query)) == {
        "request": PT_REQUEST, "decision": "Upheld", "n": "3"}
    assert "/search?decision=Upheld&treatment=physical+therapy&body_part=cervical+spine" in html


@pytest.mark.parametrize("guideline_text, citations", [
    ("Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): 98-99.", ["pp. 98-99"]),
    ("MTUS ACOEM, Page(s) 173-174, 181; Section(s): Neck and Upper Back Complaints",
     ["pp. 173-174, 181", "§ Neck and Upper Back Complaints"]),
    ("Decision based on ODG, Section: Physical therapy", ["§ Physical therapy"]),
    ("The reviewer did not cite any medical evidence.", []),
])
def test_citations_in_guideline_text(guideline_text, citations):
    assert citations_in(guideline_text) == citations


def test_guideline_counts_rank_sources_with_their_citations():
    rows = guideline_counts([
        (["MTUS Chronic Pain"], "MTUS Chronic Pain Page(s): 98-99."),
        (["MTUS Chronic Pain", "ODG"], "MTUS Chronic Pain Page(s): 98-99; ODG Section: Neck"),
        (["ODG"], "ODG Section: Neck"),
        (["MTUS Chronic Pain"], "MTUS Chronic Pain Page(s): 22."),
    ])
    assert [(row.source, row.count) for row in rows] == [("MTUS Chronic Pain", 3), ("ODG", 2)]
    assert rows[0].citations[0] == ("pp. 98-99", 2)


@pytest.mark.parametrize("rationale, reasons", [
    ("There is no documented functional improvement from the sessions.",
     ["No documented functional improvement"]),
    ("Functional improvement from the trial is not documented.",
     ["No documented functional improvement"]),
    ("The number of visits requested exceeds what the guidelines recommend.",
     ["Exceeds the recommended number of visits"]),
    ("There are no red flags on examination.", ["No red flags"]),
    ("Opioids are not first-line treatment for this condition.", ["Not first-line treatment"]),
    ("The patient walked to the clinic.", []),
])
def test_recurring_reasons(rationale, reasons):
    assert [row.reason for row in reason_counts([rationale])] == reasons


@pytest.mark.parametrize("markdown, html", [
    ("**bold** and *italic*", "<p><strong>bold</strong> and <em>italic</em></p>"),
    ("* one\n* two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
    ("<script>alert(1)</script>text", "\n<p>text</p>"),
    ('<img src="file:///etc/passwd">', "<p></p>"),
    ("![x](http://127.0.0.1:9/canary)", "<p></p>"),
    ('<link rel="stylesheet" href="http://127.0.0.1:9/x.css">', "<p></p>"),
    ('<p style="color:red" onclick="x()">styled</p>', "<p>styled</p>"),
    ("[link](javascript:alert(1))", '<p><a rel="noopener noreferrer nofollow">link</a></p>'),
    ("   ", ""),
])
def test_notes_are_rendered_and_sanitised(markdown, html):
    assert str(render_notes(markdown)) == html


def test_overlong_notes_come_back_to_the_form_with_a_message(client):
    notes = "Our argument. " * 2000  # 28,000 characters, over the 20,000 limit
    page = client.get("/report", query_string={"request": PT_REQUEST, "notes": notes})
    html = unescape(page.get_data(as_text=True))
    assert page.status_code == 400
    assert "the limit is 20000" in html
    assert notes.strip() in html
