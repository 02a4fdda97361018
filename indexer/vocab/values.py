"""Closed value sets that are neither treatments, body parts nor guidelines: decisions, sexes,
age bands, synthetic or real, and how an age falls into a band."""

from __future__ import annotations

UPHELD, OVERTURNED = "Upheld", "Overturned"
DECISIONS = (UPHELD, OVERTURNED)
SEXES = ("female", "male")
SYNTHETIC = ("no", "yes")  # whether a letter was written by the project's generator

_AGE_BAND_LIMITS = ((30, "18-29"), (40, "30-39"), (50, "40-49"), (60, "50-59"), (70, "60-69"))
AGE_BANDS = (*(band for _limit, band in _AGE_BAND_LIMITS), "70+")


def age_band(age: int | None) -> str | None:
    """Return the age band of an age, None when unknown (or under 18)."""
    if age is None or age < 18:
        return None
    return next((band for limit, band in _AGE_BAND_LIMITS if age < limit), AGE_BANDS[-1])


def synthetic_value(synthetic: bool) -> str:
    """Return the synthetic facet's value for a letter's `synthetic` flag."""
    return SYNTHETIC[synthetic]  # SYNTHETIC[False] == "no", SYNTHETIC[True] == "yes"
