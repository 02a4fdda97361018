"""Text extraction: reading a file once, encodings, the seeds' double-spaced form, quotes, PDFs."""

from __future__ import annotations

import pytest

from indexer.errors import LetterError
from indexer.letters.extract import (
    MAX_LETTER_BYTES,
    clean_text,
    letter_text,
    read_letter_file,
    text_from_bytes,
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("line one \n\nline two\n\n \n\nline three\n\n", "line one\nline two\n\nline three\n"),
        ("a\r\nb\r\n", "a\nb\n"),
        ("\u201cquoted\u201d \u2018x\u2019 \u2013 y\u00a0z", "\"quoted\" 'x' - y z\n"),
        ("per \u00addated\ufeff", "per dated\n"),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_windows_1252_and_utf8_curly_quotes(tmp_path):
    cp1252 = tmp_path / "cp1252.txt"
    cp1252.write_bytes("The \u201cflare-up\u201d isn\u2019t new.\n".encode("cp1252"))
    utf8 = tmp_path / "utf8.txt"
    utf8.write_bytes("\ufeffThe \u201cflare-up\u201d isn\u2019t new.\n".encode())
    assert letter_text(cp1252) == letter_text(utf8) == 'The "flare-up" isn\'t new.\n'


def test_seed_double_spacing_is_undone(seeds_dir):
    text = letter_text(seeds_dir / "001_1370ebbe0db9466e.txt")
    lines = text.split("\n")
    assert "\n\n\n" not in text
    assert sum(1 for line in lines if not line) < len(lines) / 5
    assert "State(s) of Licensure: Texas, California" in lines


def test_pdf_header_labels_and_values_stay_together(dwc_dir):
    text = letter_text(dwc_dir / "CM16-0213037.pdf")
    assert "Case Number: CM16-0213037" in text
    assert "Date Assigned: 11/09/2016 Date of Injury: 10/13/2016" in text


def test_text_from_bytes_is_the_text_of_the_file(dwc_dir, seeds_dir, tmp_path):
    for path in (dwc_dir / "CM16-0213037.pdf", seeds_dir / "001_1370ebbe0db9466e.txt"):
        assert text_from_bytes(read_letter_file(path), path) == letter_text(path)
    renamed = tmp_path / "letter.txt"  # a PDF is known by its header whatever its name
    renamed.write_bytes((dwc_dir / "CM16-0213037.pdf").read_bytes())
    assert letter_text(renamed) == letter_text(dwc_dir / "CM16-0213037.pdf")


def test_a_file_too_large_for_a_letter_is_refused_before_it_is_read(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as file:
        file.truncate(MAX_LETTER_BYTES + 1)  # sparse: nothing is written or read
    with pytest.raises(LetterError, match="file too large for a letter"):
        read_letter_file(huge)
