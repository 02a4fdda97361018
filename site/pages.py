"""Plain pages: the home page with the search box and corpus figures, and the syntax help."""

from __future__ import annotations

from flask import Blueprint, render_template

from imr_site import get_corpus
from imr_site.params import SearchParams
from imr_site.shaping import search_url
from indexer.vocab.drugs import brand_components

bp = Blueprint("pages", __name__)

EXAMPLE_SEARCHES = (
    ("Acupuncture overturned", SearchParams(
        q="acupuncture", filters={"decision": ("Overturned",)})),
    ("Opioids under the chronic pain guidelines", SearchParams(
        filters={"guideline": ("MTUS Chronic Pain",), "treatment": ("opioid",)})),
    ("Lumbar MRI", SearchParams(q='"lumbar spine" MRI')),
    ("Physical therapy beyond the guideline visits", SearchParams(q='"physical therapy" sessions')),
)  # fmt: skip


@bp.get("/")
def home():
    """The home page: search box, what the index holds, example searches."""
    examples = [(label, search_url(params)) for label, params in EXAMPLE_SEARCHES]
    return render_template("home.html", corpus=get_corpus(), examples=examples)


@bp.get("/about")
def about():
    """How to search: the query syntax, the drug names it knows and what the facets mean."""
    return render_template("about.html", brands=brand_components())
