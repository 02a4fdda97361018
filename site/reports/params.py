"""A report's whole state in the query string (or a POSTed form, for long notes): parse and
validate it, write it back canonically."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from urllib.parse import urlencode

from imr_site.params import canonical_pairs, whole_number
from imr_site.reports.notes import notes_problem
from indexer.limits import (
    MAX_FACTS_CHARS,
    MAX_LINE_CHARS,
    MAX_NOTES_CHARS,
    MAX_PRECEDENTS,
    MAX_REQUEST_CHARS,
)
from indexer.vocab import BODY_PARTS, GUIDELINE_SOURCES, TREATMENTS
from indexer.vocab.values import DECISIONS, SEXES

DEFAULT_PRECEDENTS = 20
PAPERS = ("a4", "letter")


class InvalidReport(ValueError):
    """Unusable report args: each bad field's message, and the params to show the form again.

    Bad choices and numbers are dropped from `corrected`; over-long text is kept, so that
    nothing the user wrote is lost while they shorten it.
    """

    def __init__(self, problems: dict[str, str], corrected: ReportParams):
        super().__init__("; ".join(problems.values()))
        self.problems = problems  # field name -> message, in the form's order
        self.corrected = corrected

    @property
    def messages(self) -> list[str]:
        """Every message, in the form's order."""
        return list(self.problems.values())


@dataclass(frozen=True)
class ReportParams:
    """One report's request: what is asked for, how to pick precedents, and how to present them."""

    request: str = ""
    facts: str = ""
    treatment: str = ""
    body_part: str = ""
    guideline: str = ""
    sessions: int | None = None
    age: int | None = None
    sex: str = ""
    decision: str = ""  # "" = both outcomes
    n: int = DEFAULT_PRECEDENTS
    title: str = ""
    prepared_for: str = ""
    notes: str = ""
    paper: str = "a4"

    def query_string(self) -> str:
        """The canonical query string: fixed key order, defaults and empty values dropped."""
        return urlencode(self.pairs())

    def pairs(self) -> list[tuple[str, str]]:
        """The canonical (name, value) pairs: the query string's, or a POST form's fields."""
        defaults = ReportParams()
        return canonical_pairs([
            (spec.name, None if getattr(self, spec.name) == getattr(defaults, spec.name)
             else getattr(self, spec.name))
            for spec in fields(self)
        ])


def parse_report_params(args: Mapping[str, str]) -> ReportParams:
    """Parse request args into ReportParams; raise InvalidReport listing every bad value."""
    problems: dict[str, str] = {}
    text = {name: _text(args, name, limit, problems) for name, limit in (
        ("request", MAX_REQUEST_CHARS), ("facts", MAX_FACTS_CHARS), ("title", MAX_LINE_CHARS),
        ("prepared_for", MAX_LINE_CHARS), ("notes", MAX_NOTES_CHARS))}
    params = ReportParams(
        **text,
        treatment=_choice(args, "treatment", TREATMENTS, problems),
        body_part=_choice(args, "body_part", BODY_PARTS, problems),
        guideline=_choice(args, "guideline", GUIDELINE_SOURCES, problems),
        sessions=_number(args, "sessions", 1, 999, problems),
        age=_number(args, "age", 14, 120, problems),
        sex=_choice(args, "sex", SEXES, problems),
        decision=_choice(args, "decision", DECISIONS, problems),
        n=_precedent_count(args, problems),
        paper=_choice(args, "paper", PAPERS, problems) or "a4",
    )
    if "notes" not in problems and (problem := notes_problem(params.notes)):
        problems["notes"] = problem
    if not params.request and "request" not in problems:
        problems["request"] = ("Describe the requested treatment (the request field), "
                               "e.g. “12 sessions of physical therapy for the cervical spine”.")
    if problems:
        raise InvalidReport(_in_form_order(problems), params)
    return params


def form_defaults(args: Mapping[str, str]) -> ReportParams:
    """Params for a new report's form: whatever of `args` is valid (e.g. a search's filters)."""
    try:
        return parse_report_params(args)
    except InvalidReport as error:
        return error.corrected


def _in_form_order(problems: dict[str, str]) -> dict[str, str]:
    order = [spec.name for spec in fields(ReportParams)]
    return dict(sorted(problems.items(), key=lambda item: order.index(item[0])))


def _text(args: Mapping[str, str], name: str, limit: int, problems: dict[str, str]) -> str:
    raw = args.get(name, "")
    value = raw.strip() if name == "notes" else " ".join(raw.split())
    if len(value) > limit:
        problems[name] = f"{name} is {len(value)} characters long; the limit is {limit}."
    return value


def _number(args: Mapping[str, str], name: str, low: int, high: int,
            problems: dict[str, str]) -> int | None:
    raw = args.get(name, "").strip()
    if not raw:
        return None
    number = whole_number(raw)
    if number is None or not low <= number <= high:
        problems[name] = f"{name}={raw[:20]!r} must be a whole number from {low} to {high}."
        return None
    return number


def _choice(args: Mapping[str, str], name: str, allowed: tuple[str, ...],
            problems: dict[str, str]) -> str:
    raw = args.get(name, "").strip()
    if raw and raw not in allowed:
        choices = ", ".join(allowed) if len(allowed) <= 4 else "one of the form's choices"
        problems[name] = f"{name}={raw[:40]!r} is not a known value; use {choices}."
        return ""
    return raw


def _precedent_count(args: Mapping[str, str], problems: dict[str, str]) -> int:
    raw = args.get("n", "").strip()
    if not raw:
        return DEFAULT_PRECEDENTS
    number = whole_number(raw)
    if number is None or number < 1:
        problems["n"] = f"n={raw[:20]!r} is not a number of precedents (1 to {MAX_PRECEDENTS})."
        return DEFAULT_PRECEDENTS
    if number > MAX_PRECEDENTS:
        problems["n"] = (f"n={number} is over the limit: a pack holds at most "
                         f"{MAX_PRECEDENTS} precedents.")
        return MAX_PRECEDENTS
    return number
