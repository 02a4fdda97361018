"""The letter's header block (case number and dates) and date normalisation."""

from __future__ import annotations

import re
from datetime import date

CASE_NUMBER = re.compile(r"\b[A-Z]{2,3}\d{2}-\d{7}\b")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})\b")
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_WORDY_DATE = re.compile(r"\b(" + "|".join(_MONTHS) + r")\s+(\d{1,2}),?\s+(\d{4})\b", re.I)

# header label -> Letter field; the 2013 layout names the same fields differently
HEADER_FIELDS: dict[str, str] = {
    "date assigned": "assigned_date",
    "date of injury": "injury_date",
    "decision date": "decision_date",
    "dated": "decision_date",
    "ur denial date": "ur_denial_date",
    "date of ur decision": "ur_denial_date",
    "application received": "received_date",
    "imr application received": "received_date",
}
_LABEL = re.compile(
    r"(?<![A-Za-z])(imr\s+application\s+received|application\s+received|date\s+assigned|"
    r"date\s+of\s+injury|decision\s+date|ur\s+denial\s+date|date\s+of\s+ur\s+decision|dated)\s*:?",
    re.I,
)
_HEADER_END = re.compile(
    r"HOW THE IMR FINAL DETERMINATION|CLINICAL CASE SUMMARY|DOCUMENTS REVIEWED|ISSUES? AT DISPUTE|"
    r"CASE SUMMARY:|Dear\s"
)
HEADER_MAX_CHARS = 3000
_DATE_AFTER_LABEL = re.compile(r"\s*(\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2}))\b")


def header_fields(text: str) -> dict[str, str | None]:
    """Case number and ISO header dates from the block before the first heading."""
    end = _HEADER_END.search(text[:HEADER_MAX_CHARS])
    block = text[: end.start() if end else min(len(text), 1200)]
    fields: dict[str, str | None] = dict.fromkeys(set(HEADER_FIELDS.values()))
    labels = list(_LABEL.finditer(block))
    dates = list(_NUMERIC_DATE.finditer(block))
    pairs = _pair_labels_with_dates(block, labels, dates)
    for label, value in pairs:
        field = HEADER_FIELDS[" ".join(label.group(1).lower().split())]
        if fields[field] is None:
            fields[field] = iso_date(value.group(0))
    case = CASE_NUMBER.search(block) or CASE_NUMBER.search(text[:HEADER_MAX_CHARS])
    fields["case_number"] = case.group(0) if case else None
    return fields


def _pair_labels_with_dates(block: str, labels: list, dates: list) -> list[tuple]:
    """Pair labels and values: in order when the counts agree (values may come in a separate
    column run), else only each label with a date right after it."""
    if labels and len(labels) == len(dates):
        return list(zip(labels, dates, strict=True))
    pairs = []
    for label in labels:
        following = _DATE_AFTER_LABEL.match(block, label.end())
        if following:
            pairs.append((label, following))
    return pairs


def iso_date(text: str) -> str | None:
    """ISO form of a date written 10/13/2016, 10-13-16 or October 13, 2016; None if invalid."""
    numeric = _NUMERIC_DATE.search(text)
    wordy = _WORDY_DATE.search(text)
    if numeric and (not wordy or numeric.start() < wordy.start()):
        month, day, year = (int(part) for part in numeric.groups())
        if len(numeric.group(3)) == 2:
            year += 2000 if year <= 40 else 1900
    elif wordy:
        month = _MONTHS.index(wordy.group(1).lower()) + 1
        day, year = int(wordy.group(2)), int(wordy.group(3))
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


_DATE = r"(\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|[A-Z][a-z]+\s+\d{1,2},?\s+\d{4})"
_INJURY_DATE = re.compile(
    r"(?:injur(?:y|ed)|date of injury|DOI|(?:occupational|industrial|work-related) claim)"
    r"\D{0,40}?(?:on|of|from|:)\s+" + _DATE
)
# "utilization review ... on/dated <date>" or "On <date>, (the) utilization review ..."
_UR_DATE = re.compile(
    r"\b(?:[Uu]tilization [Rr]eview|UR)\b[^.]{0,80}?\b(?:on|dated)\s+" + _DATE + "|"
    r"\b[Oo]n\s+" + _DATE + r",?\s+(?:the\s+)?(?:[Uu]tilization [Rr]eview|UR)\b"
)


def summary_dates(summary: str) -> dict[str, str | None]:
    """Injury and UR dates as the case summary states them (used when the header lacks them)."""
    injury = _INJURY_DATE.search(summary)
    review = _UR_DATE.search(summary)
    return {
        "injury_date": iso_date(injury.group(1)) if injury else None,
        "ur_denial_date": iso_date(review.group(1) or review.group(2)) if review else None,
    }
