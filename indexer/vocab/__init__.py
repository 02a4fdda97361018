"""The shared vocabularies: every closed set of values the letters, the index and the site use,
and the functions that classify letter text into them."""

from indexer.vocab.anatomy import BODY_PARTS, body_parts
from indexer.vocab.guidelines import GUIDELINE_SOURCES, guideline_sources
from indexer.vocab.specialties import PRACTITIONERS, specialties, states
from indexer.vocab.treatments import (
    CATCH_ALLS,
    OTHER,
    SESSION_TREATMENTS,
    TREATMENTS,
    classify_treatment,
    treatment_family,
)

__all__ = [
    "BODY_PARTS",
    "CATCH_ALLS",
    "GUIDELINE_SOURCES",
    "OTHER",
    "PRACTITIONERS",
    "SESSION_TREATMENTS",
    "TREATMENTS",
    "body_parts",
    "classify_treatment",
    "guideline_sources",
    "specialties",
    "states",
    "treatment_family",
]
