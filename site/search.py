"""Search pages: /search and its JSON, CSV and Atom twins over the same parameters."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from flask import Blueprint, Response, current_app, jsonify, redirect, render_template, request

from imr_site import error_response, get_corpus
from imr_site.feeds import atom_feed
from imr_site.params import InvalidParams, SearchParams, parse_params
from imr_site.search_data import csv_rows, search_json
from imr_site.shaping import search_url, shape_search
from indexer.errors import QueryError

bp = Blueprint("search", __name__)


@bp.get("/search")
def search_page():
    """The search page: box, facets, statistics, results, pagination."""
    try:
        params = parse_params(request.args)
    except InvalidParams as invalid:
        return _page_with_problem(invalid.corrected, invalid.messages, invalid.corrected, None)
    canonical = params.query_string()
    if request.query_string.decode("latin-1") != canonical:
        return redirect(search_url(params), code=302)
    try:
        result = get_corpus().search(params.search_query())
    except QueryError as error:
        suggestion = params.with_text(error.suggestion) if error.suggestion else None
        return _page_with_problem(params, [str(error)], suggestion, error.suggestion)
    return render_template("search.html", **shape_search(result, params))


def _page_with_problem(
    params: SearchParams,
    messages: list[str],
    suggestion: SearchParams | None,
    suggestion_text: str | None,
):
    """The search page showing what is wrong with the request and a search that works."""
    return (
        render_template(
            "search.html",
            params=params,
            problems=messages,
            suggestion_url=search_url(suggestion) if suggestion else None,
            suggestion_text=suggestion_text,
        ),
        400,
    )


@bp.get("/search.json", endpoint="search_json")
def search_json_view():
    """The JSON twin: the same search as data; bad parameters or queries give 400 {"error"}."""
    try:
        params = parse_params(request.args)
        result = get_corpus().search(params.search_query())
    except InvalidParams as invalid:
        return error_response(400, "Bad request", str(invalid))
    except QueryError as error:
        extra = {"suggestion": error.suggestion} if error.suggestion else {}
        return error_response(400, "Bad query", str(error), **extra)
    return jsonify(search_json(result, params))


@bp.get("/search.csv")
def search_csv():
    """One row per item of the whole result set, up to CSV_LIMIT rows (stated in headers)."""
    limit = current_app.config["CSV_LIMIT"]
    params, result, failure = _run_all(limit)
    if failure:
        return failure
    buffer = io.StringIO()
    csv.writer(buffer).writerows(csv_rows(result, params))
    response = Response(buffer.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="imr-search.csv"'
    response.headers["X-Result-Limit"] = str(limit)
    response.headers["X-Total-Count"] = str(result.total)
    response.headers["X-Corpus-Version"] = result.corpus_version
    response.headers["X-Result-Truncated"] = "true" if result.total > limit else "false"
    return response


@bp.get("/search.atom")
def search_atom():
    """An Atom feed of the newest matching items: a saved search as an alert."""
    params, result, failure = _run_all(current_app.config["FEED_SIZE"], sort="newest")
    if failure:
        return failure
    body = atom_feed(params, result.hits, result.corpus_version)
    return Response(body, mimetype="application/atom+xml")


def _run_all(limit: int, sort: str | None = None):
    """Run the request's search as one page of `limit` hits: (params, result, failure)."""
    try:
        params = parse_params(request.args)
        query = params.search_query(per_page=limit, page=1)
        result = get_corpus().search(replace(query, sort=sort or query.sort))
    except InvalidParams as invalid:
        return None, None, _text_error(str(invalid))
    except QueryError as error:
        return None, None, _text_error(str(error))
    return params, result, None


def _text_error(message: str) -> Response:
    return Response(message + "\n", status=400, mimetype="text/plain")
