"""Letter pages: content, anchors, citations, the JSON twin, 404s and the original PDF."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from indexer.build import build_index


@pytest.fixture
def client(engine_client):
    """Every test here runs on the index of each engine (tests/conftest.py ENGINES)."""
    return engine_client


@pytest.fixture(scope="module")
def letter(fixture_letters):
    """A fixture letter with several items."""
    return max(fixture_letters, key=lambda letter: (len(letter.items), letter.id))


def page_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_letter_page_shows_header_summary_and_every_item(client, letter):
    text = page_of(client, f"/letters/{letter.id}")
    assert f"Case No. {letter.case_number}" in text
    for specialty in letter.reviewer.specialties:
        assert html.escape(specialty) in text
    for state in letter.reviewer.licensure:
        assert state in text
    assert html.escape(letter.summary.split("\n")[0][:60]) in text
    for item in letter.items:
        assert f'id="item-{item.number}"' in text
        assert html.escape(item.request.split("\n")[0][:60]) in text
    assert text.count("Claims administrator relied on") == len(letter.items)
    assert text.count("Reviewer relied on") == len(letter.items)
    assert "Synthetic" in text and "must not be cited" in text  # the fixture letters are synthetic


def test_citation_per_item(client, letter):
    text = html.unescape(page_of(client, f"/letters/{letter.id}"))
    citations = re.findall(r'class="citation-text"[^>]*>([^<]+)<', text)
    assert len(citations) == len(letter.items)
    for item, citation in zip(letter.items, citations, strict=True):
        assert letter.case_number in citation
        assert f"Item {item.number}" in citation and item.decision in citation
        assert f"http://localhost/letters/{letter.id}#item-{item.number}" in citation
        assert all(specialty in citation for specialty in letter.reviewer.specialties)
        assert citation.startswith("[SYNTHETIC LETTER]")


def test_search_terms_are_highlighted_when_arriving_from_a_search(client, letter):
    word = next(
        word for word in re.findall(r"[a-z]{6,}", letter.items[0].rationale.lower())
    )
    plain = page_of(client, f"/letters/{letter.id}")
    marked = page_of(client, f"/letters/{letter.id}?q={word}")
    assert "<mark>" not in plain
    assert "<mark>" in marked
    assert f"/search?q={word}" in marked  # the way back to the results


def test_letter_json_twin(client, letter):
    response = client.get(f"/letters/{letter.id}.json")
    assert response.status_code == 200
    data = response.get_json()
    assert data["id"] == letter.id and data["case_number"] == letter.case_number
    assert [item["number"] for item in data["items"]] == [item.number for item in letter.items]
    assert data["url"] == f"http://localhost/letters/{letter.id}"
    assert "path" not in data["source"]  # no server paths leak
    assert data["pdf_url"] is None and data["corpus_version"]


@pytest.mark.parametrize(
    "url",
    [
        "/letters/CM99-9999999",
        "/letters/X-0123456789ab",
        "/letters/CM99-9999999.json",
        "/letters/not-a-letter",
        "/letters/..%2F..%2Fetc%2Fpasswd",
        "/letters/../../etc/passwd",
        "/letters/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/letters/..%252F..%252Fetc%252Fpasswd",
        "/letters/CM16-0213037%00.pdf",
        "/letters/..%2F..%2Fetc%2Fpasswd.pdf",
        "/letters/%2Fetc%2Fpasswd.json",
        "/letters/" + "A" * 5000,
    ],
)
def test_unknown_or_hostile_ids_are_friendly_404s(client, url):
    response = client.get(url)
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "root:" not in body and "Traceback" not in body
    if not url.endswith(".json"):
        assert "Go to search" in body


def test_json_404_is_json(client):
    response = client.get("/letters/CM99-9999999.json")
    assert response.status_code == 404 and response.get_json()["error"]


def test_no_pdf_for_a_letter_read_from_text(client, letter):
    assert "Original PDF" not in page_of(client, f"/letters/{letter.id}")
    assert client.get(f"/letters/{letter.id}.pdf").status_code == 404


@pytest.fixture(scope="module")
def pdf_site(tmp_path_factory):
    """A site over an index of synthetic letters written as PDFs."""
    from imr_site import create_app
    from indexer.synth import write_letters

    folder = tmp_path_factory.mktemp("pdf-letters")
    paths = write_letters(2, folder, seed=11, fmt="pdf")
    index = tmp_path_factory.mktemp("pdf-index") / "index"
    # Indexed by relative path from the letters' folder, served from elsewhere.
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        report = build_index([Path(path.name) for path in paths], index, jobs=1)
    assert not report.skipped, report.skipped
    app = create_app({"TESTING": True, "INDEX_DIR": str(index)})
    return app.test_client(), paths


def test_original_pdf_download(pdf_site):
    client, paths = pdf_site
    letter_id = paths[0].stem
    page = page_of(client, f"/letters/{letter_id}")
    assert f'href="/letters/{letter_id}.pdf"' in page
    response = client.get(f"/letters/{letter_id}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data == paths[0].read_bytes()
    assert client.get(f"/letters/{letter_id}.json").get_json()["pdf_url"].endswith(".pdf")


def test_pdf_gone_from_disk_is_404_not_500(pdf_site, tmp_path):
    client, paths = pdf_site
    moved = tmp_path / paths[1].name
    shutil.move(paths[1], moved)
    try:
        assert client.get(f"/letters/{paths[1].stem}.pdf").status_code == 404
        assert "Original PDF" not in page_of(client, f"/letters/{paths[1].stem}")
    finally:
        shutil.move(moved, paths[1])
