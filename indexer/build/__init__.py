"""Incremental index builds: find letter files, read each once, parse the new ones, write."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from indexer.build.files import FileResult, letter_files
from indexer.build.workers import DEFAULT_LIMITS, ParseLimits, Progress, parse_files
from indexer.engine import generations, store
from indexer.errors import IndexUnavailable
from indexer.letters.records import Letter

__all__ = ["BuildReport", "ParseLimits", "build_index", "letter_files", "parse_files"]


@dataclass
class BuildReport:
    """What a build did: letter counts, items written, files skipped with one reason each."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    items: int = 0  # item documents written by this run
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    corpus_version: str = ""  # "" when there is no index (no file has given a letter yet)

    @property
    def exit_status(self) -> int:
        """Return 1 when any file was skipped, else 0."""
        return 1 if self.skipped else 0


def build_index(
    paths: list[Path],
    index_dir: Path,
    *,
    jobs: int | None = None,
    prune: bool = False,
    rebuild: bool = False,
    progress: Progress | None = None,
    lock_wait: float = generations.LOCK_WAIT_SECONDS,
    limits: ParseLimits = DEFAULT_LIMITS,
    engine: str | None = None,
) -> BuildReport:
    """Index the letter files under paths into index_dir (incremental unless `rebuild`).

    Two files holding the same letter id: the first in path order is indexed, the other is
    skipped as "duplicate of <path>"; a file whose parse exceeds `limits` is skipped too.
    Raises IndexWriteError (busy, disk full, read-only, `engine` other than the live index's
    without `rebuild`) and IndexUnavailable (the live index is corrupt; a rebuild replaces it).
    `engine` (whoosh or tantivy) is the search engine a new or rebuilt index is written by;
    "auto" picks one by the number of letter files (`store.auto_engine`).
    """
    index_dir = Path(index_dir)
    report = BuildReport()
    files, report.skipped = letter_files(paths)
    with generations.build_lock(index_dir, lock_wait) as note:
        report.notes.extend([note] if note else [])
        fresh = rebuild or not store.has_index(index_dir)
        if engine == generations.AUTO:
            engine, why = store.auto_engine(index_dir, len(files), fresh)
            report.notes.append(why)
        engine = store.engine_to_write(index_dir, engine, fresh)
        previous = _live_letters(index_dir, rebuild)
        with contextlib.ExitStack() as stack:
            writer = _OnDemandWriter(index_dir, rebuild, stack, engine)
            indexed = {} if rebuild else {sha: letter_id for letter_id, sha in previous.items()}
            results = parse_files(files, jobs, progress, indexed, limits, engine)
            with contextlib.closing(results):
                claims = _write(writer, results, indexed, previous, report)
            if prune or rebuild:
                _remove(writer, set(previous) - set(claims), report)
        report.items = writer.items
        kept = len(set(previous) - set(claims)) - report.removed
        if kept:
            report.notes.append(f"{kept} indexed letters have no file here (--prune removes them)")
        if generations.live_directory(index_dir).exists():  # none yet if no file gave a letter
            report.corpus_version = store.corpus_version(index_dir)
    return report


def _live_letters(index_dir: Path, rebuild: bool) -> dict[str, str]:
    """Return letter_id -> sha256 of the live index ({} if none; a rebuild ignores corruption)."""
    try:
        return store.live_letters(index_dir)
    except IndexUnavailable:
        if rebuild or not generations.live_directory(index_dir).exists():
            return {}
        raise


class _OnDemandWriter:
    """The index writer, opened at the first change (at once for a rebuild), so a build that
    changes nothing writes nothing; it commits when the build's ExitStack closes."""

    def __init__(
        self, index_dir: Path, fresh: bool, stack: contextlib.ExitStack, engine: str | None
    ):
        self._index_dir, self._fresh, self._stack = index_dir, fresh, stack
        self._engine = engine
        self._writer: store.LetterWriter | None = None
        if fresh:
            self._open()

    @property
    def items(self) -> int:
        """Item documents written so far."""
        return self._writer.items if self._writer else 0

    def put(self, letter: Letter, documents: object = None) -> None:
        """Add or replace a letter (with its documents, when prepared by the parse process)."""
        self._open().put(letter, documents)

    def remove(self, letter_id: str) -> None:
        """Remove a letter by id."""
        self._open().remove(letter_id)

    def _open(self) -> store.LetterWriter:
        if self._writer is None:
            writing = store.writing(self._index_dir, fresh=self._fresh, engine=self._engine)
            self._writer = self._stack.enter_context(writing)
        return self._writer


def _write(
    writer: _OnDemandWriter,
    results: Iterable[FileResult],
    indexed: dict[str, str],
    previous: dict[str, str],
    report: BuildReport,
) -> dict[str, str]:
    """Write each new or changed letter (results come in path order, so the first file holding
    an id wins); return letter id -> the file that holds it."""
    claims: dict[str, str] = {}
    for result in results:
        if result.reason is not None:
            report.skipped.append((result.path, result.reason))
            continue
        letter_id = result.letter.id if result.letter else indexed[result.sha256]
        if letter_id in claims:
            report.skipped.append((result.path, f"duplicate of {claims[letter_id]}"))
            continue
        claims[letter_id] = result.path
        if result.letter is None:
            report.unchanged += 1
            continue
        writer.put(result.letter, result.documents)
        if letter_id in previous:
            report.updated += 1
        else:
            report.added += 1
    return claims


def _remove(writer: _OnDemandWriter, letter_ids: set[str], report: BuildReport) -> None:
    """Remove the indexed letters no file holds any more."""
    for letter_id in sorted(letter_ids):
        writer.remove(letter_id)
        report.removed += 1
