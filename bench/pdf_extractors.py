"""Measure candidate PDF text extractors on real letters: speed and what the parser gets out.

Usage: .venv/bin/python bench/pdf_extractors.py [PDF_DIR]   (default ../shared/letters/dwc)

For each candidate it prints letters/s (text extraction only) and fidelity counts from
indexer.letters.parse.parse_text over the extracted text: letters parsed, complete headers
(case number equal to the file name and all five header dates), items found, and items whose
request text agrees with the majority of candidates.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from indexer.errors import LetterError
from indexer.letters.parse import parse_text
from indexer.letters.records import Source

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "letters" / "dwc"
HEADER_DATES = ("assigned_date", "injury_date", "decision_date", "ur_denial_date", "received_date")


def pypdfium2_text(path: Path) -> str:
    """The PDF's text as pypdfium2 extracts it, page by page."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        return "\n".join(page.get_textpage().get_text_bounded() for page in document)
    finally:
        document.close()


def pypdf_text(path: Path) -> str:
    """The PDF's text as pypdf extracts it, page by page."""
    import pypdf

    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages)


def pdfplumber_text(path: Path) -> str:
    """The PDF's text as pdfplumber extracts it, page by page."""
    import pdfplumber

    with pdfplumber.open(path) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def pdfminer_text(path: Path) -> str:
    """The PDF's text as pdfminer.six extracts it."""
    from pdfminer.high_level import extract_text

    return extract_text(path)


def pymupdf_text(path: Path) -> str:
    """The PDF's text as PyMuPDF extracts it, page by page."""
    import pymupdf

    with pymupdf.open(path) as document:
        return "\n".join(page.get_text() for page in document)


def pdftotext_text(path: Path, *options: str) -> str:
    """The PDF's text as poppler's pdftotext writes it, with extra command-line options."""
    command = ["pdftotext", *options, "-enc", "UTF-8", str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


CANDIDATES = {
    "pypdfium2": pypdfium2_text,
    "pypdf": pypdf_text,
    "pdfplumber": pdfplumber_text,
    "pdfminer.six": pdfminer_text,
    "pymupdf (AGPL)": pymupdf_text,
    "pdftotext": pdftotext_text,
    "pdftotext -layout": lambda path: pdftotext_text(path, "-layout"),
}


def measure(name: str, extract, paths: list[Path]) -> dict:
    """Extract every PDF with one candidate and parse the texts."""
    started = time.perf_counter()
    texts = {path: extract(path) for path in paths}
    seconds = time.perf_counter() - started
    parsed, headers, items, requests = 0, 0, 0, {}
    for path, text in texts.items():
        try:
            letter = parse_text(text, Source(str(path), "pdf", ""))
        except LetterError:
            continue
        parsed += 1
        items += len(letter.items)
        complete = letter.case_number == path.stem and all(getattr(letter, f) for f in HEADER_DATES)
        headers += complete
        requests[path] = tuple(item.request for item in letter.items)
    return {
        "name": name,
        "rate": len(paths) / seconds,
        "parsed": parsed,
        "headers": headers,
        "items": items,
        "requests": requests,
    }


def main() -> None:
    """Compare every extractor on the real PDFs (folder in argv[1]): speed, parses, agreement."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it warns about every letter
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR
    paths = sorted(folder.glob("*.pdf"))
    results = [measure(name, extract, paths) for name, extract in CANDIDATES.items()]
    majority = {
        path: Counter(r["requests"].get(path) for r in results).most_common(1)[0][0]
        for path in paths
    }
    print(f"{len(paths)} letters in {folder}")
    print(f"{'extractor':<20}{'letters/s':>10}{'parsed':>8}{'headers':>9}{'items':>7}{'agree':>7}")
    for r in results:
        agree = sum(
            len(r["requests"].get(p) or ()) for p in paths if r["requests"].get(p) == majority[p]
        )
        print(
            f"{r['name']:<20}{r['rate']:>10.1f}{r['parsed']:>8}{r['headers']:>9}{r['items']:>7}{agree:>7}"
        )


if __name__ == "__main__":
    main()
