"""Incremental builds over real files: counts, re-indexing, pruning, bad files, kills, locks."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import pytest
from corpus_copies import indexed_copy
from whoosh.query import Term

from indexer.build import build_index
from indexer.engine import generations, store
from indexer.engine.documents import facet_value, facet_values
from indexer.errors import IndexUnavailable, IndexWriteError, LetterError
from indexer.letters.parse import read_letter
from indexer.synth import write_letters


def stored_documents(index_dir: Path) -> list[dict]:
    """Every live document's stored fields, in a stable order."""
    with store.open_index(index_dir).searcher() as searcher:
        documents = [dict(fields) for fields in searcher.all_stored_fields()]
    return sorted(documents, key=lambda doc: (doc["letter_id"], doc.get("item_id", "")))


def index_counts(index_dir: Path) -> dict[str, Counter]:
    """Item counts per decision, treatment and specialty, read back from the index."""
    counts = {"letters": Counter(), "decision": Counter(), "treatment": Counter(),
              "specialty": Counter()}
    for document in stored_documents(index_dir):
        if "item_id" not in document:
            counts["letters"][document["letter_id"]] += 1
            continue
        counts["decision"][facet_value(document["decision"])] += 1
        counts["treatment"][facet_value(document["treatment"])] += 1
        counts["specialty"].update(facet_values(document.get("specialty")))
    return counts


def parsed_counts(letters) -> dict[str, Counter]:
    """The same counts computed from the parser's output alone."""
    counts = {"letters": Counter(letter.id for letter in letters)}
    items = [(letter, item) for letter in letters for item in letter.items]
    counts["decision"] = Counter(item.decision for _letter, item in items)
    counts["treatment"] = Counter(item.treatment for _letter, item in items)
    counts["specialty"] = Counter(
        specialty
        for letter, _item in items
        for specialty in dict.fromkeys(letter.reviewer.specialties)
    )
    return counts


def parse_folder(folder: Path) -> tuple[list, list[str]]:
    letters, failures = [], []
    for path in sorted(folder.rglob("*")):
        try:
            letters.append(read_letter(path))
        except LetterError:
            failures.append(str(path))
    return letters, failures


def test_the_fixture_index_counts_what_the_parser_read(index_dir, fixture_letters):
    assert index_counts(index_dir) == parsed_counts(fixture_letters)
    info = store.corpus_info(store.open_index(index_dir))
    assert info.letters == len(fixture_letters)
    assert info.items == sum(len(letter.items) for letter in fixture_letters)


@pytest.mark.parametrize("folder_fixture", ["seeds_dir", "dwc_dir"])
def test_real_letters_are_indexed_exactly(request, tmp_path, folder_fixture):
    folder = request.getfixturevalue(folder_fixture)
    letters, failures = parse_folder(folder)
    report = build_index([folder], tmp_path / "index", jobs=2)
    assert sorted(path for path, _reason in report.skipped) == failures
    assert report.added == len(letters) and report.items == sum(len(x.items) for x in letters)
    assert index_counts(tmp_path / "index") == parsed_counts(letters)


def good_letters(folder: Path, count: int, seed: int) -> list[Path]:
    """Write synthetic letters and keep those the parser reads (its own tests own the rest)."""
    paths = write_letters(count, folder, seed=seed, fmt="txt")
    _letters, failures = parse_folder(folder)
    for failure in failures:
        Path(failure).unlink()
    return [path for path in paths if str(path) not in failures]


@pytest.fixture
def letters_dir(tmp_path) -> Path:
    folder = tmp_path / "letters"
    good_letters(folder, 12, seed=3)
    return folder


def count(folder: Path) -> int:
    return len(list(folder.glob("*.txt")))


def test_an_unchanged_corpus_is_not_reindexed(letters_dir, tmp_path):
    index_dir = tmp_path / "index"
    first = build_index([letters_dir], index_dir, jobs=1)
    assert (first.added, first.unchanged, first.exit_status) == (count(letters_dir), 0, 0)
    generation = store.open_index(index_dir).latest_generation()
    again = build_index([letters_dir], index_dir, jobs=1)
    assert (again.added, again.updated, again.unchanged, again.items) == (
        0, 0, count(letters_dir), 0)
    assert store.open_index(index_dir).latest_generation() == generation
    assert again.corpus_version == first.corpus_version


def test_a_changed_file_alone_is_reindexed(letters_dir, tmp_path):
    index_dir = tmp_path / "index"
    first = build_index([letters_dir], index_dir, jobs=1)
    before = {doc.get("item_id", doc["letter_id"]): doc for doc in stored_documents(index_dir)}
    changed = sorted(letters_dir.glob("*.txt"))[4]
    changed.write_text(changed.read_text() + "\n")
    report = build_index([letters_dir], index_dir, jobs=1)
    assert (report.added, report.updated, report.unchanged) == (0, 1, count(letters_dir) - 1)
    after = {doc.get("item_id", doc["letter_id"]): doc for doc in stored_documents(index_dir)}
    differing = {key for key in after if after[key] != before.get(key)}
    assert differing == {read_letter(changed).id}, "only the changed letter's record differs"
    assert report.corpus_version != first.corpus_version, "the file's hash is in the version"


def test_a_deleted_file_is_removed_only_with_prune(letters_dir, tmp_path):
    index_dir = tmp_path / "index"
    build_index([letters_dir], index_dir, jobs=1)
    deleted = sorted(letters_dir.glob("*.txt"))[0]
    letter_id = read_letter(deleted).id
    deleted.unlink()
    kept = build_index([letters_dir], index_dir, jobs=1)
    assert kept.removed == 0 and letter_id in index_counts(index_dir)["letters"]
    assert any("--prune" in note for note in kept.notes)
    pruned = build_index([letters_dir], index_dir, jobs=1, prune=True)
    assert pruned.removed == 1 and letter_id not in index_counts(index_dir)["letters"]


def test_builds_are_idempotent_and_parallel_parsing_changes_nothing(letters_dir, tmp_path):
    one = build_index([letters_dir], tmp_path / "one", jobs=1)
    two = build_index([letters_dir], tmp_path / "two", jobs=2)
    assert stored_documents(tmp_path / "one") == stored_documents(tmp_path / "two")
    assert one.corpus_version == two.corpus_version


def test_bad_files_are_reported_and_good_letters_indexed(letters_dir, tmp_path):
    mixed = tmp_path / "mixed"
    shutil.copytree(letters_dir, mixed / "nested")
    (mixed / "notes.txt").write_text("Shopping list: milk, eggs.\n")
    (mixed / "empty.pdf").write_bytes(b"")
    (mixed / "text-posing.pdf").write_text("not a pdf at all")
    (mixed / "metadata.json").write_text("{}")  # not a letter suffix: ignored silently
    copy = mixed / "zz-copy.txt"
    shutil.copy(sorted(letters_dir.glob("*.txt"))[0], copy)
    report = build_index([mixed, tmp_path / "absent"], tmp_path / "index", jobs=2)
    assert report.added == count(letters_dir) and report.exit_status == 1
    reasons = dict(report.skipped)
    assert set(reasons) == {
        str(mixed / "notes.txt"), str(mixed / "empty.pdf"), str(mixed / "text-posing.pdf"),
        str(copy), str(tmp_path / "absent"),
    }
    assert reasons[str(copy)].startswith("duplicate of ")
    assert all(reason for reason in reasons.values())
    assert len(index_counts(tmp_path / "index")["letters"]) == count(letters_dir)


def test_rebuild_swaps_in_a_new_generation(letters_dir, tmp_path):
    index_dir = tmp_path / "index"
    first = build_index([letters_dir], index_dir, jobs=1)
    before = index_dir.resolve()
    rebuilt = build_index([letters_dir], index_dir, jobs=1, rebuild=True)
    assert index_dir.resolve() != before and before.exists()
    assert (rebuilt.updated, rebuilt.added, rebuilt.removed) == (count(letters_dir), 0, 0)
    assert rebuilt.corpus_version == first.corpus_version


def test_a_corrupt_index_needs_a_rebuild_which_repairs_it(letters_dir, tmp_path):
    index_dir = tmp_path / "index"
    build_index([letters_dir], index_dir, jobs=1)
    for toc in index_dir.resolve().glob("*.toc"):
        toc.write_bytes(b"garbage")
    with pytest.raises(IndexUnavailable, match="rebuild"):
        build_index([letters_dir], index_dir, jobs=1)
    report = build_index([letters_dir], index_dir, jobs=1, rebuild=True)
    assert report.added == count(letters_dir)
    assert store.corpus_info(store.open_index(index_dir)).letters == count(letters_dir)


def test_a_second_build_waits_then_names_the_running_one(letters_dir, tmp_path):
    index_dir = tmp_path / "index"
    with generations.build_lock(index_dir), pytest.raises(IndexWriteError, match="pid "):
        build_index([letters_dir], index_dir, jobs=1, lock_wait=0.2)


# The child plays a build run from a terminal, where Ctrl-C raises KeyboardInterrupt. A
# background job of a non-interactive shell (`pytest ... &` in a script or CI step) starts with
# SIGINT ignored, and Python keeps an inherited SIG_IGN, so the child restores the handler itself.
BUILD_AND_REPORT_PROGRESS = textwrap.dedent(
    """
    import signal
    import sys
    from pathlib import Path
    from indexer.build import build_index
    signal.signal(signal.SIGINT, signal.default_int_handler)
    def progress(done, total):
        print(done, flush=True)
    build_index([Path(sys.argv[1])], Path(sys.argv[2]), jobs=int(sys.argv[4]),
                rebuild=sys.argv[3] == "rebuild", progress=progress)
    """
)


@pytest.fixture(scope="module")
def many_letters(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    good_letters(folder, 300, seed=11)
    return folder


def matching_items(index_dir: Path) -> list[str]:
    with store.open_index(index_dir).searcher() as searcher:
        hits = searcher.search(Term("decision", "Overturned"), limit=None)
        return sorted(hit["item_id"] for hit in hits)


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def wait_until_gone(pids: list[int]) -> list[int]:
    """Poll (bounded) until the processes have exited; return those still alive."""
    for _attempt in range(100):
        alive = [pid for pid in pids if Path(f"/proc/{pid}").exists()]
        if not alive:
            break
        time.sleep(0.1)
    return alive


@pytest.mark.parametrize(
    ("mode", "sig", "jobs"),
    [
        ("incremental", signal.SIGKILL, 1),
        ("rebuild", signal.SIGKILL, 1),
        ("incremental", signal.SIGINT, 1),
        ("incremental", signal.SIGKILL, 2),
    ],
    ids=["incremental-SIGKILL", "rebuild-SIGKILL", "incremental-SIGINT",
         "incremental-SIGKILL-2-jobs"],
)
def test_killing_a_build_leaves_the_previous_index(many_letters, tmp_path, mode, sig, jobs):
    index_dir = tmp_path / "index"
    indexed_copy(many_letters, tmp_path / "first", index_dir)
    version, overturned = store.corpus_version(index_dir), matching_items(index_dir)
    process = subprocess.Popen(
        [sys.executable, "-c", BUILD_AND_REPORT_PROGRESS, str(many_letters), str(index_dir), mode,
         str(jobs)],
        stdout=subprocess.PIPE, text=True,
    )
    for line in process.stdout:
        if int(line) >= 60:  # well into writing letters
            break
    workers = children(process.pid)
    process.send_signal(sig)
    process.wait(timeout=60)
    assert process.returncode != 0
    assert wait_until_gone(workers) == [], "parse workers die with the build"
    assert store.corpus_version(index_dir) == version
    assert matching_items(index_dir) == overturned
    previous = index_dir.resolve()
    report = build_index([many_letters], index_dir, jobs=2)
    assert (report.added, report.unchanged) == (count(many_letters) - 20, 20)
    kept = sorted(tmp_path.glob("index.gen-*"))
    assert kept == sorted([previous, index_dir.resolve()]), "a killed build's folder is removed"
    if sig == signal.SIGKILL:
        assert any("stale" in note for note in report.notes)


def test_a_build_run_from_a_script_on_stdin_parses_in_its_workers(letters_dir, tmp_path):
    script = (
        "import sys; from pathlib import Path; from indexer.build import build_index\n"
        f"print(build_index([Path({str(letters_dir)!r})], Path({str(tmp_path / 'i')!r}), jobs=2)"
        ".added)\n"
    )
    run = subprocess.run([sys.executable, "-"], input=script, capture_output=True, text=True,
                         timeout=120)
    assert run.stdout.strip() == str(count(letters_dir)), run.stderr
