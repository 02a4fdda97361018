"""The parse processes: each letter's documents prepared for the build's engine, in the
process that parsed it; a build that stops reading leaves no process nor reading thread."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from indexer.build import parse_files
from indexer.build.workers import READ_AHEAD
from indexer.engine.documents import letter_documents
from indexer.engine.tantivy_engine.schema import prepared_documents
from indexer.synth import write_letters


@pytest.fixture(scope="module")
def letter_paths(tmp_path_factory) -> list[str]:
    """Synthetic letter files, more than are read ahead."""
    folder = tmp_path_factory.mktemp("letters")
    write_letters(READ_AHEAD + 8, folder, seed=11, fmt="txt")
    return sorted(str(path) for path in folder.glob("*.txt"))


@pytest.mark.parametrize(
    ("engine", "prepare"),
    [("tantivy", prepared_documents), ("whoosh", letter_documents), (None, None)],
)
def test_each_letter_comes_with_its_documents_prepared_for_the_engine(
    letter_paths, engine, prepare
):
    results = list(parse_files(letter_paths, jobs=2, engine=engine))
    assert [result.path for result in results] == letter_paths
    assert all(result.letter for result in results)
    for result in results:
        expected = prepare(result.letter) if prepare else None
        assert result.documents == (list(expected) if engine == "whoosh" else expected)


def test_a_build_that_stops_reading_leaves_no_process_or_thread(letter_paths):
    results = parse_files(letter_paths, jobs=2, engine="tantivy")
    first = next(results)
    assert first.letter is not None
    workers = _parse_processes()
    assert workers  # started, parsing the files sent ahead
    results.close()
    assert not _parse_processes()
    assert not [thread for thread in threading.enumerate() if "read-ahead" in thread.name]


def _parse_processes() -> list[int]:
    """The running parse processes this test process started."""
    children = Path(f"/proc/{Path('/proc/self').resolve().name}/task")
    found = []
    for task in children.iterdir():
        listing = Path(task, "children")
        if listing.exists():
            found += [int(pid) for pid in listing.read_text().split()]
    return [pid for pid in found if _is_parse_process(pid)]


def _is_parse_process(pid: int) -> bool:
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return b"indexer.build.parse_process" in command and state != "Z"
