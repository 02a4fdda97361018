"""Deterministic synthetic IMR letters with their ground truth: demo, fixtures, benchmarks."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from indexer.letters.records import Guidelines, Item, Letter, Patient, Reviewer, Source
from indexer.synth.cite import citations, current_text, older_text, sources
from indexer.synth.compose import compose_items, rationale
from indexer.synth.layout import Block, Style, render_pdf, render_text
from indexer.synth.letter import documents, letter_blocks
from indexer.synth.reviewer import Credentials, reviewer_credentials
from indexer.synth.summary import case_facts, summary_text, written_date

YEARS = list(range(2013, 2026))
YEAR_WEIGHTS = [6, 8, 8, 10, 10, 9, 9, 8, 8, 7, 7, 7, 6]
OVERTURN_RATE = 0.14


@dataclass
class Draft:
    """A synthetic letter before rendering: its ground truth and its blocks."""

    letter: Letter
    blocks: list[Block]
    style: Style


def _dates(rng: random.Random) -> dict[str, date]:
    decision = date(rng.choices(YEARS, YEAR_WEIGHTS)[0], 1, 1) + timedelta(rng.randrange(365))
    assigned = decision - timedelta(rng.randint(14, 45))
    received = assigned - timedelta(rng.randint(1, 12))
    ur = received - timedelta(rng.randint(3, 25))
    visit = ur - timedelta(rng.randint(5, 40))
    injury = visit - timedelta(rng.randint(60, 15 * 365))
    return {
        "decision": decision,
        "assigned": assigned,
        "received": received,
        "ur": ur,
        "visit": visit,
        "injury": injury,
    }


def _layout(rng: random.Random, year: int) -> str:
    if year == 2013:
        return "2013" if rng.random() < 0.8 else "2014"
    if year == 2014 or (year == 2015 and rng.random() < 0.25):
        return "2014"
    return "current"


def _mmddyyyy(day: date) -> str:
    return day.strftime("%m/%d/%Y")


def _items(rng: random.Random, year: int, layout: str, visit: str) -> list[Item]:
    """The disputed items with decisions, guidelines and rationales."""
    items = []
    for number, (recipe, partial) in enumerate(compose_items(rng, layout == "current"), start=1):
        decision = "Overturned" if rng.random() < OVERTURN_RATE else "Upheld"
        administrator = citations(rng, recipe, year, "administrator")
        reviewer = citations(rng, recipe, year, "reviewer")
        write = current_text if layout == "current" else None
        guidelines = Guidelines(
            claims_administrator=(
                write(administrator, "Claims Administrator", rng)
                if write
                else older_text(administrator, "Claims Administrator")
            ),
            maximus=(
                write(reviewer, "Expert Reviewer", rng)
                if write
                else older_text(reviewer, "Physician Reviewer")
            ),
        )
        request, original, authorized = partial or (recipe.request, None, None)
        items.append(
            Item(
                number=number,
                request=request,
                decision=decision,
                treatment=recipe.treatment,
                drug=recipe.drug,
                body_parts=list(recipe.body_parts),
                sessions=recipe.sessions,
                guidelines=guidelines,
                guideline_sources=sources(reviewer),
                ca_guideline_sources=sources(administrator),
                rationale=rationale(rng, recipe, request, decision, visit, layout == "2013"),
                original_request=original,
                authorized=authorized,
            )
        )
    return items


def _draft(number: int, seed: int) -> Draft:
    rng = random.Random(f"imr-synth:{seed}:{number}")
    days = _dates(rng)
    layout = _layout(rng, days["decision"].year)
    with_header = rng.random() < 0.8
    items = _items(rng, days["decision"].year, layout, days["visit"].strftime("%m/%d/%Y"))
    letter, credentials = _letter(rng, number, days, layout, items)
    _set_dates(letter, days, with_header)
    blocks = letter_blocks(rng, letter, credentials, days, with_header)
    return Draft(letter, blocks, _style(rng, with_header))


def _letter(
    rng: random.Random, number: int, days: dict[str, date], layout: str, items: list[Item]
) -> tuple[Letter, Credentials]:
    """The letter's ground truth (without its header dates) and its reviewer's credentials."""
    sex = rng.choices(["male", "female", None], [48, 49, 3])[0]
    parts = list(dict.fromkeys(part for item in items for part in item.body_parts))
    written = {key: written_date(rng, days[key].isoformat()) for key in ("injury", "ur", "visit")}
    facts = case_facts(rng, sex, parts, written)
    summary = summary_text(rng, facts, [item.original_request or item.request for item in items])
    case_number = f"SY{days['received'].year % 100:02d}-{number % 10_000_000:07d}"
    credentials = reviewer_credentials(rng, layout)
    letter = Letter(
        id=case_number,
        summary=summary,
        items=items,
        source=Source("", "txt", ""),
        case_number=case_number,
        reviewer=Reviewer(list(credentials.specialties), list(credentials.licensure)),
        patient=Patient(facts.age, sex),
        diagnoses=facts.diagnoses,
        layout=layout,
        synthetic=True,
        documents_reviewed=documents(rng, days) if layout != "current" else [],
    )
    return letter, credentials


def _set_dates(letter: Letter, days: dict[str, date], with_header: bool) -> None:
    """Record the dates the parser can read: the header's, or else those the summary states."""
    letter.injury_date = days["injury"].isoformat()
    letter.ur_denial_date = days["ur"].isoformat()
    if with_header:
        letter.decision_date = days["decision"].isoformat()
        letter.assigned_date = days["assigned"].isoformat()
        letter.received_date = days["received"].isoformat()


def _style(rng: random.Random, with_header: bool) -> Style:
    return Style(
        width=rng.randint(86, 96),
        double=not with_header and rng.random() < 0.6,
        indent_headings=rng.random() < 0.3,
    )


def synthetic_letter(number: int, seed: int) -> tuple[str, Letter]:
    """Return the text of synthetic letter `number` for `seed` and its ground-truth Letter."""
    draft = _draft(number, seed)
    return render_text(draft.blocks, draft.style), draft.letter


def write_letters(
    count: int,
    outdir: Path,
    seed: int = 1,
    fmt: str = "txt",
    progress: Callable[[int, int], None] | None = None,
    first: int = 1,
) -> list[Path]:
    """Write synthetic letters `first` to `count` to `outdir` as <letter id>.<fmt>; return
    their paths. A letter depends only on its number and the seed: ranges can be written apart."""
    if fmt not in ("txt", "pdf"):
        raise ValueError(f"unknown format {fmt!r}: use txt or pdf")
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(first, count + 1):
        draft = _draft(number, seed)
        path = outdir / f"{draft.letter.id}.{fmt}"
        if fmt == "txt":
            path.write_text(render_text(draft.blocks, draft.style), encoding="utf-8")
        else:
            path.write_bytes(render_pdf(draft.blocks, draft.letter.id))
        paths.append(path)
        if progress:
            progress(number, count)
    return paths
