"""PDF rendering with WeasyPrint: a static-only URL fetcher, CSS parsed once, bounded renders."""

from __future__ import annotations

import logging
import mimetypes
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse, path2url

LOGGER = logging.getLogger(__name__)

PAPER_SIZES = {"a4": "A4", "letter": "letter"}
PACK_STYLESHEET = "pack.css"


class RenderBusy(Exception):
    """Every PDF render slot of this worker is taken; the caller should retry shortly."""


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
    """Renders pack HTML to PDF; one per worker process, holding its fonts, CSS and render slots."""

    def __init__(self, static_dir: Path, slots: int = 2, wait_seconds: float = 1.0):
        self.static_dir = static_dir.resolve()
        self.fetcher = StaticOnlyFetcher(self.static_dir)
        self.base_url = path2url(str(self.static_dir)) + "/"
        self.font_config = FontConfiguration()
        self.slots = threading.BoundedSemaphore(slots)
        self.wait_seconds = wait_seconds
        self._stylesheets: dict[str, list[CSS]] = {}
        self._lock = threading.Lock()

    def stylesheets(self, paper: str) -> list[CSS]:
        """Return the parsed print stylesheets for `paper` ("a4" | "letter"), parsed once."""
        with self._lock:
            if paper not in self._stylesheets:
                self._stylesheets[paper] = [
                    self._css(filename=str(self.static_dir / PACK_STYLESHEET)),
                    self._css(string=f"@page {{ size: {PAPER_SIZES[paper]} }}"),
                ]
            return self._stylesheets[paper]

    def _css(self, **source) -> CSS:
        return CSS(**source, base_url=self.base_url, url_fetcher=self.fetcher,
                   font_config=self.font_config)

    def render(self, html: str, paper: str = "a4") -> bytes:
        """Return `html` as PDF bytes; raise RenderBusy when no slot frees up within the wait."""
        if not self.slots.acquire(timeout=self.wait_seconds):
            raise RenderBusy(
                "The server is busy rendering other PDF packs; please try again in a moment."
            )
        try:
            document = HTML(string=html, base_url=self.base_url, url_fetcher=self.fetcher)
            return document.write_pdf(
                stylesheets=self.stylesheets(paper), font_config=self.font_config
            )
        finally:
            self.slots.release()
