"""The user's Markdown notes as safe HTML: rendered by `markdown`, then allow-listed by `nh3`."""

from __future__ import annotations

from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urlsplit

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
EMPTY_TAGS = {"br", "hr"}  # never have a closing tag, so never nest
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
# The user's headings start at h3, below the pack's "Notes" heading (h1 in the PDF, h2 in the
# preview), so the preview keeps one h1 and the PDF outline stays the pack's own.
NOTES_HEADING_LEVEL = 3
# Links stay clickable in the PDF but are never fetched by the renderer. Only absolute links
# survive: the PDF renderer would resolve a relative one against the install folder (file://).
LINK_SCHEMES = {"http", "https", "mailto"}
# WeasyPrint lays boxes out recursively and fails ~150 elements deep (fewer in tables), and its
# time grows with the element count (10,000 list items: over 20 s): both are bounded up front.
MAX_NOTES_DEPTH = 20
MAX_NOTES_ELEMENTS = 1000


def absolute_link(_element: str, attribute: str, value: str) -> str | None:
    """Keep an href only when it is an http(s) URL with a host or a mailto: address."""
    if attribute != "href":
        return value
    url = value.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if (scheme in ("http", "https") and parts.netloc) or (scheme == "mailto" and parts.path):
        return url
    return None


_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    attribute_filter=absolute_link,
    url_schemes=LINK_SCHEMES,
    url_relative="deny",
    clean_content_tags={"script", "style", "title", "noscript", "iframe", "object", "template"},
    link_rel="noopener noreferrer nofollow",
)


class NotesShape(HTMLParser):
    """How deep the elements of an HTML fragment nest, and how many there are."""

    def __init__(self, html: str):
        super().__init__()
        self.depth = self.deepest = self.elements = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, _attrs) -> None:
        """Count the element; go one level deeper unless it is empty."""
        self.elements += 1
        if tag not in EMPTY_TAGS:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag: str) -> None:
        """Come back up one level."""
        if tag not in EMPTY_TAGS:
            self.depth -= 1


@lru_cache(maxsize=32)  # the form check and the pack render the same notes in one request
def sanitised_html(text: str) -> str:
    """The Markdown `text` as allow-listed HTML."""
    html = markdown.markdown(text, extensions=[
        "tables", "sane_lists", TocExtension(baselevel=NOTES_HEADING_LEVEL)])
    return _CLEANER.clean(html)


def notes_problem(text: str) -> str | None:
    """Why the notes cannot be printed (nested too deep, too many elements), or None."""
    if not text.strip():
        return None
    shape = NotesShape(sanitised_html(text))
    if shape.deepest > MAX_NOTES_DEPTH:
        return (f"notes nest {shape.deepest} levels deep (quotes, lists, tables or tags inside "
                f"one another); a pack can print at most {MAX_NOTES_DEPTH}.")
    if shape.elements > MAX_NOTES_ELEMENTS:
        return (f"notes hold {shape.elements:,} formatted pieces (paragraphs, list items, table "
                f"cells, bold or italic words); a pack can print at most {MAX_NOTES_ELEMENTS:,}.")
    return None


def render_notes(text: str) -> Markup:
    """Return the Markdown `text` as sanitised HTML, safe to place in a page or a PDF."""
    if not text.strip():
        return Markup("")
    return Markup(sanitised_html(text))
