"""The relevance benchmark's figures: means overall and per kind, the worst queries, printed."""

from __future__ import annotations

from collections import defaultdict

from common import print_table
from relevance_metrics import Scores, mean_scores

RANKINGS = ("pack", "bm25", "best")
MIN_KIND_QUERIES = 5  # kinds with fewer queries are shown but not held to "pack >= BM25"
WORST_SHOWN = 10


def scores(result: dict, ranking: str) -> Scores:
    """One query's scores under a ranking, from its JSON form."""
    found = result[ranking]
    return Scores(found["p@5"], found["p@10"], found["hit@5"])


def aggregate(results: list[dict]) -> dict:
    """Mean scores of the judged queries (those with a relevant candidate), overall and per
    kind, with the pack's P@5 as a share of the best possible."""
    judged = [result for result in results if result["relevant"]]
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for result in judged:
        by_kind[result["kind"]].append(result)
    groups = {"overall": judged, **dict(sorted(by_kind.items(), key=lambda kv: -len(kv[1])))}
    return {
        "queries": len(results),
        "judged_queries": len(judged),
        "unjudged_queries": [r["query"] for r in results if not r["relevant"]],
        "pack_errors": [r["query"] for r in results if r["pack_error"]],
        "groups": {name: group_figures(members) for name, members in groups.items()},
    }


def group_figures(members: list[dict]) -> dict:
    """A group's means per ranking, the pack/best ratio at P@5 and whether pack >= BM25."""
    means = {ranking: mean_scores(scores(r, ranking) for r in members) for ranking in RANKINGS}
    best_p5 = means["best"].p5
    return {
        "queries": len(members),
        **{ranking: means[ranking].as_dict() for ranking in RANKINGS},
        "pack_share_of_best_p@5": round(means["pack"].p5 / best_p5, 4) if best_p5 else None,
        "pack_at_least_bm25_p@5": means["pack"].p5 >= means["bm25"].p5 - 1e-9,
    }


def worst_queries(results: list[dict]) -> list[dict]:
    """The judged queries where the pack does worst: lowest P@5, then furthest below the best."""
    judged = [result for result in results if result["relevant"]]
    return sorted(judged, key=lambda r: (r["pack"]["p@5"], r["pack"]["p@5"] - r["best"]["p@5"],
                                         r["query"]))[:WORST_SHOWN]


def print_report(summary: dict, requests: dict[str, str]) -> None:
    """Print the figures as tables, then the worst queries with their top precedents."""
    figures = summary["figures"]
    print(f"Relevance over {summary['letters']} real letters, {summary['items']} items "
          f"(commit {summary['commit']}, corpus {summary['corpus_version']}): "
          f"{figures['judged_queries']} queries with a "
          f"relevant candidate in another letter; {len(figures['unjudged_queries'])} without one "
          "are left out of every average.")
    if figures["pack_errors"]:
        print(f"The pack path refused {len(figures['pack_errors'])} queries (scored as empty).")
    rows = []
    for name, group in figures["groups"].items():
        held = group["queries"] >= MIN_KIND_QUERIES or name == "overall"
        verdict = ("yes" if group["pack_at_least_bm25_p@5"] else "NO") if held else "-"
        share = group["pack_share_of_best_p@5"]
        rows.append([name, group["queries"],
                     *(f"{group[r]['p@5']:.2f}" for r in RANKINGS),
                     f"{group['pack']['p@10']:.2f}", f"{group['bm25']['p@10']:.2f}",
                     f"{group['best']['p@10']:.2f}",
                     f"{group['pack']['hit@5']:.2f}", f"{group['bm25']['hit@5']:.2f}",
                     f"{share:.2f}" if share is not None else "-", verdict])
    print()
    print_table(["kind", "queries", "pack P@5", "BM25 P@5", "best P@5", "pack P@10",
                 "BM25 P@10", "best P@10", "pack hit@5", "BM25 hit@5", "pack/best P@5",
                 "pack >= BM25"], rows)
    agreement = summary["manual_agreement"]
    if agreement["pairs"]:
        print(f"\nRules against manual judgments: {agreement['agreed']}/{agreement['pairs']} "
              f"pairs agree; differing: {', '.join(agreement['differing']) or 'none'}")
    print(f"\nThe {WORST_SHOWN} worst queries for the pack ranking:")
    for result in worst_queries(summary["queries"]):
        print(f"\n{result['query']} [{result['kind']}] P@5 {result['pack']['p@5']:.2f} "
              f"(best {result['best']['p@5']:.2f}, BM25 {result['bm25']['p@5']:.2f}, "
              f"{result['relevant']} relevant): {requests[result['query']]}")
        for ref, hit in zip(result["pack_top"][:5], result["pack_top_relevant"], strict=False):
            print(f"   {'+' if hit else '-'} {ref}: {requests[ref][:90]}")
