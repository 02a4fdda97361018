"""Abuse phases of the load bench: a flood of 100-precedent PDF packs, then slow and idle clients.

Run by bench/load.py after its steady and rebuild windows, and by tests/test_deployment.py,
which asserts the issue's thresholds on the same figures. Loopback only; every loop is bounded
in count and time.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from urllib.parse import urlencode

from imr_site import DEFAULTS

PDF_CLIENTS = 24
# Served at once (slots) or waiting for one (queue); every flood request past them is a 503.
ADMITTED = DEFAULTS["REPORT_RENDER_SLOTS"] + DEFAULTS["REPORT_RENDER_QUEUE"]
FLOOD_PDF = "/report.pdf?" + urlencode({"request": "12 sessions of physical therapy for the "
                                                   "cervical spine", "n": "100"})
SMALL_PDF = "/report.pdf?" + urlencode({"request": "MRI of the lumbar spine", "n": "1"})
SEARCHES = ("tramadol", "physical therapy", "knee", "acupuncture", "cervical", "sleep")
GIVE_UP_SECONDS = 15.0  # a flood client's patience: then it closes the connection
SEARCH_SECONDS = 1.0  # the bound on a search's p95 (flood) and added delay (slow clients)
RECOVERY_SECONDS = 10.0  # back to normal (a small pack renders) this soon after the burst


def raw_get(port: int, path: str, patience: float) -> tuple[int, dict[str, str], float]:
    """(status, headers, seconds) of a GET; status 0 when the client gave up or was cut off."""
    started = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=patience) as connection:
            request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            connection.sendall(request.encode())
            head = b""
            while b"\r\n\r\n" not in head and len(head) < 65536:
                chunk = connection.recv(65536)
                if not chunk:
                    break
                head += chunk
    except OSError:
        return 0, {}, time.monotonic() - started
    status_line, *lines = head.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines if ": " in line)
    status = int(status_line.split()[1]) if status_line.startswith("HTTP/") else 0
    return status, headers, time.monotonic() - started


class Searches(threading.Thread):
    """Steady searches (one every 0.2 s, at most 600), each timed, until stopped."""

    def __init__(self, port: int):
        super().__init__(daemon=True)
        self.port = port
        self.timings: list[tuple[float, int, float]] = []  # (started, status, seconds)
        self.stopped = threading.Event()

    def run(self) -> None:
        """Search until stopped, one query after another."""
        for number in range(600):
            if self.stopped.wait(0.2):
                return
            query = urlencode({"q": SEARCHES[number % len(SEARCHES)]})
            status, _headers, seconds = raw_get(self.port, f"/search.json?{query}", 30)
            self.timings.append((time.monotonic() - seconds, status, seconds))

    def stop(self) -> None:
        """Stop after the search under way."""
        self.stopped.set()
        self.join(timeout=40)

    def figures(self, start: float = 0.0, end: float = float("inf")) -> dict:
        """Count, statuses, p95 and max (s) of the searches started within [start, end]."""
        chosen = [(status, seconds) for at, status, seconds in self.timings if start <= at <= end]
        ordered = sorted(seconds for _status, seconds in chosen)
        return {
            "searches": len(chosen),
            "search_statuses": dict(Counter(status for status, _seconds in chosen)),
            "search_p95_s": round(ordered[int(0.95 * (len(ordered) - 1))], 3) if ordered else None,
            "search_max_s": round(ordered[-1], 3) if ordered else None,
        }


def pdf_flood(port: int, clients: int = PDF_CLIENTS, patience: float = GIVE_UP_SECONDS) -> dict:
    """`clients` concurrent 100-precedent packs while searches run; then time the recovery."""
    searches = Searches(port)
    searches.start()
    time.sleep(1)
    answers: list[tuple[int, dict[str, str], float]] = []
    flood = [threading.Thread(target=lambda: answers.append(raw_get(port, FLOOD_PDF, patience)))
             for _client in range(clients)]
    began = time.monotonic()
    for client in flood:
        client.start()
    for client in flood:
        client.join(timeout=patience + 30)
    ended = time.monotonic()
    recovered = None  # when a small pack sent then was rendered (its render time left out)
    while recovered is None and time.monotonic() - ended < RECOVERY_SECONDS + 5:
        sent = time.monotonic()
        if raw_get(port, SMALL_PDF, 30)[0] == 200:
            recovered = round(sent - ended, 2)
        else:
            time.sleep(0.2)
    searches.stop()
    refused = [headers for status, headers, _seconds in answers if status == 503]
    unannounced = sum(1 for headers in refused if "Retry-After" not in headers)
    return {
        "pdf_statuses": dict(Counter(status for status, _headers, _seconds in answers)),
        "refused_without_retry_after": unannounced,
        "burst_seconds": round(ended - began, 1),
        "recovered_after_s": recovered,
        **searches.figures(began, ended),
    }


def slow_clients(port: int, slow: int = 10, idle: int = 10, seconds: float = 12) -> dict:
    """Searches while `slow` clients dribble header lines and `idle` ones send nothing."""
    quiet = [raw_get(port, "/search.json?" + urlencode({"q": word}), 30) for word in SEARCHES]
    stop = threading.Event()
    connections = [socket.create_connection(("127.0.0.1", port)) for _client in range(idle)]
    dribblers = [threading.Thread(target=_dribble, args=(port, stop), daemon=True)
                 for _client in range(slow)]
    for client in dribblers:
        client.start()
    time.sleep(1)
    searches = Searches(port)
    searches.start()
    time.sleep(seconds)  # past gunicorn's 5 s wait for a first byte, and more header lines
    searches.stop()
    stop.set()
    for connection in connections:
        connection.close()
    return {
        "quiet_statuses": dict(Counter(status for status, _headers, _seconds in quiet)),
        "quiet_max_s": round(max(seconds for _status, _headers, seconds in quiet), 3),
        **searches.figures(),
    }


def _dribble(port: int, stop: threading.Event) -> None:
    """Send a request one header line every 2 s (at most 30 lines), never finishing it."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(b"GET /search?q=slow HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        for line in range(30):
            if stop.wait(2):
                return
            connection.sendall(f"X-Slow-{line}: y\r\n".encode())


def abuse_verdicts(flood: dict, slow: dict) -> dict[str, bool]:
    """The issue's targets for the two phases, each True/False."""
    return {
        f"PDF flood: search p95 < {SEARCH_SECONDS:g} s": (
            flood["search_p95_s"] is not None and flood["search_p95_s"] < SEARCH_SECONDS),
        "PDF flood: every search answered": set(flood["search_statuses"]) == {200},
        "PDF flood: the excess gets 503 + Retry-After": (
            flood["pdf_statuses"].get(503, 0) >= PDF_CLIENTS - ADMITTED
            and flood["refused_without_retry_after"] == 0),
        f"PDF flood: back to normal within {RECOVERY_SECONDS:g} s": (
            flood["recovered_after_s"] is not None
            and flood["recovered_after_s"] < RECOVERY_SECONDS),
        f"slow clients: no search delayed {SEARCH_SECONDS:g} s": (
            set(slow["search_statuses"]) == {200}
            and slow["search_max_s"] < slow["quiet_max_s"] + SEARCH_SECONDS),
    }
