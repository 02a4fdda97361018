"""One precedent ranking run, in three steps, over groups of candidates rather than one item at
a time: the bitsets split the candidates into groups alike in everything they tell (treatment
level, request words held, body parts named), each with one partial score; the tie-break
bonuses split the groups that could still make the list, best bound first; the stored fields
(sessions, figures, request length, letter body parts) of the best items are read until none
of the unread can overtake the list. Python touches an item only when it is read, so a
treatment with hundreds of thousands of items costs a few hundred bitset operations. See
`similar.py` for what the scores mean.

Items are read in order of their bound (on `similar_bounds`' grid), then document number. An
engine that ranks items by the same clauses natively (`native_bound`) can hand over the first
items of that order: `best_precedents` ranks them alone when that is provably the same list.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property, reduce
from itertools import count as numbering
from itertools import islice
from typing import Literal

from indexer.engine.documents import facet_values
from indexer.engine.facets import docnums_of
from indexer.engine.postings import docnums_bits
from indexer.engine.schema import TEXT_ANALYZER
from indexer.engine.similar_bounds import (
    Bound,
    Clause,
    Every,
    Lacking,
    Some,
    Spec,
    Values,
    Words,
    bound_of,
    members,
)
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
_ALL_ITEMS = Lacking(Some(()))  # items in no empty set: every item
_ANY_PART = Values("body_part", tuple(BODY_PARTS))

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
    words_bound: float = 0.0  # the bounds of the request words held, summed


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


@dataclass(frozen=True)
class Amounts:
    """What each clause of a ranking run's bounds adds, on the bounds' grid (`bound_of`)."""

    text_weight: float
    part_weight: float
    words: dict[str, float]  # request word -> its share of the text weight, concise gain in
    parts: dict[str, float]  # body part near a wanted one -> its closeness's part weight
    cover: float  # per wanted part named
    letter_parts: float  # a request naming no body part: its letter's may match
    fixed: float  # sessions and figures: read for every item


class Ranking:
    """One ranking run over an open searcher and its facet bitsets (read when first needed)."""

    def __init__(self, searcher, bits, wanted):
        self.searcher, self.bits, self.wanted = searcher, bits, wanted
        self.words = query_words(wanted.text)
        self.word_idf = {stem: searcher.idf("request", stem) for stem in self.words}
        self.total_idf = sum(self.word_idf.values()) or 1.0
        self.reference_length = max(1, len(TEXT_ANALYZER.words(wanted.text)))
        self.numbers = numbers_in(wanted.text)
        self.surgical = surgical_setting(wanted.text)
        self.near_parts = [part for part in BODY_PARTS if part_closeness(wanted.parts, [part]) > 0]
        self.explain = Reasons(self)
        self.exhausted = False  # whether reading ran out of candidates before the list was sure
        self.found = 0  # close items found
        self._bonus_sets: list[tuple[int, float]] | None = None
        self._members: dict[Spec, int] = {}

    def members_of(self, spec: Spec) -> int:
        """The items of a set, read from the bitsets once per run."""
        if spec not in self._members:
            self._members[spec] = members(self.bits, spec)
        return self._members[spec]

    @cached_property
    def pool(self) -> int:
        """The items a precedent can be: those with a wanted decision."""
        return self.members_of(self._pool_spec())

    def _pool_spec(self) -> Spec:
        decisions = Values("decision", tuple(self.wanted.decisions))
        return decisions if self.wanted.decisions else _ALL_ITEMS

    @cached_property
    def any_part(self) -> int:
        """Items whose request names any body part (read bounds need it for wanted parts)."""
        return self.members_of(_ANY_PART) if self.wanted.parts else 0

    def _treatment_sets(self) -> tuple[Spec, Spec | None, Spec | None]:
        """The items of the wanted treatment, of its drug and of its kindred treatments."""
        wanted = self.wanted
        family = treatment_family(wanted.treatment)
        relatives = tuple(name for name in TREATMENTS if family in KINDRED_FAMILIES
                          and name != wanted.treatment and treatment_family(name) == family)
        return (Values("treatment", (wanted.treatment,)),
                Values("drug", (wanted.drug,)) if wanted.drug else None,
                Values("treatment", relatives) if relatives else None)

    @cached_property
    def levels(self) -> list[tuple[int, int]]:
        """(level, items) from the closest treatment match down, disjoint; [] when the treatment
        is unknown or no item has it (ranked by words then)."""
        if not self.treatment_known:
            return []
        same_set, drug_set, kin_set = self._treatment_sets()
        same = self.members_of(same_set)
        if not same:
            return []
        drug = self.members_of(drug_set) if drug_set else 0
        kin = self.members_of(kin_set) if kin_set else 0
        levels = ((SAME_DRUG, drug & same), (SAME_TREATMENT, same & ~drug),
                  (SAME_FAMILY, (kin | drug) & ~same))
        return [(level, members_ & self.pool) for level, members_ in levels]

    @property
    def by_text(self) -> bool:
        """Whether words rank (the treatment is unknown or no item has it)."""
        return not self.levels

    @cached_property
    def amounts(self) -> Amounts:
        """The bounds' amounts of this run."""
        return self._amounts(self.by_text)

    def _amounts(self, by_text: bool) -> Amounts:
        text_weight = FALLBACK_TEXT_WEIGHT if by_text else TEXT_WEIGHT
        part_weight = FALLBACK_PART_WEIGHT if by_text else PART_WEIGHT
        wanted = self.wanted.parts
        fixed = bound_of(NUMBER_BONUS * min(len(self.numbers), MAX_NUMBERS))
        return Amounts(
            text_weight, part_weight,
            {stem: bound_of(text_weight * (1 + CONCISE_SHARE) * idf / self.total_idf)
             for stem, idf in self.word_idf.items()},
            {part: bound_of(part_weight * part_closeness(wanted, [part]))
             for part in self.near_parts},
            bound_of(COVER_WEIGHT / len(wanted)) if wanted else 0.0,
            bound_of(part_weight + COVER_WEIGHT) if wanted else 0.0,
            fixed + (bound_of(SESSIONS_BONUS) if self.wanted.sessions else 0.0))

    @property
    def text_weight(self) -> float:
        """What the request's whole word weight scores."""
        return self.amounts.text_weight

    @property
    def part_weight(self) -> float:
        """What the closest body part scores."""
        return self.amounts.part_weight

    @property
    def treatment_known(self) -> bool:
        """Whether the request names a treatment of the vocabulary (items may still lack it)."""
        return bool(self.wanted.treatment) and self.wanted.treatment != OTHER

    def native_bound(self) -> Bound:
        """The items' bounds as clauses, for an engine that ranks by them natively, in the
        order `_Candidates` reads them: a known treatment's close items, else the items
        holding a request word (the close ones by words are among them)."""
        amounts = self._amounts(by_text=not self.treatment_known)
        sums: list[Clause] = [(amount, Words("request", (stem,)))
                              for stem, amount in amounts.words.items()]
        sums += [(amounts.cover, Values("body_part", (part,)))
                 for part in self.wanted.parts if part in amounts.parts]
        if self.wanted.parts:
            sums.append((amounts.letter_parts, Lacking(_ANY_PART)))
        sums += [(bound_of(bonus), spec) for spec, bonus in self._bonus_specs()]
        parts = [(amount, Values("body_part", (part,))) for part, amount in amounts.parts.items()]
        if not self.treatment_known:
            scope = Some(tuple(Words("request", (stem,)) for stem in amounts.words))
            return Bound(Every((scope, self._pool_spec())), sums, [parts])
        same, drug, kin = self._treatment_sets()
        levels = [(bound_of(LEVEL_SCORES[SAME_DRUG]), Every((drug, same))) if drug else None,
                  (bound_of(LEVEL_SCORES[SAME_TREATMENT]), same),
                  (bound_of(LEVEL_SCORES[SAME_FAMILY]), Some(tuple(filter(None, (kin, drug)))))
                  if kin or drug else None]
        scope = Every((Some(tuple(filter(None, (same, drug, kin)))), self._pool_spec()))
        return Bound(scope, sums, [list(filter(None, levels)), parts])

    def best(self, limit: int) -> list[Scored]:
        """The `limit` best candidates, close ones first, exactly scored and explained."""
        if self.by_text:
            groups, _unscored = self._groups(self.pool)
            close = [group for group in groups if (group.share or 0.0) >= CONFIDENT_SHARE]
            padding = [group for group in groups if (group.share or 0.0) < CONFIDENT_SHARE]
        else:
            close = [group for level, members_ in self.levels
                     for group in self._groups(members_, level)[0]]
        self.found = sum(group.members.bit_count() for group in close)
        if self.found >= limit:
            return self._top(close, limit, True)
        chosen = self._top(close, self.found, True)
        if not self.by_text:  # other treatments fill the list
            close_bits = reduce(int.__or__, (members_ for _level, members_ in self.levels), 0)
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
            weight, amount = idf / self.total_idf, self.amounts.words[stem]
            groups = _split(groups, self.bits.term_bits("request", stem),
                            lambda group, weight=weight, amount=amount: replace(
                                group, share=(group.share or 0.0) + weight,
                                words_bound=group.words_bound + amount))
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

    def bound(self, group: Group) -> float:
        """The most a group's items can score but for the bonus sets, what their stored
        fields add included: the sum of the clauses they are in (`native_bound`'s)."""
        amounts, wanted = self.amounts, self.wanted.parts
        bound = bound_of(LEVEL_SCORES[group.level]) if group.level else 0.0
        bound += group.words_bound + max(map(amounts.parts.__getitem__, group.parts), default=0.0)
        bound += amounts.cover * sum(part in wanted for part in group.parts)
        if wanted and not group.named:
            bound += amounts.letter_parts
        return bound + amounts.fixed

    def _bonus_specs(self) -> list[tuple[Spec, float]]:
        """(items, bonus) of every tie-break the bitsets tell: setting, guideline, sex, age
        band, the letter's summary naming the request's words."""
        wanted = self.wanted
        around_surgery = Words("request", tuple(sorted(SURGICAL_SETTING_STEMS)))
        specs = [(around_surgery if self.surgical else Lacking(around_surgery), SETTING_BONUS)]
        if wanted.guideline:
            specs.append((Some((Values("guideline", (wanted.guideline,)),
                                Values("ca_guideline", (wanted.guideline,)))), GUIDELINE_BONUS))
        if wanted.sex:
            specs.append((Values("sex", (wanted.sex,)), SEX_BONUS))
        if band := age_band(wanted.age):
            specs.append((Values("age_band", (band,)), AGE_BONUS))
        return specs + [(Words("summary", (stem,)), SUMMARY_WEIGHT * share)
                        for stem, share in self.explain.summary_shares]

    def _bonus_sets_of(self) -> list[tuple[int, float]]:
        """(items, bonus) of every tie-break set that holds items."""
        if self._bonus_sets is None:
            sets = [(self.members_of(spec), bonus) for spec, bonus in self._bonus_specs()]
            self._bonus_sets = [(members_, bonus) for members_, bonus in sets if members_]
        return self._bonus_sets

    def _top(self, groups: list[Group], count: int, close: bool) -> list[Scored]:
        """The best `count` items of the groups, exactly scored: the groups are split by the
        bonuses, best bound first, and their items read best bound first until the list
        cannot change (or the read budget is spent)."""
        if count <= 0 or not groups:
            return []
        candidates = _Candidates(self, groups)
        chosen: list[Scored] = []
        for _read in range(read_budget(count)):
            following = candidates.peek()
            if following is None:
                self.exhausted = True
                break
            if len(chosen) >= count and chosen[count - 1].key[0] < following[0]:
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


def read_budget(count: int) -> int:
    """How many candidates' stored fields a list of `count` may read at most."""
    return max(MIN_READS, READS_PER_PRECEDENT * count)


class _Candidates:
    """The groups' items in reading order (best bound, then document number): a group is
    split by the bonus sets only when its bound comes first, and an exactly bounded group
    gives up its items one at a time. Bounds are sums on the bounds' grid, so exact."""

    def __init__(self, ranking: Ranking, groups: list[Group]):
        self._sets = [(members_, bonus, bound_of(bonus))
                      for members_, bonus in ranking._bonus_sets_of()]
        self._tie = numbering()
        self._heap: list[tuple] = []
        remaining = sum(bound for _members, _bonus, bound in self._sets)
        for group in groups:
            self._push_split(group, ranking.partial(group), ranking.bound(group), 0, remaining)

    def _push_split(self, group: Group, score: float, bound: float, index: int,
                    remaining: float):
        """Queue a group of which the first `index` bonus sets are decided (and added to
        its score and its bound); `remaining`: the bounds of the others."""
        if index == len(self._sets):
            self._push_items(docnums_of(group.members), score, -bound, group)
        else:  # before any item of the same bound (-1 sorts before document numbers)
            heapq.heappush(self._heap, (-bound - remaining, -1, next(self._tie),
                                        (group, score, bound, index, remaining)))

    def _push_items(self, items: Iterator[int], score: float, key: float, group: Group):
        docnum = next(items, None)
        if docnum is not None:
            heapq.heappush(self._heap, (key, docnum, next(self._tie),
                                        (items, score, group)))

    def peek(self) -> tuple[float, int, float, Group] | None:
        """The next item (bound key, document number, score before reading, group), if any."""
        while self._heap and self._heap[0][1] < 0:
            _key, _unsplit, _tie, (group, score, bound, index, remaining) = (
                heapq.heappop(self._heap))
            members_, bonus, bonus_bound = self._sets[index]
            rest = remaining - bonus_bound
            held = group.members & members_
            if held:
                self._push_split(replace(group, members=held), score + bonus,
                                 bound + bonus_bound, index + 1, rest)
            if held != group.members:
                self._push_split(replace(group, members=group.members ^ held), score, bound,
                                 index + 1, rest)
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
