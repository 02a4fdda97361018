"""Serving replicas: copy one published generation into another index folder, atomically.

`imr publish SOURCE TARGET` copies the files the source generation's checksum list names into a
temporary folder beside TARGET, flushes them to disk, checks every digest and opens the copy with
its engine, then renames it into a generation of TARGET and swaps TARGET's symlink the way a
build does: a site serving TARGET picks it up at its next request. A partial or damaged copy is
refused and TARGET keeps serving what it served.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from indexer.engine.checksums import mismatches, read_checksums
from indexer.engine.corpus_file import read_corpus_file
from indexer.engine.generations import (
    CHECKSUM_FILE,
    LOCK_WAIT_SECONDS,
    build_lock,
    generation_name,
    live_directory,
    publish,
    remove_old_generations,
)
from indexer.engine.store import corpus_version
from indexer.errors import IndexUnavailable, IndexWriteError

COPY_CHUNK_BYTES = 1 << 20


@dataclass(frozen=True)
class Published:
    """What a publish did: the corpus version now served, and where."""

    version: str
    generation: Path  # TARGET's live generation folder
    files: int
    bytes: int
    copied: bool  # False when TARGET already served this generation


def publish_copy(source: Path, target: Path, lock_wait: float = LOCK_WAIT_SECONDS) -> Published:
    """Publish the live generation of `source` (an index, or a generation folder such as an
    rsync'd copy) as the live generation of `target`; raises IndexWriteError saying why not."""
    generation = live_directory(Path(source))
    target = Path(target)
    expected = _checksums_of(generation)
    version = _version_of(generation)
    size = sum(_size(generation / name) for name in expected)
    with build_lock(target, lock_wait):
        if _serves(target, expected):
            return Published(version, live_directory(target), len(expected), size, False)
        _remove_incoming(target)
        incoming = target.with_name(f".{target.name}.incoming-{os.getpid()}")
        try:
            _copy_verified(generation, incoming, expected, version)
            folder = generation_name(target)
            incoming.rename(folder)
            _sync_directory(folder.parent)
            publish(target, folder)
            _sync_directory(folder.parent)
        except BaseException:
            shutil.rmtree(incoming, ignore_errors=True)
            raise
        remove_old_generations(target)
    return Published(version, folder, len(expected), size, True)


def _checksums_of(generation: Path) -> dict[str, str]:
    try:
        return read_checksums(generation)
    except ValueError as error:
        raise IndexWriteError(
            f"refused: {error}. Every generation `imr index` writes has its checksum list (an "
            "index written before 2026-12 needs `imr index --rebuild`); a copied generation "
            "folder needs it too: copy the whole folder again"
        ) from error


def _version_of(generation: Path) -> str:
    recorded = read_corpus_file(generation)
    if not recorded or "version" not in recorded:
        raise IndexWriteError(f"refused: {generation} has no readable corpus.json")
    return recorded["version"]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _serves(target: Path, expected: dict[str, str]) -> bool:
    """True when target's live generation already holds exactly these files."""
    if not target.is_symlink():
        return False
    try:
        return read_checksums(live_directory(target)) == expected
    except ValueError:
        return False


def _remove_incoming(target: Path) -> None:
    """Remove the temporary folders of killed publishes to target (we hold its lock)."""
    for stale in target.parent.glob(f".{target.name}.incoming-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _copy_verified(generation: Path, incoming: Path, expected: dict[str, str], version: str):
    """Copy the listed files and the list, flush them, and refuse a copy that differs."""
    incoming.mkdir(parents=True)
    try:
        for name in (*expected, CHECKSUM_FILE):
            _copy_file(generation / name, incoming / name)
    except OSError as error:
        raise IndexWriteError(
            f"refused: could not copy {error.filename or generation} "
            f"({error.strerror or error}); the replica is unchanged"
        ) from error
    _sync_directory(incoming)
    problems = mismatches(incoming, expected)
    if problems:
        raise IndexWriteError(
            f"refused: the copy of {generation} does not match its checksum list "
            f"({'; '.join(problems[:5])}); the replica is unchanged"
        )
    try:
        opened_version = corpus_version(incoming)
    except IndexUnavailable as error:
        raise IndexWriteError(f"refused: {error}; the replica is unchanged") from error
    if opened_version != version:
        raise IndexWriteError(
            f"refused: the copy holds corpus version {opened_version}, its corpus.json says "
            f"{version}; the replica is unchanged"
        )


def _copy_file(source: Path, copy: Path) -> None:
    """Copy one file with its mode and times, flushed to disk before it counts as copied."""
    with source.open("rb") as reading, copy.open("wb") as writing:
        shutil.copyfileobj(reading, writing, COPY_CHUNK_BYTES)
        writing.flush()
        os.fsync(writing.fileno())
    shutil.copystat(source, copy)


def _sync_directory(folder: Path) -> None:
    """Flush a folder's entries (new names, renames) to disk."""
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
