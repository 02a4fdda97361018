"""Disputed items of the current layout: title lines ending in the decision, then the
claims administrator's guideline, MAXIMUS' guideline and the decision rationale."""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer import vocab
from indexer.letters.records import Guidelines, Item
from indexer.vocab.sessions import requested_sessions

MAX_TITLE_LINES = 8
_DECISION_AT_END = re.compile(
    r"^(?P<title>.*?)(?::|\bis)\s*(?P<decision>Upheld|Overturned)\.?$", re.I
)
_DECISION_ALONE = re.compile(r"^(Upheld|Overturned)\.?$", re.I)
_SENTENCE_END = re.compile(r"[.!?]['\"]?$")
# sentences inside a partial authorisation's title: the title goes on after them
_PARTIAL_SENTENCE = re.compile(
    r"(original request|authorized|Claims Administrator|IMR eligible)\.$", re.I
)
_BOILERPLATE = re.compile(r"^The Final Determination was based on decisions", re.I)
CA_LABEL = re.compile(
    r"Claims Administrator guideline:|The Claims Administrator based (?:its|their) "
    r"decision|The Claims Administrator did not",
    re.I,
)
MAXIMUS_LABEL = re.compile(
    r"MAXIMUS guideline:|The (?:Physician|Expert|Professional|Medical) "
    r"Reviewer (?:based|did not)",
    re.I,
)
_REVIEWERS = r"The (?:Physician|Expert|Professional|Medical) Reviewer's "
RATIONALE_LABEL = re.compile(
    rf"(?:{_REVIEWERS})?Decision rationale:|Rationale for the Decision:", re.I
)
_LABEL_PREFIX = re.compile(
    rf"^(Claims Administrator guideline|MAXIMUS guideline|(?:{_REVIEWERS})?Decision rationale|"
    r"Rationale for the Decision)\s*:\s*",
    re.I,
)


@dataclass
class ItemText:
    """One item's pieces as they appear in the letter, before classification."""

    title: str
    decision: str
    body: str


def split_items(lines: list[str]) -> list[ItemText]:
    """Cut the decisions section into items by their decision lines."""
    lines = [line.strip() for line in lines if not _BOILERPLATE.search(line.strip())]
    lengths = sorted(len(line) for line in lines)
    full_width = lengths[int(len(lengths) * 0.8)] * 0.7 if lengths else 0
    markers = _decision_markers(lines)
    items = []
    previous_end = 0
    starts = []
    for title_end, decision_line, decision in markers:
        start = _title_start(lines, title_end, previous_end, full_width)
        starts.append((start, title_end, decision_line, decision))
        previous_end = decision_line + 1
    for index, (start, title_end, decision_line, decision) in enumerate(starts):
        body_end = starts[index + 1][0] if index + 1 < len(starts) else len(lines)
        title = _title_text(lines[start : title_end + 1])
        body = join_lines(lines[decision_line + 1 : body_end])
        items.append(ItemText(title, decision.capitalize(), body))
    return items


def _decision_markers(lines: list[str]) -> list[tuple[int, int, str]]:
    """(last title line, decision line, decision) for every item heading."""
    markers = []
    for index, line in enumerate(lines):
        at_end = _DECISION_AT_END.match(line)
        if at_end and not _label_line(line):
            markers.append((index, index, at_end.group("decision")))
        elif _DECISION_ALONE.match(line) and index and re.search(r"(:|\bis)$", lines[index - 1]):
            markers.append((index - 1, index, _DECISION_ALONE.match(line).group(1)))
    return markers


def _label_line(line: str) -> bool:
    return bool(_LABEL_PREFIX.match(line))


def _title_start(lines: list[str], title_end: int, floor: int, full_width: float) -> int:
    """Walk back from the title's last line over wrapped lines of the same title."""
    start = title_end
    while start > floor and title_end - start < MAX_TITLE_LINES - 1:
        before = lines[start - 1]
        if not before or len(before) < full_width:
            break
        if _SENTENCE_END.search(before) and not _PARTIAL_SENTENCE.search(before):
            break
        if _label_line(before):
            break
        start -= 1
    return start


def _title_text(lines: list[str]) -> str:
    text = join_lines(lines)
    text = re.sub(r"(?::|\bis)?\s*:?\s*(Upheld|Overturned)\.?$", "", text, flags=re.I)
    return re.sub(r"\s*(:|\bis:?)\s*$", "", text).strip()


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines into one string: hyphenated breaks closed, whitespace collapsed."""
    pieces: list[str] = []
    tail = ""  # the last two characters joined so far: all the test below needs (linear time)
    for line in (line.strip() for line in lines):
        if not line:
            continue
        glued = not pieces or (tail.endswith("-") and not tail.endswith(" -"))
        separator = "" if glued else " "
        pieces += [separator, line]
        tail = (tail + separator + line)[-2:]
    return " ".join("".join(pieces).split())


def guideline_parts(body: str) -> tuple[str, str, str]:
    """(claims administrator guideline, MAXIMUS guideline, rationale) texts of an item body."""
    ca = CA_LABEL.search(body)
    maximus = MAXIMUS_LABEL.search(body, ca.end() if ca else 0)
    rationale = RATIONALE_LABEL.search(body, maximus.end() if maximus else 0)
    if rationale is None:
        rationale = RATIONALE_LABEL.search(body)
    ends = [m.start() for m in (maximus, rationale) if m] + [len(body)]
    ca_text = body[ca.start() : min(e for e in ends if e > ca.start())] if ca else ""
    maximus_text = ""
    if maximus:
        maximus_end = (
            rationale.start() if rationale and rationale.start() > maximus.start() else len(body)
        )
        maximus_text = body[maximus.start() : maximus_end]
    rationale_text = body[rationale.start() :] if rationale else ""
    return tuple(
        _LABEL_PREFIX.sub("", part).strip() for part in (ca_text, maximus_text, rationale_text)
    )


_ORIGINAL = re.compile(r"^(?P<original>.+?) was the original request\.?\s*(?P<rest>.*)$", re.I)
_AUTHORIZED = re.compile(
    r"^(?P<a>.+?) (?:was|were) authorized|"
    r"authorized (?P<b>.+?)(?:,? leaving|\.\s+[A-Z]|$)",
    re.I,
)
_REMAINDER = re.compile(r".*original request,?\s*(?:is\s+)?(?P<remainder>.+)$", re.I | re.S)


def partial_authorisation(title: str) -> tuple[str, str | None, str | None]:
    """(disputed request, original request, authorized part) of a title."""
    match = _ORIGINAL.match(title)
    if not match:
        return title, None, None
    rest = match.group("rest")
    authorized = _AUTHORIZED.search(rest)
    authorized_text = None
    if authorized:
        authorized_text = (authorized.group("a") or authorized.group("b") or "").strip(" ,.")
    remainder = _REMAINDER.match(rest)
    request = remainder.group("remainder").strip(" ,.") if remainder else match.group("original")
    return request, match.group("original").strip(), authorized_text or None


def build_item(number: int, piece: ItemText) -> Item:
    """Classify one item's texts into an Item record."""
    request, original, authorized = partial_authorisation(piece.title)
    ca_text, maximus_text, rationale = guideline_parts(piece.body)
    treatment, drug = vocab.classify_treatment(request)
    return Item(
        number=number,
        request=request,
        decision=piece.decision,
        treatment=treatment,
        drug=drug,
        body_parts=vocab.body_parts(request),
        sessions=requested_sessions(request, treatment),
        guidelines=Guidelines(claims_administrator=ca_text, maximus=maximus_text),
        guideline_sources=vocab.guideline_sources(maximus_text),
        ca_guideline_sources=vocab.guideline_sources(ca_text),
        rationale=rationale,
        original_request=original,
        authorized=authorized,
    )
