"""Letter records -> index documents: the only place that maps records to schema fields."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from indexer.engine.schema import ITEM_KIND, LETTER_KIND
from indexer.letters.records import Item, Letter
from indexer.vocab.facets import FACETS
from indexer.vocab.values import SEXES, YEAR_NOT_STATED, age_band, synthetic_value

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


def _year(letter: Letter) -> list[str]:
    """Return the decision year, YEAR_NOT_STATED when the letter states no decision date."""
    return [letter.decision_date[:4] if letter.decision_date else YEAR_NOT_STATED]


# Where each facet of FACETS takes its values from: a letter's facets are shared by the letter
# document and its item documents, an item's are on its own document only.
LETTER_FACETS: Mapping[str, Callable[[Letter], Sequence[str | None]]] = {
    "specialty": lambda letter: letter.reviewer.specialties,
    "year": _year,
    "sex": lambda letter: [letter.patient.sex if letter.patient.sex in SEXES else None],
    "age_band": lambda letter: [age_band(letter.patient.age)],
    "licensure": lambda letter: letter.reviewer.licensure,
    "synthetic": lambda letter: [synthetic_value(letter.synthetic)],
}
ITEM_FACETS: Mapping[str, Callable[[Item], Sequence[str | None]]] = {
    "decision": lambda item: [item.decision],
    "treatment": lambda item: [item.treatment],
    "drug": lambda item: item.drug.split("/") if item.drug else [],
    "guideline": lambda item: item.guideline_sources,
    "body_part": lambda item: item.body_parts,
    "ca_guideline": lambda item: item.ca_guideline_sources,
}


def _read(readers: Mapping[str, Callable], record: Letter | Item) -> dict[str, list[str]]:
    return {
        facet.name: list(dict.fromkeys(value for value in readers[facet.name](record) if value))
        for facet in FACETS
        if facet.name in readers
    }


def letter_facet_values(letter: Letter) -> dict[str, list[str]]:
    """Return the letter's facet values (shared by its items), by facet in FACETS order."""
    return _read(LETTER_FACETS, letter)


def item_facet_values(item: Item) -> dict[str, list[str]]:
    """Return an item's own facet values, by facet in FACETS order."""
    return _read(ITEM_FACETS, item)


def _facet_fields(values: dict[str, list[str]]) -> dict[str, str]:
    """Return facet values as index fields: tokens, comma-separated for a multi-valued facet."""
    return {name: ",".join(map(facet_token, tokens)) for name, tokens in values.items()}


def _letter_document(letter: Letter, facets: dict[str, str]) -> dict:
    return {
        "kind": LETTER_KIND,
        "letter_id": letter.id,
        "case_number": letter.case_number,
        "decision_date": letter.decision_date,
        "summary": letter.summary,
        "documents": "\n".join(letter.documents_reviewed),
        "sha256": letter.source.sha256,
        "record": letter.to_json(),
        **facets,
    }


def _item_document(letter: Letter, item: Item, facets: dict[str, str]) -> dict:
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
        "decision_date": letter.decision_date,
        "request": item.request,
        "rationale": item.rationale,
        "guideline_text": guideline_text,
        "letter_body_parts": ",".join(map(facet_token, item.letter_body_parts)),
        **_facet_fields(item_facet_values(item)),
        **facets,
    }


def _present(document: dict) -> dict:
    """Drop absent values: a missing facet value is simply not in the document."""
    return {name: value for name, value in document.items() if value not in (None, "")}


def letter_documents(letter: Letter) -> list[dict]:
    """Return the index documents of a letter: its parent letter document, then one per item."""
    facets = _facet_fields(letter_facet_values(letter))
    documents = [_letter_document(letter, facets)]
    documents.extend(_item_document(letter, item, facets) for item in letter.items)
    return [_present(document) for document in documents]
