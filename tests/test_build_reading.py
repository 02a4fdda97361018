"""A build reads each letter file once, in every process, counted by a Python audit hook."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from indexer.synth import write_letters

# Loaded at start-up by the build and by each parse worker it spawns (PYTHONPATH): logs the
# process (a parse worker as such), then each open() of a file under the letters folder.
SITECUSTOMIZE = textwrap.dedent(
    """
    import os, sys
    LETTERS, LOG = os.environ["AUDIT_LETTERS"], os.environ["AUDIT_LOG"]

    def log(line):
        with open(LOG, "a") as file:
            file.write(line + "\\n")

    def on_audit(event, args):
        if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
            path = os.path.abspath(os.fsdecode(args[0]))
            if path.startswith(LETTERS + os.sep):
                log(f"open {os.getpid()} {path}")

    role = "worker" if "indexer.build.parse_process" in sys.orig_argv else "process"
    log(f"{role} {os.getpid()}")
    sys.addaudithook(on_audit)
    """
)

BUILD = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from indexer.build import build_index
    report = build_index([Path(sys.argv[1])], Path(sys.argv[2]), jobs=int(sys.argv[3]))
    print(json.dumps({"added": report.added, "updated": report.updated,
                      "unchanged": report.unchanged, "skipped": len(report.skipped)}))
    """
)


@pytest.fixture
def letters(tmp_path) -> Path:
    """Text and PDF letters in one folder."""
    folder = tmp_path / "letters"
    write_letters(6, folder, seed=5, fmt="txt")
    write_letters(3, folder / "pdf", seed=6, fmt="pdf")
    return folder


def audited_build(letters: Path, index_dir: Path, jobs: int, tmp_path: Path):
    """Run build_index in a child process under the audit hook; return its report counts, the
    number of letter-file opens per file, and how many parse workers ran the hook."""
    hook = tmp_path / "hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(SITECUSTOMIZE)
    log = tmp_path / "audit.log"
    log.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": str(hook), "AUDIT_LETTERS": str(letters.resolve()),
           "AUDIT_LOG": str(log)}
    run = subprocess.run(
        [sys.executable, "-c", BUILD, str(letters), str(index_dir), str(jobs)],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert run.returncode == 0, run.stderr
    lines = [line.split(" ", 2) for line in log.read_text().splitlines()]
    opens = Counter(Path(fields[2]) for fields in lines if fields[0] == "open")
    workers = sum(1 for fields in lines if fields[0] == "worker")
    return json.loads(run.stdout), opens, workers


def all_files(letters: Path) -> set[Path]:
    return {path.resolve() for path in letters.rglob("*") if path.is_file()}


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_full_build_reads_each_file_once(letters, tmp_path, jobs):
    report, opens, workers = audited_build(letters, tmp_path / "index", jobs, tmp_path)
    assert report["added"] + report["skipped"] == len(all_files(letters)) == 9
    assert report["added"] >= 7
    assert workers == jobs, "the hook runs in every parse worker (one with --jobs 1 too)"
    assert set(opens) == all_files(letters)
    assert set(opens.values()) == {1}, f"files read more than once: {opens}"


def test_an_incremental_build_reads_each_file_once_and_a_no_op_starts_no_worker(
    letters, tmp_path
):
    index_dir = tmp_path / "index"
    first, _opens, _workers = audited_build(letters, index_dir, 2, tmp_path)
    changed = sorted(letters.glob("*.txt"))[0]
    changed.write_text(changed.read_text() + "\nAddendum.\n")
    new = write_letters(7, tmp_path / "more", seed=5, fmt="txt")[-1]  # an id not yet used
    (letters / "new").mkdir()
    new.rename(letters / "new" / new.name)

    report, opens, workers = audited_build(letters, index_dir, 2, tmp_path)
    assert (report["added"], report["updated"]) == (1, 1)
    assert report["unchanged"] == first["added"] - 1
    assert workers == 2, "two changed files: parsed in the pool"
    assert set(opens) == all_files(letters) and set(opens.values()) == {1}

    again, opens, workers = audited_build(letters, index_dir, 2, tmp_path)
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, first["added"] + 1)
    assert workers == 0, "nothing changed: no parse worker is started"
    assert set(opens) == all_files(letters) and set(opens.values()) == {1}
