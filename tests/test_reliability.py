"""Faults and hostile input the other test modules leave out: damage while serving, two real
`imr index` processes, and random query strings through the search pages at scale."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from servers import free_port, serving

from imr_site import create_app
from indexer.build import build_index
from indexer.engine import generations, store
from indexer.vocab.facets import FACET_NAMES

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def small_corpus(fixture_letters_dir, tmp_path) -> tuple[Path, Path]:
    """A private copy of 20 fixture letters and an index over them (tests here damage it)."""
    letters = tmp_path / "letters"
    letters.mkdir()
    for path in sorted(fixture_letters_dir.glob("*.txt"))[:20]:
        shutil.copy(path, letters)
    index = tmp_path / "index"
    build_index([letters], index, jobs=1)
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
    from test_reliability import truncate_largest_segment
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


# --- two real `imr index` processes ----------------------------------------------------------


def wait_for_lock_holder(index: Path, pid: int) -> None:
    """Poll (bounded) until the build lock names `pid`."""
    for _attempt in range(600):
        if f"pid {pid}" in (generations.lock_holder(generations.lock_path(index)) or ""):
            return
        time.sleep(0.05)
    raise AssertionError(f"pid {pid} never took the build lock")


def test_a_second_imr_index_exits_naming_the_first_and_never_writes(fixture_letters_dir, tmp_path):
    index = tmp_path / "index"
    command = [str(BIN / "imr"), "index", str(fixture_letters_dir), "--index", str(index),
               "--jobs", "1"]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_lock_holder(index, first.pid)
        first.send_signal(signal.SIGSTOP)  # the first run holds the lock for as long as we like
        before = sorted(path.name for path in tmp_path.iterdir())
        second = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert second.returncode == 2, second.stderr
        assert f"being written by `imr index` pid {first.pid}" in second.stderr
        assert "Run again when it has finished" in second.stderr
        assert "Traceback" not in second.stderr
        assert sorted(path.name for path in tmp_path.iterdir()) == before, "the second wrote"
    finally:
        first.send_signal(signal.SIGCONT)
    _out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    letters = len(list(fixture_letters_dir.glob("*.txt")))
    assert store.corpus_info(store.open_index(index)).letters == letters
    again = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and f"{letters} unchanged" in again.stdout, again.stderr


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


# --- random query strings through /search and /search.json at scale --------------------------

QUERY_PIECES = (
    '"', "'", "(", ")", "[", "]", "{", "}", "*", "?", ":", "~", "^", "-", "+", "!", "\\", "/",
    "AND", "OR", "NOT", "TO", "and", "or", "not", "therapy", "pain*", "*pain", "p?in", "knee~2",
    "tramadol^3", "[a TO z]", "{1 TO 9}", "year:[2013 TO 2016]", '"slip and fall"~3', "<b>",
    "&amp;", "%00", "\x00", "\x1b[31m", "\u202e", "\ufeff", "é", "ß", "中文", "🙂", "\ud7ff",
    "0" * 50, "9999999999999999999999", "-1", "1e308", "nan", "None", "null", "' OR 1=1 --",
)  # fmt: skip
FIELDS = ("request", "rationale", "summary", "drug", "case_number", "letter_id", "kind", "nope",
          *FACET_NAMES)  # fmt: skip
QUERY_COUNT = 600


def random_query(rng: random.Random) -> str:
    """A query string an attacker or a clumsy paste could send."""
    shape = rng.randrange(4)
    if shape == 0:
        return "".join(chr(rng.randrange(1, 0x3000)) for _ in range(rng.randint(0, 60)))
    if shape == 1:
        return rng.choice(QUERY_PIECES) * rng.randint(1, 2000)
    pieces = rng.choices(QUERY_PIECES, k=rng.randint(1, 12))
    if shape == 2:
        pieces = [f"{rng.choice(FIELDS)}:{piece}" for piece in pieces]
    return rng.choice([" ", "", "  ", "\t", "\n"]).join(pieces)


def random_args(rng: random.Random) -> dict[str, str]:
    """Query text plus, sometimes, a random facet selection, sort or page."""
    args = {"q": random_query(rng)}
    if rng.random() < 0.3:
        args[rng.choice(FACET_NAMES)] = rng.choice([*QUERY_PIECES, "Upheld", "knee", "2016"])
    if rng.random() < 0.2:
        args[rng.choice(["sort", "page", "per_page", "_size"])] = rng.choice(QUERY_PIECES)
    return args


@pytest.mark.parametrize("chunk", range(3))
def test_random_queries_are_answered_never_a_500(client, chunk):
    rng = random.Random(f"reliability-queries:{chunk}")
    statuses = set()
    for _number in range(QUERY_COUNT // 3):
        args = random_args(rng)
        for path in ("/search", "/search.json"):
            response = client.get(path, query_string=args, follow_redirects=True)
            assert response.status_code in (200, 400), (path, args, response.status_code)
            body = response.get_data(as_text=True)
            assert "Traceback" not in body
            if path.endswith(".json"):
                payload = response.get_json()
                assert payload["error"] if response.status_code == 400 else "total" in payload
            statuses.add(response.status_code)
    assert statuses == {200, 400}, "the generator should reach both answers"
