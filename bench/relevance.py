"""Relevance benchmark of precedent packs over the shared real letters (issue 12).

Usage: .venv/bin/python bench/relevance.py [--letters DIR] [--rejudge]

Every disputed item's request of the real letters (../shared/letters/dwc) is a query, ranked
against the other letters (its own letter left out) by (a) the pack ranking through the public
pack path, `build_pack(corpus, ReportParams(request=...), ...)`, (b) plain BM25 over the request
texts (SQLite FTS5) and (c) the best possible ranking. Relevance comes from
`bench/relevance_judgments.json` (the rules of `bench/relevance_rules.py`; `--rejudge`
recomputes it from the letters). Queries with no relevant candidate in the other letters are
left out of every average (all three rankings alike) and counted. Prints P@5, P@10 and hit@5
overall and per kind, and the 10 worst queries; writes var/bench/relevance-latest.json.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from pathlib import Path

from common import BENCH_DIR, ROOT, write_json
from relevance_judgments import (
    Entry,
    agreement,
    item_ref,
    judge_all,
    load_judgments,
    rejudged_manual,
    save_judgments,
)
from relevance_metrics import best_scores, scores_of
from relevance_rankers import Bm25Ranking, pack_ranking
from relevance_report import aggregate, print_report

from indexer.build import build_index
from indexer.engine import MAX_DEPTH, NEWEST, Corpus, SearchQuery

DEFAULT_LETTERS = ROOT.parent / "shared" / "letters" / "dwc"
DEPTH = 10


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit 2 when the shared letters are absent."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=Path, default=DEFAULT_LETTERS)
    parser.add_argument("--rejudge", action="store_true",
                        help="recompute the judgments file from the letters with the rules")
    args = parser.parse_args(argv)
    if not args.letters.is_dir() or not any(args.letters.glob("*.pdf")):
        print(f"{args.letters} is absent or holds no PDF letters: the relevance benchmark needs "
              "the shared real letters (kept outside the repository, ../shared/letters/dwc).",
              file=sys.stderr)
        return 2
    index_dir = cached_index(args.letters)
    corpus = Corpus.open(index_dir)
    entries = corpus_entries(corpus)
    judgments = load_judgments()
    if args.rejudge or not judgments:
        manual = rejudged_manual(judgments.get("manual", []), entries)
        save_judgments(judge_all(entries), manual)
        judgments = load_judgments()
    results = run_queries(corpus, entries, judgments["queries"])
    summary = {"commit": checkout_commit(), "index": index_dir.name,
               "corpus_version": corpus.version, "letters": corpus.letters,
               "items": len(entries), "figures": aggregate(results), "queries": results,
               "manual_agreement": agreement_summary(judgments.get("manual", []))}
    print_report(summary, {entry.ref: entry.request for entry in entries})
    path = write_json("relevance", summary)
    print(f"\nwritten {path.relative_to(ROOT)} (and relevance-latest.json)")
    return 0


def cached_index(letters: Path) -> Path:
    """An index of the letters built by the project's own build, cached under var/bench/ and
    keyed by the indexing code and the letter files, so a re-run with the same code is quick."""
    index_dir = BENCH_DIR / f"relevance-index-{index_key(letters)}"
    if not (index_dir / ".complete").exists():
        print(f"indexing {letters} into {index_dir.relative_to(ROOT)} ...", file=sys.stderr)
        report = build_index([letters], index_dir, rebuild=True)
        for path, reason in report.skipped:
            print(f"skipped {path}: {reason}", file=sys.stderr)
        (index_dir / ".complete").write_text(report.corpus_version)
    return index_dir


def index_key(letters: Path) -> str:
    """A digest of the indexer's source files and the letter files' names and sizes."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "indexer").rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode() + path.read_bytes())
    for path in sorted(letters.glob("*.pdf")):
        digest.update(f"{path.name} {path.stat().st_size}\n".encode())
    return digest.hexdigest()[:12]


def checkout_commit() -> str:
    """The checkout's commit (the corpus version names the letters, not the ranking's code)."""
    found = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                           capture_output=True, text=True, check=False)
    return found.stdout.strip() or "unknown"


def corpus_entries(corpus: Corpus) -> list[Entry]:
    """Every item of the corpus, in case number and item order."""
    hits = corpus.search(SearchQuery(sort=NEWEST, per_page=MAX_DEPTH)).hits
    entries = [Entry(item_ref(hit.case_number or hit.letter_id, hit.number), hit.letter_id,
                     hit.number, hit.request) for hit in hits]
    return sorted(entries, key=lambda entry: (entry.letter_id, entry.number))


def run_queries(corpus: Corpus, entries: list[Entry], judged: dict[str, dict]) -> list[dict]:
    """Rank every query by each ranking and score it against its relevant candidates."""
    bm25 = Bm25Ranking(entries)
    refs = {(entry.letter_id, entry.number): entry.ref for entry in entries}
    results = []
    for number, entry in enumerate(entries, 1):
        if number % 50 == 0:
            print(f"  {number}/{len(entries)} queries ranked", file=sys.stderr)
        relevant = set(judged[entry.ref]["relevant"])
        pack, error = pack_ranking(corpus, entry, refs, DEPTH)
        bm25_top = bm25.rank(entry, DEPTH)
        results.append({
            "query": entry.ref, "kind": judged[entry.ref]["kind"], "relevant": len(relevant),
            "pack_error": error, "pack_top": pack, "bm25_top": bm25_top,
            "pack": scores_of(pack, relevant).as_dict(),
            "bm25": scores_of(bm25_top, relevant).as_dict(),
            "best": best_scores(len(relevant)).as_dict(),
            "pack_top_relevant": [ref in relevant for ref in pack],
        })
    return results


def agreement_summary(manual: list[dict]) -> dict:
    """How often the rules agree with the manual judgments, and where they differ."""
    agreed, differing = agreement(manual)
    return {"pairs": len(manual), "agreed": agreed,
            "differing": [f"{row['query']} / {row['candidate']}" for row in differing]}


if __name__ == "__main__":
    sys.exit(main())
