"""Turn engine results into the plain data templates and the JSON/CSV/Atom twins render."""

from __future__ import annotations

import html
import math
import re

from flask import request, url_for
from markupsafe import Markup, escape

from imr_site.links import format_date
from imr_site.params import PER_PAGE, SORTS, SearchParams
from indexer.engine import FACETS

SORT_LABELS = {"relevance": "Relevance", "newest": "Newest first", "oldest": "Oldest first"}
VALUE_LABELS = {
    "sex": {"female": "Female", "male": "Male"},
    "synthetic": {"yes": "Synthetic letters", "no": "Real letters"},
}
FACETS_SHOWN_OPEN = 8  # values listed before the "more" disclosure
MARK_TAG = re.compile(r"(</?mark>)")


def search_url(params: SearchParams, endpoint: str = "search.search_page", **kwargs) -> str:
    """The URL of a search state for one of the twins, with the canonical query string."""
    base = url_for(endpoint, **kwargs)
    query = params.query_string()
    return f"{base}?{query}" if query else base


def item_url(letter_id: str, number: int, text: str = "", **kwargs) -> str:
    """Link to one item on its letter page, carrying the query text for highlighting."""
    return url_for("letters.letter_page", letter_id=letter_id, q=text or None, **kwargs) + (
        f"#item-{number}"
    )


def marked_html(snippet: str) -> Markup:
    """Engine HTML (escaped text with <mark>) re-escaped so that <mark> is the only markup."""
    parts = MARK_TAG.split(snippet or "")
    return Markup("").join(
        Markup(part) if MARK_TAG.fullmatch(part) else escape(html.unescape(part)) for part in parts
    )


def plain_text(snippet: str) -> str:
    """Engine HTML snippet as plain text (for CSV and feeds)."""
    return html.unescape(MARK_TAG.sub("", snippet or ""))


def value_label(facet: str, value: str) -> str:
    """How a facet value is shown to people."""
    return VALUE_LABELS.get(facet, {}).get(value, value)


def shape_facets(result, params: SearchParams) -> list[dict]:
    """Every facet as {name, label, selected_count, values: [{value, label, count, selected,
    toggle_url}]}."""
    labels = {facet.name: facet.label for facet in FACETS}
    facets = []
    for name, counts in result.facets.items():
        chosen = params.selected(name)
        values = [
            {
                "value": entry.value,
                "label": value_label(name, entry.value),
                "count": entry.count,
                "selected": entry.value in chosen,
                "toggle_url": search_url(params.toggled(name, entry.value)),
            }
            for entry in counts
        ]
        facets.append(
            {
                "name": name,
                "label": labels.get(name, name),
                "selected_count": len(chosen),
                "values": values,
                "open_values": FACETS_SHOWN_OPEN,
            }
        )
    return facets


def shape_hit(hit, params: SearchParams) -> dict:
    """One result card's data."""
    return {
        "item_id": hit.item_id,
        "letter_id": hit.letter_id,
        "number": hit.number,
        "case_number": hit.case_number,
        "decision": hit.decision,
        "treatment": hit.treatment,
        "drug": hit.drug,
        "guideline": list(hit.guideline),
        "ca_guideline": list(hit.ca_guideline),
        "specialty": list(hit.specialty),
        "body_part": list(hit.body_part),
        "request": hit.request,
        "decision_date": hit.decision_date,
        "decision_date_label": format_date(hit.decision_date),
        "synthetic": hit.synthetic,
        "snippet": marked_html(hit.snippet),
        "score": hit.score,
        "url": item_url(hit.letter_id, hit.number, params.q),
    }


def shape_stats(stats) -> dict:
    """Outcome statistics of the whole result set, with percentages for the bar chart."""
    denominator = stats.upheld + stats.overturned
    rate = stats.overturn_rate
    return {
        "upheld": stats.upheld,
        "overturned": stats.overturned,
        "denominator": denominator,
        "overturn_rate": rate,
        "overturn_percent": None if rate is None else round(rate * 100, 1),
        "upheld_percent": None if rate is None else round(100 - rate * 100, 1),
    }


def shape_pages(params: SearchParams, total: int) -> dict:
    """Pagination: current and last page, neighbour URLs and a short window of page links."""
    last = max(1, math.ceil(total / PER_PAGE))
    window = range(max(1, params.page - 2), min(last, params.page + 2) + 1)
    return {
        "page": params.page,
        "last": last,
        "beyond_end": params.page > last,
        "first_shown": (params.page - 1) * PER_PAGE + 1,
        "last_shown": min(total, params.page * PER_PAGE),
        "prev_url": search_url(params.with_page(params.page - 1)) if params.page > 1 else None,
        "next_url": search_url(params.with_page(params.page + 1)) if params.page < last else None,
        "first_url": search_url(params.with_page(1)),
        "last_url": search_url(params.with_page(last)),
        "links": [{"page": n, "url": search_url(params.with_page(n))} for n in window],
    }


def shape_sorts(params: SearchParams) -> list[dict]:
    """The sort choices that make sense for this search, each with its URL."""
    choices = SORTS if params.q else tuple(sort for sort in SORTS if sort != "relevance")
    return [
        {
            "value": sort,
            "label": SORT_LABELS[sort],
            "selected": sort == params.effective_sort,
            "url": search_url(params.with_sort(sort)),
        }
        for sort in choices
    ]


def shape_search(result, params: SearchParams) -> dict:
    """Everything the search page shows, from one SearchResult."""
    return {
        "params": params,
        "total": result.total,
        "hits": [shape_hit(hit, params) for hit in result.hits],
        "facets": shape_facets(result, params),
        "stats": shape_stats(result.stats),
        "pages": shape_pages(params, result.total),
        "sorts": shape_sorts(params),
        "corpus_version": result.corpus_version,
        "canonical_url": search_url(params, _external=True),
        "json_url": search_url(params, "search.search_json"),
        "csv_url": search_url(params.with_page(1), "search.search_csv"),
        "atom_url": search_url(params.with_page(1), "search.search_atom"),
        "pack_url": search_url(params.with_page(1), "reports.new_report"),
    }


def search_json(shaped: dict) -> dict:
    """The /search.json document from the shaped search."""
    hits = []
    for hit in shaped["hits"]:
        hit = dict(hit, snippet=str(hit["snippet"]), url=absolute_url(hit["url"]))
        del hit["decision_date_label"]
        hits.append(hit)
    return {
        "total": shaped["total"],
        "page": shaped["pages"]["page"],
        "per_page": PER_PAGE,
        "sort": shaped["params"].effective_sort,
        "hits": hits,
        "facets": {
            facet["name"]: [
                {
                    "value": value["value"],
                    "label": value["label"],
                    "count": value["count"],
                    "selected": value["selected"],
                    "url": absolute_url(value["toggle_url"]),
                }
                for value in facet["values"]
            ]
            for facet in shaped["facets"]
        },
        "stats": {key: shaped["stats"][key] for key in ("upheld", "overturned", "overturn_rate")},
        "canonical_url": shaped["canonical_url"],
        "corpus_version": shaped["corpus_version"],
    }


def absolute_url(path: str) -> str:
    """A site path as an absolute URL on the host the request came to."""
    return request.host_url.rstrip("/") + path
