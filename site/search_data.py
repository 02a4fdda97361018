"""The search as data, built from the SearchResult: the /search.json document and CSV rows.

The JSON document (a stable shape that saved integrations read):

    {"total": int, "page": int, "per_page": int, "sort": "relevance" | "newest" | "oldest",
     "hits": [hit, ...],
     "facets": {facet name: [{"value", "label", "count", "selected", "url"}, ...], ...},
     "stats": {"upheld": int, "overturned": int, "overturn_rate": float | null},
     "canonical_url": str, "corpus_version": str}

    hit: {"item_id", "letter_id", "number", "case_number", "decision_date" (ISO or null),
          one key per facet (a list for multi-valued facets; "synthetic" is true/false),
          "drug", "request",
          "snippet": {"text": plain text, "highlights": [[start, end], ...]},
          "score", "url"}

`highlights` are character offsets into `snippet.text` of the words the query matched, in
order and never overlapping; no value holds HTML.
"""

from __future__ import annotations

from collections.abc import Iterator

from imr_site.params import PER_PAGE, SearchParams
from imr_site.shaping import absolute_url, item_url, search_url
from indexer.engine import Highlighted, Hit, SearchResult
from indexer.vocab.facets import FACET_NAMES, FACETS_BY_NAME

# Every column but "url" is the Hit attribute of that name; the facet columns follow FACETS.
CSV_COLUMNS = (
    "item_id", "letter_id", "case_number", "decision_date", *FACET_NAMES, "drug", "request", "url",
)  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def search_json(result: SearchResult, params: SearchParams) -> dict:
    """The /search.json document of a search (the shape in this module's docstring)."""
    return {
        "total": result.total,
        "page": params.page,
        "per_page": PER_PAGE,
        "sort": params.effective_sort,
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
        },
        "canonical_url": search_url(params, _external=True),
        "corpus_version": result.corpus_version,
    }


def hit_json(hit: Hit, params: SearchParams) -> dict:
    """One hit of the JSON document."""
    return {
        "item_id": hit.item_id,
        "letter_id": hit.letter_id,
        "number": hit.number,
        "case_number": hit.case_number,
        "decision_date": hit.decision_date,
        **{name: getattr(hit, name) for name in FACET_NAMES},
        "drug": hit.drug,
        "request": hit.request,
        "snippet": highlighted_json(hit.snippet),
        "score": hit.score,
        "url": absolute_url(item_url(hit.letter_id, hit.number, params.q)),
    }


def highlighted_json(highlighted: Highlighted) -> dict:
    """A Highlighted as {"text", "highlights": [[start, end], ...]}."""
    return {"text": highlighted.text, "highlights": [list(span) for span in highlighted.spans]}


def csv_rows(result: SearchResult, params: SearchParams) -> Iterator[list[str]]:
    """The CSV's rows, header first: one per hit, cells safe to open in a spreadsheet."""
    yield list(CSV_COLUMNS)
    for hit in result.hits:
        url = absolute_url(item_url(hit.letter_id, hit.number, params.q))
        yield [csv_cell(getattr(hit, column)) for column in CSV_COLUMNS[:-1]] + [csv_cell(url)]


def csv_cell(value: object) -> str:
    """A CSV cell: lists joined with "; ", and formula-looking text neutralised for spreadsheets."""
    if isinstance(value, list):
        value = "; ".join(value)
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
