"""Reliability: two real `imr index` processes; the second exits naming the first and never
writes."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from indexer.engine import generations, store

BIN = Path(sys.executable).parent


def wait_for_lock_holder(index: Path, pid: int) -> None:
    """Poll (bounded) until the build lock names `pid`."""
    for _attempt in range(600):
        if f"pid {pid}" in (generations.lock_holder(generations.lock_path(index)) or ""):
            return
        time.sleep(0.05)
    raise AssertionError(f"pid {pid} never took the build lock")


def test_a_second_imr_index_exits_naming_the_first_and_never_writes(fixture_letters_dir, tmp_path):
    index = tmp_path / "index"
    command = [str(BIN / "imr"), "index", str(fixture_letters_dir), "--index", str(index),
               "--jobs", "1"]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_lock_holder(index, first.pid)
        first.send_signal(signal.SIGSTOP)  # the first run holds the lock for as long as we like
        before = sorted(path.name for path in tmp_path.iterdir())
        second = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert second.returncode == 2, second.stderr
        assert f"being written by `imr index` pid {first.pid}" in second.stderr
        assert "Run again when it has finished" in second.stderr
        assert "Traceback" not in second.stderr
        assert sorted(path.name for path in tmp_path.iterdir()) == before, "the second wrote"
    finally:
        first.send_signal(signal.SIGCONT)
    _out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    letters = len(list(fixture_letters_dir.glob("*.txt")))
    assert store.corpus_info(store.open_index(index)).letters == letters
    again = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and f"{letters} unchanged" in again.stdout, again.stderr
