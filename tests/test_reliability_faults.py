"""Reliability: a damaged index or disk. Damage while the site serves gives a 503 naming it,
then recovery; a full or read-only disk during `imr index` is a clear error and the
previous index stays untouched."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from corpus_copies import indexed_copy
from servers import free_port, serving

from imr_site import create_app
from indexer.build import build_index
from indexer.engine import store

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def small_corpus(fixture_letters_dir, tmp_path) -> tuple[Path, Path]:
    """A private copy of 20 fixture letters and an index over them (tests here damage it)."""
    letters, index = tmp_path / "letters", tmp_path / "index"
    indexed_copy(fixture_letters_dir, letters, index)
    return letters, index


def truncate_largest_segment(index: Path) -> None:
    """Cut the live generation's largest segment file to half, in place (a disk fault)."""
    segment = max(index.resolve().glob("*.seg"), key=lambda path: path.stat().st_size)
    with open(segment, "r+b") as handle:
        handle.truncate(segment.stat().st_size // 2)


# --- damage while the site is serving -----------------------------------------------------


def get(url: str) -> tuple[int, str]:
    """(status, body) of a GET; status 0 when the connection failed or was dropped."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return 0, ""


@pytest.fixture
def gunicorn(small_corpus):
    """The production server (one worker) over the small index, on a loopback port."""
    _letters, index = small_corpus
    port = free_port()
    command = [BIN / "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}", "--timeout",
               "60", "imr_site:create_app()"]
    with serving(command, port, env={**os.environ, "IMR_INDEX_DIR": str(index)}, cwd=ROOT) as base:
        yield base


def test_a_segment_truncated_under_gunicorn_gives_503_then_recovers(gunicorn, small_corpus):
    """The worker holding the damaged file may lose its request; then 503 naming it, then 200."""
    letters, index = small_corpus
    assert get(f"{gunicorn}/search.json?q=therapy")[0] == 200
    truncate_largest_segment(index)
    answers = [get(f"{gunicorn}/search.json?q={word}")
               for word in ("knee", "pain", "shoulder", "hip", "back", "sleep", "drug", "neck")]
    statuses = [status for status, _body in answers]
    assert 500 not in statuses and statuses.count(0) <= 1, answers  # one worker, one request lost
    assert statuses[-1] == 503, statuses
    assert "is corrupt" in json.loads(answers[-1][1])["error"]
    assert "Traceback" not in "".join(body for _status, body in answers)
    run = subprocess.run([str(BIN / "imr"), "index", str(letters), "--index", str(index),
                          "--rebuild"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    status, body = get(f"{gunicorn}/search.json?q=therapy")
    assert status == 200 and json.loads(body)["total"] > 0


SERVE_THROUGH_TRUNCATION = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[2])
    from imr_site import create_app
    from test_reliability_faults import truncate_largest_segment
    client = create_app({"INDEX_DIR": sys.argv[1]}).test_client()
    assert client.get("/search.json?q=therapy").status_code == 200
    truncate_largest_segment(Path(sys.argv[1]))
    response = client.get("/search.json?q=knee")
    print(json.dumps([response.status_code, response.get_json()]))
    """
)


def test_a_worker_with_the_index_open_answers_503_when_a_segment_is_truncated(small_corpus):
    _letters, index = small_corpus
    run = subprocess.run(
        [sys.executable, "-c", SERVE_THROUGH_TRUNCATION, str(index), str(Path(__file__).parent)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )
    assert run.returncode == 0, f"worker died with {run.returncode}: {run.stderr[-300:]}"
    status, body = json.loads(run.stdout.strip().splitlines()[-1])
    assert status == 503 and "is corrupt" in body["error"]


def test_a_generation_deleted_while_serving_is_503_then_recovers(small_corpus):
    letters, index = small_corpus
    client = create_app({"TESTING": True, "INDEX_DIR": str(index)}).test_client()
    assert client.get("/search.json?q=therapy").status_code == 200
    shutil.rmtree(index.resolve())
    response = client.get("/search.json?q=knee")
    assert response.status_code == 503 and "no index at" in response.get_json()["error"]
    build_index([letters], index, jobs=1, rebuild=True)
    assert client.get("/search.json?q=knee").status_code == 200


# --- a real full disk and a real read-only file system (private mount namespace) ---------------

PRINT_CORPUS = (
    "import sys; from pathlib import Path; from indexer.engine import store; "
    "info = store.corpus_info(store.open_index(Path(sys.argv[1]))); "
    "print('corpus', info.version, info.letters)"
)


def in_mount_namespace(script: str, *args: str) -> subprocess.CompletedProcess:
    """Run a shell script as root of a private mount namespace (mounts vanish with it)."""
    probe = subprocess.run(["unshare", "--mount", "--map-root-user", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"no private mount namespace here ({probe.stderr.decode().strip()}); "
                    "tests/test_store.py covers a full disk with RLIMIT_FSIZE")
    return subprocess.run(
        ["unshare", "--mount", "--map-root-user", "sh", "-c", script, "sh", *args],
        capture_output=True, text=True, timeout=180, cwd=ROOT,
    )


FILL_A_SMALL_TMPFS = """
set -e
mount -t tmpfs -o size=512k tmpfs "$1"
"$2/imr" index "$3" --index "$1/index" --jobs 1 > /dev/null
"$2/python" -c "$5" "$1/index"
set +e
"$2/imr" index "$4" --index "$1/index" --jobs 1 $6
echo "exit $?"
"$2/python" -c "$5" "$1/index"
"""


@pytest.mark.parametrize("mode", ["", "--rebuild"])
def test_a_full_tmpfs_during_imr_index_is_a_clear_error(fixture_letters_dir, tmp_path, mode):
    three = tmp_path / "three"
    three.mkdir()
    for path in sorted(fixture_letters_dir.glob("*.txt"))[:3]:
        shutil.copy(path, three)
    disk = tmp_path / "disk"
    disk.mkdir()
    run = in_mount_namespace(FILL_A_SMALL_TMPFS, str(disk), str(BIN), str(three),
                             str(fixture_letters_dir), PRINT_CORPUS, mode)
    before, exit_line, after = [line for line in run.stdout.splitlines()
                                if line.startswith(("corpus", "exit"))]
    assert exit_line == "exit 2", run.stdout + run.stderr
    assert "No space left on device" in run.stderr and "Traceback" not in run.stderr
    assert "previous index is untouched" in run.stderr
    assert before == after and before.endswith(" 3"), (before, after)


MAKE_READ_ONLY = """
mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" || exit 9
"$2/imr" index "$3" --index "$1/index" --jobs 1 $4
echo "exit $?"
"""


@pytest.mark.parametrize("mode", ["", "--rebuild"])
def test_a_read_only_index_folder_is_a_clear_error(small_corpus, fixture_letters_dir, mode):
    _letters, index = small_corpus
    version = store.corpus_version(index)
    run = in_mount_namespace(MAKE_READ_ONLY, str(index.parent), str(BIN),
                             str(fixture_letters_dir), mode)
    assert run.stdout.strip().endswith("exit 2"), run.stdout + run.stderr
    assert "Read-only file system" in run.stderr and "Traceback" not in run.stderr
    assert store.corpus_version(index) == version
