"""PDF rendering with WeasyPrint: a static-only URL fetcher, CSS parsed once, bounded renders."""

from __future__ import annotations

import logging
import mimetypes
import socket
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse, path2url

from imr_site.reports.render_limits import (
    RenderFailed,
    RenderSlots,
    client_gone,
    run_in_child,
)

LOGGER = logging.getLogger(__name__)

PAPER_SIZES = {"a4": "A4", "letter": "letter"}
PACK_STYLESHEET = "pack.css"


# Server-wide by default (every worker shares the slot files); each key may be set in the
# app config or as IMR_<KEY>. The slot folder defaults to "<index folder>.renders" beside it.
RENDER_DEFAULTS = {
    "REPORT_RENDER_SLOTS": 2,  # renders at once (2 cores; children run at a low priority)
    "REPORT_RENDER_QUEUE": 4,  # requests waiting for a slot; past them: 503 at once
    "REPORT_RENDER_WAIT": 20.0,  # seconds a queued request waits before its 503
    "REPORT_RENDER_SECONDS": 90.0,  # a render's time limit (100 precedents: ~6 s when idle)
}


class StaticOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves files under one folder and refuses every other URL."""

    def __init__(self, static_dir: Path):
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.root = static_dir.resolve()

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        """Return the static file `url` names; raise ValueError for anything else."""
        path = self.local_path(url)
        if path is None:
            LOGGER.warning("refused to fetch %.200s while rendering a PDF", url)
            raise ValueError(f"only the site's static files may be fetched, not {url[:200]}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    def local_path(self, url: str) -> Path | None:
        """Return the file under the static folder that `url` names, or None."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            return None
        return path


class PdfRenderer:
    """Renders pack HTML to PDF in child processes, within the server-wide render slots."""

    def __init__(self, static_dir: Path, slots: RenderSlots, seconds: float = 90.0):
        self.static_dir = static_dir.resolve()
        self.fetcher = StaticOnlyFetcher(self.static_dir)
        self.base_url = path2url(str(self.static_dir)) + "/"
        self.font_config = FontConfiguration()
        self.slots = slots
        self.seconds = seconds
        # Parsed here, once per worker, so that every forked render finds them ready.
        self.stylesheets = {paper: [
            self._css(filename=str(self.static_dir / PACK_STYLESHEET)),
            self._css(string=f"@page {{ size: {size} }}"),
        ] for paper, size in PAPER_SIZES.items()}

    @classmethod
    def from_config(cls, static_dir: Path, config: Mapping) -> PdfRenderer:
        """The renderer the app config (or RENDER_DEFAULTS) describes."""
        settings = {key: config.get(key, default) for key, default in RENDER_DEFAULTS.items()}
        index_dir = Path(config["INDEX_DIR"])
        folder = Path(config.get("REPORT_RENDER_DIR") or index_dir.with_name(
            f"{index_dir.name}.renders"))
        slots = RenderSlots(folder, settings["REPORT_RENDER_SLOTS"],
                            settings["REPORT_RENDER_QUEUE"], settings["REPORT_RENDER_WAIT"])
        return cls(static_dir, slots, settings["REPORT_RENDER_SECONDS"])

    def _css(self, **source) -> CSS:
        return CSS(**source, base_url=self.base_url, url_fetcher=self.fetcher,
                   font_config=self.font_config)

    def render(self, html_of: Callable[[], str], paper: str = "a4",
               client: socket.socket | None = None) -> bytes:
        """The PDF of the HTML `html_of()` returns, called once a render slot is held.

        Raises RenderUnavailable (busy, timed out, client gone) or RenderFailed (logged).
        """
        gone = client_gone(client)
        with self.slots.hold(gone):
            html = html_of()
            try:
                return run_in_child(lambda: self._pdf(html, paper), self.seconds, gone,
                                    inherited=self.slots.held)
            except RenderFailed as failed:
                LOGGER.error("PDF render failed: %s", failed)
                raise

    def _pdf(self, html: str, paper: str) -> bytes:
        document = HTML(string=html, base_url=self.base_url, url_fetcher=self.fetcher)
        return document.write_pdf(stylesheets=self.stylesheets[paper],
                                  font_config=self.font_config)
