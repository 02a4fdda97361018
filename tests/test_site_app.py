"""The app factory: layered config, the index opened per worker, 503 while it is unusable."""

from __future__ import annotations

import shutil

import pytest

from imr_site import create_app
from indexer.build import build_index


def test_config_layers_defaults_environment_and_test_dict(monkeypatch, tmp_path):
    monkeypatch.setenv("IMR_INDEX_DIR", str(tmp_path / "from-env"))
    monkeypatch.setenv("IMR_FEED_SIZE", "7")
    app = create_app({"FEED_SIZE": 9})
    assert app.config["INDEX_DIR"] == str(tmp_path / "from-env")
    assert app.config["FEED_SIZE"] == 9  # the test dict wins over the environment
    assert app.config["CSV_LIMIT"] == 5000  # default kept


def test_environment_overrides_defaults(monkeypatch):
    monkeypatch.setenv("IMR_FEED_SIZE", "7")
    assert create_app().config["FEED_SIZE"] == 7


@pytest.mark.parametrize("state", ["missing", "empty"])
@pytest.mark.parametrize("url", ["/", "/search?q=therapy", "/search.json", "/letters/SY24-0000001"])
def test_missing_or_empty_index_is_a_clear_503(tmp_path, url, state):
    index = tmp_path / "index"
    if state == "empty":
        index.mkdir()
    client = create_app({"TESTING": True, "INDEX_DIR": str(index)}).test_client()
    response = client.get(url)
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    body = response.get_data(as_text=True)
    assert "index" in body.lower() and "Traceback" not in body
    if not url.startswith("/search.json"):
        assert "as soon as a good index is in place" in body
    if url.startswith("/search.json"):
        assert "not available" in response.get_json()["error"]


def test_site_recovers_when_a_good_index_appears(tmp_path, fixture_letters_dir):
    index = tmp_path / "index"
    client = create_app({"TESTING": True, "INDEX_DIR": str(index)}).test_client()
    assert client.get("/search.json").status_code == 503
    build_index([fixture_letters_dir], index, jobs=1)
    response = client.get("/search.json")
    assert response.status_code == 200 and response.get_json()["total"] > 0


def test_corrupt_index_is_503_then_recovers(tmp_path, index_dir, fixture_letters_dir):
    index = tmp_path / "index"
    shutil.copytree(index_dir.resolve(), index)
    client = create_app({"TESTING": True, "INDEX_DIR": str(index)}).test_client()
    assert client.get("/search.json").status_code == 200
    for segment in index.glob("*.seg"):
        segment.write_bytes(segment.read_bytes()[:64])  # truncated segment files
    for toc in index.glob("*.toc"):
        toc.write_bytes(b"")
    client = create_app({"TESTING": True, "INDEX_DIR": str(index)}).test_client()
    response = client.get("/search.json?q=therapy")
    assert response.status_code == 503, response.get_data(as_text=True)
    assert response.get_json()["error"]
    shutil.rmtree(index)
    build_index([fixture_letters_dir], index, jobs=1)
    assert client.get("/search.json?q=therapy").status_code == 200


def test_rebuilt_index_is_picked_up_without_restart(tmp_path, fixture_letters_dir):
    letters = tmp_path / "letters"
    letters.mkdir()
    paths = sorted(fixture_letters_dir.glob("*.txt"))
    for path in paths[:5]:
        shutil.copy(path, letters)
    index = tmp_path / "index"
    build_index([letters], index, jobs=1)
    client = create_app({"TESTING": True, "INDEX_DIR": str(index)}).test_client()
    before = client.get("/search.json").get_json()
    for path in paths[5:10]:
        shutil.copy(path, letters)
    build_index([letters], index, jobs=1, rebuild=True)
    after = client.get("/search.json").get_json()
    assert after["total"] > before["total"]
    assert after["corpus_version"] != before["corpus_version"]


def test_serve_command_is_on_the_imr_group():
    from click.testing import CliRunner

    from imr_site.cli import cli

    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert all(option in result.output for option in ("--index", "--host", "--port"))
    commands = CliRunner().invoke(cli, ["--help"]).output
    assert all(name in commands for name in ("parse", "index", "report", "serve"))
