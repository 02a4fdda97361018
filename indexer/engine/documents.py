"""Letter records -> index documents: the only place that maps records to schema fields."""

from __future__ import annotations

from indexer.engine.schema import ITEM_KIND, LETTER_KIND
from indexer.letters.records import Item, Letter
from indexer.vocab.values import SEXES, age_band

# Multi-valued facets are stored comma-separated, so a value's own commas (and the escape
# character) are percent-escaped in the index and restored on the way out.
_ESCAPES = (("%", "%25"), (",", "%2C"))


def facet_token(value: str) -> str:
    """Return the comma-free form a facet value takes in the index (every facet, both ways)."""
    for raw, escaped in _ESCAPES:
        value = value.replace(raw, escaped)
    return value


def facet_value(token: str) -> str:
    """Return the facet value a stored token stands for (inverse of `facet_token`)."""
    for raw, escaped in reversed(_ESCAPES):
        token = token.replace(escaped, raw)
    return token


def facet_values(stored: str | None) -> list[str]:
    """Return the facet values of a stored (comma-separated) multi-valued facet field."""
    if not stored:
        return []
    return [facet_value(token) for token in stored.split(",") if token]


def _single(value: str | None) -> str | None:
    return facet_token(value) if value else None


def _joined(values: list[str]) -> str | None:
    tokens = list(dict.fromkeys(facet_token(value) for value in values if value))
    return ",".join(tokens) or None


def sort_date(letter: Letter) -> str | None:
    """Return the letter's decision date, else the latest date the letter states (ISO)."""
    if letter.decision_date:
        return letter.decision_date
    dates = [
        letter.injury_date,
        letter.assigned_date,
        letter.ur_denial_date,
        letter.received_date,
    ]
    return max((date for date in dates if date), default=None)


def letter_facets(letter: Letter) -> dict[str, str | None]:
    """Return the letter-level facet fields (as index tokens) shared by the letter and its items."""
    date = sort_date(letter)
    sex = letter.patient.sex if letter.patient.sex in SEXES else None
    return {
        "year": _single(date[:4] if date else None),
        "sex": _single(sex),
        "age_band": _single(age_band(letter.patient.age)),
        "specialty": _joined(letter.reviewer.specialties),
        "licensure": _joined(letter.reviewer.licensure),
        "synthetic": _single("yes" if letter.synthetic else "no"),
    }


def _letter_document(letter: Letter, facets: dict[str, str | None]) -> dict:
    return {
        "kind": LETTER_KIND,
        "letter_id": letter.id,
        "case_number": letter.case_number,
        "sort_date": sort_date(letter),
        "summary": letter.summary,
        "documents": "\n".join(letter.documents_reviewed),
        "sha256": letter.source.sha256,
        "record": letter.to_json(),
        **facets,
    }


def _item_document(letter: Letter, item: Item, facets: dict[str, str | None]) -> dict:
    guideline_text = "\n".join(
        text for text in (item.guidelines.claims_administrator, item.guidelines.maximus) if text
    )
    return {
        "kind": ITEM_KIND,
        "item_id": f"{letter.id}-{item.number}",
        "letter_id": letter.id,
        "case_number": letter.case_number,
        "number": item.number,
        "sessions": item.sessions,
        "sort_date": sort_date(letter),
        "request": item.request,
        "rationale": item.rationale,
        "guideline_text": guideline_text,
        "drug": item.drug,
        "decision": _single(item.decision),
        "treatment": _single(item.treatment),
        "guideline": _joined(item.guideline_sources),
        "ca_guideline": _joined(item.ca_guideline_sources),
        "body_part": _joined(item.body_parts),
        **facets,
    }


def _present(document: dict) -> dict:
    """Drop absent values: a missing facet value is simply not in the document."""
    return {name: value for name, value in document.items() if value not in (None, "")}


def letter_documents(letter: Letter) -> list[dict]:
    """Return the index documents of a letter: its parent letter document, then one per item."""
    facets = letter_facets(letter)
    documents = [_letter_document(letter, facets)]
    documents.extend(_item_document(letter, item, facets) for item in letter.items)
    return [_present(document) for document in documents]
