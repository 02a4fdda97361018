"""Field-by-field comparison of expected and actual records that names every difference."""

from __future__ import annotations

import pytest


def mismatches(expected, got, where: str) -> list[str]:
    """Every field where `got` differs from `expected`, one line each, such as
    "CM16-0239569 items #1 sessions: expected 7, got 6".

    Dicts with the same keys and lists of dicts of the same length are compared entry by entry;
    anything else (a date, a list of body parts) is compared whole.
    """
    if isinstance(expected, dict) and isinstance(got, dict) and expected.keys() == got.keys():
        pairs = ((key, expected[key], got[key]) for key in expected)
        return [line for key, *values in pairs for line in mismatches(*values, f"{where} {key}")]
    if _records(expected) and _records(got) and len(expected) == len(got):
        return [
            line
            for number, (wanted, found) in enumerate(zip(expected, got, strict=True), start=1)
            for line in mismatches(wanted, found, f"{where} #{number}")
        ]
    return [] if got == expected else [f"{where}: expected {expected!r}, got {got!r}"]


def _records(value) -> bool:
    return isinstance(value, list) and all(isinstance(entry, dict) for entry in value)


def fail_on(found: list[str], compared: str) -> None:
    """Fail with the whole list of mismatches, not just the first."""
    if found:
        lines = "\n".join(found)
        pytest.fail(f"{len(found)} difference(s) in {compared}:\n{lines}", pytrace=False)
