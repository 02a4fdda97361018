"""Letter and Item records: the parser's output and the indexer's input."""

from __future__ import annotations

from dataclasses import dataclass, field

import orjson


@dataclass
class Reviewer:
    """The expert reviewer's credentials as the letter states them."""

    specialties: list[str] = field(default_factory=list)
    licensure: list[str] = field(default_factory=list)


@dataclass
class Patient:
    """The injured worker's demographics as the summary states them."""

    age: int | None = None
    sex: str | None = None  # "female" | "male" | None


@dataclass
class Guidelines:
    """The guideline texts each side relied on, as written in the letter."""

    claims_administrator: str = ""
    maximus: str = ""


@dataclass
class Source:
    """Where a letter was read from."""

    path: str
    format: str  # "txt" | "pdf"
    sha256: str


@dataclass
class Item:
    """One disputed item/service and its determination."""

    number: int
    request: str
    decision: str  # one of indexer.vocab.values.DECISIONS
    treatment: str  # a category of indexer.vocab
    drug: str | None = None
    body_parts: list[str] = field(default_factory=list)  # named in the request
    # where the request names none: the body parts its letter's diagnoses, summary or
    # guideline chapter point to
    letter_body_parts: list[str] = field(default_factory=list)
    sessions: int | None = None
    guidelines: Guidelines = field(default_factory=Guidelines)
    guideline_sources: list[str] = field(default_factory=list)  # MAXIMUS', normalised
    ca_guideline_sources: list[str] = field(default_factory=list)  # claims administrator's
    rationale: str = ""
    original_request: str | None = None
    authorized: str | None = None


@dataclass
class Letter:
    """One IMR final determination letter."""

    id: str
    summary: str
    items: list[Item]
    source: Source
    case_number: str | None = None
    decision_date: str | None = None  # ISO dates
    injury_date: str | None = None
    assigned_date: str | None = None
    ur_denial_date: str | None = None
    received_date: str | None = None
    reviewer: Reviewer = field(default_factory=Reviewer)
    patient: Patient = field(default_factory=Patient)
    diagnoses: list[str] = field(default_factory=list)
    documents_reviewed: list[str] = field(default_factory=list)
    layout: str = "current"  # "current" | "2014" | "2013": which heading set the letter uses
    synthetic: bool = False

    def to_dict(self) -> dict:
        """Return the letter as plain JSON-ready data."""
        return orjson.loads(orjson.dumps(self))

    def to_json(self) -> str:
        """Return the letter as one line of JSON (orjson: ~15x faster than the json module,
        which a build of a million letters notices)."""
        return orjson.dumps(self).decode()

    @classmethod
    def from_dict(cls, data: dict) -> Letter:
        """Rebuild a letter from `to_dict` output."""
        data = dict(data)
        data["items"] = [_item_from_dict(item) for item in data["items"]]
        data["source"] = Source(**data["source"])
        data["reviewer"] = Reviewer(**data.get("reviewer") or {})
        data["patient"] = Patient(**data.get("patient") or {})
        return cls(**data)

    @classmethod
    def from_json(cls, text: str) -> Letter:
        """Rebuild a letter from `to_json` output."""
        return cls.from_dict(orjson.loads(text))


def _item_from_dict(data: dict) -> Item:
    data = dict(data)
    data["guidelines"] = Guidelines(**data.get("guidelines") or {})
    return Item(**data)


SYNTHETIC_MARKER = "SYNTHETIC LETTER"
"""Every synthetic letter carries this phrase in its text; the parser then sets `synthetic`."""
