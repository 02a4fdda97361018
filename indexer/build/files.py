"""Letter files for a build: finding them, and reading each one once into bytes and a hash."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
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
    documents: object = None  # the letter's index documents, prepared for the build's engine


@dataclass(frozen=True)
class ParseTask:
    """A letter file's bytes, read and hashed once, waiting for a parse worker."""

    path: str
    data: bytes
    sha256: str


def letter_files(paths: Iterable[Path]) -> tuple[list[str], list[tuple[str, str]]]:
    """Return the .txt/.pdf files named or found (recursively, following links) under paths,
    sorted, once each, and the paths passed over with a reason (path, reason): named paths that
    are not letter files, broken links, link loops, unreadable folders and file names."""
    found: dict[str, str] = {}  # resolved path -> path as the user will see it
    skipped = []
    for path in map(str, paths):
        kind, reason = _kind(path)
        if kind == "file" and not _is_letter(path):
            reason = "not a .txt or .pdf letter"
        candidates = (_walk(path, skipped) if kind == "folder"
                      else [(path, kind, reason, os.path.realpath)])  # fmt: skip
        for candidate, kind, reason, resolved in candidates:
            reason = reason or _name_problem(candidate)
            if reason:
                skipped.append((candidate, reason))
            elif kind == "file":
                found.setdefault(resolved(candidate), candidate)
    return sorted(found.values()), skipped


def _walk(
    top: str, skipped: list[tuple[str, str]]
) -> Iterator[tuple[str, str, str | None, Callable[[str], str]]]:
    """Yield (path, kind, reason, how to resolve it) for each letter file and broken link under
    folder `top`; unreadable folders and links back to a folder above go to `skipped`. What is
    not a link is told by its directory entry, and resolved from its folder's real path: no
    system call per file (a million files listed in seconds)."""
    searched: set[tuple[int, int]] = set()
    folders = [(top, ())]  # (folder, the folders above it, as device and inode)
    while folders:
        folder, above = folders.pop()
        try:
            key = _folder_key(folder)
            if key in above:
                skipped.append((folder, "link loop: leads back to a folder above it"))
                continue
            if key in searched:  # reached again through a link: its files are found already
                continue
            searched.add(key)
            real_folder = os.path.realpath(folder)
            with os.scandir(folder) as scanned:
                entries = sorted(scanned, key=lambda entry: entry.path)
        except OSError as error:
            skipped.append((folder, f"cannot read folder: {error.strerror or error}"))
            continue
        within = partial(_within, real_folder)
        for entry in entries:
            linked = _is_link(entry)
            kind, reason = _kind(entry.path) if linked else _entry_kind(entry)
            if kind == "folder":
                folders.append((entry.path, (*above, key)))
            elif kind == "broken" or _is_letter(entry.path):
                yield entry.path, kind, reason, os.path.realpath if linked else within


def _is_link(entry: os.DirEntry) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return True  # told by following it, as a link is


def _entry_kind(entry: os.DirEntry) -> tuple[str, str | None]:
    """`_kind` of a directory entry that is not a link, from the entry itself."""
    try:
        if entry.is_dir(follow_symlinks=False):
            return "folder", None
        if entry.is_file(follow_symlinks=False):
            return "file", None
    except OSError:
        return _kind(entry.path)
    return "other", "not a regular file"


def _within(real_folder: str, path: str) -> str:
    """The real path of a folder's entry that is not a link: the folder's, then its name."""
    return os.path.join(real_folder, os.path.basename(path))


def _kind(path: str) -> tuple[str, str | None]:
    """("file" | "folder" | "other" | "broken", why it is no letter file or None), following
    links."""
    try:
        status = os.stat(path)
    except OSError as error:
        return "broken", _unfollowable(path, error)
    if stat.S_ISDIR(status.st_mode):
        return "folder", None
    if stat.S_ISREG(status.st_mode):
        return "file", None
    return "other", "not a regular file"


def _unfollowable(path: str, error: OSError) -> str:
    """Why os.stat failed on a path: a broken link, a link loop, or another error."""
    if not os.path.islink(path):
        if error.errno == errno.ENOENT:
            return "no such file or folder"
        return f"cannot read: {error.strerror}"
    if error.errno == errno.ELOOP:
        return "link loop: the link leads back to itself"
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return "broken link: its target does not exist"
    return f"cannot follow link: {error.strerror}"


def _folder_key(folder: str) -> tuple[int, int]:
    status = os.stat(folder)
    return status.st_dev, status.st_ino


def _is_letter(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in LETTER_SUFFIXES


def _name_problem(path: str) -> str | None:
    """Why a path cannot be indexed as named: bytes that are not UTF-8 (the site shows it)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return "file name is not valid UTF-8; rename the file"
    return None


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
