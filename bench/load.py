"""Load test: 20 users against gunicorn over a 10k-letter index, with `imr index --rebuild` mid-run.

    .venv/bin/python bench/load.py [--users 20] [--steady 60] [--after 20] [--max-requests 20000]

Starts gunicorn (the production command: site/gunicorn_conf.py, loopback only) over
var/bench/load/index (built once from the cached 10k synthetic corpus), drives it with locust
headless (bench/locustfile.py), runs `imr index --rebuild` over the same letters plus a few new
ones after a steady period, polls /search.json's corpus_version to time the swap, stops a
bounded time after the rebuild, and prints requests/s, p50/p95/p99 and errors per request type
for the steady and rebuild windows. Then, on a fresh server, the abuse phases of
bench/load_abuse.py: 24 concurrent 100-precedent packs with steady searches, then 10 slow and
10 idle clients. Figures go to var/bench/load-<timestamp>.json. Exit status 1 when a target is
missed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from common import BENCH_DIR, ROOT, corpus, free_port, index_usable, stop, write_json
from load_abuse import abuse_verdicts, pdf_flood, slow_clients
from load_stats import print_windows, read_log, verdicts, window_stats

WORK = BENCH_DIR / "load"
INDEX = WORK / "index"
EXTRA = WORK / "extra-letters"
BIN = Path(sys.executable).parent


def arguments() -> argparse.Namespace:
    """Command-line options (all bounded; defaults are the issue's scenario)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: the config's)")
    parser.add_argument("--warmup", type=float, default=10, help="seconds left out of figures")
    parser.add_argument("--steady", type=float, default=60, help="seconds before the rebuild")
    parser.add_argument("--after", type=float, default=20, help="seconds after the swap")
    parser.add_argument("--max-seconds", type=int, default=600, help="hard bound on the run")
    parser.add_argument("--max-requests", type=int, default=20000)
    parser.add_argument("--pdf-interval", type=float, default=10, help="seconds between packs")
    parser.add_argument("--new-letters", type=int, default=5, help="added by the rebuild")
    parser.add_argument("--no-rebuild", action="store_true")
    parser.add_argument("--no-abuse", action="store_true", help="skip the PDF flood and slow "
                        "clients phases")
    return parser.parse_args()


def prepare_index(letters: Path) -> None:
    """Build the load index from the 10k corpus unless a usable one is already there."""
    from indexer.build import build_index

    if index_usable(INDEX):
        return
    print(f"building {INDEX} from {letters} (a few minutes) ...", file=sys.stderr)
    report = build_index([letters], INDEX, jobs=os.cpu_count(), rebuild=INDEX.exists())
    print(f"indexed {report.added} letters, {report.items} items", file=sys.stderr)


def write_new_letters(count: int) -> list[str]:
    """Write `count` synthetic letters never indexed before (numbers from the clock)."""
    from indexer.synth import synthetic_letter

    shutil.rmtree(EXTRA, ignore_errors=True)
    EXTRA.mkdir(parents=True)
    first = 1_000_000 + int(time.time()) % 8_000_000
    ids = []
    for number in range(first, first + count):
        text, letter = synthetic_letter(number, seed=1)
        (EXTRA / f"{letter.id}.txt").write_text(text, encoding="utf-8")
        ids.append(letter.id)
    return ids


def get_json(url: str, timeout: float = 10) -> tuple[int, dict]:
    """GET url and return (status, decoded JSON body or {})."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        try:
            return error.code, json.loads(error.read())
        except ValueError:
            return error.code, {}
    except (OSError, ValueError):
        return 0, {}


def start_gunicorn(port: int, workers: int | None) -> subprocess.Popen:
    """The production command, bound to loopback; returns once the site answers."""
    log = open(WORK / "gunicorn.log", "a")  # noqa: SIM115 (kept open for the server's life)
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "python:imr_site.gunicorn_conf",
         "--bind", f"127.0.0.1:{port}", *(["--workers", str(workers)] if workers else [])],
        env={**os.environ, "IMR_INDEX_DIR": str(INDEX)}, cwd=ROOT, stdout=log, stderr=log,
    )
    for _attempt in range(600):
        if get_json(f"http://127.0.0.1:{port}/search.json", timeout=2)[0] == 200:
            return server
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with {server.returncode}; see {WORK / 'gunicorn.log'}")
        time.sleep(0.1)
    sys.exit("gunicorn did not answer within 60 s")


class VersionWatch(threading.Thread):
    """Polls the served corpus version and the index link, to time the swap."""

    def __init__(self, port: int):
        super().__init__(daemon=True)
        self.url = f"http://127.0.0.1:{port}/search.json?q=zzzznomatch"
        self.polls: list[tuple[float, int, str]] = []  # (time, status, corpus_version)
        self.errors: dict[str, int] = {}  # message of each failed poll -> count
        self.links: list[tuple[float, str]] = [(time.time(), os.readlink(INDEX))]
        self.stopped = threading.Event()

    def run(self) -> None:
        """Poll until stopped: record each answer's version and each move of the index link."""
        while not self.stopped.wait(0.1):
            status, body = get_json(self.url)
            self.polls.append((time.time(), status, body.get("corpus_version", "")))
            if status != 200:
                message = body.get("error", f"HTTP {status}")
                self.errors[message] = self.errors.get(message, 0) + 1
            target = os.readlink(INDEX) if INDEX.is_symlink() else ""
            if target != self.links[-1][1]:
                self.links.append((time.time(), target))

    def swap_figures(self, old_version: str) -> dict:
        """When the link moved, when the new version was first served, and any stale answer."""
        swapped_at = self.links[-1][0] if len(self.links) > 1 else None
        new = [(at, version) for at, status, version in self.polls
               if status == 200 and version != old_version]
        first_new = new[0][0] if new else None
        stale = [at for at, status, version in self.polls
                 if first_new and at > first_new and version == old_version]
        return {
            "swapped": swapped_at is not None, "new_version": new[0][1] if new else None,
            "served_after_seconds": round(first_new - swapped_at, 3)
            if first_new and swapped_at else None,
            "old_version_served_after_new": len(stale),
            "poll_failures": sum(1 for _at, status, _v in self.polls if status != 200),
            "poll_errors": self.errors,
            "polls": len(self.polls),
        }


def start_locust(args: argparse.Namespace, port: int, log: Path) -> subprocess.Popen:
    """Locust headless, bounded in time and request count."""
    return subprocess.Popen(
        [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
         "--users", str(args.users), "--spawn-rate", str(args.users), "--run-time",
         f"{args.max_seconds}s", "--host", f"http://127.0.0.1:{port}", "--only-summary",
         "--stop-timeout", "10"],
        env={**os.environ, "LOAD_LOG": str(log), "LOAD_MAX_REQUESTS": str(args.max_requests),
             "LOAD_PDF_INTERVAL": str(args.pdf_interval)},
        cwd=ROOT, stdout=(WORK / "locust.log").open("w"), stderr=subprocess.STDOUT,
    )


def rebuild(letters: Path, deadline: float) -> dict:
    """Run `imr index --rebuild` over the corpus and the new letters; time it."""
    started = time.time()
    run = subprocess.run(
        [str(BIN / "imr"), "index", str(letters), str(EXTRA), "--index", str(INDEX), "--rebuild"],
        cwd=ROOT, capture_output=True, text=True, timeout=max(10, deadline - started),
    )
    return {"started": started, "finished": time.time(), "seconds": round(time.time() - started, 1),
            "exit_status": run.returncode, "output": (run.stdout + run.stderr).strip()[-500:]}


@dataclass
class Run:
    """When the load ran, the rebuild's figures (None without one) and the version watch."""

    began: float
    ended: float
    build: dict | None
    old_version: str
    watch: VersionWatch


def drive(args: argparse.Namespace, letters: Path, port: int, log: Path) -> Run:
    """Serve, start the users, rebuild after the steady period, then stop everything."""
    server = start_gunicorn(port, args.workers)
    old_version = get_json(f"http://127.0.0.1:{port}/search.json")[1]["corpus_version"]
    watch = VersionWatch(port)
    watch.start()
    began = time.time()
    deadline = began + args.max_seconds
    users = start_locust(args, port, log)
    build = None
    try:
        time.sleep(args.warmup + args.steady)
        if not args.no_rebuild and users.poll() is None:
            build = rebuild(letters, deadline)
        time.sleep(args.after)
    finally:
        stop(users)
        watch.stopped.set()
        watch.join()
        stop(server)
    return Run(began, time.time(), build, old_version, watch)


def windows_of(rows: list[tuple], run: Run, args: argparse.Namespace) -> dict[str, dict]:
    """The statistics of the steady window, the rebuild window and the whole run."""
    build, ended = run.build, run.ended
    rebuild_end = build["finished"] + args.after if build else ended
    return {
        "steady": window_stats(rows, run.began + args.warmup, build["started"] if build else ended),
        "during rebuild (start to swap + after)": window_stats(
            rows, build["started"], rebuild_end) if build else {},
        "whole run (with warm-up)": window_stats(rows, run.began, ended + 1),
    }


def server_error_count() -> int:
    """Tracebacks and unexpected errors the gunicorn log holds."""
    gunicorn_log = (WORK / "gunicorn.log").read_text(errors="replace")
    return gunicorn_log.count("Traceback") + gunicorn_log.count("unexpected error")


def print_outcome(windows: dict, build: dict | None, swap: dict | None, checks: dict) -> None:
    """The window tables, the rebuild and swap figures and each target's verdict."""
    print_windows({name: stats for name, stats in windows.items() if stats})
    print(f"\nrebuild: {json.dumps(build and {k: build[k] for k in ('seconds', 'exit_status')})}")
    print(f"swap: {json.dumps(swap)}")
    for check, passed in checks.items():
        print(f"{'PASS' if passed else 'FAIL'}  {check}")


def setup(args: argparse.Namespace, new_letters: int, rebuilt: bool) -> dict:
    """The scenario as the JSON records it."""
    return {"users": args.users, "gunicorn_workers": args.workers,
            "letters": 10_000 + (new_letters if rebuilt else 0),
            "index": str(INDEX.relative_to(ROOT)), "steady_seconds": args.steady,
            "pdf_interval": args.pdf_interval, "load_average": os.getloadavg()}


def abuse(args: argparse.Namespace) -> dict:
    """The PDF flood and slow-client phases on a fresh server."""
    port = free_port()
    server = start_gunicorn(port, args.workers)
    try:
        return {"pdf flood": pdf_flood(port), "slow clients": slow_clients(port)}
    finally:
        stop(server)


def main() -> int:
    """Run the scenario; print the tables; write the JSON; exit 1 when a target is missed."""
    args = arguments()
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "gunicorn.log").write_text("")
    letters = corpus(10_000)
    prepare_index(letters)
    new_ids = write_new_letters(args.new_letters)
    port, log = free_port(), WORK / "requests.tsv"
    run = drive(args, letters, port, log)
    windows = windows_of(read_log(log), run, args)
    swap = run.watch.swap_figures(run.old_version) if run.build else None
    phases = {} if args.no_abuse else abuse(args)
    server_errors = server_error_count()
    checks = verdicts(windows, swap, run.build, server_errors)
    if phases:
        checks.update(abuse_verdicts(phases["pdf flood"], phases["slow clients"]))
        print(f"\nabuse phases: {json.dumps(phases, indent=1)}")
    print_outcome(windows, run.build, swap, checks)
    path = write_json("load", {
        "setup": setup(args, len(new_ids), bool(run.build)),
        "windows": windows, "rebuild": run.build, "swap": swap, "old_version": run.old_version,
        "server_errors": server_errors, "abuse": phases, "checks": checks,
    })
    print(f"\nwritten {path.relative_to(ROOT)}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
