"""The precedent pack PDF read back: precedents, statistics, notes, contents page numbers, pages."""

from __future__ import annotations

import io
import re
import subprocess

import pytest
from pdf_layout import contents_entries, read_pages
from pypdf import PdfReader

from imr_site import create_app
from indexer.engine.search import Corpus
from indexer.engine.similar import SimilarRequest, find_similar

PT, CERVICAL = "physical therapy", "cervical spine"
PT_REQUEST = "12 sessions of physical therapy for the cervical spine"
PRECEDENTS = 12
NOTES = """## Our argument

The claimant shows **measurable gains** after each visit.

* Range of motion improved by 20 degrees
* Returned to modified duty

| Visit | Pain |
|-------|------|
| 1     | 7/10 |
"""


def pack_pdf(index_dir, **args) -> bytes:
    app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir)})
    response = app.test_client().get("/report.pdf", query_string={"request": PT_REQUEST, **args})
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/pdf"
    return response.data


@pytest.fixture(scope="module")
def pdf(engine_index_dir) -> bytes:
    return pack_pdf(engine_index_dir, n=str(PRECEDENTS), notes=NOTES, prepared_for="Jane Roe, Esq.")


@pytest.fixture(scope="module")
def pages(pdf) -> list[str]:
    """The text of each page, as pypdf reads it."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def precedents(engine_index_dir):
    wanted = SimilarRequest(PT_REQUEST, treatment=PT, body_part=CERVICAL, sessions=12,
                            n=PRECEDENTS)
    return find_similar(Corpus.open(engine_index_dir), wanted)


def heading(entry) -> str:
    return f"{entry.letter.case_number or entry.letter.id} · Item {entry.item.number}"


def start_page(pages: list[str], text: str, after: int) -> int:
    """The 1-based number of the first page after `after` whose text holds `text` on a line."""
    for number, page in enumerate(pages, 1):
        if number > after and any(line.strip() == text for line in page.splitlines()):
            return number
    raise AssertionError(f"{text!r} is on no page after {after}")


def test_precedents_are_in_order_with_their_decisions(pages, precedents):
    body = "\n".join(pages[2:])
    positions = [body.index(heading(entry)) for entry in precedents]
    assert positions == sorted(positions)
    assert {entry.item.treatment for entry in precedents} == {PT}
    for entry, start in zip(precedents, positions, strict=True):
        decision = re.search(r"\b(UPHELD|OVERTURNED)\b", body[start:])[1]
        assert decision == entry.item.decision.upper(), heading(entry)


def test_statistics_match_the_corpus(pages, precedents, fixture_letters):
    summary = pages[2]
    overturned = sum(entry.item.decision == "Overturned" for entry in precedents)
    rate = round(100 * overturned / len(precedents))
    assert re.search(rf"These precedents {len(precedents)} {len(precedents) - overturned} "
                     rf"{overturned} {rate}%", summary)
    category = [item for letter in fixture_letters for item in letter.items if item.treatment == PT]
    category_overturned = sum(item.decision == "Overturned" for item in category)
    category_rate = round(100 * category_overturned / len(category))
    assert re.search(rf"All physical therapy items {len(category)} "
                     rf"{len(category) - category_overturned} {category_overturned} "
                     rf"{category_rate}%", summary)
    assert "MTUS Chronic Pain" in summary


def test_notes_are_rendered_not_shown_as_markdown(pages):
    text = "\n".join(pages)
    assert "Our argument" in text and "measurable gains" in text
    assert "Range of motion improved by 20 degrees" in text
    assert "**" not in text and "##" not in text and "|---" not in text


def test_contents_page_numbers_match_where_sections_start(pdf, pages, precedents):
    contents = read_pages(pdf)[1].lines
    assert contents[0] == "Contents"

    def listed_page(title: str) -> int:
        entry = next(re.fullmatch(rf"{re.escape(title)} ?(?:\. ?)+(\d+)", line)
                     for line in contents if line.startswith(f"{title} ."))
        return int(entry[1])

    for title in ("Summary of precedents", "Notes", "Precedents"):
        assert listed_page(title) == start_page(pages, title, after=2), title
    entries = contents_entries(read_pages(pdf))
    for rank, entry in enumerate(precedents, 1):
        listed = int(re.search(r"(\d+)$", entries[rank])[1])
        assert listed == start_page(pages, heading(entry), after=2), entries[rank]


def test_bookmarks_outline_the_sections_and_precedents(pdf, precedents):
    outline = PdfReader(io.BytesIO(pdf)).outline
    top = [entry.title for entry in outline if not isinstance(entry, list)]
    assert top == ["Precedents: physical therapy, cervical spine", "Contents",
                   "Summary of precedents", "Notes", "Precedents"]
    assert [entry.title for entry in outline[-1]] == [heading(entry) for entry in precedents]
    assert "Our argument" not in str(outline), "the notes' own headings stay out of the outline"


def test_every_page_after_the_cover_has_header_and_page_n_of_n(pages):
    for number, page in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in page
        if number > 1:
            assert "Precedents: physical therapy, cervical spine" in page


def test_cover_names_the_request_and_how_to_reproduce_it(pages, engine_index_dir):
    cover = pages[0]
    assert PT_REQUEST in cover and "Prepared for Jane Roe, Esq." in cover
    assert f"Corpus version {Corpus.open(engine_index_dir).version}" in cover
    urls = cover.replace("\n", "")  # long URLs wrap anywhere
    assert "http://localhost/report?request=12+sessions+of+physical+therapy" in urls
    assert "http://localhost/search?treatment=physical+therapy&body_part=cervical+spine" in urls


def test_synthetic_precedents_are_labelled(pages, precedents):
    text = "\n".join(pages[2:])
    synthetic = sum(entry.letter.synthetic for entry in precedents)
    assert synthetic, "the fixture corpus is synthetic"
    assert text.count("SYNTHETIC LETTER · NOT A REAL DETERMINATION") == synthetic
    assert f"{synthetic} of the {len(precedents)} precedents" in pages[0]


@pytest.mark.parametrize("paper, width, height", [
    ({}, 612, 792),  # US Letter unless asked otherwise
    ({"paper": "letter"}, 612, 792),
    ({"paper": "a4"}, 595, 842),
])
def test_paper_size(index_dir, paper, width, height):
    first = PdfReader(io.BytesIO(pack_pdf(index_dir, n="1", **paper))).pages[0]
    assert float(first.mediabox.width) == pytest.approx(width, abs=1)
    assert float(first.mediabox.height) == pytest.approx(height, abs=1)


def test_first_two_pages_as_png_for_review(pdf, output_dir, tmp_path):
    source = tmp_path / "pack.pdf"
    source.write_bytes(pdf)
    for old in output_dir.glob("report-pack-*.png"):
        old.unlink()
    prefix = output_dir / "report-pack"
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "2", str(source), str(prefix)],
                   check=True, timeout=60)
    images = sorted(output_dir.glob("report-pack-*.png"))
    assert len(images) == 2
    assert all(image.stat().st_size > 10_000 for image in images)
