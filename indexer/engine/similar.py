"""Precedent ranking for packs: the past items most like a new treatment request.

Items are taken in tiers: same treatment and body part, then same treatment, then same body
part, then the rest, so the category and body part outweigh any wording. Within a tier an item
scores its text similarity to the request: the idf of each request word found in its request
(weighted 1.5), its rationale (1.0) and its letter's summary (0.4), scaled to 0..1 within the
tier; then smaller bonuses for a shared guideline, a close number of sessions and the patient's
sex and age band. Word presence comes from the engine's cached per-term bitsets, so a ranking
costs one pass over the tier's matching postings, not a Whoosh scoring run over the corpus.
Ties break by letter id and item order, so the same request over the same corpus gives the
same list.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from whoosh.analysis import STOP_WORDS

from indexer.engine.documents import facet_value, facet_values
from indexer.engine.facets import bits_of, docnums_of
from indexer.engine.schema import TEXT_ANALYZER
from indexer.engine.search import Corpus
from indexer.letters.records import Item, Letter
from indexer.limits import MAX_PRECEDENTS
from indexer.vocab.values import age_band

MAX_QUERY_WORDS = 40
FILL_SCAN_LIMIT = 2000  # items sharing no word read per tier to fill a short list
FIELD_WEIGHTS = {"request": 1.5, "rationale": 1.0, "summary": 0.4}
TIER_WEIGHT = 10.0
# (rank, same treatment, same body part), most similar first
TIERS = ((3, True, True), (2, True, False), (1, False, True), (0, False, False))
GUIDELINE_BONUS, SESSIONS_BONUS, SEX_BONUS, AGE_BONUS = 0.3, 0.2, 0.05, 0.05
# Whoosh's stop words plus function words that say nothing about a treatment.
IGNORED_WORDS = STOP_WORDS | frozenset((
    "after", "also", "been", "before", "but", "did", "does", "during", "each", "had", "has",
    "her", "his", "into", "its", "just", "more", "most", "no", "nor", "only", "other", "over",
    "per", "she", "so", "some", "such", "than", "then", "there", "their", "they", "this",
    "those", "under", "very", "was", "were", "which", "who",
))


@dataclass(frozen=True)
class SimilarRequest:
    """What a new request is about; empty values are not compared."""

    text: str
    facts: str = ""
    treatment: str = ""
    body_part: str = ""
    guideline: str = ""
    sessions: int | None = None
    age: int | None = None
    sex: str = ""
    decisions: tuple[str, ...] = ()  # outcomes to include; empty = both
    n: int = 20


@dataclass
class SimilarItem:
    """A precedent: the item, its letter, its score and why it was picked."""

    letter: Letter
    item: Item
    score: float
    reasons: list[str] = field(default_factory=list)

    @property
    def item_id(self) -> str:
        """The item's index id, "<letter id>-<number>"."""
        return f"{self.letter.id}-{self.item.number}"


@dataclass
class _Candidate:
    docnum: int
    order: tuple[str, int]  # (letter id, docnum): the tie-break
    score: float
    stored: dict
    reasons: list[str] = field(default_factory=list)


def find_similar(corpus: Corpus, wanted: SimilarRequest) -> list[SimilarItem]:
    """Return the `wanted.n` (at most 100) items most similar to the request, best first."""
    limit = max(0, min(wanted.n, MAX_PRECEDENTS))
    with corpus.reading() as (searcher, bits):  # raises IndexUnavailable for a damaged index
        ranking = _Ranking(searcher, bits, wanted)
        chosen: list[_Candidate] = []
        for rank, members in ranking.tiers():
            if len(chosen) >= limit:
                break
            chosen.extend(ranking.best_of_tier(rank, members, limit - len(chosen)))
        return [_similar_item(corpus, found) for found in chosen]


def _similar_item(corpus: Corpus, found: _Candidate) -> SimilarItem:
    letter = corpus.letter(found.stored["letter_id"])
    item = next(entry for entry in letter.items if entry.number == found.stored["number"])
    return SimilarItem(letter, item, found.score, found.reasons)


class _Ranking:
    """One ranking run over an open searcher and its facet bitsets."""

    def __init__(self, searcher, bits, wanted: SimilarRequest):
        self.searcher, self.bits, self.wanted = searcher, bits, wanted
        self.words = query_words(f"{wanted.text} {wanted.facts}")
        self.word_weights = self._word_weights()
        self.letter_ids = searcher.reader().column_reader("letter_id")

    def tiers(self) -> Iterator[tuple[int, int]]:
        """Yield (rank, item bitset) from the most to the least similar tier."""
        pool = self.bits.items
        if self.wanted.decisions:
            pool &= self.bits.selection("decision", self.wanted.decisions)
        treatment = self._having("treatment", self.wanted.treatment)
        part = self._having("body_part", self.wanted.body_part)
        for rank, with_treatment, with_part in TIERS:
            members = pool & (treatment if with_treatment else ~treatment)
            yield rank, members & (part if with_part else ~part)

    def _having(self, facet: str, value: str) -> int:
        return self.bits.selection(facet, (value,)) if value else 0

    def _word_weights(self) -> list[tuple[int, float]]:
        """(items holding a request word in a field, field weight × the word's idf there)."""
        weights = []
        for stem in self.words:
            for name, weight in FIELD_WEIGHTS.items():
                holders = self.bits.term_bits(name, stem)
                if name == "summary":  # held by letter documents: reach their items
                    holders = self.bits.children_of(holders) if holders else 0
                if holders:
                    weights.append((holders, weight * self.searcher.idf(name, stem)))
        return weights

    def best_of_tier(self, rank: int, members: int, wanted_count: int) -> list[_Candidate]:
        """Return the best `wanted_count` items of one tier, scored and explained."""
        if not members or wanted_count <= 0:
            return []
        size = max(3 * wanted_count, 50)  # re-ranked by the bonuses
        scores = self._text_scores(members)
        pool = self._best(scores, size)
        if len(pool) < size:
            pool += self._unmatched(members & ~bits_of(scores, self.bits.size), size - len(pool))
        top = scores[pool[0]] if scores else 1.0
        candidates = [self._candidate(d, rank * TIER_WEIGHT + scores.get(d, 0.0) / top)
                      for d in pool]
        candidates.sort(key=lambda found: (-round(found.score, 6), found.order))
        return candidates[:wanted_count]

    def _text_scores(self, members: int) -> dict[int, float]:
        """The text score of each tier member sharing a word with the request."""
        scores: dict[int, float] = defaultdict(float)
        for holders, weight in self.word_weights:
            for docnum in docnums_of(holders & members):
                scores[docnum] += weight
        return scores

    def _best(self, scores: dict[int, float], size: int) -> list[int]:
        """The `size` best-scoring items, ties broken by letter order."""
        if len(scores) > size:
            cutoff = heapq.nlargest(size, scores.values())[-1]
            scores = {docnum: score for docnum, score in scores.items() if score >= cutoff}
        return sorted(scores, key=lambda docnum: (-scores[docnum], self._order(docnum)))[:size]

    def _unmatched(self, members: int, count: int) -> list[int]:
        """Items sharing no word: the first `count` in letter order among the first
        FILL_SCAN_LIMIT in index order (so a huge tier costs no more than that)."""
        docnums = sorted(islice(docnums_of(members), FILL_SCAN_LIMIT), key=self._order)
        return docnums[:count]

    def _order(self, docnum: int) -> tuple[str, int]:
        return self.letter_ids[docnum], docnum

    def _candidate(self, docnum: int, base_score: float) -> _Candidate:
        found = _Candidate(docnum, self._order(docnum), base_score,
                           self.searcher.stored_fields(docnum))
        found.score += explain(found.stored, self.wanted, self.words, found.reasons)
        return found


def explain(stored: dict, wanted: SimilarRequest, words: dict[str, str],
            reasons: list[str]) -> float:
    """Append why an item (its stored fields) was picked to `reasons`; return its bonus."""
    bonus = 0.0
    if wanted.treatment and facet_value(stored.get("treatment", "")) == wanted.treatment:
        reasons.append(f"same treatment ({wanted.treatment})")
    if wanted.body_part and wanted.body_part in facet_values(stored.get("body_part")):
        reasons.append(f"same body part ({wanted.body_part})")
    cited = facet_values(stored.get("guideline")) + facet_values(stored.get("ca_guideline"))
    if wanted.guideline and wanted.guideline in cited:
        bonus += GUIDELINE_BONUS
        reasons.append(f"cites {wanted.guideline}")
    requested = stored.get("sessions")
    if wanted.sessions and requested:
        bonus += SESSIONS_BONUS * min(wanted.sessions, requested) / max(wanted.sessions, requested)
        reasons.append(f"{requested} sessions requested (vs. {wanted.sessions})")
    if wanted.sex and stored.get("sex") == wanted.sex:
        bonus += SEX_BONUS
        reasons.append(f"patient also {wanted.sex}")
    band = age_band(wanted.age)
    if band and stored.get("age_band") == band:
        bonus += AGE_BONUS
        reasons.append(f"patient also aged {band}")
    shared = matching_terms(f"{stored.get('request', '')} {stored.get('rationale', '')}", words)
    if shared:
        reasons.append("matching terms: " + ", ".join(shared))
    return bonus


def query_words(text: str) -> dict[str, str]:
    """Return the request's index words (stems, no stop words) -> the word as the user wrote it."""
    words: dict[str, str] = {}
    for token in TEXT_ANALYZER(text, positions=False, chars=True):
        if token.text in IGNORED_WORDS or len(token.text) < 2 or token.text.isdigit():
            continue
        original = text[token.startchar:token.endchar].lower()
        words.setdefault(token.text, original)
        if len(words) >= MAX_QUERY_WORDS:
            break
    return words


def matching_terms(text: str, words: dict[str, str], limit: int = 8) -> list[str]:
    """The request's words (as the user wrote them) that occur in `text`, in request order."""
    present = {token.text for token in TEXT_ANALYZER(text, positions=False)}
    return [original for stem, original in words.items() if stem in present][:limit]
