"""A pack as data (`/report.json`): what was understood from the request, each precedent with
its score and reasons, and the statistics; the same pack the preview and the PDF show."""

from __future__ import annotations

from imr_site.reports.pack import Pack, Precedent
from imr_site.reports.statistics import Outcomes


def pack_json(pack: Pack) -> dict:
    """The pack as a JSON-ready dict."""
    statistics = pack.statistics
    return {
        "request": {"text": pack.params.request, "facts": pack.params.facts},
        "understood": understood_json(pack),
        "precedents": [precedent_json(precedent) for precedent in pack.precedents],
        "close_precedents": len(pack.close_precedents),
        "padding_note": pack.padding_note or None,
        "statistics": {
            "outcomes": {
                "close_precedents": outcomes_json(statistics.close),
                "same_request": outcomes_json(statistics.same_request),
                "category": outcomes_json(statistics.category),
            },
            "guideline_sources": [
                {"source": row.source, "precedents": row.count,
                 "citations": [{"citation": cited, "precedents": count}
                               for cited, count in row.citations]}
                for row in pack.guideline_counts
            ],
            "reasons": [{"reason": row.reason, "precedents": row.count}
                        for row in pack.reason_counts],
        },
        "title": pack.title,
        "corpus": {"version": pack.corpus_version, "letters": pack.corpus_letters},
        "generated": pack.generated.isoformat(),
        "canonical_url": pack.links.report_url,
        "pdf_url": pack.links.pdf_url,
        "links_without_notes": pack.links.without_notes,
        "search_url": pack.search_url,
    }


def understood_json(pack: Pack) -> dict:
    """Each thing read from the request: its value and whether it was inferred or given."""
    focus = pack.focus
    values = {"treatment": focus.treatment or None, "drug": focus.drug or None,
              "body_parts": list(focus.body_parts), "sessions": focus.sessions}
    return {name: {"value": value,
                   "source": "inferred" if name in focus.inferred else "given" if value else None}
            for name, value in values.items()}


def precedent_json(precedent: Precedent) -> dict:
    """One precedent as data."""
    return {
        "rank": precedent.rank,
        "item_id": precedent.item_id,
        "case_number": precedent.case_number,
        "letter_id": precedent.letter_id,
        "item_number": precedent.number,
        "decision": precedent.decision,
        "request": precedent.request,
        "treatment": precedent.treatment,
        "drug": precedent.drug,
        "body_parts": precedent.body_parts,
        "body_parts_from": precedent.body_part_source or None,
        "score": precedent.score,
        "close": precedent.close,
        "reasons": precedent.reasons,
        "url": precedent.permalink,
        "synthetic": precedent.synthetic,
    }


def outcomes_json(outcomes: Outcomes | None) -> dict | None:
    """One statistics row: what it counts and the counts."""
    if outcomes is None:
        return None
    return {"counts": outcomes.label, "items": outcomes.total, "upheld": outcomes.upheld,
            "overturned": outcomes.overturned, "overturn_rate": outcomes.overturn_rate}
