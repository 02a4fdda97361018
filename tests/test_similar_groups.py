"""The grouped precedent ranking (`similar_scores.py`) lists exactly what scoring every
candidate one by one lists: same items, same order, same scores. With the read budget lifted
both are exact, so any slip in splitting the groups, bounding them or merging their items
shows here."""

from __future__ import annotations

import random

import pytest

from indexer.engine import similar_scores
from indexer.engine.facets import docnums_of
from indexer.engine.search import Corpus
from indexer.engine.similar import SimilarRequest
from indexer.engine.similar_scores import CONFIDENT_SHARE, FILL_SCAN_LIMIT, Group, Ranking
from indexer.vocab import BODY_PARTS, TREATMENTS

WORDS = [
    "physical", "therapy", "sessions", "lumbar", "cervical", "knee", "shoulder", "MRI", "Norco",
    "tramadol", "gabapentin", "injection", "epidural", "surgery", "post-operative", "12", "8",
    "6", "10/325", "mg", "#90", "chiropractic", "acupuncture", "hand", "wrist", "left", "right",
    "pain",
]  # fmt: skip


def random_requests(count: int, seed: int) -> list[SimilarRequest]:
    """Requests mixing every feature the ranking reads, known and unknown treatments alike."""
    rng = random.Random(seed)
    return [
        SimilarRequest(
            text=" ".join(rng.sample(WORDS, rng.randint(1, 6))),
            facts=rng.choice(["", "had surgery on the knee", "chronic low back pain"]),
            treatment=rng.choice(["", "other", "physical therapy", "opioid",
                                  *rng.sample(TREATMENTS, 2)]),
            drug=rng.choice(["", "hydrocodone/acetaminophen", "tramadol", "gabapentin"]),
            body_parts=tuple(rng.sample(BODY_PARTS, rng.randint(0, 2))),
            guideline=rng.choice(["", "MTUS", "ODG"]),
            sessions=rng.choice([None, 6, 12]),
            age=rng.choice([None, 30, 55]),
            sex=rng.choice(["", "male", "female"]),
            decisions=rng.choice([(), ("Upheld",), ("Overturned",)]),
            n=rng.choice([1, 5, 25, 100]),
        )
        for _ in range(count)
    ]


def one_by_one(ranking: Ranking, limit: int) -> list[tuple]:
    """Every candidate scored and read on its own, then sorted: the reference."""
    bits = ranking.bits
    level_of = {docnum: level for level, members in ranking.levels
                for docnum in docnums_of(members)}
    any_part = bits.selection("body_part", BODY_PARTS)
    bonuses = ranking._bonus_sets_of()

    def group_of(docnum: int, filler: bool = False) -> Group:
        share = None
        for stem, idf in ranking.word_idf.items():
            if bits.term_bits("request", stem) >> docnum & 1:
                share = (share or 0.0) + idf / ranking.total_idf
        parts = tuple(part for part in ranking.near_parts
                      if bits.selection("body_part", (part,)) >> docnum & 1)
        return Group(0, level_of.get(docnum), filler, share, parts,
                     bool(parts) or bool(any_part >> docnum & 1))

    def read(docnums, close: bool, filler: bool = False) -> list:
        found = []
        for docnum in docnums:
            group = group_of(docnum, filler)
            score = ranking.partial(group)
            if score is None:
                continue
            score += sum(bonus for members, bonus in bonuses if members >> docnum & 1)
            found.append(ranking._scored(docnum, score, group, close))
        return sorted(found, key=lambda scored: scored.key)

    if ranking.by_text:
        pool = list(docnums_of(ranking.pool))
        alike = {docnum for docnum in pool if (group_of(docnum).share or 0.0) >= CONFIDENT_SHARE}
        close = read(sorted(alike), True)
        padding = read([docnum for docnum in pool if docnum not in alike], False)
    else:
        close = read(level_of, True)
        others = [docnum for docnum in docnums_of(ranking.pool) if docnum not in level_of]
        padding = read(others, False)
        unscored = [docnum for docnum in others
                    if docnum not in {s.docnum for s in padding}][:FILL_SCAN_LIMIT]
        padding = sorted(padding + read(unscored, False, filler=True), key=lambda s: s.key)
    listed = close[:limit] + padding[:max(0, limit - len(close))]
    return [(s.docnum, s.key, round(s.score, 9), s.close) for s in listed]


@pytest.fixture
def unbounded_reads(monkeypatch):
    """The read budget lifted: the grouped ranking is then exact, as the reference is."""
    monkeypatch.setattr(similar_scores, "MIN_READS", 10**9)


@pytest.mark.parametrize("wanted", random_requests(40, seed=14), ids=lambda w: w.text)
def test_groups_rank_as_one_by_one(engine_index_dir, unbounded_reads, wanted):
    with Corpus.open(engine_index_dir).reading() as (searcher, bits):
        grouped = Ranking(searcher, bits, wanted).best(wanted.n)
        expected = one_by_one(Ranking(searcher, bits, wanted), wanted.n)
    assert [(s.docnum, s.key, round(s.score, 9), s.close) for s in grouped] == expected


def test_the_requests_reach_every_path(engine_index_dir):
    """The requests above rank by treatment and by words, fill short lists and read bonuses."""
    paths = set()
    with Corpus.open(engine_index_dir).reading() as (searcher, bits):
        for wanted in random_requests(40, seed=14):
            ranking = Ranking(searcher, bits, wanted)
            found = ranking.best(wanted.n)
            paths.add("words" if ranking.by_text else "treatment")
            paths.update({"padding" for s in found if not s.close})
            paths.update({"close" for s in found if s.close})
    assert paths == {"words", "treatment", "padding", "close"}
