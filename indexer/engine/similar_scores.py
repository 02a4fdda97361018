"""One precedent ranking run, in three steps: a partial score from the cached bitsets for every
candidate (treatment level, body parts, shared words); the tie-break bonuses for those that
could still make the list; the stored fields (sessions, figures, request length, letter body
parts) of the best, read until none of the unread can overtake the list. See `similar.py` for
what the scores mean."""

from __future__ import annotations

import bisect
import heapq
from dataclasses import dataclass, field
from functools import reduce
from itertools import islice
from typing import Literal

from indexer.engine.documents import facet_values
from indexer.engine.facets import Members, bits_of, docnums_of
from indexer.engine.schema import TEXT_ANALYZER
from indexer.engine.similar_reasons import SAME_DRUG, SAME_FAMILY, SAME_TREATMENT, Reasons
from indexer.engine.similar_words import (
    SURGICAL_SETTING_STEMS,
    numbers_in,
    query_words,
    surgical_setting,
)
from indexer.vocab import BODY_PARTS, TREATMENTS
from indexer.vocab.anatomy import part_closeness
from indexer.vocab.treatments import KINDRED_FAMILIES, OTHER, treatment_family
from indexer.vocab.values import age_band

PartSource = Literal["request", "letter", ""]

# The score of each treatment match level. A drug or treatment outweighs everything else; a
# relative of the family (occupational for physical therapy) is a small step below its own
# treatment, which a body part match makes up: hand therapy for a hand before PT for a knee.
LEVEL_SCORES = {SAME_DRUG: 40.0, SAME_TREATMENT: 30.0, SAME_FAMILY: 27.0}
PART_WEIGHT, COVER_WEIGHT = 5.0, 1.0  # × part_closeness; × share of the wanted parts named
TEXT_WEIGHT = 3.0  # × the share of the request's word weight (idf) a request holds
CONCISE_SHARE = 0.2  # of that, more for a request no longer than the new one (BM25-like)
FALLBACK_TEXT_WEIGHT, FALLBACK_PART_WEIGHT = 10.0, 2.0  # treatment unknown: words decide
CONFIDENT_SHARE = 0.5  # of the request's word weight, for a text match to be close
SUMMARY_WEIGHT = 0.2  # × share of the request's words its letter's summary holds: a tie-break
SETTING_BONUS = 0.3  # both around a surgery, or neither: its guidelines differ
GUIDELINE_BONUS, SESSIONS_BONUS, SEX_BONUS, AGE_BONUS = 0.3, 0.2, 0.05, 0.05
NUMBER_BONUS, MAX_NUMBERS = 0.05, 3  # per figure shared (dose, quantity), at most 3 counted
FILL_SCAN_LIMIT = 2000  # unscored items read to fill a short list (a huge corpus costs no more)
MIN_READS, READS_PER_PRECEDENT = 50, 3  # stored fields read at most, however close the race


@dataclass
class Scored:
    """A candidate whose stored fields were read: its exact score and the reasons."""

    docnum: int
    key: tuple  # (-score, letter id, docnum): smaller ranks first
    close: bool
    score: float
    stored: dict
    reasons: list[str] = field(default_factory=list)
    body_parts: list[str] = field(default_factory=list)
    part_source: PartSource = ""
    shared_numbers: list[str] = field(default_factory=list)  # figures also in the request


class Ranking:
    """One ranking run over an open searcher and its facet bitsets."""

    def __init__(self, searcher, bits, wanted):
        self.searcher, self.bits, self.wanted = searcher, bits, wanted
        self.pool = bits.items
        if wanted.decisions:
            self.pool &= bits.selection("decision", wanted.decisions)
        self.words = query_words(wanted.text)
        self.word_idf = {stem: searcher.idf("request", stem) for stem in self.words}
        self.total_idf = sum(self.word_idf.values()) or 1.0
        self.reference_length = max(1, len(TEXT_ANALYZER.words(wanted.text)))
        self.numbers = numbers_in(wanted.text)
        self.surgical = surgical_setting(wanted.text)
        self.levels = self._levels()
        self.by_text = not self.levels
        self.text_weight = FALLBACK_TEXT_WEIGHT if self.by_text else TEXT_WEIGHT
        self.part_weight = FALLBACK_PART_WEIGHT if self.by_text else PART_WEIGHT
        self.partial: dict[int, float] = {}  # score from the bitsets, before the bonuses
        self.level_of: dict[int, int] = {}
        self.shares: dict[int, float] = {}  # share of the request's word weight a request holds
        self.close: set[int] = set()
        self.named_parts = Members(bits.selection("body_part", BODY_PARTS), bits.size)
        self.explain = Reasons(self)
        self._bonus_sets: list[tuple[Members, float]] | None = None

    def _levels(self) -> list[tuple[int, int]]:
        """(level, items) from the closest treatment match down, disjoint; [] when the treatment
        is unknown or no item has it (ranked by words then)."""
        wanted, bits = self.wanted, self.bits
        if not wanted.treatment or wanted.treatment == OTHER:
            return []
        same = bits.selection("treatment", (wanted.treatment,))
        if not same:
            return []
        drug = bits.selection("drug", (wanted.drug,)) if wanted.drug else 0
        family = treatment_family(wanted.treatment)
        relatives = [name for name in TREATMENTS if family in KINDRED_FAMILIES
                     and name != wanted.treatment and treatment_family(name) == family]
        kin = bits.selection("treatment", relatives) if relatives else 0
        levels = ((SAME_DRUG, drug & same), (SAME_TREATMENT, same & ~drug),
                  (SAME_FAMILY, (kin | drug) & ~same))
        return [(level, members & self.pool) for level, members in levels]

    def best(self, limit: int) -> list[Scored]:
        """The `limit` best candidates, close ones first, exactly scored and explained."""
        close_bits = 0
        for level, members in self.levels:
            close_bits |= members
            for docnum in docnums_of(members):
                self.partial[docnum], self.level_of[docnum] = LEVEL_SCORES[level], level
        self._score(self.pool if self.by_text else close_bits)
        self.close = ({d for d, share in self.shares.items() if share >= CONFIDENT_SHARE}
                      if self.by_text else set(self.level_of))
        if len(self.close) >= limit:
            return self._top(self.close, limit)
        chosen = self._top(self.close, len(self.close))
        if not self.by_text:  # other treatments fill the list
            self._score(self.pool & ~close_bits)
            unscored = self.pool & ~bits_of(self.partial, self.bits.size)
            self.partial.update(dict.fromkeys(islice(docnums_of(unscored), FILL_SCAN_LIMIT), 0.0))
        padding = [docnum for docnum in self.partial if docnum not in self.close]
        return chosen + self._top(padding, limit - len(chosen))

    def _score(self, scope: int) -> None:
        """Add the shared words and body parts to the partial scores of `scope`'s items (those
        with neither get none, unless they have a treatment level already)."""
        for docnum, share in self._text_shares(scope).items():
            self.partial[docnum] = self.partial.get(docnum, 0.0) + self.text_weight * share
        for docnum, score in self._part_matches(scope).items():
            self.partial[docnum] = self.partial.get(docnum, 0.0) + score

    def _text_shares(self, scope: int) -> dict[int, float]:
        """The share of the request's word weight (idf) each of the scope's requests holds."""
        shares: dict[int, float] = {}
        for stem, idf in self.word_idf.items():
            for docnum in docnums_of(self.bits.term_bits("request", stem) & scope):
                shares[docnum] = shares.get(docnum, 0.0) + idf / self.total_idf
        self.shares.update(shares)
        return shares

    def _part_matches(self, scope: int) -> dict[int, float]:
        """Body part score of the scope's items whose request names a part near a wanted one."""
        wanted = self.wanted.parts
        if not wanted:
            return {}
        named: dict[int, list[str]] = {}
        for part in BODY_PARTS:
            if part_closeness(wanted, [part]) > 0:
                members = self.bits.selection("body_part", (part,))
                for docnum in docnums_of(members & scope):
                    named.setdefault(docnum, []).append(part)
        return {docnum: self.part_score(parts) for docnum, parts in named.items()}

    def part_score(self, parts: list[str]) -> float:
        """The score of a precedent's body parts against the wanted ones."""
        wanted = self.wanted.parts
        covered = len(set(wanted) & set(parts)) / len(wanted) if wanted else 0.0
        return self.part_weight * part_closeness(wanted, parts) + COVER_WEIGHT * covered

    def _bonus_sets_of(self) -> list[tuple[Members, float]]:
        """(items, bonus) of every tie-break the bitsets tell: setting, guideline, sex, age
        band, the letter's summary naming the request's words."""
        if self._bonus_sets is None:
            wanted, bits = self.wanted, self.bits
            around_surgery = reduce(int.__or__, (bits.term_bits("request", stem)
                                                 for stem in SURGICAL_SETTING_STEMS), 0)
            sets = [(around_surgery if self.surgical else bits.items & ~around_surgery,
                     SETTING_BONUS)]
            if wanted.guideline:
                sets.append((bits.selection("guideline", (wanted.guideline,))
                             | bits.selection("ca_guideline", (wanted.guideline,)),
                             GUIDELINE_BONUS))
            if wanted.sex:
                sets.append((bits.selection("sex", (wanted.sex,)), SEX_BONUS))
            if band := age_band(wanted.age):
                sets.append((bits.selection("age_band", (band,)), AGE_BONUS))
            sets += [(holders, SUMMARY_WEIGHT * share)
                     for _word, holders, share in self.explain.summary_words()]
            self._bonus_sets = [(Members(members, bits.size), bonus)
                                for members, bonus in sets if members]
        return self._bonus_sets

    def _read_gain(self, docnum: int) -> float:
        """The most its stored fields can add to a candidate's score."""
        gain = self.text_weight * CONCISE_SHARE * self.shares.get(docnum, 0.0)
        if self.wanted.parts and docnum not in self.named_parts:  # its letter may name one
            gain += self.part_weight + COVER_WEIGHT
        if self.wanted.sessions:
            gain += SESSIONS_BONUS
        return gain + NUMBER_BONUS * min(len(self.numbers), MAX_NUMBERS)

    def _top(self, docnums, count: int) -> list[Scored]:
        """The best `count` of the candidates, exactly scored: those that could still make the
        list get their bonuses, then are read best bound first until the list cannot change
        (or the read budget is spent)."""
        if count <= 0 or not docnums:
            return []
        partial = self.partial
        floor = heapq.nlargest(count, (partial[docnum] for docnum in docnums))[-1]
        most_bonus = sum(bonus for _members, bonus in self._bonus_sets_of())
        bounds = []
        for docnum in docnums:
            if partial[docnum] + most_bonus + self._read_gain(docnum) >= floor:
                bonus = sum(b for members, b in self._bonus_sets_of() if docnum in members)
                score = partial[docnum] + bonus
                bounds.append((-round(score + self._read_gain(docnum), 6), docnum, score))
        heapq.heapify(bounds)
        chosen: list[Scored] = []
        for _read in range(max(MIN_READS, READS_PER_PRECEDENT * count)):
            if not bounds or (len(chosen) >= count and chosen[count - 1].key[0] < bounds[0][0]):
                break
            _bound, docnum, score = heapq.heappop(bounds)
            bisect.insort(chosen, self._scored(docnum, score), key=lambda found: found.key)
        for found in chosen[:count]:
            found.reasons = self.explain.reasons(found)
        return chosen[:count]

    def _scored(self, docnum: int, score: float) -> Scored:
        """Read a candidate's stored fields: add what only they tell, and explain the score."""
        stored = self.searcher.stored_fields(docnum)
        request = stored.get("request", "")
        length = len(TEXT_ANALYZER.words(request)) or 1
        score += (self.text_weight * CONCISE_SHARE * self.shares.get(docnum, 0.0)
                  * min(1.0, self.reference_length / length))
        parts, source = facet_values(stored.get("body_part")), "request"
        if not parts:
            parts, source = facet_values(stored.get("letter_body_parts")), "letter"
            if parts and self.wanted.parts:
                score += self.part_score(parts)
        requested = stored.get("sessions")
        if self.wanted.sessions and requested:
            score += SESSIONS_BONUS * (min(self.wanted.sessions, requested)
                                       / max(self.wanted.sessions, requested))
        shared_numbers = self.numbers & numbers_in(request)
        score += NUMBER_BONUS * min(len(shared_numbers), MAX_NUMBERS)
        return Scored(docnum, (-round(score, 6), stored["letter_id"], docnum),
                      docnum in self.close, score, stored, body_parts=parts,
                      part_source=source if parts else "",
                      shared_numbers=sorted(shared_numbers, key=float))
