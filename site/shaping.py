"""Turn a SearchResult into what the search page's templates show; URL and date helpers;
"more like this" links from any item."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from flask import request, url_for
from markupsafe import Markup, escape

from imr_site.links import format_date
from imr_site.params import MAX_PAGE, PER_PAGE, SORTS, SearchParams
from imr_site.reports.params import ReportParams
from indexer.engine import (
    ITEM_SCOPE,
    LETTER_SCOPE,
    RELEVANCE,
    SCOPE_LABELS,
    SORT_LABELS,
    Highlighted,
    Hit,
    SearchResult,
    Stats,
)
from indexer.limits import MAX_REQUEST_CHARS
from indexer.vocab import BODY_PARTS, GUIDELINE_SOURCES, TREATMENTS
from indexer.vocab.facets import FACETS_BY_NAME

FACETS_SHOWN_OPEN = 8  # values listed before the "more" disclosure


def search_url(params: SearchParams, endpoint: str = "search.search_page", **kwargs) -> str:
    """The URL of a search state for one of the twins, with the canonical query string."""
    base = url_for(endpoint, **kwargs)
    query = params.query_string()
    return f"{base}?{query}" if query else base


def item_url(letter_id: str, number: int, params: SearchParams | None = None, **kwargs) -> str:
    """Link to one item on its letter page, carrying the search it was found by (the page
    highlights its words and links back to the same results)."""
    base = url_for("letters.letter_page", letter_id=letter_id, **kwargs)
    query = params.query_string() if params else ""
    return (f"{base}?{query}" if query else base) + f"#item-{number}"


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
        "decided": format_date(hit.decision_date) or "date not stated",
        "url": item_url(hit.letter_id, hit.number, params),
        "more": more_like_this(
            hit.request, hit.treatment, hit.body_part, hit.guideline, hit.sessions
        ),
    }


def counted_items(params: SearchParams, stats: Stats) -> str:
    """What the statistics count, in words: which items, matched where, filtered or not (the
    outcomes ignore a Decision selection, as that facet's counts do)."""
    total = stats.upheld + stats.overturned
    items = f"{total:,} disputed {'item' if total == 1 else 'items'}"
    filtered = any(name != "decision" for name in params.filters)
    filtered = filtered or bool(params.decided_from or params.decided_to)
    if params.q and params.scope == LETTER_SCOPE:
        what = f"the {items} of letters whose text (case summary included) matches the search"
    elif params.q:
        what = f"the {items} whose own text (request, rationale, guidelines) matches the search"
    else:
        what = f"the {items}" if filtered else f"all {items}"
    what += " within the selected filters" if filtered else ""
    return what + (", either decision" if params.selected("decision") else "")


def shape_scope(params: SearchParams) -> dict:
    """Where plain words were looked for, and the link that searches the other scope."""
    other = ITEM_SCOPE if params.scope == LETTER_SCOPE else LETTER_SCOPE
    return {
        "value": params.scope,
        "label": SCOPE_LABELS[params.scope],
        "other_label": SCOPE_LABELS[other],
        "other_url": search_url(params.with_scope(other)),
    }


REQUEST_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")  # words, not doses, counts or codes
MAX_SESSIONS = 999  # what a pack's form takes


def request_words(request: str) -> str:
    """The request's words as search text: lower case (never an operator), each once."""
    words = (word.lower().strip("'-") for word in REQUEST_WORD.findall(request))
    return " ".join(dict.fromkeys(word for word in words if word))


def more_like_this(
    request: str,
    treatment: str,
    body_parts: Sequence[str],
    guidelines: Sequence[str],
    sessions: int | None,
) -> dict:
    """{"search_url", "pack_url"}: items like one, as a search and as a precedent pack."""
    pack = ReportParams(
        request=request[:MAX_REQUEST_CHARS],
        treatment=treatment if treatment in TREATMENTS else "",
        body_part=next((part for part in body_parts if part in BODY_PARTS), ""),
        guideline=next((source for source in guidelines if source in GUIDELINE_SOURCES), ""),
        sessions=sessions if sessions and sessions <= MAX_SESSIONS else None,
    )
    return {
        "search_url": search_url(SearchParams(q=request_words(request))),
        "pack_url": f"{url_for('reports.report_preview')}?{pack.query_string()}",
    }


def shape_stats(stats: Stats, params: SearchParams) -> dict:
    """Outcome statistics of the whole result set, with percentages for the bar chart; with a
    Decision selected they describe the results without it (so never a bare 100%)."""
    denominator = stats.upheld + stats.overturned
    rate = stats.overturn_rate
    return {
        "without_decision": bool(params.selected("decision")),
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
        "too_deep": last >= params.page > MAX_PAGE,
        "max_page": MAX_PAGE,
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
    choices = SORTS if params.q else tuple(sort for sort in SORTS if sort != RELEVANCE)
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
        "stats": shape_stats(result.stats, params),
        "counted": counted_items(params, result.stats),
        "scope": shape_scope(params),
        "pages": shape_pages(params, result.total),
        "sorts": shape_sorts(params),
        "corpus_version": result.corpus_version,
        "did_you_mean": shape_suggestion(result, params),
        "date_range": shape_date_range(params),
        "canonical_url": search_url(params, _external=True),
        "json_url": search_url(params, "search.search_json"),
        "csv_url": search_url(params.with_page(1), "search.search_csv"),
        "atom_url": search_url(params.with_page(1), "search.search_atom"),
        "pack_url": search_url(params.with_page(1), "reports.new_report"),
    }


def shape_date_range(params: SearchParams) -> dict:
    """The decision date range: its bounds as given and shown, and the URL without it."""
    return {
        "start": params.decided_from,
        "end": params.decided_to,
        "active": bool(params.decided_from or params.decided_to),
        "label": " – ".join(
            (format_date(params.decided_from) or "…", format_date(params.decided_to) or "…")
        ),
        "clear_url": search_url(params.with_dates("", "")),
    }


def shape_suggestion(result: SearchResult, params: SearchParams) -> dict | None:
    """The "did you mean" search, with its text and URL (None when the engine has none)."""
    if not result.suggestion:
        return None
    return {"text": result.suggestion, "url": search_url(params.with_text(result.suggestion))}


def absolute_url(path: str) -> str:
    """A site path as an absolute URL on the host the request came to."""
    return request.host_url.rstrip("/") + path
