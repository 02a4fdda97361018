"""The user's Markdown notes as safe HTML: rendered by `markdown`, then allow-listed by `nh3`."""

from __future__ import annotations

import markdown
import nh3
from markdown.extensions.toc import TocExtension
from markupsafe import Markup

# Text formatting only: no images, media, forms, styles, scripts or links to other documents.
ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "u", "s", "sub", "sup", "code", "pre",
    "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "a",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
# The user's headings start at h3, below the pack's "Notes" heading (h1 in the PDF, h2 in the
# preview), so the preview keeps one h1 and the PDF outline stays the pack's own.
NOTES_HEADING_LEVEL = 3
# Links stay clickable in the PDF but are never fetched by the renderer.
LINK_SCHEMES = {"http", "https", "mailto"}

_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=LINK_SCHEMES,
    clean_content_tags={"script", "style", "title", "noscript", "iframe", "object", "template"},
    link_rel="noopener noreferrer nofollow",
)


def render_notes(text: str) -> Markup:
    """Return the Markdown `text` as sanitised HTML, safe to place in a page or a PDF."""
    if not text.strip():
        return Markup("")
    html = markdown.markdown(text, extensions=[
        "tables", "sane_lists", TocExtension(baselevel=NOTES_HEADING_LEVEL)])
    return Markup(_CLEANER.clean(html))
