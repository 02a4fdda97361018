"""The index on disk: opening it, one writer per build, the corpus version.

`index_dir` is a symlink to the live generation directory beside it (`<name>.gen-<stamp>`,
see indexer.engine.generations). An incremental build commits into the live generation (a
Whoosh commit is atomic: the new table of contents is renamed into place last); a first build
or a rebuild writes a new generation and swaps the symlink. Either way a killed run leaves the
previous index as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from indexer.engine.documents import letter_documents
from indexer.engine.generations import (
    iso_time,
    live_directory,
    lock_holder,
    lock_path,
    new_generation,
    publish,
    remove_old_generations,
)
from indexer.engine.schema import ITEM_KIND, LETTER_KIND, SCHEMA, SCHEMA_VERSION
from indexer.errors import IndexUnavailable, IndexWriteError
from indexer.letters.records import Letter

CORPUS_FILE = "corpus.json"
WRITER_LIMIT_MB = 1024  # posting pool before it spills sorted runs to disk: a spill and its
# merge doubled the CPU of a 10k-letter build (61 s vs 33 s); peak RSS ~1.1 GB instead of 0.5 GB


@dataclass(frozen=True)
class CorpusInfo:
    """What an index holds: its corpus version, counts, and when it was written."""

    version: str
    letters: int
    items: int
    built_at: str
    generation: int  # the Whoosh commit generation this information describes
    schema_version: str = SCHEMA_VERSION


def open_index(index_dir: Path) -> whoosh_index.Index:
    """Open the live index and check it can be read; raise IndexUnavailable saying why not."""
    folder = live_directory(Path(index_dir))
    if not _has_table_of_contents(folder):
        holder = lock_holder(lock_path(Path(index_dir)))
        if holder:
            raise IndexUnavailable(f"the index at {index_dir} is being built ({holder})")
        if folder.is_dir():
            raise IndexUnavailable(f"the index folder {folder} is empty: run `imr index LETTERS`")
        raise IndexUnavailable(f"no index at {index_dir}: build one with `imr index LETTERS`")
    try:
        # Without mmap: whoosh3 wraps each mapped segment file in a BytesIO, which copies the
        # postings into every reader (~50 MB per reader at 10k letters, ~10x that at 100k).
        # Plain file reads are not thread-safe; every reader of a Corpus holds its lock.
        ix = FileStorage(str(folder), supports_mmap=False).open_index()
        with ix.reader() as reader:
            _check_readable(reader)
    except Exception as error:  # any failure to read means the same thing to a user
        raise IndexUnavailable(
            f"the index at {folder} is corrupt ({type(error).__name__}: {error}); "
            "rebuild it with `imr index --rebuild LETTERS`"
        ) from error
    _check_schema_version(folder)
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


def _check_schema_version(folder: Path) -> None:
    stored = _read_corpus_file(folder)
    if stored and stored.get("schema_version", SCHEMA_VERSION) != SCHEMA_VERSION:
        raise IndexUnavailable(
            f"the index at {folder} has schema version {stored['schema_version']}, this "
            f"program reads version {SCHEMA_VERSION}: run `imr index --rebuild LETTERS`"
        )


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
    stored = _read_corpus_file(folder)
    if stored and stored.get("generation") == generation:
        return CorpusInfo(**stored)
    with ix.reader() as reader:
        return _compute_info(reader, generation, built_at=_modified_at(ix))


def corpus_version(index_dir: Path) -> str:
    """Return the corpus version of the live index (raises IndexUnavailable)."""
    return corpus_info(open_index(index_dir)).version


def _compute_info(reader, generation: int, built_at: str) -> CorpusInfo:
    letters = indexed_letters(reader)
    digest = hashlib.sha256(f"schema {SCHEMA_VERSION}\n".encode())
    for letter_id, sha256 in sorted(letters.items()):
        digest.update(f"{letter_id} {sha256}\n".encode())
    items = sum(1 for _docnum in _live_docnums(reader, ITEM_KIND))
    return CorpusInfo(digest.hexdigest()[:12], len(letters), items, built_at, generation)


def _modified_at(ix: whoosh_index.Index) -> str:
    return iso_time(ix.last_modified())


def _read_corpus_file(folder: Path) -> dict | None:
    try:
        return json.loads((folder / CORPUS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_corpus_file(ix: whoosh_index.Index) -> CorpusInfo:
    folder = Path(ix.storage.folder)
    with ix.reader() as reader:
        info = _compute_info(reader, ix.latest_generation(), iso_time(time.time()))
    _write_atomically(folder / CORPUS_FILE, json.dumps(asdict(info), indent=1))
    return info


def _write_atomically(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


# --- writing ----------------------------------------------------------------------------


class LetterWriter:
    """The one Whoosh writer of a build: replaces letters as whole groups."""

    def __init__(self, writer):
        self._writer = writer
        self.items = 0

    def put(self, letter: Letter) -> None:
        """Replace the letter (its parent document and item documents) in the index."""
        documents = letter_documents(letter)
        self._writer.delete_by_term("letter_id", letter.id)
        with self._writer.group():
            for document in documents:
                self._writer.add_document(**document)
        self.items += len(documents) - 1

    def remove(self, letter_id: str) -> None:
        """Remove a letter and its items from the index."""
        self._writer.delete_by_term("letter_id", letter_id)


@contextmanager
def writing(index_dir: Path, *, fresh: bool, procs: int = 1) -> Iterator[LetterWriter]:
    """Write letters in one writer; commit, record the corpus version and publish on success.

    With `fresh` (or when there is no index yet) the letters go into a new generation that
    replaces the live one by an atomic symlink swap. Any failure, or a kill, leaves the
    previous index untouched; write errors surface as IndexWriteError.
    """
    index_dir = Path(index_dir)
    fresh = fresh or not _has_index(index_dir)
    try:
        folder = new_generation(index_dir) if fresh else live_directory(index_dir)
        _remove_stray_temp(folder)
        ix = whoosh_index.create_in(str(folder), SCHEMA) if fresh else open_index(index_dir)
        writer = ix.writer(limitmb=WRITER_LIMIT_MB, procs=procs, multisegment=procs > 1)
    except OSError as error:
        raise IndexWriteError(_write_failure(index_dir, error)) from error
    try:
        yield LetterWriter(writer)
        writer.commit()
        _write_corpus_file(ix)
        if fresh:
            publish(index_dir, folder)
    except BaseException as error:
        _abandon(writer, folder if fresh else None)
        if isinstance(error, OSError):
            raise IndexWriteError(_write_failure(index_dir, error)) from error
        raise
    remove_old_generations(index_dir)


def _write_failure(index_dir: Path, error: OSError) -> str:
    reason = error.strerror or str(error)
    where = f" ({error.filename})" if error.filename else ""
    return (
        f"could not write the index at {index_dir}: {reason}{where}; "
        "the previous index is untouched"
    )


def _abandon(writer, new_folder: Path | None) -> None:
    with contextlib.suppress(Exception):  # a failed commit may have closed the writer already
        writer.cancel()
    if new_folder is not None:
        shutil.rmtree(new_folder, ignore_errors=True)


def _has_index(index_dir: Path) -> bool:
    return _has_table_of_contents(live_directory(index_dir))


def _remove_stray_temp(folder: Path) -> None:
    """Remove the posting pool's temporary folders a killed writer left (we hold the lock)."""
    for stray in folder.glob("*.tmp"):
        shutil.rmtree(stray, ignore_errors=True)
