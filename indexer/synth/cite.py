"""Guideline citations for synthetic letters: the text each side cites, its normalised sources."""

from __future__ import annotations

import random

from indexer.synth.items import MTUS_REGION, ODG_CHAPTERS, Recipe
from indexer.vocab.treatments import treatment_family

IMAGING_SECTIONS = [
    "Special Studies",
    "Special Studies and Diagnostic and Treatment Considerations",
]
REGION_SECTIONS = {
    "surgery": ["Surgical Considerations"],
    "consultation/referral": ["Initial Care", "Follow-up Visits"],
    "facet injection/medial branch block": ["Initial Care", "Physical Methods"],
    "trigger point injection": ["Initial Care"],
}
ELBOW_TITLE = "Elbow Disorders (Revised 2007)"
EXTREMITY_REGION = {"upper extremity": "cervical spine", "lower extremity": "lumbar spine"}
REGION_TREATMENTS = (
    "MRI",
    "CT",
    "X-ray",
    "EMG/NCS",
    "surgery",
    "consultation/referral",
    "facet injection/medial branch block",
)
OTHER_SOURCES = [
    "Medical Disability Advisor, {topic}",
    "UpToDate, {topic}",
    "FDA prescribing information",
    "Work Loss Data Institute, {topic}",
]


def _region(recipe: Recipe) -> str | None:
    for part in recipe.body_parts:
        part = EXTREMITY_REGION.get(part, part)
        if part in MTUS_REGION:
            return part
    return None


def _mtus_region(rng: random.Random, recipe: Recipe, region: str, modern: bool) -> str:
    _, title, chapter, pages = MTUS_REGION[region]
    if region == "elbow":
        title = ELBOW_TITLE
    kind = treatment_family(recipe.treatment)
    section = rng.choice(REGION_SECTIONS.get(kind, IMAGING_SECTIONS))
    if modern and rng.random() < 0.7:
        year = "" if region == "elbow" else " 2004"
        return f"MTUS {title}{year}, Section(s): {section}"
    return f"MTUS ACOEM Chapter {chapter} {title}, page(s) {pages}"


def _mtus_chronic(rng: random.Random, recipe: Recipe, year: int) -> str:
    if year >= 2016 and rng.random() < 0.6:
        return f"MTUS Chronic Pain Medical Treatment 2016, Section(s): {recipe.topic}"
    pages = recipe.chronic if recipe.chronic[:1].isdigit() else ""
    if pages:
        return f"MTUS Chronic Pain Treatment Guidelines {recipe.topic} Page(s): {pages}"
    return f"MTUS Chronic Pain Medical Treatment Guidelines, {recipe.topic}"


def _odg(rng: random.Random, recipe: Recipe) -> str:
    region = next((p for p in recipe.body_parts if p in ODG_CHAPTERS), None)
    chapter = ODG_CHAPTERS[region] if region else "Pain (Chronic)"
    if rng.random() < 0.5:
        return f"Official Disability Guidelines (ODG), {chapter}, {recipe.topic}"
    return f"ODG (Official Disability Guidelines); {chapter}"


def mtus_citation(rng: random.Random, recipe: Recipe, year: int) -> tuple[str, str] | None:
    """The MTUS part that fits the item best, as (citation text, normalised source), if any."""
    region = _region(recipe)
    if recipe.postsurgical and recipe.treatment == "physical therapy":
        part = (region or "shoulder").title()
        return f"MTUS Postsurgical Treatment 2009, Section(s): {part}", "MTUS Postsurgical"
    if recipe.treatment == "acupuncture":
        text = rng.choice(
            ["MTUS Acupuncture Treatment 2007", "MTUS Acupuncture Medical Treatment Guidelines"]
        )
        return text, "MTUS Acupuncture"
    if recipe.treatment == "psychotherapy" and rng.random() < 0.3:
        return (
            "MTUS Stress Related Conditions 2004, Section(s): Initial Approaches to Treatment",
            "MTUS ACOEM Stress Related Conditions",
        )
    if region and (treatment_family(recipe.treatment) in REGION_TREATMENTS or not recipe.chronic):
        return _mtus_region(rng, recipe, region, year >= 2015), MTUS_REGION[region][0]
    if recipe.chronic:
        return _mtus_chronic(rng, recipe, year), "MTUS Chronic Pain"
    if recipe.treatment in (
        "office visit",
        "consultation/referral",
        "exercise/rehabilitation equipment",
        "weight loss program",
        "inpatient stay",
        "functional capacity evaluation",
    ):
        return (
            "MTUS General Approaches 2004, Section(s): Initial Approaches to Treatment",
            "MTUS ACOEM General",
        )
    return None


def non_mtus_citation(rng: random.Random, recipe: Recipe) -> tuple[str, str]:
    """A citation outside the MTUS: mostly ODG, sometimes ACOEM or another reference."""
    roll = rng.random()
    if (
        recipe.treatment in ("consultation/referral", "functional capacity evaluation")
        and roll < 0.4
    ):
        page = rng.choice(["127", "137-138", "127, 156"])
        return (
            f"ACOEM Practice Guidelines, 2nd Edition (2004), Chapter 7, Independent Medical "
            f"Examinations and Consultations, page {page}",
            "ACOEM (non-MTUS)",
        )
    if roll < 0.88:
        return _odg(rng, recipe), "ODG"
    return rng.choice(OTHER_SOURCES).format(topic=recipe.topic), "Other (non-MTUS)"


def citations(rng: random.Random, recipe: Recipe, year: int, mode: str) -> list[tuple[str, str]]:
    """Pick what one side cites: mode "reviewer" (MAXIMUS) or "administrator"."""
    if mode == "administrator" and rng.random() < 0.15:
        return []
    if mode == "reviewer" and rng.random() < 0.02:
        return []
    mtus = mtus_citation(rng, recipe, year)
    chosen = [mtus] if mtus and rng.random() < 0.85 else []
    if not chosen or rng.random() < 0.3:
        chosen.append(non_mtus_citation(rng, recipe))
    return chosen


def current_text(cited: list[tuple[str, str]], who: str, rng: random.Random) -> str:
    """Write citations the way letters since 2015 do ("Decision based on ...")."""
    if not cited:
        return f"The {who} did not cite any medical evidence for its decision."
    sentences = []
    if all(not source.startswith("MTUS") for _, source in cited):
        sentences.append(
            rng.choice(
                [
                    f"The {who} based their decision on recommendation(s) outside of the MTUS "
                    "Guidelines.",
                    f"The {who} did not base their decision on the MTUS.",
                ]
            )
        )
    for text, source in cited:
        prefix = "" if source.startswith("MTUS") else "Non-MTUS Citation "
        sentences.append(f"Decision based on {prefix}{text}.")
    return " ".join(sentences)


def older_text(cited: list[tuple[str, str]], who: str) -> str:
    """Write citations the way 2013-2014 letters do ("based its decision on the ...")."""
    if not cited:
        return f"The {who} did not cite any medical evidence for its decision."
    verb = "based its decision on" if who == "Claims Administrator" else "based his/her decision on"
    sentences = []
    for index, (text, source) in enumerate(cited):
        part = "part" if source.startswith("MTUS") else "not part"
        lead = f"The {who} {verb}" if index == 0 else f"The {who} also cited"
        sentences.append(f"{lead} the {text}, which is {part} of the MTUS.")
    return " ".join(sentences)


def sources(cited: list[tuple[str, str]]) -> list[str]:
    """The normalised sources, in order of citation, without repeats; "None cited" when empty."""
    found = list(dict.fromkeys(source for _, source in cited))
    return found or ["None cited"]
