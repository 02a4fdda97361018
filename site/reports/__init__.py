"""Precedent packs: the request form, the HTML preview and the PDF (blueprint `bp`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

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
from werkzeug.datastructures import MultiDict

from imr_site import error_response, get_corpus
from imr_site.links import REPORT_JSON_PATH, REPORT_PATH, REPORT_PDF_PATH, report_fits_link
from imr_site.reports.pack import UnrecognisedRequest, build_pack, pack_filename, pack_pdf
from imr_site.reports.pack_data import pack_json
from imr_site.reports.params import (
    MAX_PRECEDENTS,
    InvalidReport,
    ReportParams,
    form_defaults,
    parse_report_params,
)
from imr_site.reports.render import PdfRenderer
from imr_site.reports.render_limits import RenderFailed, RenderUnavailable
from indexer import limits
from indexer.vocab import BODY_PARTS, GUIDELINE_SOURCES, TREATMENTS
from indexer.vocab.values import DECISIONS, SEXES

bp = Blueprint("reports", __name__)

RENDERER = "imr_pdf_renderer"


def init_app(app) -> None:
    """Register the reports blueprint (and with it the worker's PDF renderer) once."""
    if bp.name not in app.blueprints:
        app.register_blueprint(bp)


@bp.record_once
def _attach_renderer(state) -> None:
    state.app.extensions[RENDERER] = PdfRenderer.from_config(
        Path(state.app.static_folder), state.app.config)


@bp.route("/reports/new", methods=["GET", "POST"])
def new_report():
    """The request form, pre-filled from the args (a search's filters carry over) or, from a
    preview too long for a link, from the POSTed fields."""
    sent = request.form if request.method == "POST" else _from_search(request.args)
    return render_template("report_form.html", params=form_defaults(sent), problems={},
                           **form_choices())


@bp.route(REPORT_PATH, methods=["GET", "POST"])
def report_preview():
    """The pack as an HTML page, with links to the PDF and back to the form. The form POSTs
    (long notes); a POST whose pack fits a link is redirected to that GET URL."""
    params = _params_or_form()
    if isinstance(params, Response):
        return params
    if request.method == "POST" and report_fits_link(params):
        return redirect(_url("reports.report_preview", params), 303)
    pack = build_pack(get_corpus(), params, request.url_root, date.today())
    return render_template("report.html", pack=pack, form_url=_url("reports.new_report", params))


@bp.route(REPORT_PDF_PATH, methods=["GET", "POST"])
def report_pdf():
    """The pack as a PDF download (503 with Retry-After when the server is too busy)."""
    params = _params_or_form()
    if isinstance(params, Response):
        return params
    today = date.today()
    try:  # the pack is built once a render slot is held: a flood builds no packs it can't render
        with current_app.extensions[RENDERER].slot(request.environ.get("gunicorn.socket")) as held:
            pdf = pack_pdf(build_pack(get_corpus(), params, request.url_root, today), held)
    except RenderUnavailable as busy:
        response = error_response(503, "Busy rendering PDFs", str(busy))
        response.headers["Retry-After"] = "5"
        return response
    except RenderFailed:
        return error_response(500, "PDF not rendered", "This pack could not be rendered as a "
                              "PDF; the error has been logged.")
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{pack_filename(params, today)}"',
    })


@bp.route(REPORT_JSON_PATH, methods=["GET", "POST"])
def report_json():
    """The pack as data: what was understood, the precedents, the statistics (400 with the
    problems for bad parameters); the same parameters as the preview, by GET or POST."""
    try:
        params = parse_report_params(request.form if request.method == "POST" else request.args)
    except InvalidReport as invalid:
        return error_response(400, "Bad request", " ".join(invalid.messages),
                              problems=invalid.problems)
    return jsonify(pack_json(build_pack(get_corpus(), params, request.url_root, date.today())))


@bp.errorhandler(UnrecognisedRequest)
def unrecognised_request(error: UnrecognisedRequest):
    """A request nothing recognises gets a message, in the preview, the PDF and the JSON alike,
    never a pack of unrelated items (422)."""
    return error_response(
        422, "Request not recognised", str(error),
        hint="Write the treatment as the RFA names it, e.g. “12 sessions of physical therapy "
             "for the cervical spine” or “Norco 10/325 #90”, or choose a treatment category.",
        problems={"request": str(error)})


def _params_or_form() -> ReportParams | Response:
    """The report's params from the query string (GET) or the form body (POST), else the form
    again with each problem."""
    try:
        return parse_report_params(request.form if request.method == "POST" else request.args)
    except InvalidReport as invalid:
        body = render_template("report_form.html", params=invalid.corrected,
                               problems=invalid.problems, **form_choices())
        return current_app.make_response((body, 400))


def _url(endpoint: str, params: ReportParams) -> str:
    query = params.query_string()
    return url_for(endpoint) + (f"?{query}" if query else "")


def _from_search(args: MultiDict) -> MultiDict:
    """Report args from a search's: the query text becomes the request, facets carry over."""
    carried = MultiDict(args)
    if "request" not in carried and args.get("q"):
        carried["request"] = args["q"]
    if "guideline" not in carried and args.get("ca_guideline"):
        carried["guideline"] = args["ca_guideline"]
    return carried


def form_choices() -> dict:
    """The closed vocabularies the form offers."""
    return {"treatments": sorted(TREATMENTS, key=str.casefold), "body_parts": BODY_PARTS,
            "guidelines": GUIDELINE_SOURCES, "max_precedents": MAX_PRECEDENTS,
            "sexes": SEXES, "decisions": DECISIONS, "limits": limits}
