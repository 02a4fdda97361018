"""Shared fixtures: real letters (outside the repo), a synthetic corpus, its index, the app."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_LETTERS = ROOT.parent / "shared" / "letters"
OUTPUT = ROOT / "test-output"  # screenshots and rendered pages for review
FIXTURE_LETTER_COUNT = 60
FIXTURE_SEED = 7


def _require(path: Path) -> Path:
    if not path.is_dir():
        pytest.skip(
            f"{path} is absent: the real IMR letters are public records kept outside the repo "
            "(CI has them at ../shared/letters)"
        )
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The 5 seed letters (text) the project was specified from."""
    return _require(SHARED_LETTERS / "seeds")


@pytest.fixture(scope="session")
def dwc_dir() -> Path:
    """The 115 real published letters (PDF)."""
    return _require(SHARED_LETTERS / "dwc")


@pytest.fixture(scope="session")
def output_dir() -> Path:
    """A folder for artefacts a person reviews (screenshots, PNG pages)."""
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT


@pytest.fixture(scope="session")
def fixture_letters_dir(tmp_path_factory) -> Path:
    """A deterministic synthetic corpus written as .txt letters, read-only for the tests."""
    from indexer.synth import write_letters

    folder = tmp_path_factory.mktemp("fixture-letters")
    write_letters(FIXTURE_LETTER_COUNT, folder, seed=FIXTURE_SEED, fmt="txt")
    return folder


@pytest.fixture(scope="session")
def fixture_letters(fixture_letters_dir):
    """The fixture corpus parsed: the independent source of expected counts."""
    from indexer.parse import read_letter

    return [read_letter(path) for path in sorted(fixture_letters_dir.glob("*.txt"))]


@pytest.fixture(scope="session")
def index_dir(fixture_letters_dir, tmp_path_factory) -> Path:
    """A real Whoosh index over the fixture corpus, built once per session; tests must not write."""
    from indexer.build import build_index

    folder = tmp_path_factory.mktemp("index") / "index"
    report = build_index([fixture_letters_dir], folder, jobs=1)
    assert not report.skipped, report.skipped
    return folder


@pytest.fixture
def app(index_dir):
    """The site over the fixture index."""
    from imr_site import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir)})


@pytest.fixture
def client(app):
    """Flask's test client."""
    return app.test_client()
