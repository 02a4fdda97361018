"""Hostile names and links in `imr index`: each reported with a reason on one escaped line, and
the run goes on with the other files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_inputs import good_letters

from imr_site.cli import printable
from indexer.build import build_index, letter_files

IMR = str(Path(sys.executable).parent / "imr")
LATIN_1 = os.fsdecode(b"caf\xe9.txt")  # a name whose bytes are not UTF-8
FORGED = "evil.txt\nskipped forged.txt: a line of its own"  # a name that writes a line of its own


def imr_index(folder: Path, index_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([IMR, "index", str(folder), "--index", str(index_dir), "--jobs", "1"],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def folder(tmp_path) -> Path:
    """Three good letters among broken links, link loops, a FIFO and hostile names."""
    folder = tmp_path / "letters"
    good_letters(folder / "sub", 3)
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop-a.pdf").symlink_to(folder / "loop-b.pdf")
    (folder / "loop-b.pdf").symlink_to(folder / "loop-a.pdf")
    (folder / "sub" / "up").symlink_to(folder)  # a folder link back to a folder above
    os.mkfifo(folder / "pipe.txt")  # reading it would wait for ever
    (folder / f"{FORGED}.txt").write_text("Not a letter.\n")
    (folder / LATIN_1).write_text("A Latin-1 name.\n")
    return folder


def test_links_fifos_and_bad_names_are_reported_with_a_reason(folder):
    files, skipped = letter_files([folder])
    letters = [*(folder / "sub").glob("*.txt"), folder / f"{FORGED}.txt"]
    assert files == sorted(map(str, letters))
    assert skipped == [
        (str(folder / LATIN_1), "file name is not valid UTF-8; rename the file"),
        (str(folder / "dangling.txt"), "broken link: its target does not exist"),
        (str(folder / "loop-a.pdf"), "link loop: the link leads back to itself"),
        (str(folder / "loop-b.pdf"), "link loop: the link leads back to itself"),
        (str(folder / "pipe.txt"), "not a regular file"),
        (str(folder / "sub" / "up"), "link loop: leads back to a folder above it"),
    ]


def test_a_build_reports_them_and_indexes_the_letters(folder, tmp_path):
    report = build_index([folder], tmp_path / "index", jobs=1)
    assert report.added == 3
    reasons = dict(report.skipped)
    assert len(reasons) == 7 and reasons[str(folder / f"{FORGED}.txt")].startswith("not an IMR")


def test_index_prints_one_escaped_line_per_skipped_file(folder, tmp_path):
    run = imr_index(folder, tmp_path / "index")
    assert (run.returncode, run.stdout.split(";")[0]) == (1, "letters: 3 added, 0 updated, "
                                                          "0 unchanged, 0 removed")
    lines = run.stderr.splitlines()
    assert len(lines) == 7 and all(line.startswith(f"skipped {folder}/") for line in lines)
    assert f"skipped {folder}/evil.txt\\nskipped forged.txt: a line of its own.txt: not an " \
        "IMR letter" in run.stderr
    assert f"skipped {folder}/caf\\xe9.txt: file name is not valid UTF-8" in run.stderr


def test_a_folder_linked_twice_is_searched_once(tmp_path):
    letters = good_letters(tmp_path / "real", 2)
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "a").symlink_to(tmp_path / "real")
    (folder / "b").symlink_to(tmp_path / "real")
    files, skipped = letter_files([folder])
    assert (len(files), skipped) == (len(letters), [])


def test_a_file_reached_by_several_names_is_listed_once_by_its_first(tmp_path):
    real = good_letters(tmp_path / "real", 1)[0]
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "alias.txt").symlink_to(real)  # a link to a file in another folder
    (folder / "inner").symlink_to(tmp_path / "real")  # and a link to its folder
    files, skipped = letter_files([folder, tmp_path / "real", tmp_path / "letters" / "inner"])
    assert (files, skipped) == ([str(folder / "alias.txt")], [])
    assert letter_files([tmp_path / "real"]) == ([str(real)], [])


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a folder whatever its mode")
def test_an_unreadable_folder_is_reported(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        assert letter_files([tmp_path]) == ([], [(str(locked), "cannot read folder: "
                                                  "Permission denied")])
    finally:
        locked.chmod(0o755)


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("plain name.pdf", "plain name.pdf"),
        ("café.txt", "café.txt"),
        ("two\nlines.txt", "two\\nlines.txt"),
        ("cr\rtab\t.txt", "cr\\rtab\\t.txt"),
        ("esc\x1b[31mred.txt", "esc\\x1b[31mred.txt"),
        ("line\u2028sep\u202eevil.txt", "line\\u2028sep\\u202eevil.txt"),
        ("back\\slash.txt", "back\\\\slash.txt"),
        (LATIN_1, "caf\\xe9.txt"),
    ],
)
def test_printable_escapes_what_could_forge_or_hide_output(name, shown):
    assert printable(name) == shown


def test_a_folder_of_nothing_but_bad_files_is_reported_not_refused(tmp_path):
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "notes.txt").write_text("Lunch order: two sandwiches.\n")
    os.mkfifo(folder / "pipe.pdf")
    run = imr_index(folder, tmp_path / "index")
    assert run.returncode == 1, run.stderr
    assert run.stdout.endswith("0 items indexed; corpus version none: no index yet\n")
    assert [line.split(":")[0] for line in run.stderr.splitlines()] == [
        f"skipped {folder / 'pipe.pdf'}", f"skipped {folder / 'notes.txt'}"]
