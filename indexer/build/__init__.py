"""Incremental index builds: find letter files, hash them, parse the new ones in parallel, write."""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

from indexer.engine import generations, store
from indexer.errors import IndexUnavailable, LetterError
from indexer.letters.parse import read_letter
from indexer.letters.records import Letter

LETTER_SUFFIXES = (".txt", ".pdf")
PARSE_WINDOW = 32  # files in flight per parse worker
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
Progress = Callable[[int, int], None]
Parsed = tuple[str, Letter | None, str | None]  # (path, letter, reason it was not read)


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
    corpus_version: str = ""

    @property
    def exit_status(self) -> int:
        """Return 1 when any file was skipped, else 0."""
        return 1 if self.skipped else 0


@dataclass
class _Plan:
    """Which letter id each kept file claims, and which files must be parsed."""

    claims: dict[str, str] = field(default_factory=dict)  # letter id -> path
    to_parse: list[tuple[str, str]] = field(default_factory=list)  # (path, sha256)


def build_index(
    paths: list[Path],
    index_dir: Path,
    *,
    jobs: int | None = None,
    prune: bool = False,
    rebuild: bool = False,
    progress: Progress | None = None,
    lock_wait: float = generations.LOCK_WAIT_SECONDS,
) -> BuildReport:
    """Index the letter files under paths into index_dir (incremental unless `rebuild`).

    Two files holding the same letter id: the first in path order is indexed, the other is
    skipped as "duplicate of <path>". Raises IndexWriteError (busy, disk full, read-only) and
    IndexUnavailable (the live index is corrupt; a rebuild replaces it).
    """
    index_dir = Path(index_dir)
    report = BuildReport()
    files, report.skipped = letter_files(paths)
    with generations.build_lock(index_dir, lock_wait) as note:
        report.notes.extend([note] if note else [])
        previous = _live_letters(index_dir, rebuild)
        plan = _plan(_hashes(files, report), previous, rebuild, report)
        unclaimed = set(previous) - set(plan.claims)  # changed files may still claim some
        if rebuild or plan.to_parse or (prune and unclaimed):
            with store.writing(index_dir, fresh=rebuild) as writer:
                to_parse = [path for path, _sha in plan.to_parse]
                with contextlib.closing(parse_files(to_parse, jobs, progress)) as parsed:
                    _write(writer, parsed, plan, previous, report)
                _remove(writer, previous, plan, prune or rebuild, report)
            report.items = writer.items
        kept = len(set(previous) - set(plan.claims)) - report.removed
        if kept:
            report.notes.append(f"{kept} indexed letters have no file here (--prune removes them)")
        report.corpus_version = store.corpus_version(index_dir)
    return report


def letter_files(paths: Iterable[Path]) -> tuple[list[str], list[tuple[str, str]]]:
    """Return the .txt/.pdf files named or found (recursively) under paths, sorted, once each,
    and the named paths that are not letter files (path, reason)."""
    found: dict[str, str] = {}  # resolved path -> path as the user will see it
    skipped = []
    for path in map(Path, paths):
        if path.is_dir():
            candidates = [p for p in path.rglob("*") if p.suffix.lower() in LETTER_SUFFIXES]
        elif path.is_file():
            candidates = [path]
            if path.suffix.lower() not in LETTER_SUFFIXES:
                skipped.append((str(path), "not a .txt or .pdf letter"))
                continue
        else:
            skipped.append((str(path), "no such file or folder"))
            continue
        for candidate in candidates:
            if candidate.is_file():
                found.setdefault(str(candidate.resolve()), str(candidate))
    return sorted(found.values()), skipped


def _live_letters(index_dir: Path, rebuild: bool) -> dict[str, str]:
    """Return letter_id -> sha256 of the live index ({} if none; a rebuild ignores corruption)."""
    try:
        ix = store.open_index(index_dir)
    except IndexUnavailable:
        if rebuild or not generations.live_directory(index_dir).exists():
            return {}
        raise
    with ix.reader() as reader:
        return store.indexed_letters(reader)


def _hashes(files: list[str], report: BuildReport) -> dict[str, str]:
    """Return path -> sha256 of each readable file; unreadable ones are reported."""
    hashes = {}
    for path in files:
        try:
            hashes[path] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError as error:
            report.skipped.append((path, f"cannot read the file: {error.strerror or error}"))
    return hashes


def _plan(
    hashes: dict[str, str], previous: dict[str, str], rebuild: bool, report: BuildReport
) -> _Plan:
    """Keep files whose content is already indexed; everything else is parsed."""
    plan = _Plan()
    indexed_hashes = {} if rebuild else {sha: letter_id for letter_id, sha in previous.items()}
    for path, sha in hashes.items():
        letter_id = indexed_hashes.get(sha)
        if letter_id is None:
            plan.to_parse.append((path, sha))
        elif letter_id in plan.claims:
            report.skipped.append((path, f"duplicate of {plan.claims[letter_id]}"))
        else:
            plan.claims[letter_id] = path
            report.unchanged += 1
    return plan


def _write(writer, parsed: Iterator[Parsed], plan: _Plan, previous: dict, report) -> None:
    """Write each parsed letter; the first file (in path order) holding an id wins."""
    hashes = dict(plan.to_parse)
    for path, letter, reason in parsed:
        if letter is None:
            report.skipped.append((path, reason))
            continue
        holder = plan.claims.get(letter.id)
        if holder is not None and holder < path:
            report.skipped.append((path, f"duplicate of {holder}"))
            continue
        if holder is not None:  # an unchanged file later in path order loses its claim
            report.skipped.append((holder, f"duplicate of {path}"))
            report.unchanged -= 1
        plan.claims[letter.id] = path
        writer.put(_with_hash(letter, hashes[path]))
        if letter.id in previous:
            report.updated += 1
        else:
            report.added += 1


def _with_hash(letter: Letter, sha256: str) -> Letter:
    """The index compares file hashes, so the record carries the hash the build computed."""
    if letter.source.sha256 == sha256:
        return letter
    return replace(letter, source=replace(letter.source, sha256=sha256))


def _remove(writer, previous: dict, plan: _Plan, remove_gone: bool, report) -> None:
    for letter_id in previous:
        if letter_id not in plan.claims and remove_gone:
            writer.remove(letter_id)
            report.removed += 1


def _parse_one(path: str) -> Parsed:
    """Parse one file; never raises, so one bad file cannot stop the pool."""
    try:
        # The record keeps the absolute path: the site serves original PDFs from any directory.
        return path, read_letter(Path(path).resolve()), None
    except LetterError as error:
        return path, None, str(error)
    except Exception as error:  # a parser bug on one file must not abort the build
        return path, None, f"parser failed: {type(error).__name__}: {error}"


def parse_files(paths: list[str], jobs: int | None, progress=None) -> Iterator[Parsed]:
    """Yield (path, letter, reason) in path order, parsing in a process pool unless jobs == 1."""
    workers = min(jobs or os.cpu_count() or 1, max(len(paths), 1))
    if not _main_is_importable():
        workers = 1
    if progress:
        progress(0, len(paths))
    if workers == 1:
        results = map(_parse_one, paths)
        yield from _counted(results, paths, progress)
        return
    # spawn: workers must not inherit the parent's lock and index file descriptors
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
    )
    try:
        yield from _counted(_in_order(pool, paths, PARSE_WINDOW * workers), paths, progress)
    finally:  # on an interrupt or a write error, drop the queued files rather than parse them
        pool.shutdown(wait=True, cancel_futures=True)


def _in_order(pool: ProcessPoolExecutor, paths: list[str], window: int) -> Iterator[Parsed]:
    """Like pool.map, but with at most `window` files in flight: parsed letters waiting for
    the (slower) writer would otherwise pile up in memory on a large corpus."""
    queued = iter(paths)
    pending = deque(pool.submit(_parse_one, path) for path in islice(queued, window))
    while pending:
        result = pending.popleft().result()
        pending.extend(pool.submit(_parse_one, path) for path in islice(queued, 1))
        yield result


def _main_is_importable() -> bool:
    """Spawned workers re-import the main script; one read from stdin cannot be (parse here)."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    return getattr(main, "__spec__", None) is not None or path is None or os.path.exists(path)


def _start_worker(parent_pid: int) -> None:
    """Ctrl-C is the parent's to handle; and a worker dies with its parent, even on SIGKILL,
    rather than live on as an orphan (Linux prctl PR_SET_PDEATHSIG)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)


def _counted(results: Iterator[Parsed], paths: list[str], progress) -> Iterator[Parsed]:
    done = 0
    try:
        for result in results:
            done += 1
            if progress:
                progress(done, len(paths))
            yield result
    except BrokenProcessPool:
        for path in paths[done:]:
            yield path, None, "the parser process crashed on this file or one near it"
