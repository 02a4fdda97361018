"""Long notes: the report form POSTs, so notes up to MAX_NOTES_CHARS reach the pack; a pack
that fits a link keeps its GET URL, a longer one is linked without its notes and says so."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

from imr_site.links import REPORT_PATH, report_fits_link
from imr_site.reports.params import ReportParams
from indexer.limits import MAX_FORM_BYTES, MAX_LINK_CHARS, MAX_NOTES_CHARS

PT_REQUEST = "12 sessions of physical therapy for the cervical spine"
END_MARK = "Closing-remark-7731"


def long_notes(chars: int) -> str:
    """Markdown notes of `chars` characters, non-ASCII (percent-encoding triples them), ending
    with END_MARK."""
    paragraph = "Treating physician’s réport — range of motion improved after six visits. "
    body = "\n\n".join(f"{number}. {paragraph}" for number in range(chars // len(paragraph) + 1))
    return f"{body[:chars - len(END_MARK) - 2].rstrip()}\n\n{END_MARK}"


def form(notes: str, **fields: str) -> dict[str, str]:
    return {"request": PT_REQUEST, "n": "3", "notes": notes, **fields}


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_report_form_posts():
    from imr_site import TEMPLATE_FOLDER

    html = (TEMPLATE_FOLDER / "report_form.html").read_text()
    assert 'class="report-form" action="{{ url_for(\'reports.report_preview\') }}" method="post"' \
        in html


def test_a_post_that_fits_a_link_is_redirected_to_its_get_url(client):
    response = client.post(REPORT_PATH, data=form("Short *note*."))
    assert response.status_code == 303
    expected = ReportParams(request=PT_REQUEST, n=3, notes="Short *note*.").query_string()
    assert response.headers["Location"] == f"{REPORT_PATH}?{expected}"
    assert client.get(response.headers["Location"]).status_code == 200


def test_long_notes_are_previewed_with_post_buttons_and_a_link_without_them(client):
    notes = long_notes(15_000)
    assert not report_fits_link(ReportParams(request=PT_REQUEST, notes=notes))
    response = client.post(REPORT_PATH, data=form(notes))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert END_MARK in html
    assert '<form class="inline-form" action="/report.pdf" method="post">' in html
    assert '<form class="inline-form" action="/reports/new" method="post">' in html
    assert "Copy link (without the notes)" in html
    assert "over 4,000 characters" in " ".join(html.split())
    copied = html.split('data-copy-text="', 1)[1].split('"', 1)[0]
    assert "notes=" not in copied and len(urlsplit(copied).path) + len(urlsplit(copied).query) \
        < MAX_LINK_CHARS


def test_the_preview_post_buttons_carry_every_field(client):
    notes = long_notes(15_000)
    html = client.post(REPORT_PATH, data=form(notes, title="Névé & <co>")).get_data(as_text=True)
    pdf_form = html.split('action="/report.pdf" method="post">', 1)[1].split("</form>", 1)[0]
    assert 'name="title" value="Névé &amp; &lt;co&gt;"' in pdf_form
    assert 'name="request" value="12 sessions' in pdf_form and 'name="n" value="3"' in pdf_form
    assert END_MARK in pdf_form
    back = client.post("/reports/new", data=form(notes))
    assert back.status_code == 200 and END_MARK in back.get_data(as_text=True)


def test_long_notes_reach_the_pdf_and_its_cover_explains_the_link(client):
    response = client.post("/report.pdf", data=form(long_notes(15_000)))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = " ".join(pdf_text(response.data).split())
    assert END_MARK in text
    assert "This link gives the same precedents without the notes" in text


def test_notes_past_the_limit_get_the_sites_message_and_are_kept(client):
    notes = "x" * (MAX_NOTES_CHARS + 1)
    response = client.post("/report.pdf", data=form(notes))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert f"notes is {MAX_NOTES_CHARS + 1} characters long; the limit is {MAX_NOTES_CHARS}" in html
    assert notes in html  # nothing the user wrote is lost


def test_a_body_over_the_form_limit_gets_the_sites_413(client):
    response = client.post(REPORT_PATH, data=form("y" * (MAX_FORM_BYTES + 1)))
    assert response.status_code == 413
    assert "notes are limited to 20,000 characters" in response.get_data(as_text=True)


@pytest.mark.parametrize("chars, omitted", [(100, False), (15_000, True)])
def test_the_pack_offers_the_whole_link_only_when_it_fits(client, chars, omitted):
    html = client.post(REPORT_PATH, data=form(long_notes(chars)), follow_redirects=True)
    text = html.get_data(as_text=True)
    assert ("Copy link (without the notes)" in text) == omitted
    assert ('href="/report.pdf?' in text or 'href="http://localhost/report.pdf?' in text) \
        == (not omitted)
