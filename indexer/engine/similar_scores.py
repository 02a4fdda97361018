"""One precedent ranking run, in three steps, over groups of candidates rather than one item at
a time: the bitsets split the candidates into groups alike in everything they tell (treatment
level, request words held, body parts named), each with one partial score; the tie-break
bonuses split the groups that could still make the list, best bound first; the stored fields
(sessions, figures, request length, letter body parts) of the best items are read until none
of the unread can overtake the list. Python touches an item only when it is read, so a
treatment with hundreds of thousands of items costs a few hundred bitset operations. See
`similar.py` for what the scores mean."""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import reduce
from itertools import count as numbering
from itertools import islice
from typing import Literal

from indexer.engine.documents import facet_values
from indexer.engine.facets import docnums_of
from indexer.engine.postings import docnums_bits
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
# An unsplit group is split before any item whose bound is within this of the group's: float
# sums in another order, and the 6-digit rounding of the bounds, move them by less.
SPLIT_MARGIN = 1e-6


@dataclass(frozen=True)
class Group:
    """Candidates the bitsets cannot tell apart: the same treatment level (None: another
    treatment), share of the request's word weight (None: none of its words), body parts
    near the wanted ones named, and whether the request names any body part at all; `filler`
    items hold none of these and are scored 0 to fill a short list."""

    members: int
    level: int | None = None
    filler: bool = False
    share: float | None = None
    parts: tuple[str, ...] = ()
    named: bool = False


@dataclass
class Scored:
    """A candidate whose stored fields were read: its exact score and the reasons."""

    docnum: int
    key: tuple  # (-score, letter id, docnum): smaller ranks first
    close: bool
    score: float
    stored: dict
    level: int | None = None  # its treatment level, None for padding
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
        self.near_parts = [part for part in BODY_PARTS if part_closeness(wanted.parts, [part]) > 0]
        # items whose request names any body part: read bounds need it only for wanted parts
        self.any_part = bits.selection("body_part", BODY_PARTS) if wanted.parts else 0
        self.explain = Reasons(self)
        self._bonus_sets: list[tuple[int, float]] | None = None

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
        if self.by_text:
            groups, _unscored = self._groups(self.pool)
            close = [group for group in groups if (group.share or 0.0) >= CONFIDENT_SHARE]
            padding = [group for group in groups if (group.share or 0.0) < CONFIDENT_SHARE]
        else:
            close = [group for level, members in self.levels
                     for group in self._groups(members, level)[0]]
        found = sum(group.members.bit_count() for group in close)
        if found >= limit:
            return self._top(close, limit, True)
        chosen = self._top(close, found, True)
        if not self.by_text:  # other treatments fill the list
            close_bits = reduce(int.__or__, (members for _level, members in self.levels), 0)
            padding, unscored = self._groups(self.pool & ~close_bits)
            fill = docnums_bits(islice(docnums_of(unscored), FILL_SCAN_LIMIT), self.bits.size)
            if fill:
                padding += self._named_split([Group(fill, filler=True)])
        return chosen + self._top(padding, limit - len(chosen), False)

    def _groups(self, scope: int, level: int | None = None) -> tuple[list[Group], int]:
        """Split scope's items into groups by the request words and body parts they hold;
        return the groups with a partial score (a level, a word or a part) and the rest."""
        groups = [Group(scope, level)] if scope else []
        for stem, idf in self.word_idf.items():
            weight = idf / self.total_idf
            groups = _split(groups, self.bits.term_bits("request", stem),
                            lambda group, weight=weight: replace(
                                group, share=(group.share or 0.0) + weight))
        for part in self.near_parts:
            groups = _split(groups, self.bits.selection("body_part", (part,)),
                            lambda group, part=part: replace(group, parts=(*group.parts, part)))
        groups = self._named_split(groups)
        scored = [group for group in groups if self.partial(group) is not None]
        unscored = reduce(int.__or__, (group.members for group in groups
                                       if self.partial(group) is None), 0)
        return scored, unscored

    def _named_split(self, groups: list[Group]) -> list[Group]:
        """Split the groups by whether their requests name a body part (it bounds a read)."""
        if not self.wanted.parts:
            return groups
        named = [replace(group, named=True) for group in groups if group.parts]
        rest = [group for group in groups if not group.parts]
        return named + _split(rest, self.any_part, lambda group: replace(group, named=True))

    def partial(self, group: Group) -> float | None:
        """The score the bitsets tell: level, words held, body parts; None for none of them."""
        score = LEVEL_SCORES[group.level] if group.level else 0.0 if group.filler else None
        if group.share is not None:
            score = (score or 0.0) + self.text_weight * group.share
        if group.parts:
            score = (score or 0.0) + self.part_score(list(group.parts))
        return score

    def part_score(self, parts: list[str]) -> float:
        """The score of a precedent's body parts against the wanted ones."""
        wanted = self.wanted.parts
        covered = len(set(wanted) & set(parts)) / len(wanted) if wanted else 0.0
        return self.part_weight * part_closeness(wanted, parts) + COVER_WEIGHT * covered

    def _bonus_sets_of(self) -> list[tuple[int, float]]:
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
            self._bonus_sets = [(members, bonus) for members, bonus in sets if members]
        return self._bonus_sets

    def _read_gain(self, group: Group) -> float:
        """The most their stored fields can add to a group's items' scores."""
        gain = self.text_weight * CONCISE_SHARE * (group.share or 0.0)
        if self.wanted.parts and not group.named:  # its letter may name one
            gain += self.part_weight + COVER_WEIGHT
        if self.wanted.sessions:
            gain += SESSIONS_BONUS
        return gain + NUMBER_BONUS * min(len(self.numbers), MAX_NUMBERS)

    def _top(self, groups: list[Group], count: int, close: bool) -> list[Scored]:
        """The best `count` items of the groups, exactly scored: the groups that could still
        make the list are split by the bonuses, best bound first, and their items read best
        bound first until the list cannot change (or the read budget is spent)."""
        if count <= 0 or not groups:
            return []
        floor = _floor([(self.partial(group), group.members.bit_count()) for group in groups],
                       count)
        most_bonus = sum(bonus for _members, bonus in self._bonus_sets_of())
        eligible = [group for group in groups
                    if self.partial(group) + most_bonus + self._read_gain(group) >= floor]
        candidates = _Candidates(self, eligible)
        chosen: list[Scored] = []
        for _read in range(max(MIN_READS, READS_PER_PRECEDENT * count)):
            following = candidates.peek()
            if following is None or (len(chosen) >= count
                                     and chosen[count - 1].key[0] < following[0]):
                break
            _bound, docnum, score, group = candidates.pop()
            bisect.insort(chosen, self._scored(docnum, score, group, close),
                          key=lambda found: found.key)
        for found in chosen[:count]:
            found.reasons = self.explain.reasons(found)
        return chosen[:count]

    def _scored(self, docnum: int, score: float, group: Group, close: bool) -> Scored:
        """Read a candidate's stored fields: add what only they tell, and explain the score."""
        stored = self.searcher.stored_fields(docnum)
        request = stored.get("request", "")
        length = len(TEXT_ANALYZER.words(request)) or 1
        score += (self.text_weight * CONCISE_SHARE * (group.share or 0.0)
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
        return Scored(docnum, (-round(score, 6), stored["letter_id"], docnum), close, score,
                      stored, group.level, body_parts=parts,
                      part_source=source if parts else "",
                      shared_numbers=sorted(shared_numbers, key=float))


def _split(groups: list[Group], bits: int, inside) -> list[Group]:
    """Split each group into its items in bits (changed by `inside`) and the others."""
    split = []
    for group in groups:
        held = group.members & bits
        if held:
            split.append(inside(replace(group, members=held)))
        if held != group.members:
            split.append(replace(group, members=group.members ^ held))
    return split


def _floor(partials: list[tuple[float, int]], count: int) -> float:
    """The `count`-th best partial score among (score, items) groups (the worst if fewer)."""
    seen = 0
    for score, items in sorted(partials, reverse=True):
        seen += items
        if seen >= count:
            return score
    return min(score for score, _items in partials)


class _Candidates:
    """The eligible groups' items in reading order (best bound, then document number): a
    group is split by the bonus sets only when its bound comes first, and an exactly bounded
    group gives up its items one at a time."""

    def __init__(self, ranking: Ranking, groups: list[Group]):
        self._ranking = ranking
        self._sets = ranking._bonus_sets_of()
        self._tie = numbering()
        self._heap: list[tuple] = []
        remaining = sum(bonus for _members, bonus in self._sets)
        for group in groups:
            self._push_split(group, ranking.partial(group), 0, 0, remaining)

    def _push_split(self, group: Group, partial: float, index: int, bonus, remaining: float):
        """Queue a group of which the first `index` bonus sets are decided."""
        gain = self._ranking._read_gain(group)
        if index == len(self._sets):
            score = partial + bonus
            self._push_items(docnums_of(group.members), score, -round(score + gain, 6), group)
        else:
            bound = partial + bonus + remaining + gain
            heapq.heappush(self._heap, (-bound - SPLIT_MARGIN, -1, next(self._tie),
                                        (group, partial, index, bonus, remaining)))

    def _push_items(self, items: Iterator[int], score: float, key: float, group: Group):
        docnum = next(items, None)
        if docnum is not None:
            heapq.heappush(self._heap, (key, docnum, next(self._tie),
                                        (items, score, group)))

    def peek(self) -> tuple[float, int, float, Group] | None:
        """The next item (bound key, document number, score before reading, group), if any."""
        while self._heap and self._heap[0][1] < 0:
            _key, _unsplit, _tie, (group, partial, index, bonus, remaining) = (
                heapq.heappop(self._heap))
            members, value = self._sets[index]
            rest = remaining - value
            held = group.members & members
            if held:
                self._push_split(replace(group, members=held), partial, index + 1,
                                 bonus + value, rest)
            if held != group.members:
                self._push_split(replace(group, members=group.members ^ held), partial,
                                 index + 1, bonus, rest)
        if not self._heap:
            return None
        key, docnum, _tie, (_items, score, group) = self._heap[0]
        return key, docnum, score, group

    def pop(self) -> tuple[float, int, float, Group]:
        """Take the next item (peek first)."""
        following = self.peek()
        _key, _docnum, _tie, (items, score, group) = heapq.heappop(self._heap)
        self._push_items(items, score, following[0], group)
        return following
