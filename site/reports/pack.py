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
from imr_site.reports.focus import Focus
from imr_site.reports.notes import render_notes
from imr_site.reports.params import ReportParams
from imr_site.reports.render import PdfRenderer
from imr_site.reports.statistics import PackStatistics, pack_statistics, same_request_filters
from imr_site.reports.summary import GuidelineCount, ReasonCount, guideline_counts, reason_counts
from indexer.engine import Corpus, SimilarItem, SimilarRequest, find_similar
from indexer.vocab.values import OVERTURNED, UPHELD

SUMMARY_EXCERPT_CHARS = 600
URL_SHOWN_CHARS = 400  # longer report URLs (long notes) are cut on the cover; the link stays whole
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# The PDF's templates need no request: a plain environment renders them the same in the site
# and in `imr report`.
PDF_TEMPLATES = Environment(loader=FileSystemLoader(TEMPLATE_FOLDER),
                            autoescape=select_autoescape(["html"]))


class UnrecognisedRequest(ValueError):
    """A request in which nothing is recognised: no treatment, drug or body part of the
    vocabulary, and no word that any past request holds (e.g. "asdfgh")."""

    def __init__(self, request: str):
        super().__init__(
            f"Nothing in “{excerpt(request, 80)}” was recognised: it names no treatment, drug or "
            "body part we know, and no past request holds any of its words, so no precedent "
            "can be chosen.")


@dataclass(frozen=True)
class Precedent:
    """One precedent as the pack shows it."""

    rank: int
    anchor: str
    item_id: str
    case_number: str
    letter_id: str
    number: int
    decision: str
    decision_date: str | None  # as shown, e.g. "Mar 3, 2016"
    request: str
    treatment: str
    drug: str | None
    body_parts: list[str]  # those its request names, else those its letter points to
    body_part_source: str  # "request", "letter" or "" (none known)
    specialties: list[str]
    guideline_sources: list[str]
    maximus_guideline: str
    ca_guideline: str
    summary_excerpt: str
    rationale_paragraphs: list[str]
    permalink: str
    synthetic: bool
    score: float
    close: bool  # False: padding, listed only to fill the pack and left out of its statistics
    reasons: list[str]


@dataclass(frozen=True)
class Pack:
    """Everything the pack templates show; built by `build_pack`."""

    params: ReportParams
    focus: Focus
    title: str
    filters: list[tuple[str, str]]
    precedents: list[Precedent]  # the close ones first, then the padding
    statistics: PackStatistics
    guideline_counts: list[GuidelineCount]  # over the close precedents
    reason_counts: list[ReasonCount]  # over the close precedents
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

    @property
    def close_precedents(self) -> list[Precedent]:
        """The precedents close to the request: what the statistics count."""
        return [precedent for precedent in self.precedents if precedent.close]

    @property
    def padding(self) -> list[Precedent]:
        """Items of other treatments (or few shared words) listed only to fill the pack."""
        return [precedent for precedent in self.precedents if not precedent.close]

    @property
    def padding_note(self) -> str:
        """E.g. "Only 17 close precedents exist; 3 further items of other treatments are listed
        for context and left out of the statistics." ("" without padding)."""
        if not self.padding:
            return ""
        close, extra = len(self.close_precedents), len(self.padding)
        kind = ("sharing fewer of the request's words" if not self.focus.treatment
                else "of other treatments")
        outcome = f" {self.params.decision}" if self.params.decision else ""
        if close == 0:
            found = f"No close{outcome} precedent exists"
        else:
            found = (f"Only {close} close{outcome} precedent{'s' if close > 1 else ''} "
                     f"exist{'s' if close == 1 else ''}")
        items = f"{extra} further item{'s' if extra > 1 else ''}"
        return (f"{found}; {items} {kind} {'are' if extra > 1 else 'is'} listed for context "
                "and left out of the statistics.")


def build_pack(corpus: Corpus, params: ReportParams, base_url: str, today: date) -> Pack:
    """Find the precedents for `params` and gather what the pack shows, its links under
    `base_url` (the site's address); raise UnrecognisedRequest when nothing in the request is
    recognised."""
    focus = Focus.of(params)
    found = find_similar(corpus, similar_request(params, focus))
    if not found and not focus.recognised:
        raise UnrecognisedRequest(params.request)
    precedents = [shape_precedent(rank, hit, base_url) for rank, hit in enumerate(found, 1)]
    close = [precedent for precedent in precedents if precedent.close]
    return Pack(
        params=params,
        focus=focus,
        title=params.title or default_title(focus, params),
        filters=cover_filters(params, focus),
        precedents=precedents,
        statistics=pack_statistics(corpus, focus, (p.decision for p in close),
                                   padded=len(close) < len(precedents)),
        guideline_counts=guideline_counts(
            (p.guideline_sources, p.maximus_guideline) for p in close),
        reason_counts=reason_counts(" ".join(p.rationale_paragraphs) for p in close),
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
        text=params.request, facts=params.facts, treatment=focus.treatment, drug=focus.drug,
        body_parts=focus.body_parts, guideline=params.guideline, sessions=focus.sessions,
        age=params.age, sex=params.sex, decisions=(params.decision,) if params.decision else (),
        n=params.n,
    )


def shape_precedent(rank: int, found: SimilarItem, base_url: str) -> Precedent:
    """One ranked item as the pack shows it."""
    letter, item = found.letter, found.item
    return Precedent(
        rank=rank,
        anchor=f"precedent-{rank}",
        item_id=found.item_id,
        case_number=letter.case_number or "Case number not stated",
        letter_id=letter.id,
        number=item.number,
        decision=item.decision,
        decision_date=format_date(letter.decision_date) or None,
        request=item.request,
        treatment=item.treatment,
        drug=item.drug,
        body_parts=found.body_parts,
        body_part_source=found.body_part_source,
        specialties=letter.reviewer.specialties,
        guideline_sources=item.guideline_sources,
        maximus_guideline=item.guidelines.maximus,
        ca_guideline=item.guidelines.claims_administrator,
        summary_excerpt=excerpt(letter.summary, SUMMARY_EXCERPT_CHARS),
        rationale_paragraphs=paragraphs(item.rationale),
        permalink=item_url(base_url, letter.id, item.number),
        synthetic=letter.synthetic,
        score=found.score,
        close=found.close,
        reasons=found.reasons,
    )


def search_filters(params: ReportParams, focus: Focus) -> dict[str, tuple[str, ...]]:
    """The search facets that select the same kind of items as the report: those its
    statistics count as the same request (or its category)."""
    chosen = same_request_filters(focus) or (
        {"treatment": (focus.treatment,)} if focus.treatment else
        {"body_part": focus.body_parts} if focus.body_parts else {})
    return {"decision": (params.decision,), **chosen} if params.decision else chosen


def default_title(focus: Focus, params: ReportParams) -> str:
    """"Precedents: physical therapy, cervical spine" or the request's start."""
    return f"Precedents: {focus.subject or excerpt(params.request, 80)}"


def cover_filters(params: ReportParams, focus: Focus) -> list[tuple[str, str]]:
    """The selections the cover lists, (label, value), noting what was read from the request."""
    def shown(name: str, value) -> str:
        """The value as the cover writes it, noted when it was read from the request."""
        return f"{value} (read from the request)" if name in focus.inferred else str(value)

    outcomes = {OVERTURNED: "Overturned only", UPHELD: "Upheld only"}
    rows = [
        ("Treatment", shown("treatment", focus.treatment) if focus.treatment else ""),
        ("Drug", shown("drug", focus.drug) if focus.drug else ""),
        ("Body part", shown("body_parts", ", ".join(focus.body_parts)) if focus.body_parts
         else ""),
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
    part = next(iter(focus.body_parts), "")
    words = [focus.treatment, part.removesuffix(" spine")]
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
