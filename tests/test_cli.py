"""The `imr` command group, run as a user runs it: a real subprocess per command."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

IMR = [str(Path(sys.executable).parent / "imr")]  # the installed console script
COMMANDS = ("parse", "synth", "index", "serve", "report")


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
