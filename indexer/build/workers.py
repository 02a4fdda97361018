"""Parse workers: each file read once in path order, the new ones parsed in a process pool."""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from indexer.build.files import FileResult, ParseTask, read_once
from indexer.errors import LetterError
from indexer.letters.parse import read_letter_bytes

PARSE_WINDOW = 32  # files in flight per parse worker
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
CRASHED = "the parser process crashed on this file or one near it"
Progress = Callable[[int, int], None]


def parse_files(
    paths: list[str],
    jobs: int | None,
    progress: Progress | None = None,
    indexed: Collection[str] = frozenset(),
) -> Iterator[FileResult]:
    """Yield each file's result in path order. Each file is read once; the bytes are hashed
    and, unless the hash is in `indexed`, parsed (in a process pool unless jobs == 1)."""
    workers = min(jobs or os.cpu_count() or 1, max(len(paths), 1))
    if not _main_is_importable():
        workers = 1
    reads = (read_once(path, indexed) for path in paths)  # lazily: at most a window ahead
    if workers == 1:
        results = (_parse_one(read) if isinstance(read, ParseTask) else read for read in reads)
    else:
        results = _in_pool(reads, workers, PARSE_WINDOW * workers)
    if progress:
        progress(0, len(paths))
    with contextlib.closing(results):  # closing stops the pool, whoever stops reading
        for done, result in enumerate(results, 1):
            if progress:
                progress(done, len(paths))
            yield result


def _parse_one(task: ParseTask) -> FileResult:
    """Parse one file's bytes; never raises, so one bad file cannot stop the pool."""
    try:
        # The record keeps the absolute path: the site serves original PDFs from any directory.
        letter = read_letter_bytes(task.data, Path(task.path).resolve(), task.sha256)
        return FileResult(task.path, task.sha256, letter)
    except LetterError as error:
        return FileResult(task.path, task.sha256, reason=str(error))
    except Exception as error:  # a parser bug on one file must not abort the build
        reason = f"parser failed: {type(error).__name__}: {error}"
        return FileResult(task.path, task.sha256, reason=reason)


def _in_pool(
    reads: Iterator[FileResult | ParseTask], workers: int, window: int
) -> Iterator[FileResult]:
    """Like pool.map, in order, with at most `window` files in flight: parsed letters waiting
    for the (slower) writer would otherwise pile up in memory on a large corpus. The pool
    starts at the first file to parse, so a build that changes nothing starts no process."""
    pool: ProcessPoolExecutor | None = None
    pending: deque[FileResult | tuple[ParseTask, Future]] = deque()
    try:
        for read in reads:
            if isinstance(read, ParseTask):
                pool = pool or _start_pool(workers)
                read = (read, _submit(pool, read))
            pending.append(read)
            if len(pending) >= window:
                yield _finished(pending.popleft())
        while pending:
            yield _finished(pending.popleft())
    finally:  # on an interrupt or a write error, drop the queued files rather than parse them
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _start_pool(workers: int) -> ProcessPoolExecutor:
    # spawn: workers must not inherit the parent's lock and index file descriptors
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
    )


def _submit(pool: ProcessPoolExecutor, task: ParseTask) -> Future:
    """Send a task to the pool; a broken pool gives a future holding its error."""
    try:
        return pool.submit(_parse_one, task)
    except BrokenProcessPool as error:
        future: Future = Future()
        future.set_exception(error)
        return future


def _finished(entry: FileResult | tuple[ParseTask, Future]) -> FileResult:
    """The result of a read that needed no parse, or of its parse (waiting for it)."""
    if isinstance(entry, FileResult):
        return entry
    task, future = entry
    try:
        return future.result()
    except BrokenProcessPool:
        return FileResult(task.path, task.sha256, reason=CRASHED)


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

