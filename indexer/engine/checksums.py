"""A generation's checksum list: every index file and its sha256, in `sha256sum` format,
then a last line `# <n> files` (a comment to `sha256sum`) that tells a whole list from a cut one.

The builder writes it into each generation before publishing it; `imr publish` copies the
files it lists and refuses a copy that does not match it. `sha256sum -c checksums.sha256`,
run in a generation folder, checks the same thing by hand.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from indexer.engine.generations import CHECKSUM_FILE, index_files

CHUNK_BYTES = 1 << 20
COUNT_PREFIX = "# "  # the last line, "# <n> files": a list cut at a line end is told from a whole


def file_digest(path: Path) -> str:
    """Return the sha256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def write_checksums(folder: Path, linked_from: Path | None = None) -> dict[str, str]:
    """Write the checksum list of folder's index files (atomically); return name -> digest.

    A file hard-linked from the generation `linked_from` (same inode) takes its digest from
    that generation's list: generations are immutable, so an update hashes only new files.
    """
    known = _linked_digests(folder, linked_from) if linked_from else {}
    digests = {name: known.get(name) or file_digest(folder / name) for name in index_files(folder)}
    text = "".join(f"{digest}  {name}\n" for name, digest in digests.items())
    text += f"{COUNT_PREFIX}{len(digests)} files\n"
    partial = folder / f".{CHECKSUM_FILE}.{os.getpid()}"
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, folder / CHECKSUM_FILE)
    return digests


def _linked_digests(folder: Path, previous: Path) -> dict[str, str]:
    """Digests from previous's list for files of folder that are the same inode."""
    try:
        listed = read_checksums(previous)
    except ValueError:
        return {}
    same = {}
    for name, digest in listed.items():
        try:
            if os.path.samefile(folder / name, previous / name):
                same[name] = digest
        except OSError:
            continue
    return same


def read_checksums(folder: Path) -> dict[str, str]:
    """Return name -> sha256 from folder's checksum list; ValueError saying why it is unusable."""
    path = folder / CHECKSUM_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ValueError(f"{path} cannot be read ({error.strerror or error})") from error
    *lines, last = text.splitlines() or [""]
    if not text.endswith("\n") or last != f"{COUNT_PREFIX}{len(lines)} files":
        raise ValueError(f"{path} is incomplete (no last line `# <n> files` counting its files)")
    digests = {}
    for number, line in enumerate(lines, 1):
        digest, separator, name = line.partition("  ")
        if not separator or len(digest) != 64 or "/" in name or name in ("", ".", ".."):
            raise ValueError(f"{path} line {number} is not `<sha256>  <file name>`")
        digests[name] = digest
    if not digests:
        raise ValueError(f"{path} lists no files")
    return digests


def mismatches(folder: Path, expected: dict[str, str]) -> list[str]:
    """Return what differs between folder's files and the expected digests (empty: all match)."""
    problems = []
    for name, digest in expected.items():
        try:
            actual = file_digest(folder / name)
        except OSError as error:
            problems.append(f"{name}: {error.strerror or error}")
            continue
        if actual != digest:
            problems.append(f"{name}: checksum differs")
    return problems
