"""Letter text -> Letter record: sections by heading, then header, reviewer, case and items."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from indexer.errors import LetterError
from indexer.letters.extract import clean_text, read_letter_file, text_from_bytes
from indexer.letters.parse import case as parse_case
from indexer.letters.parse import older as parse_older
from indexer.letters.parse.header import header_fields, summary_dates
from indexer.letters.parse.items import ItemText, build_item, split_items
from indexer.letters.parse.letter_parts import case_body_parts, letter_body_parts
from indexer.letters.parse.reviewer import reviewer
from indexer.letters.records import SYNTHETIC_MARKER, Letter, Source

MAX_ITEMS = 60  # real letters have up to 21; more means the text is not a letter

# section name -> heading pattern (matched at the start of a stripped line)
HEADINGS: dict[str, re.Pattern] = {
    name: re.compile(pattern, re.I)
    for name, pattern in {
        "credentials": r"HOW THE IMR FINAL DETERMINATION WAS MADE\s*$",
        "qualifications": r"MEDICAL REVIEWER QUALIFICATIONS:?",
        "summary": r"(?:CLINICAL )?CASE SUMMARY:?\s*$|CASE SUMMARY:",
        "decisions": r"IMR ISSUES,? DECISIONS,? AND RATIONALES\s*$",
        "decisions_2014": r"IMR DECISION\(?S?\)? AND RATIONALE\(?S?\)?:?\s*$",
        "documents": r"DOCUMENTS REVIEWED(?: FOR DETERMINATION)?:?",
        "issues": r"ISSUES? AT DISPUTE:?",
        "guidelines": r"MEDICAL TREATMENT GUIDELINE\(?S?\)? RELIED UPON BY (?:THE )?PROFESSIONAL "
        r"REVIEWER(?: AND WHY)?:?",
        "rationale": r"RATIONALE:?\s*$",
    }.items()
}
_PAGE_ARTEFACT = re.compile(
    r"^\s*(?:Page\s+\d+(?:\s+of\s+\d+)?|-?\s*\d{1,3}\s*-?|\d{1,3}\s+of\s+\d{1,3})\s*$", re.I
)
_REPEATED_HEADER = re.compile(
    r"^\s*(?:MAXIMUS\s+)?Case Number\s*:?\s*[A-Z]{2,3}\d{2}-\d{7}\s*$", re.I
)


def read_letter(path: Path) -> Letter:
    """Read a .txt or .pdf letter file into a Letter; raise LetterError when it is not one."""
    data = read_letter_file(path)
    return read_letter_bytes(data, Path(path), hashlib.sha256(data).hexdigest())


def read_letter_bytes(data: bytes, path: Path, sha256: str) -> Letter:
    """Parse a letter file's bytes, read once by the caller who hashed them (sha256), into a
    Letter whose source is `path`; raise LetterError when it is not one."""
    text = text_from_bytes(data, path)
    file_format = "pdf" if data.startswith(b"%PDF") else "txt"
    return _parse_clean_text(text, Source(str(path), file_format, sha256))


def parse_text(text: str, source: Source) -> Letter:
    """Parse a letter's text into a Letter; raise LetterError when it is not an IMR letter."""
    return _parse_clean_text(clean_text(text), source)


def _parse_clean_text(text: str, source: Source) -> Letter:
    """parse_text for a text `clean_text` has cleaned (as text_from_bytes returns it)."""
    lines = _without_artefacts(text.split("\n"))
    sections = split_sections(lines)
    layout = _layout(sections)
    header = header_fields("\n".join(sections.get("header", [])) or "\n".join(lines[:40]))
    summary = parse_case.summary_text(sections.get("summary", []))
    pieces = _item_texts(layout, sections)
    if not pieces:
        raise LetterError("no disputed items with a decision found")
    if len(pieces) > MAX_ITEMS:
        raise LetterError(f"{len(pieces)} decision lines: not a single IMR letter")
    fallback = summary_dates(summary)
    diagnoses = parse_case.diagnoses(summary)
    items = [build_item(number, piece) for number, piece in enumerate(pieces, 1)]
    if any(not item.body_parts for item in items):
        case_parts = case_body_parts(summary, diagnoses)
        for item in items:
            item.letter_body_parts = letter_body_parts(item, case_parts)
    flat = " ".join(" ".join(lines).split())
    case_number = header["case_number"]
    return Letter(
        id=case_number or "X-" + hashlib.sha256(flat.encode()).hexdigest()[:12],
        summary=summary,
        items=items,
        source=source,
        case_number=case_number,
        decision_date=header["decision_date"],
        injury_date=header["injury_date"] or fallback["injury_date"],
        assigned_date=header["assigned_date"],
        ur_denial_date=header["ur_denial_date"] or fallback["ur_denial_date"],
        received_date=header["received_date"],
        reviewer=reviewer(
            "\n".join(sections.get("credentials", []) + sections.get("qualifications", []))
        ),
        patient=parse_case.patient(summary),
        diagnoses=diagnoses,
        documents_reviewed=parse_case.documents_reviewed(sections.get("documents", [])),
        layout=layout,
        synthetic=SYNTHETIC_MARKER in text,
    )


def _without_artefacts(lines: list[str]) -> list[str]:
    """Drop page numbers and header lines a page break repeats."""
    kept = []
    for index, line in enumerate(lines):
        if _PAGE_ARTEFACT.match(line) and line.strip():
            continue
        if index > 10 and _REPEATED_HEADER.match(line):
            continue
        kept.append(line)
    return kept


def split_sections(lines: list[str]) -> dict[str, list[str]]:
    """Lines grouped by the heading above them ("header" before the first heading)."""
    sections: dict[str, list[str]] = {"header": []}
    current = "header"
    for line in lines:
        stripped = line.strip()
        # a heading starts with a capital letter (every pattern starts with a letter)
        for name, pattern in HEADINGS.items() if stripped[:1].isupper() else ():
            match = pattern.match(stripped)
            if match and stripped[: match.end()].isupper():
                current = name
                sections.setdefault(name, [])
                rest = stripped[match.end() :].strip()
                if rest:
                    sections[name].append(rest)
                break
        else:
            sections[current].append(line)
    return sections


def _layout(sections: dict[str, list[str]]) -> str:
    if "decisions" in sections:
        return "current"
    if "decisions_2014" in sections:
        return "2014"
    if "issues" in sections:
        return "2013"
    raise LetterError(
        "not an IMR letter (no 'IMR ISSUES, DECISIONS AND RATIONALES' or older decision headings)"
    )


def _item_texts(layout: str, sections: dict[str, list[str]]) -> list[ItemText]:
    if layout == "current":
        pieces = split_items(sections["decisions"])
        return pieces or parse_older.items_2014(sections["decisions"])
    if layout == "2014":
        return split_items(sections["decisions_2014"]) or parse_older.items_2014(
            sections["decisions_2014"]
        )
    return parse_older.items_2013(
        sections.get("issues", []), sections.get("guidelines", []), sections.get("rationale", [])
    )
