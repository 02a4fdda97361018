"""The project as a wheel: installed into a fresh virtualenv outside the checkout, it indexes
letters and serves the search page, a letter page and a PDF pack (templates and static files
come from the installed package).

Slow: 1.5-2.5 minutes on the shared 2-core machine (most of it building the wheel and installing
its dependencies, from pip's cache when it has them). Marked `slow`, it runs in the normal suite
(`-m "not slow"` leaves it out).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from servers import fetch, free_port, serving

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["pyproject.toml", "README.md", "indexer", "site", "templates", "static"]
pytestmark = pytest.mark.slow


def run(command: list, cwd: Path, timeout: int = 600) -> str:
    """Run a command outside the checkout with a clean environment; return its stdout."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "VIRTUAL_ENV", "IMR_INDEX_DIR")}
    done = subprocess.run([str(part) for part in command], cwd=cwd, env=env, timeout=timeout,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{command}: {done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtualenv (no system site-packages) with the project's wheel and its
    dependencies installed; the wheel is built from a copy of the sources, not in the checkout."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            caches = shutil.ignore_patterns("__pycache__")
            shutil.copytree(ROOT / name, source / name, ignore=caches)
        else:
            shutil.copy(ROOT / name, source / name)
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", work / "dist", source],
        cwd=work)
    wheel = next((work / "dist").glob("imr_precedents-*.whl"))
    venv = work / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=work)  # this pip installs
    run([sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "-q",
         wheel], cwd=work)
    shutil.rmtree(source)  # nothing of the sources is left to fall back on
    return venv


@pytest.fixture(scope="module")
def corpus(installed, tmp_path_factory) -> Path:
    """A folder outside the checkout with letters and the index the installed `imr` built."""
    work = tmp_path_factory.mktemp("corpus")
    imr = installed / "bin" / "imr"
    run([imr, "synth", "20", "letters", "--seed", "4", "--quiet"], cwd=work)
    run([imr, "index", "letters", "--index", "index"], cwd=work)
    return work


@pytest.fixture(scope="module")
def served(installed, corpus):
    """`imr serve` from the installed wheel over that index."""
    port = free_port()
    command = [installed / "bin" / "imr", "serve", "--index", "index", "--port", port]
    with serving(command, port, cwd=corpus) as base:
        yield base


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_wheel_holds_the_site_and_imports_from_the_virtualenv(installed):
    where = run([installed / "bin" / "python", "-c",
                 "import imr_site, indexer; from imr_site import create_app; "
                 "app = create_app(); print(imr_site.__file__, indexer.__file__, "
                 "app.template_folder, app.static_folder)"], cwd=installed).split()
    assert all(Path(path).is_relative_to(installed) for path in where), where
    assert not any(Path(path).is_relative_to(ROOT) for path in where), where
    templates, static = map(Path, where[2:])
    assert (templates / "search.html").is_file() and (static / "pack.css").is_file()


def test_the_installed_site_serves_search_letters_and_packs(served):
    status, kind, body = fetch(f"{served}/search?q=therapy")
    assert (status, kind.split(";")[0]) == (200, "text/html")
    assert b"<form" in body and b"/static/site.css" in body
    assert fetch(f"{served}/static/site.css")[0] == 200
    hits = json.loads(fetch(f"{served}/search.json?q=therapy")[2])["hits"]
    assert hits, "the index built by the installed `imr index` has letters"
    status, kind, body = fetch(f"{served}/letters/{hits[0]['letter_id']}")
    assert status == 200 and hits[0]["case_number"].encode() in body
    status, kind, body = fetch(f"{served}/report.pdf?request=physical+therapy+for+the+knee&n=3")
    assert (status, kind) == (200, "application/pdf") and body.startswith(b"%PDF")
    text = pdf_text(body)
    assert "physical therapy for the knee" in text.lower() and "Page 1 of" in text


def test_the_installed_imr_report_writes_a_styled_pack(installed, corpus):
    run([installed / "bin" / "imr", "report", "physical therapy for the knee", "-n", "3",
         "--index", "index", "-o", "pack.pdf"], cwd=corpus)
    text = pdf_text((corpus / "pack.pdf").read_bytes())
    assert "physical therapy for the knee" in text.lower() and "Page 1 of" in text
