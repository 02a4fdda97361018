"""Render bounds: slots shared across processes, a bounded queue, time limits, abandoned renders."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from imr_site import create_app
from imr_site.reports.render import PdfRenderer
from imr_site.reports.render_limits import (
    ClientGone,
    RenderBusy,
    RenderFailed,
    RenderSlots,
    RenderTimedOut,
    client_gone,
    run_in_child,
)

STATIC = Path(__file__).resolve().parent.parent / "static"
PT_REQUEST = "12 sessions of physical therapy for the cervical spine"
HOLD_SLOT = """
import fcntl, os, sys, time
descriptor = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(descriptor, fcntl.LOCK_EX)
print("held", flush=True)
time.sleep(60)
"""


def children() -> set[int]:
    """The live child processes of this process (any thread's)."""
    found = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        found.update(int(pid) for pid in (task / "children").read_text().split())
    return found


def test_a_slot_held_by_another_process_counts_and_is_freed_when_it_dies(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLD_SLOT, str(tmp_path / "slot-0")],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        slots = RenderSlots(tmp_path, slots=1, queue=0, wait_seconds=0)
        refused = pytest.raises(RenderBusy, match="1 PDF packs are rendering and 0 are waiting")
        with refused, slots.hold():
            pass
    finally:
        holder.kill()  # a killed worker: the kernel lets its lock go
        holder.wait(timeout=10)
    with slots.hold():
        assert len(slots.held) == 1
    assert slots.held == set()


def test_the_queue_is_bounded_and_a_queued_request_waits_at_most_its_wait(tmp_path):
    slots = RenderSlots(tmp_path, slots=1, queue=1, wait_seconds=0.5)
    outcome = {}

    def queued() -> None:
        started = time.monotonic()
        try:
            with slots.hold():
                outcome["held"] = True
        except RenderBusy as busy:
            outcome["busy"] = (str(busy), time.monotonic() - started)

    with slots.hold():
        waiter = threading.Thread(target=queued)
        waiter.start()
        time.sleep(0.2)  # the waiter is in the queue now
        with pytest.raises(RenderBusy, match="are waiting"), slots.hold():  # queue full: at once
            pass
        waiter.join(timeout=10)
    message, waited = outcome["busy"]
    assert "waited 0.5 s" in message and 0.4 < waited < 3


def test_a_queued_request_gets_the_slot_when_it_frees(tmp_path):
    slots = RenderSlots(tmp_path, slots=1, queue=1, wait_seconds=10)
    got_it = threading.Event()

    def queued() -> None:
        with slots.hold():
            got_it.set()

    with slots.hold():
        waiter = threading.Thread(target=queued)
        waiter.start()
        time.sleep(0.3)
        assert not got_it.is_set()
    waiter.join(timeout=10)
    assert got_it.is_set()


def test_a_queued_request_whose_client_left_gives_up_its_place(tmp_path):
    slots = RenderSlots(tmp_path, slots=1, queue=1, wait_seconds=30)
    started = time.monotonic()
    with slots.hold(), pytest.raises(ClientGone), slots.hold(gone=lambda: True):
        pass
    assert time.monotonic() - started < 2


def test_a_render_past_its_time_limit_is_killed():
    before = children()
    started = time.monotonic()
    with pytest.raises(RenderTimedOut, match=r"longer than 0\.5 s"):
        run_in_child(lambda: time.sleep(60) or b"", 0.5, lambda: False)
    assert time.monotonic() - started < 3
    assert children() == before


def test_a_render_whose_client_left_is_killed():
    left = time.monotonic() + 0.3
    before = children()
    with pytest.raises(ClientGone):
        run_in_child(lambda: time.sleep(60) or b"", 30, lambda: time.monotonic() > left)
    assert children() == before


def test_client_gone_sees_a_closed_connection():
    ours, theirs = socket.socketpair()
    with ours:
        gone = client_gone(ours)
        assert not gone()
        theirs.sendall(b"GET /next HTTP/1.1\r\n")  # a pipelined request is not a goodbye
        assert not gone()
        theirs.close()
        ours.recv(100)
        assert gone()
    assert not client_gone(None)()


def deep(level: int = 0) -> bytes:
    return deep(level + 1)


def test_a_failing_render_is_one_log_line_and_never_a_traceback(tmp_path, caplog):
    with pytest.raises(RenderFailed) as failed:
        run_in_child(deep, 30, lambda: False)
    assert str(failed.value).startswith("RecursionError: maximum recursion depth exceeded")
    assert "\n" not in str(failed.value) and len(str(failed.value)) < 400
    renderer = PdfRenderer(STATIC, RenderSlots(tmp_path, slots=1, queue=0, wait_seconds=0))
    nested = "<table><tr><td>" * 400 + "deep"  # WeasyPrint's own recursion limit
    with caplog.at_level(logging.ERROR), pytest.raises(RenderFailed, match="RecursionError"):
        renderer.render(f"<html><body>{nested}</body></html>")
    records = [record for record in caplog.records if record.name.startswith("imr_site")]
    assert len(records) == 1 and not records[0].exc_info
    assert "\n" not in records[0].getMessage()


def test_the_site_answers_503_when_a_render_runs_out_of_time(index_dir, tmp_path):
    app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir),
                      "REPORT_RENDER_DIR": str(tmp_path), "REPORT_RENDER_SECONDS": 0.2})
    response = app.test_client().get("/report.pdf", query_string={"request": PT_REQUEST,
                                                                  "n": "100"})
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert "longer than 0.2 s to render" in response.get_data(as_text=True)
    assert "good index" not in response.get_data(as_text=True)  # busy, not an index fault


def test_the_site_answers_503_past_the_queue_and_renders_once_free(index_dir, tmp_path):
    app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir),
                      "REPORT_RENDER_DIR": str(tmp_path), "REPORT_RENDER_SLOTS": 1,
                      "REPORT_RENDER_QUEUE": 0})
    client = app.test_client()
    args = {"request": PT_REQUEST, "n": "1"}
    other_worker = RenderSlots(tmp_path, slots=1, queue=0, wait_seconds=0)
    with other_worker.hold():
        busy = client.get("/report.pdf", query_string=args, headers={"Accept": "application/json"})
    assert busy.status_code == 503 and busy.headers["Retry-After"] == "5"
    assert "1 PDF packs are rendering" in busy.get_json()["error"]
    done = client.get("/report.pdf", query_string=args)
    assert done.status_code == 200 and done.data.startswith(b"%PDF")
