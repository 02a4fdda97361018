"""Index generations on disk: the build lock, new generation folders, the symlink swap, clean-up.

A generation is immutable once published: a rebuild writes a new folder, and so does an update
(`generation_copy`: the live one's files hard-linked into a new folder, which the writer then
changes; neither engine modifies a file in place, both write new files and rename). A published
generation only gains the `superseded` marker, which no reader reads.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from whoosh.util.filelock import FcntlLock

from indexer.errors import IndexWriteError

SUPERSEDED_FILE = "superseded"  # written into a generation when the symlink leaves it
ENGINE_FILE = "engine"  # the name of the engine that wrote a generation; absent: Whoosh
WHOOSH, TANTIVY = "whoosh", "tantivy"
ENGINES = (WHOOSH, TANTIVY)  # WHOOSH, the default, is the reference
AUTO = "auto"  # a build's choice by corpus size (store.auto_engine)
CHECKSUM_FILE = "checksums.sha256"  # the generation's files and their digests (`sha256sum -c`)
LOCK_FILES = ("MAIN_WRITELOCK", ".tantivy-writer.lock", ".tantivy-meta.lock")  # engines' locks
GRACE_SECONDS = 300  # a superseded generation older than this (and not the previous) is removed
LOCK_WAIT_SECONDS = 5.0


def iso_time(timestamp: float) -> str:
    """Return a POSIX timestamp as an ISO 8601 UTC time to the second."""
    return datetime.fromtimestamp(timestamp, UTC).isoformat(timespec="seconds")


def live_directory(index_dir: Path) -> Path:
    """Return the directory holding the live index (the symlink's target, or index_dir itself)."""
    return index_dir.resolve() if index_dir.is_symlink() else index_dir


def engine_of(index_dir: Path) -> str:
    """Return the engine that wrote the live index (WHOOSH when it names none, or is absent)."""
    try:
        named = (live_directory(index_dir) / ENGINE_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return WHOOSH
    return named if named in ENGINES else WHOOSH


def lock_path(index_dir: Path) -> Path:
    """Return the build lock file that keeps two `imr index` runs from writing one index."""
    return index_dir.with_name(f"{index_dir.name}.lock")


# --- the build lock -------------------------------------------------------------------


def lock_holder(path: Path) -> str | None:
    """Describe the run holding the build lock, or None when nobody holds it."""
    probe = FcntlLock(str(path))
    try:
        if not path.exists() or probe.acquire(blocking=False):
            return None
    except OSError:
        return None
    finally:
        if probe.locked and probe.fd is not None:
            probe.release()
    return _describe_holder(path)


def _describe_holder(path: Path) -> str:
    try:
        holder = json.loads(path.read_text(encoding="utf-8"))
        return f"`imr index` pid {holder['pid']}, started {holder['started']}"
    except (OSError, ValueError, KeyError):
        return "another `imr index` run"


@contextmanager
def build_lock(index_dir: Path, wait: float = LOCK_WAIT_SECONDS) -> Iterator[str | None]:
    """Hold the index's build lock; yield a note if a killed run had left it behind.

    A second run waits up to `wait` seconds, then raises IndexWriteError naming the holder.
    The lock is an flock, so the kernel releases it when its process dies: a lock file left
    by a killed run is stale, never a hang.
    """
    path = lock_path(index_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FcntlLock(str(path))
    deadline = time.monotonic() + wait
    try:
        while not lock.acquire(blocking=False):
            if time.monotonic() >= deadline:
                raise IndexWriteError(
                    f"the index at {index_dir} is being written by {_describe_holder(path)}; "
                    f"waited {wait:g} s. Run again when it has finished."
                )
            time.sleep(0.1)
    except OSError as error:
        raise IndexWriteError(f"cannot lock the index at {index_dir}: {error}") from error
    note = None
    if os.fstat(lock.fd).st_size > 0:  # a clean run empties the file when it lets go
        note = f"an earlier run was interrupted ({_describe_holder(path)}); its lock was stale"
    try:
        os.ftruncate(lock.fd, 0)
        holder = {"pid": os.getpid(), "started": iso_time(time.time())}
        os.write(lock.fd, json.dumps(holder).encode())
        yield note
        os.ftruncate(lock.fd, 0)
    finally:
        lock.release()


# --- generations ------------------------------------------------------------------------


def _generations(index_dir: Path) -> list[Path]:
    return sorted(index_dir.parent.glob(f"{index_dir.name}.gen-*"))


def generation_name(index_dir: Path) -> Path:
    """Return the path of a new generation folder beside index_dir (not created)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%f")
    return index_dir.with_name(f"{index_dir.name}.gen-{stamp}")


def index_files(folder: Path) -> list[str]:
    """Return the names of a generation's index files: all but locks, markers, the checksums."""
    skipped = {SUPERSEDED_FILE, CHECKSUM_FILE, *LOCK_FILES}
    return sorted(path.name for path in folder.iterdir()
                  if path.is_file() and not path.is_symlink() and path.name not in skipped)


def new_generation(index_dir: Path, engine: str = WHOOSH) -> Path:
    """Create and return a generation folder beside index_dir, naming the engine writing it."""
    folder = generation_name(index_dir)
    folder.mkdir(parents=True)
    if engine != WHOOSH:  # a Whoosh generation names no engine, as every index before issue 14
        (folder / ENGINE_FILE).write_text(engine, encoding="utf-8")
    return folder


def generation_copy(index_dir: Path) -> Path:
    """Return a new generation holding the live one's index files, hard-linked (copied where
    links fail): an update writes there, never into the published generation."""
    live = live_directory(index_dir)
    folder = generation_name(index_dir)
    folder.mkdir()
    for name in index_files(live):
        try:
            os.link(live / name, folder / name)
        except OSError:  # a file system without hard links
            shutil.copy2(live / name, folder / name)
    return folder


def publish(index_dir: Path, folder: Path) -> None:
    """Point index_dir at folder atomically; the generation it left is marked superseded."""
    previous = live_directory(index_dir) if index_dir.exists() else None
    if index_dir.is_dir() and not index_dir.is_symlink():
        previous = _retire_plain_directory(index_dir)
    link = index_dir.with_name(f".{index_dir.name}.link-{os.getpid()}")
    link.unlink(missing_ok=True)
    os.symlink(folder.name, link)
    os.replace(link, index_dir)
    if previous is not None and previous.is_dir():
        (previous / SUPERSEDED_FILE).write_text(iso_time(time.time()), encoding="utf-8")


def _retire_plain_directory(index_dir: Path) -> Path | None:
    """Move an old-style plain index directory aside (an empty one is simply removed)."""
    if not any(index_dir.iterdir()):
        index_dir.rmdir()
        return None
    retired = new_generation(index_dir)
    retired.rmdir()
    index_dir.rename(retired)  # readers see no index until the symlink lands, a moment later
    return retired


def remove_old_generations(index_dir: Path) -> None:
    """Remove generations nobody should read: orphans of killed runs, and superseded ones
    older than the grace period, always keeping the live one and the one before it."""
    live = live_directory(index_dir) if index_dir.exists() else None
    superseded = []
    for folder in _generations(index_dir):
        if live is not None and folder.resolve() == live:
            continue
        marker = folder / SUPERSEDED_FILE
        if marker.exists():
            superseded.append((marker.stat().st_mtime, folder))
        else:
            shutil.rmtree(folder, ignore_errors=True)  # a killed run's (we hold the lock)
    superseded.sort()
    for modified, folder in superseded[:-1]:
        if time.time() - modified > GRACE_SECONDS:
            shutil.rmtree(folder, ignore_errors=True)
