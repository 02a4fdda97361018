"""Disputed items of the 2013-2015 layouts: numbered items whose decision is written as
'... is (not) medically necessary and appropriate' (or Upheld/Overturned), with the 2013
layout spreading each item over the issue, guideline and rationale sections."""

from __future__ import annotations

import re

from indexer.letters.parse.items import RATIONALE_LABEL, ItemText, join_lines

_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.)]\s+(.*)$")
# searched in the block's first lines joined by newlines: the phrase may wrap
_TITLE_END = re.compile(
    r"medically\s+necessary(?:\s+and\s+appropriate)?|\b(?:Upheld|Overturned)\b|[:?][ \t]*$",
    re.I | re.M,
)
_EXPLICIT = re.compile(r"\b(Upheld|Overturned)\b", re.I)
_ADVERBS = r"(?:(?:therefore|thus|hence|also|still|currently|considered|deemed|found)\s+)*"
# "X is (therefore) (not) medically necessary", "The medical necessity of X is (not) established"
_NECESSITY = re.compile(
    rf"\b(?:is|are|was|were)\s+{_ADVERBS}(?P<not>not\s+)?{_ADVERBS}medically\s+"
    r"(?:necessary|appropriate)|"
    r"\bmedical\s+necessity\b(?:[^.]|\.(?=\S)){0,200}?\b(?:is|are|was|were|has|have)\s+"
    r"(?P<not_established>not\s+)?(?:been\s+)?(?:established|demonstrated|substantiated)\b",
    re.I,
)
_TITLE_NOISE = re.compile(
    r"^(?:regarding the request for|request for|is|are|an?|the)\s+|"
    r"\s*(?:\b(?:is|are)\s+(?:not\s+)?)?medically necessary(?: and appropriate)?\s*[?.]?\s*$|"
    r"\s*:?\s*(?:Upheld|Overturned)\.?\s*$|\s*[:?]\s*$",
    re.I,
)
MAX_TITLE_LINES = 4


def numbered_blocks(lines: list[str]) -> dict[int, list[str]]:
    """Lines grouped under consecutive item numbers 1., 2., ... (or 1), 2), ...)."""
    blocks: dict[int, list[str]] = {}
    expected = 1
    for line in lines:
        match = _NUMBER.match(line)
        if match and int(match.group(1)) == expected:
            blocks[expected] = [match.group(2)]
            expected += 1
        elif blocks:
            blocks[expected - 1].append(line)
    return blocks


def _split_title(block: list[str]) -> tuple[str, str]:
    """(title, rest of the block): the title runs to the line that ends it."""
    head = "\n".join(line.strip() for line in block[:MAX_TITLE_LINES])
    end = _TITLE_END.search(head)
    title_lines = head.count("\n", 0, end.end()) + 1 if end else 1
    return join_lines(block[:title_lines]), join_lines(block[title_lines:])


def _decision(*texts: str) -> str | None:
    """Upheld/Overturned from the first text that states it (explicitly or as necessity)."""
    for text in texts:
        explicit = _EXPLICIT.search(text)
        if explicit:
            return explicit.group(1).capitalize()
        phrases = list(_NECESSITY.finditer(text))
        if phrases:
            last = phrases[-1]
            return "Upheld" if last.group("not") or last.group("not_established") else "Overturned"
    return None


def _clean_title(title: str) -> str:
    previous = None
    while previous != title:
        previous, title = title, _TITLE_NOISE.sub("", title).strip()
    return title


def items_2014(lines: list[str]) -> list[ItemText]:
    """Items of the 'IMR DECISION(S) AND RATIONALE(S)' section."""
    pieces = []
    for block in numbered_blocks(lines).values():
        title, body = _split_title(block)
        decision = _decision(title, body)
        if decision:
            pieces.append(ItemText(_clean_title(title), decision, body))
    return pieces


def items_2013(issues: list[str], guidelines: list[str], rationales: list[str]) -> list[ItemText]:
    """Items assembled by number from the issue, guideline and rationale sections."""
    issue_blocks = numbered_blocks(issues)
    guideline_blocks = numbered_blocks(guidelines)
    rationale_blocks = numbered_blocks(rationales)
    pieces = []
    for number, block in issue_blocks.items():
        title = join_lines(block)
        guideline_title, guideline_text = _split_title(guideline_blocks.get(number, []) or [""])
        rationale_text = join_lines(rationale_blocks.get(number, []))
        if rationale_text and not RATIONALE_LABEL.search(rationale_text):
            rationale_text = f"Rationale for the Decision: {rationale_text}"
        decision = _decision(rationale_text, guideline_text, title)
        if decision:
            body = f"{guideline_text} {rationale_text}".strip()
            pieces.append(ItemText(_clean_title(title or guideline_title), decision, body))
    return pieces
