"""Turn a SearchResult into what the search page's templates show; URL and date helpers."""

from __future__ import annotations

import math

from flask import request, url_for
from markupsafe import Markup, escape

from imr_site.links import format_date
from imr_site.params import PER_PAGE, SORTS, SearchParams
from indexer.engine import Highlighted, Hit, SearchResult, Stats
from indexer.vocab.facets import FACETS_BY_NAME

SORT_LABELS = {"relevance": "Relevance", "newest": "Newest first", "oldest": "Oldest first"}
FACETS_SHOWN_OPEN = 8  # values listed before the "more" disclosure


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


def highlighted_html(highlighted: Highlighted) -> Markup:
    """A Highlighted as escaped HTML, its marked words in <mark> (the only markup)."""
    return Markup("").join(
        Markup("<mark>%s</mark>") % piece if marked else escape(piece)
        for piece, marked in highlighted.pieces()
    )


def shape_facets(result: SearchResult, params: SearchParams) -> list[dict]:
    """Every facet as {name, label, selected_count, values: [{value, label, count, selected,
    toggle_url}]}."""
    facets = []
    for name, counts in result.facets.items():
        facet, chosen = FACETS_BY_NAME[name], params.selected(name)
        values = [
            {
                "value": entry.value,
                "label": facet.label_of(entry.value),
                "count": entry.count,
                "selected": entry.value in chosen,
                "toggle_url": search_url(params.toggled(name, entry.value)),
            }
            for entry in counts
        ]
        facets.append(
            {
                "name": name,
                "label": facet.label,
                "selected_count": len(chosen),
                "values": values,
                "open_values": FACETS_SHOWN_OPEN,
            }
        )
    return facets


def shape_hit(hit: Hit, params: SearchParams) -> dict:
    """One result card: the hit, its decision date as shown, and the link to its item (carrying
    the query, so the letter page highlights it)."""
    return {
        "hit": hit,
        "decided": format_date(hit.decision_date),
        "url": item_url(hit.letter_id, hit.number, params.q),
    }


def shape_stats(stats: Stats) -> dict:
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


def shape_search(result: SearchResult, params: SearchParams) -> dict:
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


def absolute_url(path: str) -> str:
    """A site path as an absolute URL on the host the request came to."""
    return request.host_url.rstrip("/") + path
