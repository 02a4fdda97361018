"""Letter pages: /letters/<id>, its JSON twin and the original PDF."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Blueprint, abort, jsonify, render_template, request, send_file, url_for

from imr_site import get_corpus
from imr_site.params import MAX_QUERY_CHARS
from imr_site.shaping import absolute_url, format_date
from indexer.engine import Highlighted

bp = Blueprint("letters", __name__)

# A case number (CM16-0213037, synthetic SY24-0000042) or "X-" + 12 hex digits of a text hash.
LETTER_ID = re.compile(r"(?:[A-Z]{2,3}\d{2}-\d{7}|X-[0-9a-f]{12})")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def find_letter(letter_id: str):
    """The letter with this id, or a friendly 404; the id is checked before any lookup."""
    if not LETTER_ID.fullmatch(letter_id):
        abort(404, description=f"There is no letter with the id {letter_id[:40]!r}.")
    letter = get_corpus().letter(letter_id)
    if letter is None:
        abort(404, description=f"There is no letter {letter_id} in the index.")
    return letter


@bp.get("/letters/<letter_id>")
def letter_page(letter_id: str):
    """One letter: header data, reviewer, summary and every item with its citation."""
    letter = find_letter(letter_id)
    query_text = " ".join(request.args.get("q", "").split())[:MAX_QUERY_CHARS]
    return render_template("letter.html", **shape_letter(letter, query_text))


@bp.get("/letters/<letter_id>.json")
def letter_json(letter_id: str):
    """The letter record as JSON (without the server's file path)."""
    letter = find_letter(letter_id)
    record = letter.to_dict()
    record["source"] = {"format": letter.source.format, "sha256": letter.source.sha256}
    record["url"] = absolute_url(url_for("letters.letter_page", letter_id=letter.id))
    record["pdf_url"] = absolute_url(pdf_url(letter)) if original_pdf(letter) else None
    record["corpus_version"] = get_corpus().version
    return jsonify(record)


@bp.get("/letters/<letter_id>.pdf")
def letter_pdf(letter_id: str):
    """The original PDF, when the letter was read from one that is still on disk."""
    letter = find_letter(letter_id)
    path = original_pdf(letter)
    if path is None:
        abort(404, description=f"Letter {letter.id} was not read from a PDF that is available.")
    return send_file(
        path, mimetype="application/pdf", as_attachment=True, download_name=f"{letter.id}.pdf"
    )


def original_pdf(letter) -> Path | None:
    """The stored source path when it names an existing regular .pdf file (never request data)."""
    if letter.source.format != "pdf" or not letter.source.path:
        return None
    path = Path(letter.source.path)
    if path.suffix.lower() != ".pdf" or path.is_symlink() or not path.is_file():
        return None
    return path.resolve()


def pdf_url(letter) -> str:
    """Site path of the letter's PDF download."""
    return url_for("letters.letter_pdf", letter_id=letter.id)


def shape_letter(letter, query_text: str) -> dict:
    """The letter page's data, with the search terms highlighted when there are any."""
    corpus = get_corpus()

    def paragraphs(text: str) -> list[Highlighted]:
        """The text's paragraphs, the query's terms marked when there is one."""
        chunks = [chunk.strip() for chunk in PARAGRAPH_BREAK.split(text or "") if chunk.strip()]
        if not query_text:
            return [Highlighted(chunk) for chunk in chunks]
        return [corpus.highlight(chunk, query_text) for chunk in chunks]

    permalink = absolute_url(url_for("letters.letter_page", letter_id=letter.id))
    return {
        "letter": letter,
        "query_text": query_text,
        "decision_date": format_date(letter.decision_date),
        "dates": _letter_dates(letter),
        "summary": paragraphs(letter.summary),
        "items": [_shape_item(letter, item, paragraphs, permalink) for item in letter.items],
        "permalink": permalink,
        "pdf_url": pdf_url(letter) if original_pdf(letter) else None,
        "json_url": url_for("letters.letter_json", letter_id=letter.id),
        "back_url": url_for("search.search_page", q=query_text) if query_text else None,
        "corpus_version": corpus.version,
    }


def _letter_dates(letter) -> list[tuple[str, str]]:
    named = (
        ("Decision date", letter.decision_date),
        ("Date of injury", letter.injury_date),
        ("UR denial", letter.ur_denial_date),
        ("Application received", letter.received_date),
        ("Assigned to reviewer", letter.assigned_date),
    )
    return [(label, format_date(value)) for label, value in named if value]


def _shape_item(letter, item, paragraphs, permalink: str) -> dict:
    return {
        "item": item,
        "anchor": f"item-{item.number}",
        "request": paragraphs(item.request),
        "rationale": paragraphs(item.rationale),
        "maximus_guidelines": paragraphs(item.guidelines.maximus),
        "ca_guidelines": paragraphs(item.guidelines.claims_administrator),
        "citation": citation(letter, item, f"{permalink}#item-{item.number}"),
    }


def citation(letter, item, permalink: str) -> str:
    """A ready-to-paste citation of one item."""
    specialty = ", ".join(letter.reviewer.specialties) or "specialty not stated"
    decided = format_date(letter.decision_date) or "date not stated"
    label = "[SYNTHETIC LETTER] " if letter.synthetic else ""
    case = letter.case_number or letter.id
    return (
        f"{label}IMR Final Determination, Case No. {case} ({decided}), "
        f"Item {item.number}: {item.request} \N{EM DASH} {item.decision}. "
        f"Reviewer: {specialty}. {permalink}"
    )
