"""The Atom feed of a search (RFC 4287), built with ElementTree so it is always well-formed."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from imr_site.params import SearchParams
from imr_site.shaping import absolute_url, item_url, search_url
from indexer.engine import Hit

ATOM = "http://www.w3.org/2005/Atom"
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # e.g. PDF form feeds


def atom_feed(params: SearchParams, hits: list[Hit], corpus_version: str) -> bytes:
    """The feed document for a search: one entry per hit (newest first)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    page_url = absolute_url(search_url(params.with_page(1)))
    _text(feed, "id", page_url)
    _text(feed, "title", f"IMR Precedents: {_describe(params)}")
    _text(feed, "subtitle", f"Newest matching items (corpus {corpus_version})")
    _text(feed, "updated", _timestamp(hits[0].decision_date if hits else None))
    _link(feed, absolute_url(search_url(params.with_page(1), "search.search_atom")), "self")
    _link(feed, page_url, "alternate", "text/html")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "IMR Precedents")
    for hit in hits:
        _entry(feed, hit, absolute_url(item_url(hit.letter_id, hit.number, params.q)))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _entry(feed: ET.Element, hit: Hit, url: str) -> None:
    """One entry: the item's title, facts and plain-text snippet, linking to url."""
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    label = "[SYNTHETIC] " if hit.synthetic else ""
    case = hit.case_number or hit.letter_id
    _text(entry, "id", absolute_url(item_url(hit.letter_id, hit.number)))
    _text(entry, "title", f"{label}{case} item {hit.number}: {hit.decision}: {hit.request}")
    _text(entry, "updated", _timestamp(hit.decision_date))
    _link(entry, url, "alternate", "text/html")
    details = " · ".join(
        part for part in (hit.treatment, ", ".join(hit.guideline), ", ".join(hit.specialty)) if part
    )
    _text(entry, "summary", f"{details}. {hit.snippet.text}".strip())
    for name in (hit.decision, hit.treatment):
        if name:
            ET.SubElement(entry, f"{{{ATOM}}}category", term=name)


def _describe(params: SearchParams) -> str:
    parts = [f"“{params.q}”"] if params.q else []
    parts.extend(f"{name}: {' or '.join(values)}" for name, values in params.filters.items())
    return "; ".join(parts) or "all items"


def _timestamp(iso_date: str | None) -> str:
    if iso_date:
        try:
            day = datetime.fromisoformat(iso_date[:10])
            return day.replace(tzinfo=UTC).isoformat().replace("+00:00", "Z")
        except ValueError:
            pass
    return "1970-01-01T00:00:00Z"


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = XML_ILLEGAL.sub(" ", text)


def _link(parent: ET.Element, href: str, rel: str, kind: str | None = None) -> None:
    attributes = {"href": href, "rel": rel}
    if kind:
        attributes["type"] = kind
    ET.SubElement(parent, f"{{{ATOM}}}link", attributes)
