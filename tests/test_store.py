"""The index on disk: writing letters, generations and the swap, locks, faults, corpus version."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest
from test_documents import make_letter
from whoosh.index import create_in
from whoosh.query import And, Term

from indexer.engine import generations, store
from indexer.engine.schema import SCHEMA
from indexer.errors import IndexUnavailable, IndexWriteError


def letters(count: int, start: int = 0):
    """Distinct letters: ids and file hashes differ."""
    base = make_letter()
    return [
        replace(base, id=f"CM16-{number:07d}", source=replace(base.source, sha256=f"{number:064x}"))
        for number in range(start, start + count)
    ]


def write(index_dir: Path, batch, *, fresh=False, remove=()):
    with generations.build_lock(index_dir), store.writing(index_dir, fresh=fresh) as writer:
        for letter in batch:
            writer.put(letter)
        for letter_id in remove:
            writer.remove(letter_id)


def item_ids(index_dir: Path, **term) -> list[str]:
    ((field, value),) = term.items()
    query = And([Term("kind", "item"), Term(field, value)])
    with store.open_index(index_dir).searcher() as searcher:
        return sorted(hit["item_id"] for hit in searcher.search(query, limit=None))


def test_written_letters_are_counted_and_versioned(tmp_path):
    index_dir = tmp_path / "index"
    write(index_dir, letters(3))
    info = store.corpus_info(store.open_index(index_dir))
    assert (info.letters, info.items) == (3, 6)
    assert index_dir.is_symlink() and (index_dir / store.CORPUS_FILE).exists()
    on_disk = json.loads((index_dir / store.CORPUS_FILE).read_text())
    assert set(on_disk) >= {"version", "letters", "items", "built_at", "generation"}
    assert on_disk["version"] == info.version == store.corpus_version(index_dir)


def test_corpus_version_depends_on_content_not_order(tmp_path):
    write(tmp_path / "a", letters(4))
    write(tmp_path / "b", list(reversed(letters(4))))
    write(tmp_path / "c", letters(3))
    versions = [store.corpus_version(tmp_path / name) for name in "abc"]
    assert versions[0] == versions[1] != versions[2]


def test_corpus_version_is_computed_when_the_file_is_missing(tmp_path):
    index_dir = tmp_path / "index"
    write(index_dir, letters(2))
    version = store.corpus_version(index_dir)
    (index_dir / store.CORPUS_FILE).unlink()
    assert store.corpus_version(index_dir) == version


def test_putting_a_letter_again_replaces_it_and_remove_drops_it(tmp_path):
    index_dir = tmp_path / "index"
    write(index_dir, letters(3))
    first_item = make_letter().items[0]
    overturned = replace(letters(1)[0], items=[replace(first_item, decision="Overturned")])
    write(index_dir, [overturned], remove=["CM16-0000002"])
    assert item_ids(index_dir, letter_id="CM16-0000000") == ["CM16-0000000-1"]
    assert item_ids(index_dir, letter_id="CM16-0000002") == []
    info = store.corpus_info(store.open_index(index_dir))
    assert (info.letters, info.items) == (2, 3)


def test_fresh_generation_swaps_the_link_and_keeps_the_previous_one(tmp_path):
    index_dir = tmp_path / "index"
    write(index_dir, letters(2))
    first = index_dir.resolve()
    write(index_dir, letters(1, start=5), fresh=True)
    second = index_dir.resolve()
    assert second != first and (first / generations.SUPERSEDED_FILE).exists()
    assert item_ids(index_dir, kind="item") == ["CM16-0000005-1", "CM16-0000005-2"]
    old = time.time() - generations.GRACE_SECONDS - 60
    os.utime(first / generations.SUPERSEDED_FILE, (old, old))
    orphan = tmp_path / "index.gen-00000000T000000.000000"  # a killed rebuild's leftovers
    orphan.mkdir()
    generations.remove_old_generations(index_dir)
    assert first.exists(), "the previous generation is kept even past the grace period"
    assert not orphan.exists()
    write(index_dir, letters(1, start=7))  # an update writes a new generation too
    third = index_dir.resolve()
    assert third not in (first, second) and (second / generations.SUPERSEDED_FILE).exists()
    assert not first.exists() and second.exists()


def test_a_failure_while_writing_leaves_the_previous_index(tmp_path):
    index_dir = tmp_path / "index"
    write(index_dir, letters(2))
    version = store.corpus_version(index_dir)
    for fresh in (False, True):
        with pytest.raises(RuntimeError), store.writing(index_dir, fresh=fresh) as writer:
            writer.put(letters(1, start=9)[0])
            raise RuntimeError("interrupted")
        assert store.corpus_version(index_dir) == version
    assert len(list(tmp_path.glob("index.gen-*"))) == 1


def test_a_plain_directory_index_is_replaced_by_a_link_on_its_first_write(tmp_path):
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    create_in(str(index_dir), SCHEMA)  # an old-style index: a plain directory
    write(index_dir, letters(1))
    assert index_dir.is_symlink() and item_ids(index_dir, letter_id="CM16-0000000")
    write(index_dir, letters(2), fresh=True)
    assert index_dir.is_symlink() and store.corpus_info(store.open_index(index_dir)).letters == 2


def _truncate_segment(folder: Path) -> None:
    segment = max(folder.glob("*.seg"), key=lambda path: path.stat().st_size)
    segment.write_bytes(segment.read_bytes()[: segment.stat().st_size // 2])


def _garble_table_of_contents(folder: Path) -> None:
    next(folder.glob("*.toc")).write_bytes(b"\0\1")


def _schema_from_the_future(folder: Path) -> None:
    info = json.loads((folder / store.CORPUS_FILE).read_text())
    (folder / store.CORPUS_FILE).write_text(json.dumps({**info, "schema_version": "999"}))


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (_truncate_segment, "is corrupt"),
        (_garble_table_of_contents, "is corrupt"),
        (_schema_from_the_future, "schema version 999"),
    ],
)
def test_a_damaged_index_says_why(tmp_path, damage, reason):
    index_dir = tmp_path / "index"
    write(index_dir, letters(3))
    damage(index_dir.resolve())
    with pytest.raises(IndexUnavailable, match=reason):
        store.open_index(index_dir)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda index_dir: None, "no index at"),
        (lambda index_dir: index_dir.mkdir(), "is empty"),
        (lambda index_dir: index_dir.symlink_to("index.gen-gone"), "no index at"),
    ],
)
def test_a_missing_index_says_why(tmp_path, make, reason):
    make(tmp_path / "index")
    with pytest.raises(IndexUnavailable, match=reason):
        store.open_index(tmp_path / "index")


def test_an_index_being_built_for_the_first_time_is_named(tmp_path):
    index_dir = tmp_path / "index"
    with generations.build_lock(index_dir), store.writing(index_dir, fresh=True) as writer:
        writer.put(letters(1)[0])
        with pytest.raises(IndexUnavailable, match=rf"being built \(`imr index` pid {os.getpid()}"):
            store.open_index(index_dir)
    assert store.corpus_info(store.open_index(index_dir)).letters == 1


def test_a_second_writer_waits_then_names_the_first(tmp_path):
    index_dir = tmp_path / "index"
    holder = f"pid {os.getpid()}"
    with (
        generations.build_lock(index_dir),
        pytest.raises(IndexWriteError, match=holder),
        generations.build_lock(index_dir, wait=0.3),
    ):
        pass
    with generations.build_lock(index_dir, wait=0) as note:
        assert note is None


def test_a_lock_left_by_a_killed_run_is_stale_not_a_hang(tmp_path):
    index_dir = tmp_path / "index"
    generations.lock_path(index_dir).write_text(json.dumps({"pid": 4242, "started": "earlier"}))
    with generations.build_lock(index_dir, wait=0) as note:
        assert "pid 4242" in note and "stale" in note


WRITE_UNDER_FILE_SIZE_LIMIT = textwrap.dedent(
    """
    import resource, signal, sys
    from dataclasses import replace
    sys.path.insert(0, sys.argv[2])
    from test_store import letters, write
    from indexer.errors import IndexWriteError
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit is then EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))
    big = [replace(letter, summary="slip and fall " * 5000) for letter in letters(20, start=50)]
    try:
        write(__import__("pathlib").Path(sys.argv[1]), big, fresh=sys.argv[3] == "fresh")
    except IndexWriteError as error:
        print(error)
        sys.exit(3)
    """
)


@pytest.mark.parametrize("mode", ["incremental", "fresh"])
def test_a_full_disk_is_a_clear_error_and_the_previous_index_survives(tmp_path, mode):
    index_dir = tmp_path / "index"
    write(index_dir, letters(2))
    version = store.corpus_version(index_dir)
    tests = str(Path(__file__).parent)
    run = subprocess.run(
        [sys.executable, "-c", WRITE_UNDER_FILE_SIZE_LIMIT, str(index_dir), tests, mode],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 3, run.stderr
    assert "could not write the index" in run.stdout and "previous index is untouched" in run.stdout
    assert store.corpus_version(index_dir) == version
    write(index_dir, letters(1, start=3))
    assert store.corpus_info(store.open_index(index_dir)).letters == 3
