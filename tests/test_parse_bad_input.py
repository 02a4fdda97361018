"""Bad input: each kind of unreadable file gives a LetterError with a one-line reason."""

from __future__ import annotations

import html
import io
from pathlib import Path

import pypdf
import pytest
from weasyprint import HTML

from indexer.errors import LetterError
from indexer.letters.parse import read_letter

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"


@pytest.fixture(scope="module")
def letter_pdf() -> bytes:
    """A real text-layer PDF of the 2014 fixture letter, rendered by WeasyPrint."""
    text = (LAYOUTS / "letter_2014.txt").read_text()
    page = f"<pre style='font-size:9pt'>{html.escape(text)}</pre>"
    return HTML(string=page).write_pdf()


def _encrypted(pdf: bytes) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _scanned() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_rendered_pdf_parses(tmp_path, letter_pdf):
    path = tmp_path / "letter.pdf"
    path.write_bytes(letter_pdf)
    letter = read_letter(path)
    assert (letter.id, letter.layout, len(letter.items)) == ("CM14-0012345", "2014", 2)
    assert letter.source.format == "pdf"


@pytest.mark.parametrize(
    ("name", "make", "reason"),
    [
        ("empty.txt", lambda pdf: b"", "empty file"),
        ("empty.pdf", lambda pdf: b"", "empty file"),
        (
            "image.txt",
            lambda pdf: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
            "binary",
        ),
        (
            "not-a-letter.txt",
            lambda pdf: b"Dear friend,\nthe garden party is on Sunday.\n",
            "not an IMR letter",
        ),
        ("not-a-pdf.pdf", lambda pdf: b"\x00\x01\x02 plain junk " * 20, "not a PDF"),
        ("corrupt.pdf", lambda pdf: b"%PDF-1.7\n" + b"\x13\x37 garbage " * 200, "PDF"),
        ("truncated.pdf", lambda pdf: pdf[: len(pdf) // 3], ""),
        ("encrypted.pdf", _encrypted, "encrypted"),
        ("scanned.pdf", lambda pdf: _scanned(), "no text layer"),
    ],
)
def test_bad_input_is_a_letter_error_with_one_line_reason(tmp_path, letter_pdf, name, make, reason):
    path = tmp_path / name
    path.write_bytes(make(letter_pdf))
    with pytest.raises(LetterError) as caught:
        read_letter(path)
    message = str(caught.value)
    assert message and "\n" not in message and "Traceback" not in message
    assert reason in message


def test_missing_file_is_a_letter_error(tmp_path):
    with pytest.raises(LetterError, match="cannot read file"):
        read_letter(tmp_path / "absent.txt")
