"""Figures of a load run: the request log read back, per-window statistics and the targets."""

from __future__ import annotations

from pathlib import Path

from common import print_table

SEARCH_NAMES = ("search", "search+facet", "search.json")
TARGET_P95_MS = 300
TARGET_SWAP_SECONDS = 5.0


def percentile(ordered: list[float], share: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def window_stats(rows: list[tuple], start: float, end: float) -> dict[str, dict]:
    """Requests/s, p50/p95/p99 (ms) and errors per request name within [start, end)."""
    chosen = [row for row in rows if start <= row[0] < end]
    groups: dict[str, list[tuple]] = {"all": chosen, "search (all kinds)": [
        row for row in chosen if row[1] in SEARCH_NAMES]}
    for row in sorted(chosen, key=lambda row: row[1]):
        groups.setdefault(row[1], []).append(row)
    seconds = max(end - start, 1e-9)
    stats = {}
    for name, group in groups.items():
        times = sorted(row[2] for row in group)
        stats[name] = {
            "requests": len(group), "per_second": round(len(group) / seconds, 2),
            "p50_ms": percentile(times, 0.50) if times else None,
            "p95_ms": percentile(times, 0.95) if times else None,
            "p99_ms": percentile(times, 0.99) if times else None,
            "errors": sum(1 for row in group if row[4] or not 200 <= row[3] < 400),
        }
    return stats


def read_log(path: Path) -> list[tuple]:
    """The locust request log: (start, name, ms, status, error) rows."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        start, name, ms, status, error = [*line.split("\t"), ""][:5]
        rows.append((float(start), name, float(ms), int(status), error))
    return rows


def print_windows(windows: dict[str, dict]) -> None:
    """One table per window."""
    for window, stats in windows.items():
        print(f"\n{window}")
        print_table(
            ["request", "n", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"],
            [[name, s["requests"], s["per_second"], s["p50_ms"], s["p95_ms"], s["p99_ms"],
              s["errors"]] for name, s in stats.items()],
        )


def verdicts(windows: dict, swap: dict | None, build: dict | None, server_errors: int) -> dict:
    """The issue's targets, each True/False."""
    steady = windows["steady"]["search (all kinds)"]
    checks = {
        "zero request errors": windows["whole run (with warm-up)"]["all"]["errors"] == 0,
        "no tracebacks in the gunicorn log": server_errors == 0,
        f"steady p95 search < {TARGET_P95_MS} ms": (steady["p95_ms"] or 0) < TARGET_P95_MS,
    }
    if swap is not None:
        checks["rebuild succeeded"] = build["exit_status"] == 0
        checks[f"new version served within {TARGET_SWAP_SECONDS:.0f} s of the swap"] = (
            swap["served_after_seconds"] is not None
            and swap["served_after_seconds"] < TARGET_SWAP_SECONDS)
        checks["old version never served after the new one"] = (
            swap["old_version_served_after_new"] == 0)
    return checks
