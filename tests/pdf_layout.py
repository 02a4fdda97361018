"""A rendered PDF read back by position with poppler (`pdftotext -bbox`): each page's running
header, its body lines from top to bottom, and its footer; a pack's contents entries."""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

POINTS_PER_MM = 72 / 25.4
# The pack's page margins (static/pack.css): the running header sits in the top one, the
# "Page n of N" footer in the bottom one.
TOP_MARGIN = 24 * POINTS_PER_MM
BOTTOM_MARGIN = 20 * POINTS_PER_MM
XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Word:
    """One word and its box, in points from the page's top left corner."""

    text: str
    left: float
    top: float
    bottom: float

    @property
    def middle(self) -> float:
        """Half-way down the word's box."""
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Page:
    """One page's text by region."""

    number: int
    width: float
    height: float
    header: str
    lines: list[str]  # the body, top to bottom: words that share a row, left to right
    footer: str


def read_pages(pdf: bytes) -> list[Page]:
    """Every page of `pdf`, its words split into header, body lines and footer."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "pack.pdf"
        source.write_bytes(pdf)
        xhtml = subprocess.run(["pdftotext", "-bbox", str(source), "-"], check=True,
                               capture_output=True, timeout=120).stdout
    pages = ElementTree.fromstring(xhtml).iter(f"{XHTML}page")
    return [_page(number, page) for number, page in enumerate(pages, 1)]


def _page(number: int, page: ElementTree.Element) -> Page:
    width, height = float(page.get("width")), float(page.get("height"))
    words = [Word(word.text or "", float(word.get("xMin")), float(word.get("yMin")),
                  float(word.get("yMax"))) for word in page.iter(f"{XHTML}word")]
    header = [word for word in words if word.middle < TOP_MARGIN]
    footer = [word for word in words if word.middle > height - BOTTOM_MARGIN]
    body = [word for word in words if word not in header and word not in footer]
    return Page(number, width, height, " ".join(_rows(header)), _rows(body),
                " ".join(_rows(footer)))


def _rows(words: list[Word]) -> list[str]:
    """The words grouped into visual lines (a word whose middle lies within a line's height
    belongs to it, whatever its font size), top to bottom, each read left to right."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda word: (word.top, word.left)):
        if rows and rows[-1][0].top <= word.middle <= max(w.bottom for w in rows[-1]):
            rows[-1].append(word)
        else:
            rows.append([word])
    return [" ".join(word.text for word in sorted(row, key=lambda word: word.left))
            for row in rows]


def contents_entries(pages: list[Page]) -> dict[int, str]:
    """The contents' precedent lines by rank, each entry's wrapped lines joined."""
    start = next(page.number for page in pages if "Contents" in page.lines)
    end = next(page.number for page in pages if "Summary of precedents" in page.lines)
    text = ""
    for page in pages[start - 1:end - 1]:
        for line in page.lines:
            text += line if text.endswith(("-", "/")) else f" {line}"  # wrapped at - or /
    ranks_and_entries = re.split(r" (\d+)\. (?=[^·—]+ · Item \d+ — )", text)[1:]
    return {int(rank): entry.strip()
            for rank, entry in zip(*[iter(ranks_and_entries)] * 2, strict=True)}
