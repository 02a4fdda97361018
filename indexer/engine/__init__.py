"""The search engine: the only code that knows Whoosh. Its public API is what this module
exports; the rest of the project (build, site, bench) imports from here, not from the modules
below, so a second engine can stand behind the same names."""

from indexer.engine.generations import build_lock
from indexer.engine.results import FacetCount, Highlighted, Hit, SearchResult, Stats
from indexer.engine.search import Corpus
from indexer.engine.search_query import (
    MAX_DEPTH,
    NEWEST,
    OLDEST,
    RELEVANCE,
    SORT_LABELS,
    SORTS,
    SearchQuery,
)
from indexer.engine.similar import MAX_PRECEDENTS, SimilarItem, SimilarRequest, find_similar
from indexer.engine.store import corpus_version, writing
from indexer.vocab.facets import FACET_NAMES, FACETS, FACETS_BY_NAME

__all__ = [
    "FACETS",
    "FACETS_BY_NAME",
    "FACET_NAMES",
    "MAX_DEPTH",
    "MAX_PRECEDENTS",
    "NEWEST",
    "OLDEST",
    "RELEVANCE",
    "SORTS",
    "SORT_LABELS",
    "Corpus",
    "FacetCount",
    "Highlighted",
    "Hit",
    "SearchQuery",
    "SearchResult",
    "SimilarItem",
    "SimilarRequest",
    "Stats",
    "build_lock",
    "corpus_version",
    "find_similar",
    "writing",
]
