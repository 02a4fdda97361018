"""Shared fixtures: real letters (outside the repo), a synthetic corpus, its index, the app."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

pytest.register_assert_rewrite("parse_expectations")  # its asserts explain failures like a test's

ROOT = Path(__file__).resolve().parent.parent
SHARED_LETTERS = ROOT.parent / "shared" / "letters"
OUTPUT = ROOT / "test-output"  # screenshots and rendered pages for review
FIXTURE_LETTER_COUNT = 60
FIXTURE_SEED = 7
CHROMIUM = Path("/usr/bin/chromium")  # Debian's; Playwright's own browser downloads are not used
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
DEVICES = {  # browser-context options by name
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}


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
def real_letters(seeds_dir, dwc_dir) -> list:
    """Every shared real letter, parsed once per session (seeds first, then the DWC's)."""
    from indexer.letters.parse import read_letter

    paths = sorted(seeds_dir.glob("*.txt")) + sorted(dwc_dir.glob("*.pdf"))
    return [read_letter(path) for path in paths]


@pytest.fixture(scope="session")
def real_index_dir(seeds_dir, dwc_dir, tmp_path_factory) -> Path:
    """An index of the shared real letters (outside the repository), built once per session;
    tests only read it."""
    from indexer.build import build_index

    folder = tmp_path_factory.mktemp("real-index") / "index"
    report = build_index([seeds_dir, dwc_dir], folder, jobs=1)
    assert not report.skipped, report.skipped
    return folder


@pytest.fixture(scope="session")
def real_engine_index_dir(engine, real_index_dir, seeds_dir, dwc_dir, tmp_path_factory) -> Path:
    """The shared real letters indexed by `engine` (Whoosh's is `real_index_dir`); read only."""
    from indexer.build import build_index

    if engine == "whoosh":
        return real_index_dir
    folder = tmp_path_factory.mktemp(f"real-index-{engine}") / "index"
    report = build_index([seeds_dir, dwc_dir], folder, jobs=1, engine=engine)
    assert not report.skipped, report.skipped
    return folder


@pytest.fixture
def real_client(real_index_dir):
    """Flask's test client over the real letters' index."""
    from imr_site import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(real_index_dir)}).test_client()


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
    from indexer.letters.parse import read_letter

    return [read_letter(path) for path in sorted(fixture_letters_dir.glob("*.txt"))]


@pytest.fixture(scope="session")
def index_dir(fixture_letters_dir, tmp_path_factory) -> Path:
    """A real Whoosh index over the fixture corpus, built once per session; tests must not write."""
    from indexer.build import build_index

    folder = tmp_path_factory.mktemp("index") / "index"
    report = build_index([fixture_letters_dir], folder, jobs=1)
    assert not report.skipped, report.skipped
    return folder


ENGINES = ("whoosh", "tantivy")  # the engine-parametrised tests run on each


@pytest.fixture(scope="session", params=ENGINES)
def engine(request) -> str:
    """The search engine of an engine-parametrised test (it runs once per engine)."""
    return request.param


@pytest.fixture(scope="session")
def engine_index_dir(engine, index_dir, fixture_letters_dir, tmp_path_factory) -> Path:
    """The fixture corpus indexed by `engine` (Whoosh's is `index_dir`); tests must not write."""
    from indexer.build import build_index

    if engine == "whoosh":
        return index_dir
    folder = tmp_path_factory.mktemp(f"index-{engine}") / "index"
    report = build_index([fixture_letters_dir], folder, jobs=1, engine=engine)
    assert not report.skipped, report.skipped
    return folder


@pytest.fixture
def engine_client(engine_index_dir):
    """Flask's test client over the site serving `engine_index_dir`."""
    from imr_site import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(engine_index_dir)}).test_client()


@pytest.fixture
def app(index_dir):
    """The site over the fixture index."""
    from imr_site import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir)})


@pytest.fixture
def client(app):
    """Flask's test client."""
    return app.test_client()


@pytest.fixture(scope="module")
def live_server(index_dir):
    """The site on 127.0.0.1 (a free port), served from a thread."""
    from werkzeug.serving import make_server

    from imr_site import create_app

    server = make_server("127.0.0.1", 0, create_app({"INDEX_DIR": str(index_dir)}), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium driven by Playwright."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (`make debian`) to run these")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_tab(browser, live_server):
    """Opens tabs on a device of DEVICES, allowed the clipboard; fails on any script error."""
    contexts = []
    errors: list[str] = []

    def open_tab(device: str = "desktop"):
        context = browser.new_context(**DEVICES[device])
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
        contexts.append(context)
        tab = context.new_page()
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.on("console", lambda message: record_console_error(tab, message))
        tab.set_default_timeout(15_000)
        return tab

    def record_console_error(tab, message) -> None:
        # A page served with a 4xx status on purpose (error pages) is logged as a failed load.
        failed_page = message.location.get("url") == tab.url and "Failed to load" in message.text
        if message.type == "error" and not failed_page:
            errors.append(message.text)

    yield open_tab
    for context in contexts:
        context.close()
    assert errors == [], errors  # no script errors, no CSP violations


@pytest.fixture
def page(new_tab):
    """A desktop tab."""
    return new_tab("desktop")
