"""The tantivy index on disk: opening and checking it, its corpus information, one build.

Generations, the build lock and the symlink swap are the Whoosh store's
(`indexer.engine.store.writing` runs a `TantivyWriting`). An update writes into a hard-linked
copy of the live generation: tantivy never changes a file in place (new segment and delete
files, `meta.json` and `.managed.json` replaced by rename), so the published one is untouched.
"""

from __future__ import annotations

import contextlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

import orjson
import tantivy

from indexer.engine.corpus_file import CorpusInfo, info_of, read_corpus_file, write_corpus_file
from indexer.engine.generations import iso_time
from indexer.engine.opening import open_live
from indexer.engine.schema import ITEM_KIND, LETTER_KIND
from indexer.engine.tantivy_engine.schema import (
    SCHEMA_TANTIVY,
    STORED_FIELD,
    PreparedLetter,
    prepared_documents,
    tantivy_documents,
)
from indexer.errors import IndexUnavailable
from indexer.letters.records import Letter

META_FILE = "meta.json"  # tantivy's list of committed segments, replaced atomically on commit
WRITER_HEAP_BYTES = 256_000_000  # shared by the writer's threads; each needs at least 15 MB
WRITER_THREADS = 1  # one segment per commit: documents keep the order they were written in,
# as in Whoosh, so items of the same decision date list in the same order on both engines


@dataclass(frozen=True)
class OpenIndex:
    """An open tantivy index and the generation folder it was opened from."""

    index: tantivy.Index
    folder: Path


def open_tantivy(index_dir: Path) -> OpenIndex:
    """Open the live tantivy index and check it can be read; raise IndexUnavailable if not."""
    folder, index = open_live(index_dir, lambda folder: (folder / META_FILE).is_file(),
                              _open_checked)
    return OpenIndex(index, folder)


def _open_checked(folder: Path) -> tantivy.Index:
    index = tantivy.Index.open(str(folder))
    if index.schema != SCHEMA_TANTIVY:
        raise IndexUnavailable(
            f"the index at {folder} was built by another version of this program (its tantivy "
            "schema differs): run `imr index --rebuild LETTERS`"
        )
    searcher = index.searcher()
    letters = searcher.search(kind_query(LETTER_KIND), 1).hits
    if letters:
        searcher.doc(letters[0][1])
    return index


def kind_query(kind: str) -> tantivy.Query:
    """Return the query for every document of one kind (letters or items)."""
    return tantivy.Query.term_query(SCHEMA_TANTIVY, "kind", kind)


def commit_stamp(folder: Path) -> int:
    """Return the opstamp of the folder's last commit (0 when unreadable)."""
    try:
        return int(json.loads((folder / META_FILE).read_text(encoding="utf-8"))["opstamp"])
    except (OSError, ValueError, KeyError, TypeError):
        return 0


def stored_fields(searcher: tantivy.Searcher, address: tantivy.DocAddress) -> dict:
    """Return a document's stored fields (Whoosh's stored fields of the same document)."""
    return orjson.loads(searcher.doc(address).get_first(STORED_FIELD))


def tantivy_letters(searcher: tantivy.Searcher) -> dict[str, str]:
    """Return letter_id -> sha256 of every letter in the index."""
    count = searcher.search(kind_query(LETTER_KIND), 1).count
    if not count:
        return {}
    letters = {}
    for _score, address in searcher.search(kind_query(LETTER_KIND), count).hits:
        stored = stored_fields(searcher, address)
        letters[stored["letter_id"]] = stored["sha256"]
    return letters


def tantivy_corpus_info(opened: OpenIndex) -> CorpusInfo:
    """Return the corpus information of an open index: corpus.json if current, else computed."""
    folder = opened.folder
    stamp = commit_stamp(folder)
    stored = read_corpus_file(folder)
    if stored and stored.get("generation") == stamp:
        return CorpusInfo(**stored)
    built_at = iso_time((folder / META_FILE).stat().st_mtime)
    return _compute_info(opened.index.searcher(), stamp, built_at)


def _compute_info(searcher: tantivy.Searcher, stamp: int, built_at: str) -> CorpusInfo:
    items = searcher.search(kind_query(ITEM_KIND), 1).count
    return info_of(tantivy_letters(searcher), items, stamp, built_at)


class TantivyLetterWriter:
    """The one tantivy writer of a build: replaces letters with all their documents, and keeps
    letter id -> sha256 of what it wrote. Into an index that started `empty`, a letter not
    written before is added without a delete (a delete is applied to every segment at commit:
    ~0.1 ms per letter that a fresh build need not spend)."""

    def __init__(self, writer: tantivy.IndexWriter, empty: bool = False):
        self._writer, self._empty = writer, empty
        self.items = 0
        self.written: dict[str, str] = {}

    def put(self, letter: Letter, documents: PreparedLetter | None = None) -> None:
        """Replace the letter (its letter document and item documents) in the index;
        `documents`: the letter's, from `prepared_documents`, else prepared here."""
        if not self._empty or letter.id in self.written:
            self._writer.delete_documents_by_term("letter_id", letter.id)
        for document in tantivy_documents(documents or prepared_documents(letter)):
            self._writer.add_document(document)
        self.items += len(letter.items)
        self.written[letter.id] = letter.source.sha256

    def remove(self, letter_id: str) -> None:
        """Remove a letter and its items from the index."""
        self._writer.delete_documents_by_term("letter_id", letter_id)
        self.written.pop(letter_id, None)


class TantivyWriting:
    """One tantivy build into a generation folder: its writer, commit and abandon."""

    def __init__(self, index_dir: Path, folder: Path, fresh: bool, procs: int):
        if not fresh:
            open_tantivy(index_dir)  # a damaged live index is reported, not written into
        self._folder, self._fresh = folder, fresh
        self._index = tantivy.Index(SCHEMA_TANTIVY, path=str(folder), reuse=not fresh)
        self._writer = self._index.writer(WRITER_HEAP_BYTES, num_threads=WRITER_THREADS)
        self.letters = TantivyLetterWriter(self._writer, empty=fresh)

    def commit(self) -> None:
        """Commit the letters written, merge, and record the corpus version."""
        self._writer.commit()
        self._writer.wait_merging_threads()
        self._index.reload()
        searcher, stamp = self._index.searcher(), commit_stamp(self._folder)
        if self._fresh:  # it holds exactly the letters written: no need to read them back
            items = searcher.search(kind_query(ITEM_KIND), 1).count
            info = info_of(self.letters.written, items, stamp, _now())
        else:
            info = _compute_info(searcher, stamp, _now())
        write_corpus_file(self._folder, info)

    def abandon(self) -> None:
        """Drop what was written since the last commit."""
        with contextlib.suppress(Exception):
            self._writer.rollback()


def _now() -> str:
    return iso_time(time.time())

