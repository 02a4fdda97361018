"""A precedent pack's content: the ranked precedents with their letters, statistics and notes,
built from (corpus, params, base URL, date) alone and rendered without a Flask request."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from imr_site import TEMPLATE_FOLDER
from imr_site.links import ReportLinks, format_date, item_url, report_links, search_url
from imr_site.params import SearchParams
from imr_site.reports.notes import render_notes
from imr_site.reports.params import ReportParams
from imr_site.reports.render import PdfRenderer
from imr_site.reports.summary import GuidelineCount, ReasonCount, guideline_counts, reason_counts
from indexer import vocab
from indexer.engine import Corpus, SearchQuery, SimilarItem, SimilarRequest, find_similar
from indexer.vocab.sessions import requested_sessions
from indexer.vocab.values import OVERTURNED, UPHELD

SUMMARY_EXCERPT_CHARS = 600
URL_SHOWN_CHARS = 400  # longer report URLs (long notes) are cut on the cover; the link stays whole
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# The PDF's templates need no request: a plain environment renders them the same in the site
# and in `imr report`.
PDF_TEMPLATES = Environment(loader=FileSystemLoader(TEMPLATE_FOLDER),
                            autoescape=select_autoescape(["html"]))


@dataclass(frozen=True)
class Focus:
    """The treatment, body part and sessions of a report: as given, else read from the request."""

    treatment: str
    body_part: str
    sessions: int | None
    inferred: frozenset[str]  # which of the three were read from the request text

    @classmethod
    def of(cls, params: ReportParams) -> Focus:
        """The focus of a report's params."""
        treatment = params.treatment or vocab.classify_treatment(params.request)[0]
        treatment = "" if treatment == vocab.OTHER else treatment
        body_part = params.body_part or next(iter(vocab.body_parts(params.request)), "")
        sessions = params.sessions or requested_sessions(params.request, treatment)
        given = {"treatment": params.treatment, "body_part": params.body_part,
                 "sessions": params.sessions}
        found = {"treatment": treatment, "body_part": body_part, "sessions": sessions}
        return cls(treatment, body_part, sessions,
                   frozenset(name for name in given if found[name] and not given[name]))


@dataclass(frozen=True)
class Outcomes:
    """Upheld / Overturned counts of a group of items."""

    upheld: int
    overturned: int

    @property
    def total(self) -> int:
        """Items in the group."""
        return self.upheld + self.overturned

    @property
    def overturn_rate(self) -> float | None:
        """Share overturned, None for an empty group."""
        return self.overturned / self.total if self.total else None


@dataclass(frozen=True)
class Precedent:
    """One precedent as the pack shows it."""

    rank: int
    anchor: str
    case_number: str
    letter_id: str
    number: int
    decision: str
    decision_date: str | None  # as shown, e.g. "Mar 3, 2016"
    request: str
    treatment: str
    drug: str | None
    body_parts: list[str]
    specialties: list[str]
    guideline_sources: list[str]
    maximus_guideline: str
    ca_guideline: str
    summary_excerpt: str
    rationale_paragraphs: list[str]
    permalink: str
    synthetic: bool
    reasons: list[str]


@dataclass(frozen=True)
class Pack:
    """Everything the pack templates show; built by `build_pack`."""

    params: ReportParams
    focus: Focus
    title: str
    filters: list[tuple[str, str]]
    precedents: list[Precedent]
    among_precedents: Outcomes
    among_category: Outcomes | None
    guideline_counts: list[GuidelineCount]
    reason_counts: list[ReasonCount]
    notes_html: Markup
    generated: date
    corpus_version: str
    corpus_letters: int
    links: ReportLinks
    search_url: str

    @property
    def report_url_shown(self) -> str:
        """The report URL as printed: cut after URL_SHOWN_CHARS characters."""
        url = self.links.report_url or ""
        if len(url) <= URL_SHOWN_CHARS:
            return url
        return f"{url[:URL_SHOWN_CHARS]}… ({len(url):,} characters)"

    @property
    def synthetic_count(self) -> int:
        """How many precedents come from synthetic letters."""
        return sum(precedent.synthetic for precedent in self.precedents)


def build_pack(corpus: Corpus, params: ReportParams, base_url: str, today: date) -> Pack:
    """Find the precedents for `params` and gather what the pack shows, its links under
    `base_url` (the site's address)."""
    focus = Focus.of(params)
    found = find_similar(corpus, similar_request(params, focus))
    precedents = [shape_precedent(rank, hit, base_url) for rank, hit in enumerate(found, 1)]
    return Pack(
        params=params,
        focus=focus,
        title=params.title or default_title(focus, params),
        filters=cover_filters(params, focus),
        precedents=precedents,
        among_precedents=outcomes_of(precedents),
        among_category=category_outcomes(corpus, focus.treatment),
        guideline_counts=guideline_counts(
            (p.guideline_sources, p.maximus_guideline) for p in precedents),
        reason_counts=reason_counts(" ".join(p.rationale_paragraphs) for p in precedents),
        notes_html=render_notes(params.notes),
        generated=today,
        corpus_version=corpus.version,
        corpus_letters=corpus.letters,
        links=report_links(base_url, params),
        search_url=search_url(base_url, SearchParams(filters=search_filters(params, focus))),
    )


def pack_html(pack: Pack) -> str:
    """The pack as the HTML document the PDF is rendered from."""
    return PDF_TEMPLATES.get_template("pack.html").render(pack=pack)


def pack_pdf(pack: Pack, renderer: PdfRenderer) -> bytes:
    """The pack as PDF bytes (raises RenderBusy when the renderer has no free slot)."""
    return renderer.render(pack_html(pack), pack.params.paper)


def similar_request(params: ReportParams, focus: Focus) -> SimilarRequest:
    """The ranking request for a report."""
    return SimilarRequest(
        text=params.request, facts=params.facts, treatment=focus.treatment,
        body_part=focus.body_part, guideline=params.guideline, sessions=focus.sessions,
        age=params.age, sex=params.sex, decisions=(params.decision,) if params.decision else (),
        n=params.n,
    )


def shape_precedent(rank: int, found: SimilarItem, base_url: str) -> Precedent:
    """One ranked item as the pack shows it."""
    letter, item = found.letter, found.item
    return Precedent(
        rank=rank,
        anchor=f"precedent-{rank}",
        case_number=letter.case_number or "Case number not stated",
        letter_id=letter.id,
        number=item.number,
        decision=item.decision,
        decision_date=format_date(letter.decision_date) or None,
        request=item.request,
        treatment=item.treatment,
        drug=item.drug,
        body_parts=item.body_parts,
        specialties=letter.reviewer.specialties,
        guideline_sources=item.guideline_sources,
        maximus_guideline=item.guidelines.maximus,
        ca_guideline=item.guidelines.claims_administrator,
        summary_excerpt=excerpt(letter.summary, SUMMARY_EXCERPT_CHARS),
        rationale_paragraphs=paragraphs(item.rationale),
        permalink=item_url(base_url, letter.id, item.number),
        synthetic=letter.synthetic,
        reasons=found.reasons,
    )


def category_outcomes(corpus, treatment: str) -> Outcomes | None:
    """Upheld / Overturned among every item of the treatment category (None without one)."""
    if not treatment:
        return None
    stats = corpus.search(SearchQuery(filters={"treatment": (treatment,)}, per_page=0)).stats
    return Outcomes(upheld=stats.upheld, overturned=stats.overturned)


def outcomes_of(precedents: list[Precedent]) -> Outcomes:
    """Upheld / Overturned counts among the precedents."""
    overturned = sum(precedent.decision == OVERTURNED for precedent in precedents)
    return Outcomes(upheld=len(precedents) - overturned, overturned=overturned)


def search_filters(params: ReportParams, focus: Focus) -> dict[str, tuple[str, ...]]:
    """The search facets that select the same kind of items as the report."""
    chosen = {"decision": params.decision, "treatment": focus.treatment,
              "body_part": focus.body_part}
    return {name: (value,) for name, value in chosen.items() if value}


def default_title(focus: Focus, params: ReportParams) -> str:
    """"Precedents: physical therapy, cervical spine" or the request's start."""
    subject = ", ".join(part for part in (focus.treatment, focus.body_part) if part)
    return f"Precedents: {subject or excerpt(params.request, 80)}"


def cover_filters(params: ReportParams, focus: Focus) -> list[tuple[str, str]]:
    """The selections the cover lists, (label, value), noting what was read from the request."""
    def shown(name: str, value) -> str:
        """The value as the cover writes it, noted when it was read from the request."""
        return f"{value} (read from the request)" if name in focus.inferred else str(value)

    outcomes = {OVERTURNED: "Overturned only", UPHELD: "Upheld only"}
    rows = [
        ("Treatment", shown("treatment", focus.treatment) if focus.treatment else ""),
        ("Body part", shown("body_part", focus.body_part) if focus.body_part else ""),
        ("Guideline cited in UR", params.guideline),
        ("Sessions", shown("sessions", focus.sessions) if focus.sessions else ""),
        ("Patient", ", ".join(filter(None, (f"age {params.age}" if params.age else "",
                                            params.sex)))),
        ("Outcomes", outcomes.get(params.decision, "Upheld and Overturned")),
        ("Precedents requested", str(params.n)),
        ("Paper", "US Letter" if params.paper == "letter" else "A4"),
    ]
    return [(label, value) for label, value in rows if value]


def pack_filename(params: ReportParams, today: date) -> str:
    """E.g. precedents-physical-therapy-cervical-2026-11-22.pdf."""
    focus = Focus.of(params)
    words = [focus.treatment, focus.body_part.removesuffix(" spine")]
    slug = "-".join(filter(None, (re.sub(r"[^a-z0-9]+", "-", w.lower()).strip("-") for w in words)))
    return f"precedents-{slug + '-' if slug else ''}{today.isoformat()}.pdf"


def excerpt(text: str, limit: int) -> str:
    """The start of `text`, at most `limit` characters, cut after a sentence or word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    sentence_end = cut.rfind(". ")
    if sentence_end > limit // 2:
        return cut[: sentence_end + 1]
    return cut.rsplit(" ", 1)[0] + " …"


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a letter text, each on one line."""
    return [" ".join(part.split()) for part in PARAGRAPH_BREAK.split(text) if part.strip()]
