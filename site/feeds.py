"""The Atom feed of a search (RFC 4287), built with ElementTree so it is always well-formed."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from imr_site.links import case_label, format_date
from imr_site.params import SearchParams
from imr_site.shaping import absolute_url, item_url, search_url
from indexer.engine import SCOPE_LABELS, Hit

ATOM = "http://www.w3.org/2005/Atom"
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # e.g. PDF form feeds


def atom_feed(params: SearchParams, hits: list[Hit], corpus_version: str, built_at: str) -> bytes:
    """The feed document for a search: one entry per hit (newest first). The feed, and an
    entry whose letter states no decision date, are `updated` when the index was built (the
    time this site published them); a dated entry, at its decision date."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    page_url = absolute_url(search_url(params.with_page(1)))
    _text(feed, "id", page_url)
    _text(feed, "title", f"IMR Precedents: {_describe(params)}")
    _text(feed, "subtitle", f"Newest matching items (corpus {corpus_version})")
    _text(feed, "updated", _timestamp(built_at))
    _link(feed, absolute_url(search_url(params.with_page(1), "search.search_atom")), "self")
    _link(feed, page_url, "alternate", "text/html")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "IMR Precedents")
    for hit in hits:
        url = absolute_url(item_url(hit.letter_id, hit.number, params))
        _entry(feed, hit, url, hit.decision_date or built_at)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _entry(feed: ET.Element, hit: Hit, url: str, updated: str) -> None:
    """One entry: the item's title, facts and plain-text snippet, linking to url."""
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    label = "[SYNTHETIC] " if hit.synthetic else ""
    case = case_label(hit.case_number)
    _text(entry, "id", absolute_url(item_url(hit.letter_id, hit.number)))
    _text(entry, "title", f"{label}{case} item {hit.number}: {hit.decision}: {hit.request}")
    _text(entry, "updated", _timestamp(updated))
    _link(entry, url, "alternate", "text/html")
    decided = format_date(hit.decision_date) or "date not stated"
    guidelines, specialties = ", ".join(hit.guideline), ", ".join(hit.specialty)
    parts = (f"Decided {decided}", hit.treatment, guidelines, specialties)
    details = " · ".join(part for part in parts if part)
    _text(entry, "summary", f"{details}. {hit.snippet.text}".strip())
    for name in (hit.decision, hit.treatment):
        if name:
            ET.SubElement(entry, f"{{{ATOM}}}category", term=name)


def _describe(params: SearchParams) -> str:
    parts = [f"“{params.q}” in {SCOPE_LABELS[params.scope]}"] if params.q else []
    parts.extend(f"{name}: {' or '.join(values)}" for name, values in params.filters.items())
    if params.decided_from or params.decided_to:
        parts.append(f"decided {params.decided_from or '…'} to {params.decided_to or '…'}")
    return "; ".join(parts) or "all items"


def _timestamp(iso: str) -> str:
    """An ISO date or UTC time as an RFC 3339 time (a date at midnight UTC)."""
    moment = datetime.fromisoformat(iso)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = XML_ILLEGAL.sub(" ", text)


def _link(parent: ET.Element, href: str, rel: str, kind: str | None = None) -> None:
    attributes = {"href": href, "rel": rel}
    if kind:
        attributes["type"] = kind
    ET.SubElement(parent, f"{{{ATOM}}}link", attributes)
