"""What precedents have in common: the guideline sources they cite and the reasons they recur to."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

# Recurring reasons: a label and the wording reviewers use for it (one sentence at most).
REASON_PATTERNS: tuple[tuple[str, str], ...] = (
    ("No documented functional improvement",
     r"\b(?:no|lack of|without|absence of|not (?:been )?(?:documented|demonstrated))\b"
     r"[^.]{0,80}\bfunctional (?:improvement|gains?|benefit|response)"
     r"|\bfunctional improvement\b[^.]{0,80}\bnot (?:been )?(?:documented|demonstrated)"),
    ("Exceeds the recommended number of visits",
     r"\bexceed(?:s|ed|ing)?\b[^.]{0,80}\b(?:visits|sessions|treatments)\b"
     r"|\b(?:visits|sessions)\b[^.]{0,60}\bexceed"),
    ("No red flags", r"\bno (?:evidence of |documented |objective )?red flags?\b"),
    ("Not first-line treatment", r"\bnot (?:a |recommended as (?:a )?)?first[- ]line\b"),
    ("Insufficient clinical documentation",
     r"\b(?:insufficient|inadequate|lack of|no) (?:clinical |medical )?documentation\b"),
    ("Conservative care not exhausted",
     r"\b(?:conservative (?:care|treatment|measures)\b[^.]{0,60}\b(?:not|without)\b"
     r"|(?:not|without|no)\b[^.]{0,60}\bconservative (?:care|treatment|measures))"),
    ("Short-term use only", r"\bshort[- ]term (?:use|treatment|relief)\b"),
    ("Documented functional improvement",
     r"(?<!no )(?<!not )(?<!any )\b(?:documented|demonstrated|objective) functional improvement\b"),
    ("Objective findings support the request", r"\bobjective (?:findings|evidence|deficits)\b"),
    ("Home exercise program recommended", r"\bhome exercise (?:program|regimen)\b"),
)
_COMPILED = tuple((label, re.compile(pattern, re.IGNORECASE)) for label, pattern in REASON_PATTERNS)

# "Page(s): 98-99", "Section(s): Physical Medicine", "pages 22, 23" in a guideline text.
CITATION = re.compile(
    r"\b(?P<kind>Pages?|Page\(s\)|Sections?|Section\(s\))\s*:?\s*"
    r"(?P<where>[0-9][0-9,\- ]*[0-9]|[0-9]+|[A-Z][A-Za-z/&' -]{2,60}?)(?=[.;)\n]|$|\s{2})"
)


@dataclass(frozen=True)
class GuidelineCount:
    """A guideline source, how many precedents cite it and the places they cite in it."""

    source: str
    count: int
    citations: list[tuple[str, int]]  # (e.g. "pp. 98-99", precedents citing it)


@dataclass(frozen=True)
class ReasonCount:
    """A recurring reason and how many precedents' rationales give it."""

    reason: str
    count: int


def citations_in(guideline_text: str) -> list[str]:
    """The page and section citations in one guideline text, e.g. ["pp. 98-99"]."""
    found = []
    for match in CITATION.finditer(guideline_text):
        kind = "pp." if match["kind"].lower().startswith("page") else "§"
        where = " ".join(match["where"].split()).strip(" ,-")
        citation = f"{kind} {where}"
        if citation not in found:
            found.append(citation)
    return found


def guideline_counts(
    cited: Iterable[tuple[list[str], str]], limit: int = 8
) -> list[GuidelineCount]:
    """Rank sources by precedents citing them, from (sources, guideline text) per precedent."""
    sources: Counter[str] = Counter()
    places: dict[str, Counter[str]] = defaultdict(Counter)
    for source_names, guideline_text in cited:
        citations = citations_in(guideline_text)
        for source in dict.fromkeys(source_names):
            sources[source] += 1
            places[source].update(citations)
    ranked = sorted(sources.items(), key=lambda pair: (-pair[1], pair[0]))[:limit]
    return [
        GuidelineCount(source, count, sorted(places[source].items(), key=lambda p: (-p[1], p[0])))
        for source, count in ranked
    ]


def reason_counts(rationales: Iterable[str]) -> list[ReasonCount]:
    """Count the rationales giving each reason of the vocabulary, most frequent first."""
    counts: Counter[str] = Counter()
    for rationale in rationales:
        counts.update(label for label, pattern in _COMPILED if pattern.search(rationale))
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return [ReasonCount(reason, count) for reason, count in ranked]
