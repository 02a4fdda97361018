"""Notes in packs: only absolute http(s)/mailto links survive; depth and size are bounded."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from imr_site.reports.notes import MAX_NOTES_DEPTH, notes_problem, render_notes

PT_REQUEST = "12 sessions of physical therapy for the cervical spine"


@pytest.mark.parametrize("href, kept", [
    ("http://example.com/a?b=1", "http://example.com/a?b=1"),
    ("https://example.com", "https://example.com"),
    ("HTTPS://Example.com/x", "HTTPS://Example.com/x"),
    ("mailto:adjuster@example.com", "mailto:adjuster@example.com"),
    ("../../../../etc/passwd", None),
    ("//evil.example/x", None),  # scheme-relative: a UNC path on Windows readers
    ("foo.html", None),  # would resolve against the install folder
    ("/etc/passwd", None),
    ("#notes", None),
    ("\\\\evil.example\\share", None),
    ("http:/no-host", None),
    ("https:evil.example", None),
    ("file:///etc/passwd", None),
    ("javascript:alert(1)", None),
    ("data:text/html,x", None),
])
def test_only_absolute_web_and_mail_links_survive(href, kept):
    html = str(render_notes(f"See [the source]({href})."))
    assert "the source" in html
    if kept:
        assert f'href="{kept}"' in html
    else:
        assert "href" not in html


def test_pdf_links_from_notes_are_never_file_urls(client):
    notes = ("[a](../../../../etc/passwd) [b](https://example.com/kept) [c](//evil.example/x) "
             "[d](foo.html) [e](mailto:x@example.com)")
    response = client.get("/report.pdf", query_string={"request": PT_REQUEST, "n": "1",
                                                       "notes": notes})
    assert response.status_code == 200
    uris = [annotation.get_object().get("/A", {}).get("/URI")
            for page in PdfReader(io.BytesIO(response.data)).pages
            for annotation in page.get("/Annots", [])]
    # The pack's own links (its URL carries the notes) point at the site; the rest are notes'.
    uris = {str(uri) for uri in uris if uri and not str(uri).startswith("http://localhost/")}
    assert uris == {"https://example.com/kept", "mailto:x@example.com"}


NESTED = {
    "quotes": ">" * 150 + " deep",
    "bold tags": "<b>" * 400 + "deep",
    "lists": "".join("    " * level + "- item\n" for level in range(40)),
    "tables": "<table><tr><td>" * 60 + "deep",
}


@pytest.mark.parametrize("shape", NESTED)
def test_deeply_nested_notes_get_a_clear_400_not_a_500(client, shape):
    args = {"request": PT_REQUEST, "n": "1", "notes": NESTED[shape]}
    for path in ("/report.pdf", "/report"):
        response = client.get(path, query_string=args)
        body = response.get_data(as_text=True)
        assert response.status_code == 400, (path, response.status_code)
        assert "levels deep" in body and f"at most {MAX_NOTES_DEPTH}" in body
        assert "Traceback" not in body and "RecursionError" not in body


def test_notes_with_too_many_pieces_get_a_clear_400(client):
    response = client.get("/report.pdf", query_string={
        "request": PT_REQUEST, "n": "1", "notes": "- item\n" * 2000})
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "2,001 formatted pieces" in body and "at most 1,000" in body


@pytest.mark.parametrize("text", [
    "",
    "Plain paragraph with **bold**, *italic* and a [link](https://example.com).",
    "> quoted\n>> twice\n\n1. one\n    - two\n        - three\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    ("word " * 40 + "\n\n") * 80,  # a long memo of paragraphs
])
def test_ordinary_notes_pass(text):
    assert notes_problem(text) is None


def test_ordinary_nested_notes_print_in_the_pdf(client):
    notes = "> quoted\n>> twice\n\n1. one\n    - two\n        - three deep"
    response = client.get("/report.pdf", query_string={"request": PT_REQUEST, "n": "1",
                                                       "notes": notes})
    assert response.status_code == 200
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "three deep" in text
