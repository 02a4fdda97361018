"""Serving replicas: `imr publish` copies a generation atomically, running sites pick it up.

Two production servers (the README's gunicorn command) each serve their own replica folder;
the source index is updated and published again while both are polled: no request fails and
each switches to the new corpus version without a restart. A partial or damaged copy is
refused and the replica keeps serving its generation. Runs on both engines.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from servers import fetch, free_port, serving

from imr_site import create_app
from indexer.build import build_index
from indexer.engine import Corpus, SearchQuery, store
from indexer.engine.checksums import mismatches, read_checksums
from indexer.engine.generations import CHECKSUM_FILE, index_files, live_directory
from indexer.engine.replicas import publish_copy
from indexer.errors import IndexWriteError

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parent.parent
FIRST_LETTERS, MORE_LETTERS = 10, 6
SEARCH = "/search.json?q=pain"
MAX_POLLS = 2000  # per replica, so a poller ends even if the test never stops it


def copy_letters(fixture_letters_dir: Path, folder: Path, count: int) -> Path:
    """Put the first `count` fixture letters in folder (adding to what it holds)."""
    folder.mkdir(exist_ok=True)
    for path in sorted(fixture_letters_dir.glob("*.txt"))[:count]:
        shutil.copy(path, folder)
    return folder


def build(letters: Path, index: Path, engine: str) -> str:
    """Build or update index from letters with engine; return the corpus version."""
    report = build_index([letters], index, jobs=1, engine=engine)
    assert not report.skipped, report.skipped
    return report.corpus_version


def imr_publish(source: Path, target: Path) -> str:
    """Run `imr publish SOURCE TARGET` as an operator would; return its output line."""
    done = subprocess.run([str(BIN / "imr"), "publish", str(source), str(target)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def answer(base: str) -> tuple[int, dict]:
    """(status, JSON) of the polled search; {} when it was not JSON."""
    status, _kind, body = fetch(base + SEARCH)
    try:
        return status, json.loads(body)
    except ValueError:
        return status, {}


def counts(payload: dict) -> tuple:
    """What two replicas of one corpus must answer alike (URLs name their own port)."""
    facets = {name: [(value["value"], value["count"]) for value in values]
              for name, values in payload["facets"].items()}
    return payload["corpus_version"], payload["total"], facets, payload["stats"]


@contextmanager
def production(index: Path, tmp_path: Path, name: str):
    """The README's production command serving index on a free loopback port; yields its URL."""
    port = free_port()
    command = [BIN / "gunicorn", "-c", "python:imr_site.gunicorn_conf",
               "--bind", f"127.0.0.1:{port}"]
    env = {**os.environ, "IMR_INDEX_DIR": str(index),
           "IMR_REPORT_RENDER_DIR": str(tmp_path / f"{name}.renders")}
    with serving(command, port, cwd=ROOT, env=env) as base:
        yield base


class Poller(threading.Thread):
    """Searches one replica without pause until stopped, recording (status, corpus version)."""

    def __init__(self, base: str):
        super().__init__(daemon=True)
        self.base, self.seen = base, []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set() and len(self.seen) < MAX_POLLS:
            status, payload = answer(self.base)
            self.seen.append((status, payload.get("corpus_version")))

    def after(self, mark: int) -> list:
        """Wait (bounded) for 3 answers to requests sent after `mark` answers had come, and
        return them all (the request in flight at `mark` may have been sent before it)."""
        for _attempt in range(600):
            if len(self.seen) >= mark + 4 or not self.is_alive():
                break
            self.stop.wait(0.05)
        return self.seen[mark + 1:]


def test_two_replicas_switch_to_a_new_generation_without_a_failed_request(
    engine, tmp_path, fixture_letters_dir
):
    letters = copy_letters(fixture_letters_dir, tmp_path / "letters", FIRST_LETTERS)
    source, replicas = tmp_path / "index", [tmp_path / "replica-1", tmp_path / "replica-2"]
    old_version = build(letters, source, engine)
    for replica in replicas:
        assert old_version in imr_publish(source, replica)
    with production(replicas[0], tmp_path, "one") as one, \
            production(replicas[1], tmp_path, "two") as two:  # fmt: skip
        before = [answer(base) for base in (one, two)]
        assert [status for status, _payload in before] == [200, 200]
        assert counts(before[0][1]) == counts(before[1][1])
        assert before[0][1]["corpus_version"] == old_version

        copy_letters(fixture_letters_dir, letters, FIRST_LETTERS + MORE_LETTERS)
        new_version = build(letters, source, engine)  # an update: a new generation
        assert new_version != old_version
        pollers = [Poller(base) for base in (one, two)]
        for poller in pollers:
            poller.start()
        after_publish = []
        for poller, replica in zip(pollers, replicas, strict=True):
            assert new_version in imr_publish(source, replica)
            after_publish.append(len(poller.seen))
        tails = [poller.after(mark) for poller, mark in zip(pollers, after_publish, strict=True)]
        for poller in pollers:
            poller.stop.set()
            poller.join(timeout=30)

        for poller, tail in zip(pollers, tails, strict=True):
            assert {status for status, _version in poller.seen} == {200}, "a request failed"
            versions = [version for _status, version in poller.seen]
            switched = versions.index(new_version)
            assert set(versions[:switched]) == {old_version}
            assert set(versions[switched:]) == {new_version}, "an old answer after the new"
            assert len(tail) >= 3 and {version for _status, version in tail} == {new_version}
        after = [answer(base) for base in (one, two)]
        assert counts(after[0][1]) == counts(after[1][1])
        assert after[0][1]["total"] > before[0][1]["total"]


def test_rolling_back_publishes_the_previous_generation_again(engine, tmp_path,
                                                              fixture_letters_dir):
    letters = copy_letters(fixture_letters_dir, tmp_path / "letters", FIRST_LETTERS)
    source, replica = tmp_path / "index", tmp_path / "replica"
    old_version = build(letters, source, engine)
    first = publish_copy(source, replica)
    assert first.copied and first.version == old_version
    assert not publish_copy(source, replica).copied, "publishing the same generation is a no-op"
    copy_letters(fixture_letters_dir, letters, FIRST_LETTERS + MORE_LETTERS)
    build(letters, source, engine)
    client = create_app({"TESTING": True, "INDEX_DIR": str(replica)}).test_client()
    publish_copy(source, replica)
    assert client.get(SEARCH).get_json()["corpus_version"] != old_version
    assert first.generation.is_dir(), "the previous generation is kept for a rollback"
    publish_copy(first.generation, replica)  # the rollback the README gives
    assert client.get(SEARCH).get_json()["corpus_version"] == old_version


@pytest.fixture(scope="module")
def source_indexes(engine, fixture_letters_dir, tmp_path_factory) -> tuple[Path, Path]:
    """Two small indexes of `engine` (the first letters; more letters), read-only."""
    folder = tmp_path_factory.mktemp(f"source-{engine}")
    indexes = folder / "index", folder / "next-index"
    for index, count in zip(indexes, (FIRST_LETTERS, FIRST_LETTERS + MORE_LETTERS), strict=True):
        build(copy_letters(fixture_letters_dir, folder / f"letters-{count}", count), index, engine)
    return indexes


def largest_index_file(folder: Path) -> Path:
    """The biggest file of a generation (a segment's postings or stored documents)."""
    return max((folder / name for name in index_files(folder)),
               key=lambda path: path.stat().st_size)


def flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


DAMAGES = {  # what an interrupted or faulty copy (rsync, scp, a full disk) leaves behind
    "a file missing": lambda folder: largest_index_file(folder).unlink(),
    "a file cut short": lambda folder: largest_index_file(folder).write_bytes(
        largest_index_file(folder).read_bytes()[:100]),
    "a byte changed": lambda folder: flip_a_byte(largest_index_file(folder)),
    "no checksum list": lambda folder: (folder / CHECKSUM_FILE).unlink(),
    "the checksum list cut short": lambda folder: (folder / CHECKSUM_FILE).write_text(
        (folder / CHECKSUM_FILE).read_text()[:100]),
    "the checksum list cut at a line's end": lambda folder: (folder / CHECKSUM_FILE).write_text(
        "".join((folder / CHECKSUM_FILE).read_text().splitlines(keepends=True)[:2])),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_partial_or_damaged_copy_is_refused_and_the_replica_keeps_serving(
    source_indexes, tmp_path, damage
):
    serving_index, next_index = source_indexes
    replica = tmp_path / "replica"
    version = publish_copy(serving_index, replica).version
    served = live_directory(replica)
    client = create_app({"TESTING": True, "INDEX_DIR": str(replica)}).test_client()
    assert client.get(SEARCH).get_json()["corpus_version"] == version
    staging = tmp_path / "incoming"  # e.g. `rsync -a` of the next generation's folder
    shutil.copytree(live_directory(next_index), staging)
    DAMAGES[damage](staging)
    with pytest.raises(IndexWriteError, match="refused"):
        publish_copy(staging, replica)
    assert live_directory(replica) == served
    assert sorted(tmp_path.glob("replica.gen-*")) == [served], "no new generation is left"
    assert not list(tmp_path.glob(".replica.incoming-*")), "no temporary folder is left"
    response = client.get(SEARCH)
    assert response.status_code == 200 and response.get_json()["corpus_version"] == version
    assert publish_copy(live_directory(next_index), replica).version != version
    assert client.get(SEARCH).get_json()["corpus_version"] != version


def test_a_published_generation_is_never_written(engine, tmp_path, fixture_letters_dir):
    letters = copy_letters(fixture_letters_dir, tmp_path / "letters", FIRST_LETTERS)
    index = tmp_path / "index"
    build(letters, index, engine)
    published = live_directory(index)
    listed = read_checksums(published)
    assert sorted(listed) == index_files(published)
    corpus = Corpus.open(index)
    total = corpus.search(SearchQuery("pain")).total
    copy_letters(fixture_letters_dir, letters, FIRST_LETTERS + MORE_LETTERS)
    (letters / sorted(path.name for path in letters.iterdir())[0]).unlink()
    report = build_index([letters], index, jobs=1, prune=True)
    assert report.added == MORE_LETTERS and report.removed == 1
    assert live_directory(index) != published, "an update writes a new generation"
    assert mismatches(published, listed) == [] and sorted(listed) == index_files(published)
    assert corpus.search(SearchQuery("pain")).total == total, "an open reader keeps its files"
    assert corpus.refreshed().version == store.corpus_version(index) != corpus.version
    assert mismatches(live_directory(index), read_checksums(live_directory(index))) == []


def test_imr_publish_refuses_a_copy_without_its_checksum_list(source_indexes, tmp_path):
    from click.testing import CliRunner

    from imr_site.cli import cli

    staging = tmp_path / "incoming"
    shutil.copytree(live_directory(source_indexes[0]), staging)
    (staging / CHECKSUM_FILE).unlink()
    result = CliRunner().invoke(cli, ["publish", str(staging), str(tmp_path / "replica")])
    assert result.exit_code == 2
    assert "refused" in result.output and "checksums.sha256" in result.output
    assert not (tmp_path / "replica").exists()
