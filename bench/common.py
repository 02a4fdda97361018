"""Shared benchmark helpers: cached corpora, timing, peak memory, tables, JSON, server processes."""

from __future__ import annotations

import json
import os
import platform
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
if str(ROOT) not in sys.path:  # run as `python bench/x.py` from a checkout
    sys.path.insert(0, str(ROOT))


def corpus(count: int, seed: int = 1, fmt: str = "txt") -> Path:
    """Return a folder of `count` synthetic letters, generated once (in ranges, one process per
    core) and cached under var/bench/."""
    from indexer.synth import write_letters

    folder = BENCH_DIR / f"corpus-{count}-seed{seed}-{fmt}"
    done = folder / ".complete"
    if not done.exists():
        print(f"generating {count} synthetic letters in {folder} ...", file=sys.stderr)
        processes = os.cpu_count() or 1
        bounds = [count * part // processes for part in range(processes + 1)]
        with ProcessPoolExecutor(processes) as pool:
            written = [pool.submit(write_letters, last, folder, seed, fmt, None, first + 1)
                       for first, last in pairwise(bounds) if last > first]
            for part in written:
                part.result()
        done.write_text(datetime.now(UTC).isoformat())
    return folder


def index_usable(index_dir: Path) -> bool:
    """Whether the engine opens the index at index_dir: it exists and has the schema it reads."""
    from indexer.engine import Corpus
    from indexer.errors import IndexUnavailable

    try:
        Corpus.open(index_dir)
    except IndexUnavailable:
        return False
    return True


def timed(function: Callable, *args, **kwargs) -> tuple[object, float]:
    """Call function and return (its result, wall-clock seconds)."""
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def summary(samples: Sequence[float]) -> dict[str, float]:
    """Return the median and 95th percentile of samples (p95 is the max for < 20 samples)."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median": statistics.median(ordered), "p95": p95, "runs": len(ordered)}


def peak_memory_mb() -> dict[str, float]:
    """Peak resident memory (MB) of this process and of its finished children (e.g. workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"self": round(own, 1), "children": round(children, 1)}


def folder_size_mb(folder: Path) -> float:
    """Total size of a file, or of the files under a folder, in MB."""
    folder = Path(folder)
    files = [folder] if folder.is_file() else [p for p in folder.rglob("*") if p.is_file()]
    total = sum(path.stat().st_size for path in files)
    return round(total / 1e6, 2)


def machine() -> dict[str, object]:
    """Describe the machine the figures came from."""
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next(
            (line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
             if line.startswith("model name")),
            "",
        )
    return {
        "cpus": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def machine_speed_seconds(repeat: int = 5) -> float:
    """Median seconds of a fixed pure-Python workload (regex, dicts, strings, sorting; none of
    the project's code): the anchor that says how fast this machine is running now, as a
    shared 2-core machine's speed drifts (seen here: 15% within 15 minutes)."""
    text = " ".join(f"word{index % 997} L{index % 5}-{index % 7} {index * 31 % 1009}"
                    for index in range(100_000))  # fmt: skip
    words = re.compile(r"\w+")

    def workload() -> None:
        counts: dict[str, int] = {}
        for word in words.findall(text):
            counts[word.lower()] = counts.get(word.lower(), 0) + 1
        sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))

    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        workload()
        samples.append(time.perf_counter() - started)
    return round(statistics.median(samples), 4)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Print rows as an aligned plain-text table."""
    cells = [[str(cell) for cell in row] for row in [headers, *rows]]
    widths = [max(len(row[column]) for row in cells) for column in range(len(headers))]
    for number, row in enumerate(cells):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        if number == 0:
            print("  ".join("-" * width for width in widths))


def write_json(name: str, data: dict) -> Path:
    """Write data to var/bench/<name>-<timestamp>.json and <name>-latest.json; return the first."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps({"machine": machine(), "written": stamp, **data}, indent=2)
    path = BENCH_DIR / f"{name}-{stamp}.json"
    path.write_text(text)
    (BENCH_DIR / f"{name}-latest.json").write_text(text)
    return path


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 30) -> None:
    """Ask a process we started to stop; kill it if it does not."""
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
