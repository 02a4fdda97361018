"""Search pages: /search and its JSON, CSV and Atom twins over the same parameters."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)

from imr_site import error_response, get_corpus
from imr_site.feeds import atom_feed
from imr_site.params import InvalidParams, SearchParams, parse_params
from imr_site.search_data import csv_filename, csv_rows, search_json
from imr_site.shaping import search_url, shape_search
from imr_site.values import known_values, resolve_values
from indexer.engine import NEWEST, canonical_case_number
from indexer.errors import QueryError

bp = Blueprint("search", __name__)


@bp.get("/search")
def search_page():
    """The search page: box, facets, statistics, results, pagination."""
    params, messages = _resolved_params()
    if not messages and request.query_string.decode("latin-1") != params.query_string():
        return redirect(search_url(params), code=302)
    if letter_id := case_letter(params):
        return redirect(url_for("letters.letter_page", letter_id=letter_id), code=302)
    try:
        result = get_corpus().search(params.search_query())
    except QueryError as error:
        suggestion = params.with_text(error.suggestion) if error.suggestion else None
        return _page_with_problem(params, [*messages, str(error)], suggestion, error.suggestion)
    page = render_template("search.html", **shape_search(result, params), notices=messages)
    return page, 400 if messages else 200


def _resolved_params() -> tuple[SearchParams, list[str]]:
    """The request's search, values in canonical spelling, without what cannot be used; and
    a message for each part left out (an invalid parameter, a value the facet lacks)."""
    try:
        params, messages = parse_params(request.args), []
    except InvalidParams as invalid:
        params, messages = invalid.corrected, invalid.messages
    params, unknown = resolve_values(params, known_values(get_corpus()))
    return params, messages + unknown


def case_letter(params: SearchParams) -> str | None:
    """The letter a search for nothing but its case number (any accepted form) goes to."""
    if params.filters or params.page != 1:
        return None
    case_number = canonical_case_number(params.q)
    if case_number and get_corpus().letter(case_number):
        return case_number
    return None


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
    params, messages = _resolved_params()
    if messages:
        return error_response(400, "Bad request", "; ".join(messages))
    try:
        result = get_corpus().search(params.search_query())
    except QueryError as error:
        extra = {"suggestion": error.suggestion} if error.suggestion else {}
        return error_response(400, "Bad query", str(error), **extra)
    letter_id = case_letter(params)
    letter_url = letter_id and url_for("letters.letter_page", letter_id=letter_id, _external=True)
    return jsonify({**search_json(result, params), "letter_url": letter_url})


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
    filename = csv_filename(params)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Result-Limit"] = str(limit)
    response.headers["X-Total-Count"] = str(result.total)
    response.headers["X-Corpus-Version"] = result.corpus_version
    response.headers["X-Result-Truncated"] = "true" if result.total > limit else "false"
    return response


@bp.get("/search.atom")
def search_atom():
    """An Atom feed of the newest matching items: a saved search as an alert."""
    params, result, failure = _run_all(current_app.config["FEED_SIZE"], sort=NEWEST)
    if failure:
        return failure
    body = atom_feed(params, result.hits, result.corpus_version, get_corpus().built_at)
    return Response(body, mimetype="application/atom+xml")


def _run_all(limit: int, sort: str | None = None):
    """Run the request's search as one page of `limit` hits: (params, result, failure)."""
    params, messages = _resolved_params()
    if messages:
        return None, None, _text_error("; ".join(messages))
    try:
        query = params.search_query(per_page=limit, page=1)
        result = get_corpus().search(replace(query, sort=sort or query.sort))
    except QueryError as error:
        return None, None, _text_error(str(error))
    return params, result, None


def _text_error(message: str) -> Response:
    return Response(message + "\n", status=400, mimetype="text/plain")
