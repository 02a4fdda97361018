"""The `imr` command group, run as a user runs it: a real subprocess per command."""

from __future__ import annotations

import ast
import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from indexer.engine import Corpus, SimilarRequest, find_similar

IMR = [str(Path(sys.executable).parent / "imr")]  # the installed console script
COMMANDS = ("parse", "synth", "index", "serve", "report")
ROOT = Path(__file__).resolve().parent.parent
PT_REQUEST = "12 sessions of physical therapy for the cervical spine"


def run_imr(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `imr ARGS` and capture its output."""
    return subprocess.run(
        [*IMR, *args], capture_output=True, text=True, cwd=cwd, timeout=300, check=False
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = run_imr(command, "--help")
    assert result.returncode == 0
    assert "Usage:" in result.stdout
    assert len(result.stdout.splitlines()) > 4


def test_one_group_lists_every_command():
    listed = run_imr("--help").stdout
    commands = listed[listed.index("Commands:"):].split()
    assert set(COMMANDS) <= set(commands)


def test_the_indexer_never_imports_the_site():
    for path in (ROOT / "indexer").rglob("*.py"):
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            assert not any(name.split(".")[0] in ("imr_site", "flask") for name in names), path


def test_parse_prints_json_lines_and_reports_bad_files(tmp_path, fixture_letters_dir):
    good = sorted(fixture_letters_dir.glob("*.txt"))[:2]
    bad = tmp_path / "notes.txt"
    bad.write_text("Lunch order: two sandwiches.\n")
    result = run_imr("parse", str(good[0]), str(bad), str(good[1]))
    assert result.returncode == 1
    letters = [json.loads(line) for line in result.stdout.splitlines()]
    assert [letter["id"] for letter in letters] == [good[0].stem, good[1].stem]
    assert result.stderr.startswith(f"{bad}: ")
    assert "Traceback" not in result.stderr


def test_synth_then_index_then_index_again(tmp_path):
    letters, index = tmp_path / "letters", tmp_path / "index"
    assert run_imr("synth", "12", str(letters), "--seed", "3", "--quiet").returncode == 0
    assert len(list(letters.glob("*.txt"))) == 12

    first = run_imr("index", str(letters), "--index", str(index), "--jobs", "1")
    assert first.returncode == 0, first.stderr
    assert "12 added" in first.stdout

    again = run_imr("index", str(letters), "--index", str(index), "--jobs", "1")
    assert again.returncode == 0
    assert "0 added, 0 updated, 12 unchanged" in again.stdout


def test_index_skips_bad_files_with_a_reason_and_exit_1(tmp_path, fixture_letters_dir):
    folder = tmp_path / "mixed"
    folder.mkdir()
    good = sorted(fixture_letters_dir.glob("*.txt"))[0]
    (folder / good.name).write_bytes(good.read_bytes())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    result = run_imr("index", str(folder), "--index", str(tmp_path / "index"), "--jobs", "1")
    assert result.returncode == 1
    assert "1 added" in result.stdout
    assert f"skipped {folder / 'broken.pdf'}: " in result.stderr
    assert "Traceback" not in result.stderr


def run_on_a_terminal(*args: str) -> str:
    """Run `imr ARGS` with stderr on a pseudo-terminal; return what the terminal showed."""
    controller, terminal = pty.openpty()
    with subprocess.Popen([*IMR, *args], stdout=subprocess.DEVNULL, stderr=terminal) as process:
        os.close(terminal)
        shown = b""
        while chunk := _read(controller):
            shown += chunk
        process.wait(timeout=300)
    os.close(controller)
    return shown.decode(errors="replace")


def _read(controller: int) -> bytes:
    try:
        return os.read(controller, 4096)
    except OSError:  # the terminal closed with the process
        return b""


def test_progress_bars_show_on_a_terminal_only(tmp_path):
    letters, index = tmp_path / "letters", tmp_path / "index"
    shown = run_on_a_terminal("synth", "8", str(letters))
    assert "Writing synthetic letters" in shown
    assert "100%" in shown
    shown = run_on_a_terminal("index", str(letters), "--index", str(index), "--jobs", "1")
    assert "Indexing letters" in shown

    quiet = run_imr("index", str(letters), "--index", str(tmp_path / "again"), "--jobs", "1")
    assert quiet.returncode == 0
    assert "Indexing letters" not in quiet.stderr


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page of a PDF."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_report_writes_the_same_pack_as_the_site(index_dir, tmp_path, client):
    target = tmp_path / "pack.pdf"
    options = ["-n", "5", "--paper", "letter", "--index", str(index_dir), "-o", str(target)]
    result = run_imr("report", PT_REQUEST, *options, "--base-url", "http://localhost")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{target}: ")
    pages = pdf_pages(target.read_bytes())
    wanted = SimilarRequest(PT_REQUEST, treatment="physical therapy", body_part="cervical spine",
                            sessions=12, n=5)
    for found in find_similar(Corpus.open(index_dir), wanted):
        assert found.letter.case_number in "\n".join(pages)
    site_pdf = client.get("/report.pdf", query_string={"request": PT_REQUEST, "n": "5",
                                                       "paper": "letter"})
    assert pages == pdf_pages(site_pdf.data), "the same pack, links and all"


def test_report_prints_links_under_the_base_url(index_dir, tmp_path):
    target = tmp_path / "pack.pdf"
    result = run_imr("report", PT_REQUEST, "-n", "1", "--index", str(index_dir), "-o",
                     str(target), "--base-url", "https://imr.example/precedents/")
    assert result.returncode == 0, result.stderr
    cover = pdf_pages(target.read_bytes())[0].replace("\n", "")  # long URLs wrap anywhere
    assert "https://imr.example/precedents/report?request=12+sessions+of+physical" in cover
    assert "https://imr.example/precedents/search?treatment=physical+therapy" in cover


def test_report_refuses_bad_options(index_dir):
    result = run_imr("report", PT_REQUEST, "-n", "101", "--index", str(index_dir))
    assert result.returncode == 2
    assert "at most 100 precedents" in result.stderr


def test_report_names_a_missing_index(tmp_path):
    result = run_imr("report", PT_REQUEST, "--index", str(tmp_path / "none"))
    assert result.returncode == 1
    assert "the index is not available" in result.stderr
    assert "Traceback" not in result.stderr
