"""The corpus information file of a generation (either engine): version, counts, build time."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from indexer.engine.schema import SCHEMA_VERSION

CORPUS_FILE = "corpus.json"


@dataclass(frozen=True)
class CorpusInfo:
    """What an index holds: its corpus version, counts, and when it was written."""

    version: str
    letters: int
    items: int
    built_at: str
    generation: int  # the Whoosh commit generation (tantivy: commit opstamp) it describes
    schema_version: str = SCHEMA_VERSION


def info_of(letters: dict[str, str], items: int, generation: int, built_at: str) -> CorpusInfo:
    """Return the corpus information of an index holding these letters (id -> sha256)."""
    digest = hashlib.sha256(f"schema {SCHEMA_VERSION}\n".encode())
    for letter_id, sha256 in sorted(letters.items()):
        digest.update(f"{letter_id} {sha256}\n".encode())
    return CorpusInfo(digest.hexdigest()[:12], len(letters), items, built_at, generation)


def read_corpus_file(folder: Path) -> dict | None:
    """Return the generation's recorded corpus information, None when absent or unreadable."""
    try:
        return json.loads((folder / CORPUS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_corpus_file(folder: Path, info: CorpusInfo) -> CorpusInfo:
    """Record the corpus information in the generation folder (atomically); return it."""
    _write_atomically(folder / CORPUS_FILE, json.dumps(asdict(info), indent=1))
    return info


def _write_atomically(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
