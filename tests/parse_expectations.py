"""Expected parser output, kept as JSON under fixtures/parse, and how a letter is compared."""

from __future__ import annotations

import json
from pathlib import Path

from field_diff import fail_on, mismatches

from indexer.letters.records import Item, Letter

FIXTURES = Path(__file__).parent / "fixtures"
DATE_FIELDS = ("decision_date", "injury_date", "assigned_date", "ur_denial_date", "received_date")


def load_expected(name: str) -> dict:
    """The JSON fixture fixtures/parse/<name>.json."""
    return json.loads((FIXTURES / "parse" / f"{name}.json").read_text())


def item_view(item: Item, expected_request: str) -> dict:
    """An item shaped like its fixture entry; a request ending "..." is compared by its start."""
    request = item.request
    if expected_request.endswith("...") and request.startswith(expected_request[:-3]):
        request = expected_request
    return {
        "request": request,
        "decision": item.decision,
        "treatment": item.treatment,
        "drug": item.drug,
        "body_parts": item.body_parts,
        "sessions": item.sessions,
        "guideline_sources": item.guideline_sources,
    }


def letter_view(letter: Letter, expected: dict) -> dict:
    """The letter shaped like `expected`: its id and items only when `expected` has them."""
    view = {"id": letter.id} if "id" in expected else {}
    view |= {
        "dates": {name: getattr(letter, name) for name in DATE_FIELDS},
        "specialties": letter.reviewer.specialties,
        "licensure": letter.reviewer.licensure,
        "age": letter.patient.age,
        "sex": letter.patient.sex,
    }
    if "items" in expected:
        requests = [row["request"] for row in expected["items"]]
        requests += [""] * (len(letter.items) - len(requests))
        view["items"] = [
            item_view(item, request) for item, request in zip(letter.items, requests, strict=False)
        ]
    return view


def assert_letter_matches(letter: Letter, expected: dict) -> None:
    """Every expected field at once; items numbered 1..n, each with its rationale and guidelines."""
    fail_on(mismatches(expected, letter_view(letter, expected), letter.id), "the letter")
    if "items" in expected:
        assert [item.number for item in letter.items] == list(range(1, len(letter.items) + 1))
        for item in letter.items:
            guidelines = item.guidelines
            assert item.rationale and guidelines.maximus and guidelines.claims_administrator, item
