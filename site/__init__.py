"""The IMR Precedents web site (import name `imr_site`): search, letter pages, precedent packs."""

from __future__ import annotations

import logging
import threading
from importlib.resources import files
from pathlib import Path
from typing import Any

from flask import Flask, Response, current_app, g, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException, SecurityError

from indexer.engine import Corpus
from indexer.errors import IndexUnavailable
from indexer.limits import FEED_ENTRIES, MAX_FORM_BYTES, MAX_NOTES_CHARS, RESULT_WINDOW

DEFAULTS: dict[str, Any] = {
    "INDEX_DIR": "var/index",
    "CSV_LIMIT": RESULT_WINDOW,  # rows of /search.csv, stated in its X-Result-Limit header
    "FEED_SIZE": FEED_ENTRIES,  # entries of /search.atom
    # PDF renders, bounded server-wide: every worker shares the slot files
    "REPORT_RENDER_SLOTS": 2,  # packs rendered at once (2 cores; renders run at low priority)
    "REPORT_RENDER_QUEUE": 4,  # packs waiting for a slot; past them, a 503 at once
    "REPORT_RENDER_WAIT": 20.0,  # seconds a waiting pack waits before its 503
    "REPORT_RENDER_SECONDS": 90.0,  # a render's time limit (100 precedents: ~6 s when idle)
    "REPORT_RENDER_DIR": "",  # the slot files' folder; "" = "<INDEX_DIR>.renders" beside it
    "SEND_FILE_MAX_AGE_DEFAULT": 3600,
    # a POSTed form (the report form, for long notes); larger bodies get the site's 413 page
    "MAX_CONTENT_LENGTH": MAX_FORM_BYTES,
    "MAX_FORM_MEMORY_SIZE": MAX_FORM_BYTES,
    # Host names the site answers for (port ignored); any other Host header gets a 400, so no
    # URL the site writes (JSON, CSV, Atom, citations, packs, redirects) comes from an untrusted
    # header. A public deployment names its own: IMR_TRUSTED_HOSTS='["precedents.example"]'.
    # X-Forwarded-* headers are never read.
    "TRUSTED_HOSTS": ["localhost", "127.0.0.1"],
    # The site sets no cookies; should a feature ever add one, it is HttpOnly and SameSite.
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
}

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}

# templates/ and static/ ship inside the package (pyproject.toml): found through it, so an
# installed wheel has them as well as a checkout.
TEMPLATE_FOLDER = Path(str(files("imr_site.templates")))
STATIC_FOLDER = Path(str(files("imr_site.static")))

log = logging.getLogger(__name__)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the site: config defaults -> IMR_* environment -> test_config, blueprints, handlers."""
    app = Flask(__name__, template_folder=TEMPLATE_FOLDER, static_folder=STATIC_FOLDER)
    app.config.update(DEFAULTS)
    app.config.from_prefixed_env("IMR")  # IMR_INDEX_DIR=... -> INDEX_DIR
    if test_config:
        app.config.update(test_config)
    app.json.sort_keys = False  # JSON keys in the order the site builds them
    app.extensions["imr_corpus"] = CorpusHolder(Path(app.config["INDEX_DIR"]))

    from imr_site import letters, pages, reports, search
    from imr_site.shaping import highlighted_html

    app.add_template_filter(highlighted_html, "marked")
    for module in (pages, search, letters):
        app.register_blueprint(module.bp)
    reports.init_app(app)
    app.after_request(add_security_headers)
    app.register_error_handler(IndexUnavailable, index_unavailable)
    app.register_error_handler(SecurityError, untrusted_host)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, unexpected_error)
    return app


class CorpusHolder:
    """The worker's Corpus: opened on first use, refreshed per request, reopened after a fault."""

    def __init__(self, index_dir: Path):
        self.index_dir = index_dir
        self._corpus: Corpus | None = None
        self._lock = threading.Lock()

    def current(self) -> Corpus:
        """The up-to-date Corpus; raises IndexUnavailable naming the problem."""
        with self._lock:
            try:
                if self._corpus is None:
                    self._corpus = Corpus.open(self.index_dir)
                else:
                    self._corpus = self._corpus.refreshed()
            except IndexUnavailable:
                self._corpus = None  # the next request tries a fresh open
                raise
            return self._corpus


def get_corpus() -> Corpus:
    """The Corpus for this request (one refresh per request)."""
    if "corpus" not in g:
        g.corpus = current_app.extensions["imr_corpus"].current()
    return g.corpus


def wants_json() -> bool:
    """True when the client asked for a JSON twin or prefers JSON over HTML."""
    if request.path.endswith(".json"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def error_response(status: int, title: str, message: str, hint: str = "", **extra) -> Response:
    """An error as JSON ({"error": message}) or as the HTML error page (with `hint`, what will
    make it go away), by request."""
    if wants_json():
        body = jsonify(error=message, status=status, **extra)
    else:
        body = render_template("error.html", status=status, title=title, message=message,
                               hint=hint)
    return make_response(body, status)


def add_security_headers(response):
    """Add CSP and the other security headers to every response."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def index_unavailable(error: IndexUnavailable):
    """503 naming the index problem; the site recovers by itself when a good index appears."""
    response = error_response(
        503, "Search index unavailable", f"The search index is not available: {error}",
        hint="This page will work again as soon as a good index is in place; no restart is needed.",
    )
    response.headers["Retry-After"] = "30"
    return response


def untrusted_host(error: SecurityError):
    """400 for a Host outside TRUSTED_HOSTS: plain text, no URL built, the host not echoed."""
    return Response("This site does not answer for that host name.\n", 400, mimetype="text/plain")


def http_error(error: HTTPException):
    """Friendly 4xx/5xx pages (and JSON for the twins)."""
    if error.code == 413:
        return error_response(413, "Form too large", f"The form sent is over "
                              f"{MAX_FORM_BYTES // 1024} KB; notes are limited to "
                              f"{MAX_NOTES_CHARS:,} characters.")
    return error_response(error.code or 500, error.name, error.description or "")


def unexpected_error(error: Exception):
    """Log the traceback; show the user a plain 500 without it."""
    log.exception("unexpected error on %s", request.path)
    return error_response(
        500, "Internal error", "Something went wrong on our side; the error has been logged."
    )
