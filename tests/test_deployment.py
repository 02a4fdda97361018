"""The production command under abuse, on loopback: a flood of big PDF packs, slow and idle clients.

The scenarios are bench/load_abuse.py's (the load bench runs them too); the thresholds are the
issue's (1 s, 10 s) and hold on a quiet machine (CI). Every loop is bounded.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest
from load_abuse import (
    ADMITTED,
    PDF_CLIENTS,
    RECOVERY_SECONDS,
    SEARCH_SECONDS,
    SMALL_PDF,
    pdf_flood,
    raw_get,
    slow_clients,
)
from servers import free_port
from test_long_notes import END_MARK, long_notes, pdf_text

from indexer.limits import MAX_NOTES_CHARS

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def production(index_dir, tmp_path):
    """The README's production command (its config file) on a loopback port; yields the port."""
    port = free_port()
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "python:imr_site.gunicorn_conf",
             "--bind", f"127.0.0.1:{port}"],
            env={**os.environ, "IMR_INDEX_DIR": str(index_dir),
                 "IMR_REPORT_RENDER_DIR": str(tmp_path / "renders")},
            cwd=ROOT, stdout=log, stderr=log,
        )
        try:
            for _attempt in range(300):  # bounded wait for the first answer
                if raw_get(port, "/search.json", 5)[0] == 200 or server.poll() is not None:
                    break
                time.sleep(0.1)
            assert raw_get(port, SMALL_PDF, 60)[0] == 200  # warm: templates, fonts, a render
            yield port
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
    assert "Traceback" not in log_path.read_text(errors="replace")


def test_a_pdf_flood_leaves_searches_fast_and_the_server_recovers(production):
    flood = pdf_flood(production)
    statuses = flood["pdf_statuses"]
    assert statuses.get(503, 0) >= PDF_CLIENTS - ADMITTED, flood  # past the slots and queue
    assert flood["refused_without_retry_after"] == 0, flood
    assert set(statuses) <= {0, 200, 503}, flood  # 0: the client gave up waiting
    assert flood["searches"] >= 10 and set(flood["search_statuses"]) == {200}, flood
    assert flood["search_p95_s"] < SEARCH_SECONDS, flood
    assert flood["recovered_after_s"] is not None, flood
    assert flood["recovered_after_s"] < RECOVERY_SECONDS, flood


def test_slow_and_idle_clients_do_not_delay_searches(production):
    slow = slow_clients(production)
    assert slow["quiet_statuses"] == {200: 6}, slow
    assert slow["searches"] >= 20 and set(slow["search_statuses"]) == {200}, slow
    assert slow["search_max_s"] < slow["quiet_max_s"] + SEARCH_SECONDS, slow


def post_form(port: int, path: str, fields: dict[str, str]) -> tuple[int, str, bytes]:
    """(status, content type, body) of a form POST to the server."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}",
                                     data=urlencode(fields).encode(), method="POST")
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def test_long_notes_are_sent_by_post_under_the_production_server(production):
    notes = long_notes(MAX_NOTES_CHARS)
    assert len(urlencode({"notes": notes})) > 4094  # over gunicorn's request line as a GET
    status, kind, body = post_form(production, "/report.pdf",
                                   {"request": "physical therapy", "n": "2", "notes": notes})
    assert (status, kind) == (200, "application/pdf")
    assert END_MARK in " ".join(pdf_text(body).split())
    status, kind, body = post_form(production, "/report.pdf",
                                   {"request": "physical therapy", "notes": notes + "x"})
    assert status == 400 and kind.startswith("text/html")
    assert b"the limit is 20000" in body
