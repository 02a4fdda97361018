"""Letter files for a build: finding them, and reading each one once into bytes and a hash."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from indexer.errors import LetterError
from indexer.letters.extract import read_letter_file
from indexer.letters.records import Letter

LETTER_SUFFIXES = (".txt", ".pdf")


@dataclass(frozen=True)
class FileResult:
    """What a build learnt from one letter file: its sha256 and its letter, or why none.

    Neither a letter nor a reason: the file was not parsed, its content is already indexed.
    """

    path: str
    sha256: str = ""  # "" when the file could not be read
    letter: Letter | None = None
    reason: str | None = None  # why the file gave no letter


@dataclass(frozen=True)
class ParseTask:
    """A letter file's bytes, read and hashed once, waiting for a parse worker."""

    path: str
    data: bytes
    sha256: str


def letter_files(paths: Iterable[Path]) -> tuple[list[str], list[tuple[str, str]]]:
    """Return the .txt/.pdf files named or found (recursively) under paths, sorted, once each,
    and the named paths that are not letter files (path, reason)."""
    found: dict[str, str] = {}  # resolved path -> path as the user will see it
    skipped = []
    for path in map(Path, paths):
        if path.is_dir():
            candidates = [p for p in path.rglob("*") if p.suffix.lower() in LETTER_SUFFIXES]
        elif path.is_file():
            candidates = [path]
            if path.suffix.lower() not in LETTER_SUFFIXES:
                skipped.append((str(path), "not a .txt or .pdf letter"))
                continue
        else:
            skipped.append((str(path), "no such file or folder"))
            continue
        for candidate in candidates:
            if candidate.is_file():
                found.setdefault(str(candidate.resolve()), str(candidate))
    return sorted(found.values()), skipped


def read_once(path: str, indexed: Collection[str]) -> FileResult | ParseTask:
    """Read and hash a file: a finished result when it is unreadable or its hash is in
    `indexed`, else a task to parse those same bytes."""
    try:
        data = read_letter_file(Path(path))
    except LetterError as error:
        return FileResult(path, reason=str(error))
    sha256 = hashlib.sha256(data).hexdigest()
    if sha256 in indexed:
        return FileResult(path, sha256)
    return ParseTask(path, data, sha256)
