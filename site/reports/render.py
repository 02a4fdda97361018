"""PDF rendering with WeasyPrint: a static-only URL fetcher, CSS parsed once, bounded renders."""

from __future__ import annotations

import logging
import mimetypes
import socket
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse, path2url

from imr_site.reports.params import DEFAULT_PAPER
from imr_site.reports.render_limits import (
    RenderFailed,
    RenderSlots,
    client_gone,
    run_in_child,
)

LOGGER = logging.getLogger(__name__)

PAPER_SIZES = {"letter": "letter", "a4": "A4"}
PACK_STYLESHEET = "pack.css"


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
    """Renders pack HTML to PDF in child processes, within server-wide render slots (if any)."""

    def __init__(self, static_dir: Path, slots: RenderSlots | None = None,
                 seconds: float = 90.0):
        self.static_dir = static_dir.resolve()
        self.fetcher = StaticOnlyFetcher(self.static_dir)
        self.base_url = path2url(str(self.static_dir)) + "/"
        self.font_config = FontConfiguration()
        self.slots = slots  # None: no sharing to bound (`imr report`)
        self.seconds = seconds
        # Parsed here, once per worker, so that every forked render finds them ready.
        self.stylesheets = {paper: [
            self._css(filename=str(self.static_dir / PACK_STYLESHEET)),
            self._css(string=f"@page {{ size: {size} }}"),
        ] for paper, size in PAPER_SIZES.items()}

    @classmethod
    def from_config(cls, static_dir: Path, config: Mapping) -> PdfRenderer:
        """The renderer of the app config's REPORT_RENDER_* settings."""
        index_dir = Path(config["INDEX_DIR"])
        folder = config["REPORT_RENDER_DIR"] or index_dir.with_name(f"{index_dir.name}.renders")
        slots = RenderSlots(Path(folder), config["REPORT_RENDER_SLOTS"],
                            config["REPORT_RENDER_QUEUE"], config["REPORT_RENDER_WAIT"])
        return cls(static_dir, slots, config["REPORT_RENDER_SECONDS"])

    def _css(self, **source) -> CSS:
        return CSS(**source, base_url=self.base_url, url_fetcher=self.fetcher,
                   font_config=self.font_config)

    @contextmanager
    def slot(self, client: socket.socket | None = None) -> Iterator[HeldSlot]:
        """Hold a render slot for a request on `client` (raises RenderUnavailable)."""
        gone = client_gone(client)
        if self.slots is None:
            yield HeldSlot(self, gone)
            return
        with self.slots.hold(gone):
            yield HeldSlot(self, gone)

    def render(self, html: str, paper: str = DEFAULT_PAPER) -> bytes:
        """`html` as PDF bytes, in a slot of its own."""
        with self.slot() as held:
            return held.render(html, paper)

    def pdf(self, html: str, paper: str) -> bytes:
        """`html` as PDF bytes, rendered in this process (the child's job)."""
        document = HTML(string=html, base_url=self.base_url, url_fetcher=self.fetcher)
        return document.write_pdf(stylesheets=self.stylesheets[paper],
                                  font_config=self.font_config)


@dataclass(frozen=True)
class HeldSlot:
    """A render slot held for one request: its renders stop when the client goes."""

    renderer: PdfRenderer
    gone: Callable[[], bool]

    def render(self, html: str, paper: str = DEFAULT_PAPER) -> bytes:
        """`html` as PDF bytes from a time-limited child (RenderUnavailable, RenderFailed)."""
        renderer = self.renderer
        inherited = renderer.slots.held if renderer.slots else ()
        try:
            return run_in_child(lambda: renderer.pdf(html, paper), renderer.seconds,
                                self.gone, inherited)
        except RenderFailed as failed:
            LOGGER.error("PDF render failed: %s", failed)
            raise
