"""The site served by a child process, for tests: a free loopback port, GET, start and stop."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager


def free_port() -> int:
    """A loopback port free right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str, bytes]:
    """(status, content type, body) of a GET; status 0 when the connection failed."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()
    except OSError:
        return 0, "", b""


@contextmanager
def serving(command: list, port: int, **popen) -> Iterator[str]:
    """Run a server command listening on 127.0.0.1:port; yield its base URL once it answers
    (bounded wait), then stop it with SIGTERM."""
    server = subprocess.Popen([str(part) for part in command], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, **popen)
    base = f"http://127.0.0.1:{port}"
    for _attempt in range(300):
        if fetch(f"{base}/search.json")[0] == 200 or server.poll() is not None:
            break
        time.sleep(0.1)
    try:
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
