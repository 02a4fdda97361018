"""The search as data, built from the SearchResult: the /search.json document and CSV rows.

The JSON document (a stable shape that saved integrations read):

    {"total": int, "page": int, "per_page": int, "sort": "relevance" | "newest" | "oldest",
     "scope": "items" | "letter" (where plain words were looked for), "hits": [hit, ...],
     "facets": {facet name: [{"value", "label", "count", "selected", "url"}, ...], ...},
     "stats": {"upheld": int, "overturned": int, "overturn_rate": float | null,
               "counted": what the numbers count, in words},
     "canonical_url": str, "corpus_version": str,
     "suggestion": {"text": str, "url": str} | null,  (a "did you mean" when few items match)
     "letter_url": str | null}  (set by the view: the letter page when the query is nothing but
                                 a case number of the index, where the HTML page redirects)

    hit: {"item_id", "letter_id", "number", "case_number", "decision_date" (ISO or null),
          one key per facet (a list for multi-valued facets; "synthetic" is true/false),
          "request",
          "snippet": {"text": plain text, "highlights": [[start, end], ...]},
          "score", "url"}

`highlights` are character offsets into `snippet.text` of the words the query matched, in
order and never overlapping; no value holds HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from imr_site.params import PER_PAGE, SearchParams
from imr_site.shaping import absolute_url, counted_items, item_url, search_url, shape_suggestion
from indexer.engine import Highlighted, Hit, SearchResult
from indexer.vocab.facets import FACET_NAMES, FACETS, FACETS_BY_NAME
from indexer.vocab.values import synthetic_value

# The CSV's columns: (header, Hit attribute); the facet columns follow FACETS. "Link" is the
# item's permalink; the excerpt is the start of the rationale (of the request when the item
# has no rationale): CSV pages are larger than the engine marks snippets for.
CSV_COLUMNS = (
    ("Item ID", "item_id"), ("Letter ID", "letter_id"), ("Case number", "case_number"),
    ("Item number", "number"), ("Decision date", "decision_date"),
    *((facet.label, facet.name) for facet in FACETS),
    ("Sessions requested", "sessions"), ("Request", "request"),
    ("Rationale excerpt", "snippet"),
)  # fmt: skip
CSV_LINK_HEADER = "Link"
CSV_NAME_CHARS = 80  # of a CSV file's name, before ".csv"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def search_json(result: SearchResult, params: SearchParams) -> dict:
    """The /search.json document of a search (the shape in this module's docstring)."""
    return {
        "total": result.total,
        "page": params.page,
        "per_page": PER_PAGE,
        "sort": params.effective_sort,
        "scope": params.scope,
        "hits": [hit_json(hit, params) for hit in result.hits],
        "facets": {
            name: [
                {
                    "value": entry.value,
                    "label": FACETS_BY_NAME[name].label_of(entry.value),
                    "count": entry.count,
                    "selected": entry.value in params.selected(name),
                    "url": absolute_url(search_url(params.toggled(name, entry.value))),
                }
                for entry in counts
            ]
            for name, counts in result.facets.items()
        },
        "stats": {
            "upheld": result.stats.upheld,
            "overturned": result.stats.overturned,
            "overturn_rate": result.stats.overturn_rate,
            "counted": counted_items(params, result.stats),
        },
        "canonical_url": search_url(params, _external=True),
        "corpus_version": result.corpus_version,
        "suggestion": _absolute_suggestion(shape_suggestion(result, params)),
    }


def _absolute_suggestion(suggestion: dict | None) -> dict | None:
    if suggestion is None:
        return None
    return {**suggestion, "url": absolute_url(suggestion["url"])}


def hit_json(hit: Hit, params: SearchParams) -> dict:
    """One hit of the JSON document."""
    return {
        "item_id": hit.item_id,
        "letter_id": hit.letter_id,
        "number": hit.number,
        "case_number": hit.case_number,
        "decision_date": hit.decision_date,
        **{name: getattr(hit, name) for name in FACET_NAMES},
        "request": hit.request,
        "snippet": highlighted_json(hit.snippet),
        "score": hit.score,
        "url": absolute_url(item_url(hit.letter_id, hit.number, params)),
    }


def highlighted_json(highlighted: Highlighted) -> dict:
    """A Highlighted as {"text", "highlights": [[start, end], ...]}."""
    return {"text": highlighted.text, "highlights": [list(span) for span in highlighted.spans]}


def csv_rows(result: SearchResult, params: SearchParams) -> Iterator[list[str]]:
    """The CSV's rows, header first: one per hit, cells safe to open in a spreadsheet."""
    yield [header for header, _name in CSV_COLUMNS] + [CSV_LINK_HEADER]
    for hit in result.hits:
        url = absolute_url(item_url(hit.letter_id, hit.number, params))
        cells = [csv_value(hit, name) for _header, name in CSV_COLUMNS]
        yield [csv_cell(cell) for cell in cells] + [csv_cell(url)]


def csv_value(hit: Hit, name: str) -> object:
    """One hit's value for a CSV column, as a person reads it."""
    if name == "synthetic":
        return synthetic_value(hit.synthetic)
    if name == "snippet":
        return hit.snippet.text
    return getattr(hit, name)


def csv_filename(params: SearchParams) -> str:
    """A file name that says which search a CSV holds, e.g. imr-knee-decision-overturned.csv."""
    words = [params.q, *(f"{name} {' '.join(values)}" for name, values in params.filters.items())]
    slug = re.sub(r"[^a-z0-9]+", "-", " ".join(words).casefold()).strip("-")
    return f"imr-{slug[:CSV_NAME_CHARS].rstrip('-') or 'all-items'}.csv"


def csv_cell(value: object) -> str:
    """A CSV cell: lists joined with "; ", and formula-looking text neutralised for spreadsheets."""
    if isinstance(value, list):
        value = "; ".join(value)
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
