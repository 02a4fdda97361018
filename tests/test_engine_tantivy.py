"""The tantivy engine's index on disk: chosen with `imr index --engine tantivy`, recorded in
its generation, opened by that engine, updated, rebuilt, locked and checked like Whoosh's."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from indexer import limits
from indexer.build import build_index
from indexer.engine import Corpus, SearchQuery, SimilarRequest, build_lock, find_similar, store
from indexer.engine.generations import ENGINE_FILE, engine_of, live_directory
from indexer.engine.schema import ITEM_KIND
from indexer.engine.tantivy_engine.store import kind_query
from indexer.errors import IndexUnavailable, IndexWriteError

IMR = str(Path(sys.executable).parent / "imr")
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def letters(tmp_path, fixture_letters_dir) -> Path:
    """A folder holding the first 8 fixture letters (tests add and change files in it)."""
    folder = tmp_path / "letters"
    folder.mkdir()
    for path in sorted(fixture_letters_dir.glob("*.txt"))[:8]:
        shutil.copy(path, folder)
    return folder


def test_imr_index_engine_tantivy_builds_an_index_that_says_so(tmp_path, letters):
    index = tmp_path / "index"
    done = subprocess.run([IMR, "index", str(letters), "--index", str(index), "--engine",
                           "tantivy"], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "8 added" in done.stdout
    assert (live_directory(index) / ENGINE_FILE).read_text() == "tantivy"
    corpus = Corpus.open(index)
    assert type(corpus).__name__ == "TantivyCorpus" and corpus.letters == 8
    assert corpus.version == store.corpus_version(index) in done.stdout
    whoosh = Corpus.open(build_index_at(tmp_path / "whoosh", letters))
    assert corpus.version == whoosh.version  # the version names the letters, not the engine
    assert corpus.search(SearchQuery("pain")).total == whoosh.search(SearchQuery("pain")).total


def build_index_at(index: Path, letters: Path, **options) -> Path:
    report = build_index([letters], index, jobs=1, **options)
    assert not report.skipped, report.skipped
    return index


def test_an_index_that_names_no_engine_is_whoosh(tmp_path, letters):
    index = build_index_at(tmp_path / "index", letters)
    assert not (live_directory(index) / ENGINE_FILE).exists()
    assert engine_of(index) == "whoosh" and type(Corpus.open(index)) is Corpus


def test_an_update_keeps_the_engine_and_only_a_rebuild_changes_it(tmp_path, letters,
                                                                   fixture_letters_dir):
    index = build_index_at(tmp_path / "index", letters, engine="tantivy")
    opened = Corpus.open(index)
    for path in sorted(fixture_letters_dir.glob("*.txt"))[8:12]:
        shutil.copy(path, letters)
    changed = sorted(letters.glob("*.txt"))[0]
    changed.write_text(changed.read_text().replace("medically necessary", "medically needed"))
    report = build_index([letters], index, jobs=1)
    assert (report.added, report.updated, report.unchanged) == (4, 1, 7)
    updated = opened.refreshed()
    assert type(updated).__name__ == "TantivyCorpus" and updated.letters == 12
    whoosh = Corpus.open(build_index_at(tmp_path / "whoosh", letters))
    assert (updated.version, updated.items) == (whoosh.version, whoosh.items)
    for text in ("medically necessary", '"medically needed"', ""):
        assert updated.search(SearchQuery(text)).total == whoosh.search(SearchQuery(text)).total
    with pytest.raises(IndexWriteError, match="built by tantivy, not whoosh: add --rebuild"):
        build_index([letters], index, jobs=1, engine="whoosh")
    assert engine_of(index) == "tantivy" and store.corpus_version(index) == updated.version
    build_index_at(index, letters, engine="whoosh", rebuild=True)
    rebuilt = updated.refreshed()
    assert type(rebuilt) is Corpus and rebuilt.version == updated.version


def test_a_fresh_build_records_the_letters_it_wrote_as_the_index_holds_them(tmp_path,
                                                                            fixture_letters):
    """corpus.json of a fresh build comes from the writer, not from reading the index back."""
    from indexer.engine.corpus_file import CORPUS_FILE
    from indexer.engine.tantivy_engine.store import open_tantivy, tantivy_corpus_info

    index = tmp_path / "index"
    first, second, third = fixture_letters[:3]
    with store.writing(index, fresh=True, engine="tantivy") as writer:
        for letter in (first, second, third, second):  # written twice: held once
            writer.put(letter)
        writer.remove(third.id)
    recorded = Corpus.open(index)
    assert (recorded.letters, recorded.items) == (2, len(first.items) + len(second.items))
    (live_directory(index) / CORPUS_FILE).unlink()
    read_back = tantivy_corpus_info(open_tantivy(index))
    assert (read_back.version, read_back.letters, read_back.items) == (
        recorded.version, recorded.letters, recorded.items)


def test_an_index_with_another_tantivy_schema_asks_for_a_rebuild(tmp_path, letters):
    import tantivy

    index = build_index_at(tmp_path / "index", letters, engine="tantivy")
    older = tantivy.SchemaBuilder()
    older.add_text_field("kind", tokenizer_name="raw")
    tantivy.Index(older.build(), path=str(live_directory(index)), reuse=False)
    with pytest.raises(IndexUnavailable, match=r"built by another version .* --rebuild"):
        Corpus.open(index)
    build_index_at(index, letters, rebuild=True, engine="tantivy")
    assert Corpus.open(index).letters == 8


def test_a_failed_tantivy_build_leaves_the_previous_index(tmp_path, letters, fixture_letters):
    index = build_index_at(tmp_path / "index", letters, engine="tantivy")
    version, live = store.corpus_version(index), live_directory(index)
    for fresh in (True, False):
        with pytest.raises(RuntimeError), store.writing(index, fresh=fresh) as writer:
            writer.put(fixture_letters[20])
            raise RuntimeError("killed")
        assert store.corpus_version(index) == version and live_directory(index) == live
    assert sorted(path.name for path in index.parent.glob("index.gen-*")) == [live.name]


def test_a_second_writer_waits_then_names_the_first(tmp_path, letters):
    index = build_index_at(tmp_path / "index", letters, engine="tantivy")
    with build_lock(index), pytest.raises(IndexWriteError, match="is being written by"):
        build_index([letters], index, jobs=1, rebuild=True, lock_wait=0.2)


def test_a_damaged_tantivy_index_is_unavailable_then_rebuilt(tmp_path, letters):
    from imr_site import create_app

    index = build_index_at(tmp_path / "index", letters, engine="tantivy")
    client = create_app({"TESTING": True, "INDEX_DIR": str(index)}).test_client()
    assert client.get("/search.json?q=pain").status_code == 200
    for segment_file in live_directory(index).glob("*.*"):
        if segment_file.suffix not in (".json", "") and segment_file.name != ENGINE_FILE:
            segment_file.write_bytes(segment_file.read_bytes()[:16])
    with pytest.raises(IndexUnavailable, match="is corrupt"):
        store.corpus_version(index)
    fresh_client = create_app({"TESTING": True, "INDEX_DIR": str(index)}).test_client()
    assert fresh_client.get("/search.json?q=pain").status_code == 503
    build_index_at(index, letters, rebuild=True)
    assert fresh_client.get("/search.json?q=pain").status_code == 200


def test_packs_rank_alike_after_updates_on_both_engines(tmp_path, letters, fixture_letters_dir):
    """Several segments and a deleted document on each engine: ordinals, idf and ties hold."""
    indexes = [build_index_at(tmp_path / engine, letters, engine=engine)
               for engine in ("whoosh", "tantivy")]
    for path in sorted(fixture_letters_dir.glob("*.txt"))[8:20]:
        shutil.copy(path, letters)
    changed = sorted(letters.glob("*.txt"))[1]
    changed.write_text(changed.read_text().replace("pain", "discomfort"))
    for index in indexes:
        assert build_index([letters], index, jobs=1).updated == 1
    whoosh, tantivy = (Corpus.open(index) for index in indexes)
    with tantivy.reading() as (_searcher, bits):  # deleted documents: the items read
        assert bits.items == bits._bits(kind_query(ITEM_KIND))
        assert bits._searcher.num_docs < bits.size
    for request in (SimilarRequest("physical therapy for the lumbar spine", n=15),
                    SimilarRequest("Norco 10/325 #90", treatment="opioid", n=40)):
        ranked = [[(found.item_id, round(found.score, 6), found.reasons)
                   for found in find_similar(corpus, request)] for corpus in (whoosh, tantivy)]
        assert ranked[0] and ranked[1] == ranked[0]


def test_a_pack_is_served_from_a_tantivy_index(tmp_path, letters):
    from imr_site import create_app

    index = build_index_at(tmp_path / "index", letters, engine="tantivy")
    client = create_app({"TESTING": True, "INDEX_DIR": str(index)}).test_client()
    response = client.get("/report.pdf?request=physical+therapy&n=5")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")


def test_searches_are_answered_while_a_pack_reads(tmp_path, letters):
    """A pack's ranking holds no lock that searches take: over a large index a first pack
    reads for seconds, and the worker's searches go on meanwhile."""
    corpus = Corpus.open(build_index_at(tmp_path / "index", letters, engine="tantivy"))
    answered = threading.Event()
    searching = threading.Thread(
        target=lambda: corpus.search(SearchQuery("pain")) and answered.set(), daemon=True)
    with corpus.reading() as (_searcher, bits):
        assert bits.items
        searching.start()
        assert answered.wait(timeout=30), "a search waited for the pack's ranking"
    searching.join()


def test_pack_bitsets_of_words_most_documents_hold_are_read_as_their_complement(tmp_path,
                                                                               letters):
    """A word most documents hold is read from tantivy as the documents without it: the same
    bitset as reading every holder."""
    from indexer.engine.tantivy_engine.translate import term

    corpus = Corpus.open(build_index_at(tmp_path / "index", letters, engine="tantivy"))
    with corpus.reading() as (_searcher, bits):
        words = [("summary", "the"), ("rationale", "the"), ("request", "for"),
                 ("summary", "lumbar"), ("request", "norco"), ("request", "nosuchword")]
        common = [word for word in words if bits._searcher.doc_freq(*word) * 2 > bits.size]
        assert 1 <= len(common) < len(words)
        for field, text in words:
            assert bits.term_bits(field, text) == bits._bits(term(field, text)), (field, text)
        assert bits.items == bits._bits(kind_query(ITEM_KIND))  # no deletions: all but letters


def test_auto_picks_the_engine_by_the_number_of_letters(tmp_path, letters, monkeypatch):
    small = build_index([letters], tmp_path / "small", jobs=1, engine="auto")
    assert engine_of(tmp_path / "small") == "whoosh"
    assert small.notes == [f"engine whoosh (8 letter files, Whoosh's limit "
                           f"{limits.WHOOSH_MAX_LETTERS:,})"]
    monkeypatch.setattr(limits, "WHOOSH_MAX_LETTERS", 5)  # as if the folder were a large one
    kept = build_index([letters], tmp_path / "small", jobs=1, engine="auto")
    assert engine_of(tmp_path / "small") == "whoosh" and kept.unchanged == 8
    assert kept.notes == ["engine whoosh kept (8 letter files, Whoosh's limit 5): "
                          "--rebuild would build it with tantivy"]
    build_index([letters], tmp_path / "small", jobs=1, engine="auto", rebuild=True)
    assert engine_of(tmp_path / "small") == "tantivy"
    assert Corpus.open(tmp_path / "small").letters == 8


def test_make_serve_builds_a_folder_of_letters_with_the_auto_engine():
    serve = re.search(r"^serve:.*?(?=^\S)", (ROOT / "Makefile").read_text(), re.M | re.S)[0]
    assert '$(VENV)/bin/imr index "$(LETTERS)" --index $(INDEX) --prune --engine $(ENGINE)' in serve
    assert re.search(r"^ENGINE \?= auto$", (ROOT / "Makefile").read_text(), re.M)
