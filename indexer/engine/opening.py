"""Opening an index's live generation, for either engine: the checks and the messages that say
why an index cannot be read (being built, empty, missing, corrupt, another schema version)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from indexer.engine.corpus_file import read_corpus_file
from indexer.engine.generations import live_directory, lock_holder, lock_path
from indexer.engine.schema import SCHEMA_VERSION
from indexer.errors import IndexUnavailable

Opened = TypeVar("Opened")


def open_live(index_dir: Path, is_built: Callable[[Path], bool],
              open_folder: Callable[[Path], Opened]) -> tuple[Path, Opened]:
    """(generation folder, what `open_folder` returns for it) of the live generation; raise
    IndexUnavailable saying why not. `is_built(folder)`: a commit ever completed there;
    `open_folder` opens and reads enough to fail on a damaged index."""
    folder = live_directory(Path(index_dir))
    if not is_built(folder):
        holder = lock_holder(lock_path(Path(index_dir)))
        if holder:
            raise IndexUnavailable(f"the index at {index_dir} is being built ({holder})")
        if folder.is_dir():
            raise IndexUnavailable(f"the index folder {folder} is empty: run `imr index LETTERS`")
        raise IndexUnavailable(f"no index at {index_dir}: build one with `imr index LETTERS`")
    try:
        opened = open_folder(folder)
    except IndexUnavailable:
        raise
    except Exception as error:  # any failure to read means the same thing to a user
        raise IndexUnavailable(
            f"the index at {folder} is corrupt ({type(error).__name__}: {error}); "
            "rebuild it with `imr index --rebuild LETTERS`"
        ) from error
    _check_schema_version(folder)
    return folder, opened


def _check_schema_version(folder: Path) -> None:
    stored = read_corpus_file(folder)
    if stored and stored.get("schema_version", SCHEMA_VERSION) != SCHEMA_VERSION:
        raise IndexUnavailable(
            f"the index at {folder} has schema version {stored['schema_version']}, this "
            f"program reads version {SCHEMA_VERSION}: run `imr index --rebuild LETTERS`"
        )
