"""One precedent ranking run: scores from the cached bitsets for every candidate, then exact
scores (sessions, figures, letter body parts: stored fields) for the best, until none of the
unread candidates can overtake the list. See `similar.py` for what the scores mean."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import reduce
from itertools import islice
from typing import Literal

from indexer.engine.documents import facet_value, facet_values
from indexer.engine.facets import Members, bits_of, docnums_of
from indexer.engine.similar_reasons import SAME_DRUG, SAME_FAMILY, SAME_TREATMENT, Reasons
from indexer.engine.similar_words import (
    SURGICAL_SETTING_STEMS,
    length_factor,
    numbers_in,
    query_words,
    surgical_setting,
)
from indexer.vocab.anatomy import part_closeness
from indexer.vocab.treatments import OTHER, treatment_family
from indexer.vocab.values import age_band

PartSource = Literal["request", "letter", ""]

# The score of each treatment match level. A drug or treatment outweighs everything else; a
# relative of the family (occupational for physical therapy) is a small step below its own
# treatment, which a body part match makes up: hand therapy for a hand before PT for a knee.
LEVEL_SCORES = {SAME_DRUG: 40.0, SAME_TREATMENT: 30.0, SAME_FAMILY: 27.0}
PART_WEIGHT, COVER_WEIGHT = 5.0, 1.0  # × part_closeness; × share of the wanted parts named
TEXT_WEIGHT = 3.0  # × request likeness (about 0..1) when the treatment is known
FALLBACK_TEXT_WEIGHT, FALLBACK_PART_WEIGHT = 10.0, 2.0  # when it is not: the words decide
CONFIDENT_SHARE = 0.5  # of the request's word weight, for a text match to be close
SUMMARY_WEIGHT = 0.2  # × share of the request's words its letter's summary holds: a tie-break
SETTING_BONUS = 0.3  # both around a surgery, or neither: its guidelines differ
GUIDELINE_BONUS, SESSIONS_BONUS, SEX_BONUS, AGE_BONUS = 0.3, 0.2, 0.05, 0.05
NUMBER_BONUS, MAX_NUMBERS = 0.05, 3  # per figure shared (dose, quantity), at most 3 counted
FILL_SCAN_LIMIT = 2000  # unscored items read to fill a short list (a huge corpus costs no more)
MIN_READS, READS_PER_PRECEDENT = 200, 5  # stored fields read at most, however close the race


@dataclass
class Scored:
    """A candidate whose stored fields were read: its exact score and the reasons."""

    docnum: int
    key: tuple  # (padding?, -score, letter id, docnum): smaller ranks first
    close: bool
    score: float
    stored: dict
    reasons: list[str] = field(default_factory=list)
    body_parts: list[str] = field(default_factory=list)
    part_source: PartSource = ""


class Ranking:
    """One ranking run over an open searcher and its facet bitsets."""

    def __init__(self, searcher, bits, wanted):
        self.searcher, self.bits, self.wanted = searcher, bits, wanted
        reader = searcher.reader()
        self.reader, self.letter_ids = reader, reader.column_reader("letter_id")
        self.pool = bits.items
        if wanted.decisions:
            self.pool &= bits.selection("decision", wanted.decisions)
        self.words = query_words(wanted.text)
        self.word_idf = {stem: searcher.idf("request", stem) for stem in self.words}
        self.total_idf = sum(self.word_idf.values()) or 1.0
        self.average_length = reader.field_length("request") / max(1, bits.items.bit_count())
        self.numbers = numbers_in(wanted.text)
        self.surgical = surgical_setting(wanted.text)
        self.levels = self._levels()
        self.by_text = not self.levels
        self.part_weight = FALLBACK_PART_WEIGHT if self.by_text else PART_WEIGHT
        self.scores: dict[int, float] = {}
        self.level_of: dict[int, int] = {}
        self.shares: dict[int, float] = {}  # share of the request's word weight a request holds
        self.close: set[int] = set()
        self.named_parts = Members(reduce(int.__or__, bits.values("body_part").values(), 0),
                                   bits.size)
        self.explain = Reasons(self)

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
        relatives = [facet_value(token) for token in bits.values("treatment")]
        kin = bits.selection("treatment", [name for name in relatives if name != wanted.treatment
                                           and treatment_family(name) == family])
        levels = ((SAME_DRUG, drug & same), (SAME_TREATMENT, same & ~drug),
                  (SAME_FAMILY, (kin | drug) & ~same))
        return [(level, members & self.pool) for level, members in levels]

    def best(self, limit: int) -> list[Scored]:
        """The `limit` best candidates, close ones first, exactly scored and explained."""
        if self.by_text:
            self._score(self.pool, FALLBACK_TEXT_WEIGHT, whole_scope=False)
            self.close = {d for d, share in self.shares.items() if share >= CONFIDENT_SHARE}
        else:
            close = 0
            for level, members in self.levels:
                close |= members
                for docnum in docnums_of(members):
                    self.scores[docnum] = LEVEL_SCORES[level]
                    self.level_of[docnum] = level
            self.close = set(self.scores)
            self._score(close, TEXT_WEIGHT, whole_scope=True)
            if len(self.close) < limit:
                self._score(self.pool & ~close, TEXT_WEIGHT, whole_scope=False)
        chosen = self._exact_best(limit)
        if len(chosen) < limit and not self.by_text:
            chosen = sorted(chosen + self._fill(limit - len(chosen)), key=lambda s: s.key)
        return chosen

    def _score(self, scope: int, text_weight: float, whole_scope: bool) -> None:
        """Add request likeness and body parts to the scores of `scope`'s items that have any,
        and the bonuses to those (to all of `scope` when `whole_scope`: it is scored already)."""
        touched = {docnum: text_weight * likeness
                   for docnum, likeness in self._text_matches(scope).items()}
        for docnum, score in self._part_matches(scope).items():
            touched[docnum] = touched.get(docnum, 0.0) + score
        for docnum, score in touched.items():
            self.scores[docnum] = self.scores.get(docnum, 0.0) + score
        self._add_bonuses(scope if whole_scope else bits_of(touched, self.bits.size))

    def _text_matches(self, scope: int) -> dict[int, float]:
        """Request likeness (BM25-like, length-normalised; 1.0 for every word in a request of
        average length) of the scope's items sharing a word with the request."""
        likeness: dict[int, float] = {}
        factors: dict[int, float] = {}
        for stem, idf in self.word_idf.items():
            for docnum in docnums_of(self.bits.term_bits("request", stem) & scope):
                if docnum not in factors:
                    length = self.reader.doc_field_length(docnum, "request")
                    factors[docnum] = length_factor(length, self.average_length)
                likeness[docnum] = likeness.get(docnum, 0.0) + idf * factors[docnum]
                self.shares[docnum] = self.shares.get(docnum, 0.0) + idf / self.total_idf
        return {docnum: value / self.total_idf for docnum, value in likeness.items()}

    def _part_matches(self, scope: int) -> dict[int, float]:
        """Body part score of the scope's items whose request names a part near a wanted one."""
        wanted = self.wanted.parts
        if not wanted:
            return {}
        named: dict[int, list[str]] = {}
        for token, members in self.bits.values("body_part").items():
            part = facet_value(token)
            if part_closeness(wanted, [part]) > 0:
                for docnum in docnums_of(members & scope):
                    named.setdefault(docnum, []).append(part)
        return {docnum: self.part_score(parts) for docnum, parts in named.items()}

    def part_score(self, parts: list[str]) -> float:
        """The score of a precedent's body parts against the wanted ones."""
        wanted = self.wanted.parts
        covered = len(set(wanted) & set(parts)) / len(wanted) if wanted else 0.0
        return self.part_weight * part_closeness(wanted, parts) + COVER_WEIGHT * covered

    def _add_bonuses(self, scored: int) -> None:
        """Add the facet bonuses and the summary tie-break to the scored items."""
        wanted, bits = self.wanted, self.bits
        around_surgery = reduce(int.__or__, (bits.term_bits("request", stem)
                                             for stem in SURGICAL_SETTING_STEMS), 0)
        bonuses = [(around_surgery if self.surgical else ~around_surgery, SETTING_BONUS)]
        if wanted.guideline:
            cited = (bits.selection("guideline", (wanted.guideline,))
                     | bits.selection("ca_guideline", (wanted.guideline,)))
            bonuses.append((cited, GUIDELINE_BONUS))
        if wanted.sex:
            bonuses.append((bits.selection("sex", (wanted.sex,)), SEX_BONUS))
        if band := age_band(wanted.age):
            bonuses.append((bits.selection("age_band", (band,)), AGE_BONUS))
        bonuses += [(holders, SUMMARY_WEIGHT * share)
                    for _word, holders, share in self.explain.summary_words()]
        for members, bonus in bonuses:
            for docnum in docnums_of(members & scored):
                self.scores[docnum] += bonus

    def _bound(self, docnum: int) -> float:
        """The best exact score the candidate can reach once its stored fields are read."""
        bound = self.scores[docnum]
        if self.wanted.parts and docnum not in self.named_parts:  # its letter may name one
            bound += self.part_weight + COVER_WEIGHT
        if self.wanted.sessions:
            bound += SESSIONS_BONUS
        return bound + NUMBER_BONUS * min(len(self.numbers), MAX_NUMBERS)

    def _key(self, docnum: int, score: float) -> tuple:
        return (docnum not in self.close, -round(score, 6), self.letter_ids[docnum], docnum)

    def _exact_best(self, limit: int) -> list[Scored]:
        """Read candidates in order of their bound until the list cannot change (or the read
        budget is spent); return the best `limit`, exactly scored."""
        ordered = sorted(self.scores, key=lambda docnum: self._key(docnum, self._bound(docnum)))
        chosen: list[Scored] = []
        budget = max(MIN_READS, READS_PER_PRECEDENT * limit)
        for docnum in islice(ordered, budget):
            if len(chosen) >= limit and chosen[limit - 1].key <= self._key(docnum,
                                                                            self._bound(docnum)):
                break
            bisect.insort(chosen, self._scored(docnum), key=lambda scored: scored.key)
        return chosen[:limit]

    def _fill(self, count: int) -> list[Scored]:
        """Unscored items (other treatments, no word or part in common) to fill a short list:
        the best `count` by their bonuses among the first FILL_SCAN_LIMIT in index order."""
        rest = list(islice(docnums_of(self.pool & ~bits_of(self.scores, self.bits.size)),
                           FILL_SCAN_LIMIT))
        self.scores.update(dict.fromkeys(rest, 0.0))
        self._add_bonuses(bits_of(rest, self.bits.size))
        best = sorted(rest, key=lambda docnum: self._key(docnum, self.scores[docnum]))[:count]
        return [self._scored(docnum) for docnum in best]

    def _scored(self, docnum: int) -> Scored:
        """Read a candidate's stored fields: add what only they tell, and explain the score."""
        stored = self.searcher.stored_fields(docnum)
        score = self.scores[docnum]
        parts, source = facet_values(stored.get("body_part")), "request"
        if not parts:
            parts, source = facet_values(stored.get("letter_body_parts")), "letter"
            if parts and self.wanted.parts:
                score += self.part_score(parts)
        requested = stored.get("sessions")
        if self.wanted.sessions and requested:
            score += SESSIONS_BONUS * (min(self.wanted.sessions, requested)
                                       / max(self.wanted.sessions, requested))
        shared_numbers = self.numbers & numbers_in(stored.get("request", ""))
        score += NUMBER_BONUS * min(len(shared_numbers), MAX_NUMBERS)
        found = Scored(docnum, self._key(docnum, score), docnum in self.close, score, stored,
                       body_parts=parts, part_source=source if parts else "")
        found.reasons = self.explain.reasons(found, sorted(shared_numbers, key=float))
        return found
