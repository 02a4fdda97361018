"""The index on disk: opening it, one writer per build, the corpus version.

`index_dir` is a symlink to the live generation directory beside it (`<name>.gen-<stamp>`,
see indexer.engine.generations). A first build or a rebuild writes a new generation; an
incremental build writes into a hard-linked copy of the live one. Either way the generation
gets its checksum list and the symlink is swapped: a published generation is never written
again, and a killed run leaves the previous index as it was.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from indexer import limits
from indexer.engine.checksums import write_checksums
from indexer.engine.corpus_file import (
    CORPUS_FILE as CORPUS_FILE,  # re-exported: the file is part of what a store writes
)
from indexer.engine.corpus_file import (
    CorpusInfo,
    info_of,
    read_corpus_file,
    write_corpus_file,
)
from indexer.engine.documents import letter_documents
from indexer.engine.generations import (
    ENGINES,
    TANTIVY,
    WHOOSH,
    engine_of,
    generation_copy,
    iso_time,
    live_directory,
    new_generation,
    publish,
    remove_old_generations,
)
from indexer.engine.opening import open_live
from indexer.engine.schema import ITEM_KIND, LETTER_KIND, SCHEMA
from indexer.errors import IndexWriteError
from indexer.letters.records import Letter

WRITER_LIMIT_MB = 1024  # posting pool before it spills sorted runs to disk: a spill and its
# merge doubled the CPU of a 10k-letter build (61 s vs 33 s); peak RSS ~1.1 GB instead of 0.5 GB


def open_index(index_dir: Path) -> whoosh_index.Index:
    """Open the live index and check it can be read; raise IndexUnavailable saying why not."""
    return open_live(index_dir, _has_table_of_contents, _open_whoosh)[1]


def _open_whoosh(folder: Path) -> whoosh_index.Index:
    # Without mmap: whoosh3 wraps each mapped segment file in a BytesIO, which copies the
    # postings into every reader (~50 MB per reader at 10k letters, ~10x that at 100k).
    # Plain file reads are not thread-safe; every reader of a Corpus holds its lock.
    ix = FileStorage(str(folder), supports_mmap=False).open_index()
    with ix.reader() as reader:
        _check_readable(reader)
    return ix


def _has_table_of_contents(folder: Path) -> bool:
    """True when a Whoosh commit ever completed in folder (its `_MAIN_<n>.toc` file)."""
    return folder.is_dir() and any(folder.glob("_MAIN_*.toc"))


def _check_readable(reader) -> None:
    """Touch every segment's stored fields and terms, so a truncated file fails here."""
    for leaf, _offset in reader.leaf_readers():
        count = leaf.doc_count_all()
        if count:
            leaf.stored_fields(count - 1)
        leaf.doc_frequency("kind", LETTER_KIND)


def _live_docnums(reader, kind: str) -> Iterator[int]:
    """Document numbers of one kind, skipping deleted documents."""
    if reader.doc_frequency("kind", kind):
        yield from reader.postings("kind", kind).all_ids()


def indexed_letters(reader) -> dict[str, str]:
    """Return letter_id -> sha256 of every letter in the index (read from columns, fast)."""
    parents = list(_live_docnums(reader, LETTER_KIND))
    if not parents:
        return {}
    ids = reader.column_reader("letter_id")
    hashes = reader.column_reader("sha256")
    return {_text(ids[docnum]): _text(hashes[docnum]) for docnum in parents}


def _text(value: str | bytes) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else value


def corpus_info(ix: whoosh_index.Index) -> CorpusInfo:
    """Return the corpus information of an open index: corpus.json if current, else computed."""
    folder = Path(ix.storage.folder)
    generation = ix.latest_generation()
    stored = read_corpus_file(folder)
    if stored and stored.get("generation") == generation:
        return CorpusInfo(**stored)
    with ix.reader() as reader:
        return _compute_info(reader, generation, built_at=_modified_at(ix))


def corpus_version(index_dir: Path) -> str:
    """Return the corpus version of the live index, whichever engine wrote it (raises
    IndexUnavailable)."""
    if engine_of(Path(index_dir)) == TANTIVY:
        from indexer.engine.tantivy_engine.store import open_tantivy, tantivy_corpus_info

        return tantivy_corpus_info(open_tantivy(Path(index_dir))).version
    return corpus_info(open_index(index_dir)).version


def live_letters(index_dir: Path) -> dict[str, str]:
    """Return letter_id -> sha256 of every letter in the live index (raises IndexUnavailable)."""
    if engine_of(Path(index_dir)) == TANTIVY:
        from indexer.engine.tantivy_engine.store import open_tantivy, tantivy_letters

        return tantivy_letters(open_tantivy(Path(index_dir)).index.searcher())
    with open_index(index_dir).reader() as reader:
        return indexed_letters(reader)


def _compute_info(reader, generation: int, built_at: str) -> CorpusInfo:
    items = sum(1 for _docnum in _live_docnums(reader, ITEM_KIND))
    return info_of(indexed_letters(reader), items, generation, built_at)


def _modified_at(ix: whoosh_index.Index) -> str:
    return iso_time(ix.last_modified())


def _write_corpus_file(ix: whoosh_index.Index) -> CorpusInfo:
    with ix.reader() as reader:
        info = _compute_info(reader, ix.latest_generation(), iso_time(time.time()))
    return write_corpus_file(Path(ix.storage.folder), info)


# --- writing ----------------------------------------------------------------------------


DocumentPreparer = Callable[[Letter], object]


def document_preparer(engine: str) -> DocumentPreparer:
    """Return the function that makes a letter's index documents ready for the engine's writer
    (`put(letter, documents)`): plain, picklable data a parse process prepares in parallel."""
    if engine == TANTIVY:
        from indexer.engine.tantivy_engine.schema import prepared_documents

        return prepared_documents
    return letter_documents


class LetterWriter:
    """The one Whoosh writer of a build: replaces letters as whole groups."""

    def __init__(self, writer):
        self._writer = writer
        self.items = 0

    def put(self, letter: Letter, documents: object = None) -> None:
        """Replace the letter (its parent document and item documents) in the index;
        `documents`: the letter's, from `document_preparer(WHOOSH)`, else made here."""
        documents = documents or letter_documents(letter)
        self._writer.delete_by_term("letter_id", letter.id)
        with self._writer.group():
            for document in documents:
                self._writer.add_document(**document)
        self.items += len(documents) - 1

    def remove(self, letter_id: str) -> None:
        """Remove a letter and its items from the index."""
        self._writer.delete_by_term("letter_id", letter_id)


class _WhooshWriting:
    """One Whoosh build into a generation folder: its writer, commit and abandon."""

    def __init__(self, index_dir: Path, folder: Path, fresh: bool, procs: int):
        _remove_stray_temp(folder)
        if not fresh:
            open_index(index_dir)  # a damaged live index is reported, not copied into a new one
        self._ix = whoosh_index.create_in(str(folder), SCHEMA) if fresh else open_index(folder)
        self._writer = self._ix.writer(
            limitmb=WRITER_LIMIT_MB, procs=procs, multisegment=procs > 1
        )
        self.letters = LetterWriter(self._writer)

    def commit(self) -> None:
        """Commit the letters written and record the corpus version."""
        self._writer.commit()
        _write_corpus_file(self._ix)

    def abandon(self) -> None:
        """Drop what was written (a failed commit may have closed the writer already)."""
        with contextlib.suppress(Exception):
            self._writer.cancel()


@contextmanager
def writing(
    index_dir: Path, *, fresh: bool, procs: int = 1, engine: str | None = None
) -> Iterator[LetterWriter]:
    """Write letters in one writer; commit, record the corpus version and publish on success.

    The letters go into a new generation (with `fresh`, or when there is no index yet, an
    empty one; else a hard-linked copy of the live one) that replaces the live one by an
    atomic symlink swap. Any failure, or a kill, leaves the previous index untouched; write
    errors surface as IndexWriteError. `engine` (default: the live index's, else Whoosh)
    writes the index; a fresh build may change it.
    """
    index_dir = Path(index_dir)
    fresh = fresh or not has_index(index_dir)
    engine = engine_to_write(index_dir, engine, fresh)
    live = None if fresh else live_directory(index_dir)
    folder = build = None
    try:
        folder = new_generation(index_dir, engine) if fresh else generation_copy(index_dir)
        build = _writing_session(engine)(index_dir, folder, fresh, procs)
        yield build.letters
        build.commit()
        write_checksums(folder, linked_from=live)
        publish(index_dir, folder)
    except BaseException as error:
        if build is not None:
            build.abandon()
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
        if isinstance(error, OSError):
            raise IndexWriteError(_write_failure(index_dir, error)) from error
        raise
    remove_old_generations(index_dir)


def _writing_session(engine: str):
    if engine == TANTIVY:
        from indexer.engine.tantivy_engine.store import TantivyWriting

        return TantivyWriting
    return _WhooshWriting


def auto_engine(index_dir: Path, letters: int, fresh: bool) -> tuple[str, str]:
    """The engine `--engine auto` writes with and a note saying why: for a new or rebuilt
    index, tantivy when `letters` exceed what Whoosh serves quickly (limits.WHOOSH_MAX_LETTERS),
    else Whoosh; an update keeps the index's own engine (and says when it no longer fits)."""
    fitting = TANTIVY if letters > limits.WHOOSH_MAX_LETTERS else WHOOSH
    size = f"{letters:,} letter files, Whoosh's limit {limits.WHOOSH_MAX_LETTERS:,}"
    if fresh:
        return fitting, f"engine {fitting} ({size})"
    live = engine_of(index_dir)
    if live == WHOOSH and fitting == TANTIVY:
        return live, f"engine {live} kept ({size}): --rebuild would build it with {fitting}"
    return live, f"engine {live} kept ({size})"


def engine_to_write(index_dir: Path, engine: str | None, fresh: bool) -> str:
    """Return the engine a build writes with (raises IndexWriteError): a fresh build uses
    `engine` (default: the live index's, else Whoosh); an update keeps the live index's."""
    live = engine_of(index_dir)
    if engine is None:
        return live if has_index(index_dir) else WHOOSH
    if engine not in ENGINES:
        raise IndexWriteError(f"unknown engine '{engine}': use one of {', '.join(ENGINES)}")
    if not fresh and engine != live:
        raise IndexWriteError(
            f"the index at {index_dir} was built by {live}, not {engine}: "
            f"add --rebuild to build it again with {engine}"
        )
    return engine


def _write_failure(index_dir: Path, error: OSError) -> str:
    reason = error.strerror or str(error)
    where = f" ({error.filename})" if error.filename else ""
    return (
        f"could not write the index at {index_dir}: {reason}{where}; "
        "the previous index is untouched"
    )


def has_index(index_dir: Path) -> bool:
    """True when a build of the live index's engine ever completed at index_dir."""
    folder = live_directory(index_dir)
    if engine_of(index_dir) == TANTIVY:
        return (folder / "meta.json").is_file()
    return _has_table_of_contents(folder)


def _remove_stray_temp(folder: Path) -> None:
    """Remove the posting pool's temporary folders a killed writer left (we hold the lock)."""
    for stray in folder.glob("*.tmp"):
        shutil.rmtree(stray, ignore_errors=True)
