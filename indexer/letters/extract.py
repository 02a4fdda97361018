"""Letter file -> plain text: decoding, PDF text layers and extraction artefacts."""

from __future__ import annotations

import codecs
import os
import re
import stat
import unicodedata
from itertools import pairwise
from pathlib import Path

import pypdfium2 as pdfium

from indexer.errors import LetterError
from indexer.limits import MAX_LETTER_BYTES

TOO_LARGE = f"file too large for a letter (over {MAX_LETTER_BYTES // (1024 * 1024)} MB)"
MIN_TEXT_CHARS = 40  # fewer characters than this in a PDF: no usable text layer

_PUNCTUATION = {  # mark -> its plain form ("" drops it)
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
    "\u00ad": "",
    "\ufeff": "",
    "\ufffe": "",
    "\u200b": "",
    "\x00": "",
    "\f": "\n",
    "\x0b": "\n",
    "\r": "",
    "\x02": "-",
}
_PUNCTUATION_MARK = re.compile("[" + re.escape("".join(_PUNCTUATION)) + "]")
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1f\x7f]")


def letter_text(path: Path) -> str:
    """Return the cleaned text of a .txt or .pdf letter; raise LetterError when it has none."""
    return text_from_bytes(read_letter_file(path), path)


def read_letter_file(path: Path) -> bytes:
    """Return a regular file's bytes, reading at most MAX_LETTER_BYTES + 1; raise LetterError
    when it is unreadable, not a regular file, empty or too large (whatever its size claims)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO must not block us
        with open(descriptor, "rb") as file:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):
                raise LetterError("not a regular file")
            if status.st_size > MAX_LETTER_BYTES:
                raise LetterError(TOO_LARGE)
            data = file.read(MAX_LETTER_BYTES + 1)
    except OSError as error:
        raise LetterError(f"cannot read file: {error.strerror or error}") from None
    if len(data) > MAX_LETTER_BYTES:  # it grew, or its size was not its length
        raise LetterError(TOO_LARGE)
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


# byte order marks, longest first: a UTF-32 LE mark begins with the UTF-16 LE one
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decode(data: bytes) -> str:
    """Decode text bytes: by their byte order mark (UTF-8, UTF-16, UTF-32), else UTF-8, else
    Windows-1252; reject binary."""
    for mark, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return data.decode(encoding, errors="replace")
    sample = data[:4096]
    if b"\x00" in sample or len(_CONTROL.findall(sample.decode("latin-1"))) > len(sample) // 50:
        raise LetterError("binary file, not a text letter")
    try:
        return data.decode("utf-8")
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
    text = text.replace("\r\n", "\n")
    if not text.isascii():  # ASCII is its own NFKC form
        text = unicodedata.normalize("NFKC", text)
    # a regex finds the few marks ~10x sooner than str.translate walks every character
    text = _PUNCTUATION_MARK.sub(lambda mark: _PUNCTUATION[mark.group()], text)
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
