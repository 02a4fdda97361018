"""Memory of a real site worker: gunicorn, one worker, over an index, after the query mix.

    .venv/bin/python bench/worker_memory.py [--letters 10000] [--pack 25]

Starts the production command (gunicorn, loopback, one sync worker) over the search
benchmark's index of `--letters` synthetic letters, and reads the worker's VmRSS (resident
now) and VmHWM (peak resident) from /proc/<pid>/status: after the first search (index
open, facet bitsets read), after the search benchmark's query mix as site pages (HTML and
JSON), and after one precedent pack. Prints the figures and returns them as a dict.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from common import BENCH_DIR, ROOT, free_port, print_table, stop

BIN = Path(sys.executable).parent
STARTUP_SECONDS = 120
REQUEST_SECONDS = 300


def fetch(url: str) -> int:
    """GET url, read the whole answer; return the HTTP status."""
    try:
        with urllib.request.urlopen(url, timeout=REQUEST_SECONDS) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return 0


def start_worker(index_dir: Path, port: int, log: Path) -> subprocess.Popen:
    """gunicorn with one worker over index_dir; returns once the site answers."""
    with log.open("w") as output:
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "--workers", "1", "--bind", f"127.0.0.1:{port}",
             "--timeout", str(REQUEST_SECONDS), "imr_site:create_app()"],
            env={**os.environ, "IMR_INDEX_DIR": str(index_dir)}, cwd=ROOT,
            stdout=output, stderr=output,
        )
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}; see {log}")
        if worker_pid(server.pid) and fetch(f"http://127.0.0.1:{port}/about") in (200, 404):
            return server
        time.sleep(0.2)
    stop(server)
    raise RuntimeError(f"gunicorn did not answer within {STARTUP_SECONDS} s; see {log}")


def worker_pid(master_pid: int) -> int | None:
    """The pid of the gunicorn master's (only) worker, from /proc."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    try:
        pids = children.read_text().split()
    except OSError:
        return None
    return int(pids[0]) if pids else None


def memory_mb(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of a process, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = round(int(value.split()[0]) / 1024, 1)
    return {"rss_mb": fields["VmRSS"], "hwm_mb": fields["VmHWM"]}


def mix_urls(base: str) -> list[str]:
    """The search benchmark's query mix as site URLs, each as an HTML page and a JSON twin."""
    from bench_search import MIX

    urls = []
    for _label, search, _terms, _where in MIX:
        params = [("q", search.text)] if search.text else []
        params += [(name, value) for name, values in search.filters.items() for value in values]
        if search.sort != "relevance":
            params.append(("sort", search.sort))
        if search.page != 1:
            params.append(("page", str(search.page)))
        query = urllib.parse.urlencode(params)
        urls += [f"{base}/search?{query}", f"{base}/search.json?{query}"]
    return urls


PACK_REQUEST = "12 sessions of physical therapy for the cervical spine"


def measure(index_dir: Path, pack: int = 25) -> dict:
    """Start a worker over index_dir, run the mix and a pack; return memory and statuses."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = BENCH_DIR / f"worker-{port}.log"
    server = start_worker(index_dir, port, log)
    try:
        pid = worker_pid(server.pid)
        figures: dict = {"started": memory_mb(pid)}
        first = fetch(f"{base}/search?q=pain")
        figures["after_first_search"] = memory_mb(pid)
        statuses = [fetch(url) for url in mix_urls(base)]
        figures["after_mix"] = memory_mb(pid)
        figures["mix_requests"] = len(statuses)
        figures["mix_errors"] = sum(1 for status in [first, *statuses] if status != 200)
        if pack:
            query = urllib.parse.urlencode({"request": PACK_REQUEST, "n": pack})
            figures["pack_status"] = fetch(f"{base}/report.pdf?{query}")
            figures[f"after_pack_{pack}"] = memory_mb(pid)
    finally:
        stop(server)
    log.unlink(missing_ok=True)
    return figures


def main() -> None:
    """Print one worker's memory over the search benchmark's index of --letters letters."""
    from bench_search import whoosh_index

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=10000)
    parser.add_argument("--pack", type=int, default=25, help="precedents in the pack (0: none)")
    options = parser.parse_args()
    figures = measure(whoosh_index(options.letters), options.pack)
    stages = [name for name, value in figures.items() if isinstance(value, dict)]
    print_table(["stage", "VmRSS MB", "VmHWM MB"],
                [[stage, figures[stage]["rss_mb"], figures[stage]["hwm_mb"]] for stage in stages])
    print(json.dumps({key: value for key, value in figures.items() if key not in stages}))


if __name__ == "__main__":
    main()
