"""The engine choice when reading: an index is opened by the engine that wrote it."""

from __future__ import annotations

from pathlib import Path

from indexer.engine.generations import TANTIVY, engine_of


def open_corpus(index_dir: Path):
    """Open the live index at index_dir with the engine its generation names (raises
    IndexUnavailable); both corpora answer the same public methods."""
    index_dir = Path(index_dir)
    if engine_of(index_dir) == TANTIVY:
        from indexer.engine.tantivy_engine.corpus import TantivyCorpus
        from indexer.engine.tantivy_engine.store import open_tantivy

        return TantivyCorpus(index_dir, open_tantivy(index_dir))
    from indexer.engine.search import Corpus
    from indexer.engine.store import open_index

    return Corpus(index_dir, open_index(index_dir))
