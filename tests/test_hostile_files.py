"""Hostile files in a build: each is reported on its own line and the other files are indexed,
whatever it costs to parse (memory, time), whatever its size claims, however it is encoded."""

from __future__ import annotations

import codecs
import resource
import subprocess
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from hostile_inputs import big_summary_letter, good_letters, many_lines_pdf

from indexer.build import ParseLimits, build_index
from indexer.engine import store
from indexer.errors import LetterError
from indexer.letters.extract import TOO_LARGE, read_letter_file
from indexer.letters.parse import read_letter
from indexer.letters.parse.items import join_lines
from indexer.limits import MAX_LETTER_BYTES, PARSE_MEMORY_MB

IMR = str(Path(sys.executable).parent / "imr")
MEMORY_CAP = 1300 * 1024 * 1024  # the address space `imr index` runs under in the attack


def indexed_letters(index_dir: Path) -> set[str]:
    with store.open_index(index_dir).reader() as reader:
        return set(store.indexed_letters(reader))


def ids(paths: list[Path]) -> set[str]:
    return {path.stem for path in paths}


@pytest.fixture(scope="module")
def many_lines(tmp_path_factory) -> Path:
    """The 60,000-line one-page PDF: small on disk, too large to extract within the limit."""
    path = tmp_path_factory.mktemp("pdf") / "SY20-many-lines.pdf"  # sorts among the letters
    path.write_bytes(many_lines_pdf())
    document = pdfium.PdfDocument(str(path))
    assert len(document) == 1 and path.stat().st_size < 64 * 1024
    document.close()
    return path


def capped(cap: int):
    """A preexec_fn that puts the child under an address-space cap, as `prlimit --as` does."""
    return lambda: resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_under_a_memory_cap_the_60000_line_pdf_is_reported_and_30_letters_indexed(
    tmp_path, many_lines, jobs
):
    folder = tmp_path / "letters"
    letters = good_letters(folder, 30)
    (folder / many_lines.name).write_bytes(many_lines.read_bytes())
    with (folder / "SY30-sparse.pdf").open("wb") as sparse:  # 1.5 GB claimed, nothing stored
        sparse.truncate(1536 * 1024 * 1024)
    index_dir = tmp_path / "index"
    run = subprocess.run(
        [IMR, "index", str(folder), "--index", str(index_dir), "--jobs", jobs],
        capture_output=True, text=True, timeout=600, preexec_fn=capped(MEMORY_CAP),
    )
    assert run.returncode == 1, run.stderr
    assert run.stdout.startswith("letters: 30 added"), run.stdout + run.stderr
    assert indexed_letters(index_dir) == ids(letters)
    hostile, sparse = run.stderr.splitlines()  # one line each, nothing else
    assert hostile.startswith(
        f"skipped {folder / many_lines.name}: too large to parse within {PARSE_MEMORY_MB} MB (")
    assert sparse == f"skipped {folder / 'SY30-sparse.pdf'}: {TOO_LARGE}"


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_over_the_memory_limit_is_reported_and_the_workers_go_on(
    tmp_path, many_lines, jobs
):
    folder = tmp_path / "letters"
    letters = good_letters(folder, 8)
    (folder / many_lines.name).write_bytes(many_lines.read_bytes())
    limits = ParseLimits(memory_mb=400)
    report = build_index([folder], tmp_path / "index", jobs=jobs, limits=limits)
    [(path, reason)] = report.skipped
    assert path == str(folder / many_lines.name)
    assert reason.startswith("too large to parse within 400 MB (the parser ")
    assert indexed_letters(tmp_path / "index") == ids(letters)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_over_the_time_limit_is_reported_and_the_workers_go_on(tmp_path, jobs):
    folder = tmp_path / "letters"
    letters = good_letters(folder, 8)
    slow = folder / "SY20-42MB.txt"  # under the 50 MB cap; minutes to parse before the fix
    slow.write_text(big_summary_letter(letters[0].read_text(), 42))
    started = time.monotonic()
    report = build_index([folder], tmp_path / "index", jobs=jobs, limits=ParseLimits(seconds=2))
    assert report.skipped == [(str(slow), "too large to parse within 2 s")]
    assert indexed_letters(tmp_path / "index") == ids(letters)
    assert time.monotonic() - started < 120, "the parse was stopped at its limit"


@pytest.mark.slow
def test_a_letter_with_a_16_mb_summary_is_indexed_within_the_limits(tmp_path):
    folder = tmp_path / "letters"
    letter = good_letters(folder, 1)[0]
    letter.write_text(big_summary_letter(letter.read_text(), 16))
    report = build_index([folder], tmp_path / "index", jobs=1)
    assert (report.added, report.skipped) == (1, [])


def test_joining_wrapped_lines_takes_linear_time():
    wrapped = ["The patient reported ongoing pain in the lower back with follow-", "up."]
    started = time.monotonic()
    joined = join_lines(wrapped * 200_000)  # 14 MB: quadratic joining took many minutes
    assert time.monotonic() - started < 30  # linear: a second or two
    assert joined == " ".join([wrapped[0] + wrapped[1]] * 200_000)


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["follow-", "up"], "follow-up"),
        (["pain -", "worse"], "pain - worse"),
        (["-", "x"], "-x"),
        (["a", "-", "b"], "a - b"),
        (["ab-", "-", "c"], "ab--c"),
        (["", "  one ", "", "two  "], "one two"),
    ],
)
def test_joined_lines_close_hyphenated_breaks_only(lines, joined):
    assert join_lines(lines) == joined


def test_a_file_claiming_more_than_the_cap_is_refused_before_it_is_read(tmp_path):
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as file:
        file.truncate(1536 * 1024 * 1024)
    probe = (
        "import resource, sys; from pathlib import Path\n"
        "from indexer.letters.extract import read_letter_file\n"
        "def peak_mb(): return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024\n"
        "before = peak_mb()\n"
        "try:\n    read_letter_file(Path(sys.argv[1]))\nexcept Exception as error:\n"
        "    print(error)\nprint(peak_mb() - before)\n"
    )
    run = subprocess.run([sys.executable, "-c", probe, str(huge)], capture_output=True,
                         text=True, timeout=120, check=True)
    message, growth_mb = run.stdout.splitlines()
    assert message == TOO_LARGE == f"file too large for a letter (over {MAX_LETTER_BYTES >> 20} MB)"
    assert int(growth_mb) < 16, "not even the first 50 MB were read"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_not_read(tmp_path, device):
    link = tmp_path / "letter.txt"
    link.symlink_to(device)
    with pytest.raises(LetterError, match="not a regular file"):
        read_letter_file(link)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-8", "utf-32-le"])
def test_letters_with_a_byte_order_mark_are_read(tmp_path, encoding):
    original = good_letters(tmp_path / "letters", 1)[0]
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-8": codecs.BOM_UTF8, "utf-32-le": codecs.BOM_UTF32_LE}[encoding]
    encoded = tmp_path / f"{encoding}.txt"
    encoded.write_bytes(bom + original.read_text().replace("\n", "\r\n").encode(encoding))
    expected, letter = read_letter(original), read_letter(encoded)
    assert (letter.id, letter.items, letter.summary) == (expected.id, expected.items,
                                                         expected.summary)
    report = build_index([encoded], tmp_path / "index", jobs=1)
    assert (report.added, report.skipped) == (1, [])
