"""The relevance benchmark's judged set: every query item's relevant candidates in other letters,
as the rules judge them, plus a manual sample judged by reading. Kept in
`bench/relevance_judgments.json` (case numbers and item numbers, never letter text)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from relevance_rules import Reading, read_request, relevant

JUDGMENTS_FILE = Path(__file__).resolve().parent / "relevance_judgments.json"
ABOUT = [
    "Relevance judgments of bench/relevance.py over the 115 shared real letters "
    "(../shared/letters/dwc). Keys are 'case number#item number'; no letter text is kept here.",
    "queries: for every disputed item (the query), its kind and every item of the OTHER letters "
    "that bench/relevance_rules.py judges relevant from the two request texts (same drug or drug "
    "class, therapy family, imaging type, injection or procedure type, equipment kind, lab kind, "
    "consultation kind; body regions agreeing where the treatment is tied to one). Written by "
    "`.venv/bin/python bench/relevance.py --rejudge`; a plain run reads this file.",
    "manual: query/candidate pairs judged by a person reading both requests ('mine'), beside "
    "the rules' judgment ('rule', recomputed by --rejudge); 'note' says why where the first "
    "rules differed. sample 'random': per kind of query, 2 or 4 random queries (seed 12), each "
    "with a random candidate from the pack's top 10 or BM25's top 5, one from the rules' "
    "relevant set and one of the same kind judged not relevant; 'chosen': hard pairs picked by "
    "hand (routes of a drug, consultations, post-operative therapy, neighbouring regions); "
    "'random after fixes': drawn the same way (seed 29) after the rules were fixed from the "
    "first two samples, judged before looking at the rules' answer.",
]


@dataclass(frozen=True)
class Entry:
    """One disputed item as the benchmark sees it."""

    ref: str  # "case number#item number"
    letter_id: str
    number: int
    request: str


def item_ref(case_number: str, number: int) -> str:
    """The key of an item: 'CM17-0001064#2'."""
    return f"{case_number}#{number}"


def judge_all(entries: list[Entry]) -> dict[str, dict]:
    """Judge every query against every item of the other letters, by the rules."""
    readings = {entry.ref: read_request(entry.request) for entry in entries}
    return {
        query.ref: {
            "kind": readings[query.ref].kind,
            "relevant": [candidate.ref for candidate in entries
                         if candidate.letter_id != query.letter_id
                         and relevant(readings[query.ref], readings[candidate.ref])],
        }
        for query in entries
    }


def rule_judgment(readings: dict[str, Reading], query: str, candidate: str) -> bool:
    """The rules' judgment of one pair."""
    return relevant(readings[query], readings[candidate])


def load_judgments(path: Path = JUDGMENTS_FILE) -> dict:
    """The judgments file as data ({} when there is none yet)."""
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def save_judgments(queries: dict[str, dict], manual: list[dict],
                   path: Path = JUDGMENTS_FILE) -> None:
    """Write the judgments file: the rules' judgments and the manual sample."""
    path.write_text(one_line_per_entry({"about": ABOUT, "queries": queries, "manual": manual}),
                    encoding="utf-8")


def one_line_per_entry(data: dict) -> str:
    """JSON with each query and each manual pair on a line of its own, so a diff shows which
    judgments changed."""
    def lines(entries: list[str]) -> str:
        return ",\n".join(f"  {entry}" for entry in entries)

    about = lines([json.dumps(line, ensure_ascii=False) for line in data["about"]])
    queries = lines([f"{json.dumps(ref)}: {json.dumps(judged)}"
                     for ref, judged in data["queries"].items()])
    manual = lines([json.dumps(row, ensure_ascii=False) for row in data["manual"]])
    return (f'{{\n "about": [\n{about}\n ],\n "queries": {{\n{queries}\n }},\n'
            f' "manual": [\n{manual}\n ]\n}}\n')


def rejudged_manual(manual: list[dict], entries: list[Entry]) -> list[dict]:
    """The manual sample with each pair's 'rule' judgment recomputed by the current rules."""
    readings = {entry.ref: read_request(entry.request) for entry in entries}
    return [{**row, "rule": rule_judgment(readings, row["query"], row["candidate"])}
            for row in manual if row["query"] in readings and row["candidate"] in readings]


def agreement(manual: list[dict]) -> tuple[int, list[dict]]:
    """(pairs where the rules agree with the person, the pairs where they do not)."""
    differing = [row for row in manual if row["rule"] != row["mine"]]
    return len(manual) - len(differing), differing
