"""Letter file -> plain text: decoding, PDF text layers and extraction artefacts."""

from __future__ import annotations

import os
import re
import unicodedata
from itertools import pairwise
from pathlib import Path

import pypdfium2 as pdfium

from indexer.errors import LetterError

MAX_LETTER_BYTES = 50 * 1024 * 1024  # a real letter is < 1 MB; bound the work on junk
MIN_TEXT_CHARS = 40  # fewer characters than this in a PDF: no usable text layer

_PUNCTUATION = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u2022": "*",
        "\u00ad": None,
        "\ufeff": None,
        "\ufffe": None,
        "\u200b": None,
        "\x00": None,
        "\f": "\n",
        "\x0b": "\n",
        "\r": None,
        "\x02": "-",
    }
)
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1f\x7f]")


def letter_text(path: Path) -> str:
    """Return the cleaned text of a .txt or .pdf letter; raise LetterError when it has none."""
    return text_from_bytes(read_letter_file(path), path)


def read_letter_file(path: Path) -> bytes:
    """Return a letter file's bytes in one read; raise LetterError when unreadable, empty or
    too large."""
    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > MAX_LETTER_BYTES:
                raise LetterError(f"file too large for a letter ({size // (1024 * 1024)} MB)")
            data = file.read()
    except OSError as error:
        raise LetterError(f"cannot read file: {error.strerror or error}") from None
    if not data:
        raise LetterError("empty file")
    return data


def text_from_bytes(data: bytes, path: Path) -> str:
    """Return the cleaned text of a letter file's bytes (a PDF by its header or the suffix of
    `path`, else text); raise LetterError when it has none."""
    if data.startswith(b"%PDF") or Path(path).suffix.lower() == ".pdf":
        text = _pdf_text(data)
    else:
        text = _decode(data)
    text = clean_text(text)
    if not text.strip():
        raise LetterError("no text in file")
    return text


def _decode(data: bytes) -> str:
    """Decode text bytes: UTF-8 (with or without BOM), else Windows-1252; reject binary."""
    sample = data[:4096]
    if b"\x00" in sample or len(_CONTROL.findall(sample.decode("latin-1"))) > len(sample) // 50:
        raise LetterError("binary file, not a text letter")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _pdf_text(data: bytes) -> str:
    """Return the text layer of PDF bytes, page by page."""
    if not data.startswith(b"%PDF"):
        raise LetterError("not a PDF file (no %PDF header)")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise LetterError(_pdfium_reason(str(error))) from None
    try:
        pages = [_page_text(document, number) for number in range(len(document))]
    finally:
        document.close()
    text = "\n".join(pages)
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise LetterError("PDF has no text layer (scanned image?); run OCR first")
    return text


def _page_text(document: pdfium.PdfDocument, number: int) -> str:
    page = document[number]
    try:
        textpage = page.get_textpage()
        try:
            return textpage.get_text_bounded()
        finally:
            textpage.close()
    finally:
        page.close()


def _pdfium_reason(message: str) -> str:
    lowered = message.lower()
    if "password" in lowered or "security" in lowered:
        return "encrypted PDF (password required)"
    if "format" in lowered or "file" in lowered:
        return "corrupt or truncated PDF"
    return f"unreadable PDF ({message})"


def clean_text(text: str) -> str:
    """Normalise characters and line breaks; undo the 'empty line after every line' form."""
    text = unicodedata.normalize("NFKC", text.replace("\r\n", "\n")).translate(_PUNCTUATION)
    lines = _undo_double_spacing(_CONTROL.sub("", text).split("\n"))
    return "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"


def _undo_double_spacing(lines: list[str]) -> list[str]:
    """Drop the empty line some extractions put after every line; a line holding only spaces
    then remains as the paragraph break."""
    empty = sum(1 for line in lines if line == "")
    followed = sum(1 for line, after in pairwise(lines) if line and after == "")
    filled = len(lines) - empty
    if len(lines) >= 6 and empty >= 0.4 * len(lines) and followed >= 0.9 * filled:
        return [line for line in lines if line != ""]
    return lines
