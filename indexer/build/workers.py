"""Parse workers: each file read once in path order (by a thread, a few files ahead, so that
disk reads overlap the work), the new ones parsed in parse processes bounded in memory and
time; a process that dies or overruns is reported as the file it held and replaced, and the
build goes on with the other files."""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

from indexer.build.files import FileResult, ParseTask, read_once
from indexer.build.parse_process import READY, too_large
from indexer.limits import PARSE_MEMORY_MB, PARSE_SECONDS

PARSE_WINDOW = 32  # files in flight per parse worker
# Files sent ahead to a parse process: the next waits in its pipe while it parses one, so it
# never idles while the build writes (a process holding one file idled ~1/3 of the time).
PARSE_QUEUE = 2
READ_AHEAD = 16  # files read and hashed ahead of the one sent to a parse process
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ParseLimits:
    """What one file's parse may take: address space (MB) and wall-clock seconds."""

    memory_mb: int = PARSE_MEMORY_MB
    seconds: float = PARSE_SECONDS

    def within_inherited(self) -> ParseLimits:
        """These limits, the memory lowered to the address-space cap this process runs under."""
        soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
        if soft == resource.RLIM_INFINITY:
            return self
        return ParseLimits(min(self.memory_mb, soft // (1024 * 1024)), self.seconds)


DEFAULT_LIMITS = ParseLimits()


def parse_files(
    paths: list[str],
    jobs: int | None,
    progress: Progress | None = None,
    indexed: Collection[str] = frozenset(),
    limits: ParseLimits = DEFAULT_LIMITS,
    engine: str | None = None,
) -> Iterator[FileResult]:
    """Yield each file's result in path order. Each file is read once; the bytes are hashed
    and, unless the hash is in `indexed`, parsed in one of `jobs` parse processes, which also
    prepare the letter's documents for `engine` (none without one)."""
    workers = min(jobs or os.cpu_count() or 1, max(len(paths), 1))
    pool = _Pool(workers, limits.within_inherited(), engine)
    reads = _read_ahead(paths, indexed)
    results = _in_order(reads, pool, PARSE_WINDOW * workers)
    if progress:
        progress(0, len(paths))
    # closing stops the workers, then the reading thread, whoever stops reading
    with contextlib.closing(reads), contextlib.closing(results):
        for done, result in enumerate(results, 1):
            if progress:
                progress(done, len(paths))
            yield result


def _read_ahead(paths: list[str], indexed: Collection[str]) -> Iterator[FileResult | ParseTask]:
    """read_once of each path, in order, by a thread at most READ_AHEAD files ahead (the
    reads and the hashing release the GIL)."""
    reader = ThreadPoolExecutor(1, thread_name_prefix="read-ahead")
    ahead: deque[Future] = deque()
    try:
        for path in paths:
            ahead.append(reader.submit(read_once, path, indexed))
            if len(ahead) > READ_AHEAD:
                yield ahead.popleft().result()
        while ahead:
            yield ahead.popleft().result()
    finally:
        reader.shutdown(cancel_futures=True)


@dataclass
class _Job:
    """A file sent to a parse process: its result once it is parsed, or once it is lost."""

    path: str
    sha256: str
    task: ParseTask | None  # kept until the result comes, to send again if its process dies
    deadline: float = 0.0  # time.monotonic() by which the parse must be done, once it started
    result: FileResult | None = None


def _in_order(
    reads: Iterator[FileResult | ParseTask], pool: _Pool, window: int
) -> Iterator[FileResult]:
    """Like pool.map, in order, with at most `window` files in flight: parsed letters waiting
    for the (slower) writer would otherwise pile up in memory on a large corpus. A file is sent
    only when a worker is free to take it; a build that changes nothing starts no process."""
    pending: deque[FileResult | _Job] = deque()
    try:
        for read in reads:
            pending.append(pool.start(read) if isinstance(read, ParseTask) else read)
            while pending and (_done(pending[0]) or len(pending) >= window):
                yield pool.result(pending.popleft())
        while pending:
            yield pool.result(pending.popleft())
    finally:  # on an interrupt or a write error, drop the files in flight rather than parse them
        pool.close()


def _done(entry: FileResult | _Job) -> bool:
    return isinstance(entry, FileResult) or entry.result is not None


class _Worker:
    """One parse process, under the limits, parsing one file at a time, the next one sent
    ahead (PARSE_QUEUE)."""

    def __init__(self, limits: ParseLimits, engine: str | None):
        tasks_read, tasks_write = os.pipe()
        results_read, results_write = os.pipe()
        command = [sys.executable, "-m", "indexer.build.parse_process", str(tasks_read),
                   str(results_write), str(os.getpid()), str(limits.memory_mb)]
        command += [engine] if engine else []
        self.process = subprocess.Popen(
            command, pass_fds=(tasks_read, results_write), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(tasks_read)
        os.close(results_write)
        self.tasks = Connection(tasks_write, readable=False)
        self.results = Connection(results_read, writable=False)
        self.jobs: deque[_Job] = deque()  # the first is being parsed, the rest wait
        self.ready = False  # READY received

    def stop(self) -> str:
        """Kill the process (if still running); return how it ended, for a report."""
        self.process.kill()
        returncode = self.process.wait()
        self.tasks.close()
        self.results.close()
        if returncode < 0:
            return f"process ended by {signal.Signals(-returncode).name}"
        return f"process ended with exit status {returncode}"


class _Pool:
    """Parse processes started on demand, up to `size`; each dead one is replaced."""

    def __init__(self, size: int, limits: ParseLimits, engine: str | None = None):
        self.size, self.limits, self.engine = size, limits, engine
        self.workers: list[_Worker] = []

    def start(self, task: ParseTask) -> _Job:
        """Send a task to a worker with room for it (waiting for one); return its job."""
        job = _Job(task.path, task.sha256, task)
        self._send(self._free_worker(), job)
        return job

    def _send(self, worker: _Worker, job: _Job) -> None:
        worker.jobs.append(job)
        try:
            if not worker.ready:  # a new process: its start-up is not the file's time
                worker.ready = worker.results.recv() == READY
        except (EOFError, OSError):
            self._lose(worker, "the parser process could not start")
            return
        if worker.jobs[0] is job:
            job.deadline = time.monotonic() + self.limits.seconds
        try:
            worker.tasks.send(job.task)
        except OSError:  # the process died before it took the file
            self._lose(worker)

    def result(self, entry: FileResult | _Job) -> FileResult:
        """The result of a read that needed no parse, or of its parse (waiting for it)."""
        while isinstance(entry, _Job) and entry.result is None:
            self._collect()
        return entry if isinstance(entry, FileResult) else entry.result

    def close(self) -> None:
        """Stop every worker."""
        for worker in self.workers:
            worker.stop()
        self.workers.clear()

    def _free_worker(self) -> _Worker:
        """An idle worker, else a new one (up to `size`), else the least busy with room."""
        while True:
            idle = next((worker for worker in self.workers if not worker.jobs), None)
            if idle is not None:
                return idle
            if len(self.workers) < self.size:
                self.workers.append(_Worker(self.limits, self.engine))
                continue
            roomy = [worker for worker in self.workers if len(worker.jobs) < PARSE_QUEUE]
            if roomy:
                return min(roomy, key=lambda worker: len(worker.jobs))
            self._collect()

    def _collect(self) -> None:
        """Wait for a busy worker's result, or its death, or the first deadline."""
        busy = [worker for worker in self.workers if worker.jobs]
        first_deadline = min(worker.jobs[0].deadline for worker in busy)
        ready = wait([worker.results for worker in busy], max(0, first_deadline - time.monotonic()))
        for worker in busy:
            if worker.results in ready:
                self._receive(worker)
            elif time.monotonic() >= worker.jobs[0].deadline:
                self._lose(worker, f"too large to parse within {self.limits.seconds:g} s")

    def _receive(self, worker: _Worker) -> None:
        try:
            result = worker.results.recv()
        except (EOFError, OSError):  # the process died on this file
            self._lose(worker)
            return
        done = worker.jobs.popleft()
        done.result, done.task = result, None
        if worker.jobs:  # the next file's parse started about now (at most that much later)
            worker.jobs[0].deadline = time.monotonic() + self.limits.seconds

    def _lose(self, worker: _Worker, reason: str = "") -> None:
        """Stop a worker that died or overran, giving its file `reason` (by default: the memory
        limit, and how the process ended)."""
        how = worker.stop()
        job = worker.jobs.popleft()
        job.result = FileResult(job.path, job.sha256, reason=reason or too_large(
            self.limits.memory_mb, how))
        job.task = None
        self.workers.remove(worker)
        waiting, worker.jobs = list(worker.jobs), deque()
        for queued in waiting:  # sent ahead to the lost process: parsed by another one
            self._send(self._free_worker(), queued)
