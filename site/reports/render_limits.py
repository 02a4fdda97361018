"""Bounds on PDF rendering: slots shared by every worker process, and a time-limited child.

Slots and queue places are files under one folder, each held with `flock`: every worker of a
server (and `imr report`) sees the same ones, and the kernel frees a place when its holder
dies, so a killed worker never leaks one. Each render runs in a forked child process at a low
CPU priority: it holds none of the worker's GIL, it is killed when it runs past its time limit
or when the client closes the connection, and its memory goes back when it exits.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import socket
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

POLL_SECONDS = 0.1
CHILD_NICENESS = 10  # searches in the workers go first when the cores are busy
CHILD_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGQUIT, signal.SIGHUP, signal.SIGUSR1)


class RenderUnavailable(Exception):
    """No PDF now: the server is busy or the render was stopped (answered 503, Retry-After)."""


class RenderBusy(RenderUnavailable):
    """Every render slot and queue place is taken, or a queued request waited too long."""


class RenderTimedOut(RenderUnavailable):
    """The render ran past its time limit and was stopped."""


class ClientGone(RenderUnavailable):
    """The client closed the connection while its PDF was waiting or rendering."""


class RenderFailed(Exception):
    """The renderer raised: the message is one line naming the error and where it happened."""


class RenderSlots:
    """`slots` render places and `queue` waiting places shared through flock'd files."""

    def __init__(self, folder: Path, slots: int, queue: int, wait_seconds: float):
        self.folder = folder
        self.slots = slots
        self.queue = queue
        self.wait_seconds = wait_seconds
        self.held: set[int] = set()  # this process's locked descriptors (closed in children)

    @contextmanager
    def hold(self, gone: Callable[[], bool] = lambda: False) -> Iterator[None]:
        """Hold a render slot, waiting in the queue if need be; raise RenderBusy or ClientGone."""
        self.folder.mkdir(parents=True, exist_ok=True)
        slot = self._take("slot", self.slots)
        if slot is None:
            slot = self._wait_in_queue(gone)
        try:
            yield
        finally:
            self._let_go(slot)

    def _wait_in_queue(self, gone: Callable[[], bool]) -> int:
        place = self._take("queue", self.queue)
        if place is None:
            raise RenderBusy(f"The server is busy: {self.slots} PDF packs are rendering and "
                             f"{self.queue} are waiting; please try again in a moment.")
        try:
            deadline = time.monotonic() + self.wait_seconds
            while (slot := self._take("slot", self.slots)) is None:
                if gone():
                    raise ClientGone("the connection closed while the PDF waited for a slot")
                if time.monotonic() >= deadline:
                    raise RenderBusy(f"The server is busy rendering other PDF packs (waited "
                                     f"{self.wait_seconds:g} s); please try again in a moment.")
                time.sleep(POLL_SECONDS)
            return slot
        finally:
            self._let_go(place)

    def _take(self, kind: str, count: int) -> int | None:
        for number in range(count):
            descriptor = os.open(self.folder / f"{kind}-{number}", os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(descriptor)
                continue
            self.held.add(descriptor)
            return descriptor
        return None

    def _let_go(self, descriptor: int) -> None:
        self.held.discard(descriptor)
        os.close(descriptor)


def client_gone(client: socket.socket | None) -> Callable[[], bool]:
    """A probe: has the client at the other end of `client` closed the connection?"""

    def gone() -> bool:
        if client is None:
            return False
        try:
            return client.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
        except BlockingIOError:
            return False  # open, nothing sent: still waiting for its answer
        except OSError:
            return True

    return gone


def run_in_child(job: Callable[[], bytes], seconds: float, gone: Callable[[], bool],
                 inherited: Iterable[int] = ()) -> bytes:
    """Return `job()` run in a forked child; raise RenderTimedOut, ClientGone or RenderFailed.

    `inherited` are descriptors the child closes at once (other requests' slot locks).
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        _child(job, seconds, write_end, (read_end, *inherited))
    os.close(write_end)
    try:
        answer = _collect(read_end, seconds, gone)
    finally:
        os.close(read_end)
        _stop(pid)
    if answer[:1] == b"P":
        return answer[1:]
    raise RenderFailed(answer[1:].decode(errors="replace") or "the renderer died without a word")


def _child(job: Callable[[], bytes], seconds: float, write_end: int, to_close: tuple) -> None:
    """Run in the forked child: never returns, whatever happens."""
    try:
        for descriptor in to_close:
            os.close(descriptor)
        for signum in CHILD_SIGNALS:  # the worker's handlers would act on the worker's state
            signal.signal(signum, signal.SIG_DFL)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.setitimer(signal.ITIMER_REAL, seconds + 1)  # dies on time even if orphaned
        os.nice(CHILD_NICENESS)
        try:
            answer = b"P" + job()
        except Exception as error:  # reported in one line, never a traceback
            answer = b"E" + one_line(error).encode()
        with open(write_end, "wb") as pipe:
            pipe.write(answer)
    finally:
        os._exit(0)


def _collect(read_end: int, seconds: float, gone: Callable[[], bool]) -> bytes:
    chunks = []
    deadline = time.monotonic() + seconds
    while True:
        if select.select([read_end], [], [], POLL_SECONDS)[0]:
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
        if time.monotonic() >= deadline:
            raise RenderTimedOut(f"The PDF took longer than {seconds:g} s to render and was "
                                 "stopped; try fewer precedents, or again in a moment.")
        if gone():
            raise ClientGone("the connection closed while the PDF was rendering")


def _stop(pid: int) -> None:
    """Kill the child if it still runs, and reap it."""
    with suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def one_line(error: BaseException) -> str:
    """The error's type, message (cut to 300 characters) and innermost frame, on one line."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    message = " ".join(str(error).split())[:300]
    return f"{type(error).__name__}: {message}{where}"
