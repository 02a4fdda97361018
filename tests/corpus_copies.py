"""Private corpora for tests that write or damage an index: a copy of some letters, indexed."""

from __future__ import annotations

import shutil
from pathlib import Path

from indexer.build import build_index


def indexed_copy(letters: Path, folder: Path, index: Path, count: int = 20) -> None:
    """Copy the first `count` text letters of `letters` into `folder` and index them."""
    folder.mkdir()
    for path in sorted(letters.glob("*.txt"))[:count]:
        shutil.copy(path, folder)
    build_index([folder], index, jobs=1)
