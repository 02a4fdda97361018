"""A parse process: parses the letter files its build sends, one at a time, within a memory
limit; the build enforces the time limit and reports a process that dies as the file it held.

Run by the build as `python -m indexer.build.parse_process TASKS RESULTS PARENT_PID MEMORY_MB
[ENGINE]` (TASKS and RESULTS: pipes carrying pickled ParseTask and FileResult objects, after
READY). With ENGINE, each letter's index documents are prepared here too (analysed words,
facet tokens: `store.document_preparer`), in parallel, rather than in the build's one writer.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import signal
import sys
from multiprocessing.connection import Connection
from pathlib import Path

from indexer.build.files import FileResult, ParseTask
from indexer.engine.store import DocumentPreparer, document_preparer
from indexer.errors import LetterError
from indexer.letters.parse import read_letter_bytes

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
READY = "ready"  # the first message: started, limits set; a file's time counts from now on


def too_large(memory_mb: int, how: str = "") -> str:
    """The reason given for a file whose parse ran out of memory (`how`: the way it ended)."""
    return f"too large to parse within {memory_mb} MB" + (f" (the parser {how})" if how else "")


def parse_task(
    task: ParseTask, memory_mb: int, prepare: DocumentPreparer | None = None
) -> FileResult:
    """Parse one file's bytes (and prepare its letter's documents); never raises, so one bad
    file cannot stop the process."""
    try:
        # The record keeps the absolute path: the site serves original PDFs from any directory.
        letter = read_letter_bytes(task.data, Path(task.path).resolve(), task.sha256)
        documents = prepare(letter) if prepare else None
        return FileResult(task.path, task.sha256, letter, documents=documents)
    except LetterError as error:
        return FileResult(task.path, task.sha256, reason=str(error))
    except MemoryError:
        return FileResult(task.path, task.sha256, reason=too_large(memory_mb, "ran out of memory"))
    except Exception as error:  # a parser bug on one file must not abort the build
        reason = f"parser failed: {type(error).__name__}: {error}"
        return FileResult(task.path, task.sha256, reason=reason)


def serve(
    tasks: Connection, results: Connection, memory_mb: int, prepare: DocumentPreparer | None = None
) -> None:
    """Say READY, then parse each task received until the build closes its end of the pipe."""
    results.send(READY)
    while True:
        try:
            task = tasks.recv()
        except EOFError:
            return
        results.send(parse_task(task, memory_mb, prepare))


def limit_memory(memory_mb: int) -> None:
    """Cap this process's address space at memory_mb (soft and hard: it cannot be raised)."""
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def die_with_parent(parent_pid: int) -> None:
    """Ctrl-C is the parent's to handle; and this process dies with its parent, even on
    SIGKILL, rather than live on as an orphan (Linux prctl PR_SET_PDEATHSIG)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)


def main(arguments: list[str]) -> None:
    """Set the limits, then serve the build at the other end of the two pipes."""
    tasks_fd, results_fd, parent_pid, memory_mb = map(int, arguments[:4])
    prepare = document_preparer(arguments[4]) if len(arguments) > 4 else None
    die_with_parent(parent_pid)
    limit_memory(memory_mb)
    tasks = Connection(tasks_fd, writable=False)
    results = Connection(results_fd, readable=False)
    serve(tasks, results, memory_mb, prepare)


if __name__ == "__main__":
    main(sys.argv[1:])
