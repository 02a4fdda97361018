"""Precedent ranking for packs: the past items most like a new treatment request.

A known treatment decides first: the same drug, then the same treatment (a drug's class), then
the same family (physical and occupational therapy) make a precedent close; every other item
is padding, listed after the close ones only to fill the list. Within that, body parts are
graded by `part_closeness` over every part on both sides (a precedent whose request names
none is placed by the parts its letter points to), then the request texts' likeness (BM25-like:
the idf-weighted share of the request's words a precedent's request holds, filler words left
out, a little more for a request no longer than the new one), then tie-breaks: the same surgical
setting, the letter's summary naming the request's words, a shared guideline, a close number
of sessions, the same figures (doses, quantities), the patient's sex and age band.

An unknown treatment ("other", or a category no item has) is ranked by the request texts'
likeness instead; a precedent is close when its request holds at least half of the request's
word weight. Nothing is padded then: an item shares a word or a body part, or it is left out,
so a request nothing recognises finds no precedent.

Scores come from the engine's cached bitsets; only the best candidates' stored fields are read
(their sessions, figures, request length and letter body parts), until no unread candidate can
overtake the list or the read budget (as many reads as the ranking before it made) is spent.
An engine that ranks items by the ranking's bounds natively (tantivy) hands over the first
items of that reading order, and the bitsets are read within those few: the same list, since
the ranking reads them in the same order and stops before it runs out of them.
Ties break by letter id and item order, so the same request over the same corpus gives the
same list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.engine.search import Corpus
from indexer.engine.similar_scores import PartSource, Ranking, Scored, read_budget
from indexer.letters.records import Item, Letter
from indexer.limits import MAX_PRECEDENTS

FIRST_BY_WORDS = 4  # by words the first items hold padding too: more of them are handed over

__all__ = ["MAX_PRECEDENTS", "PartSource", "SimilarItem", "SimilarRequest", "find_similar"]


@dataclass(frozen=True)
class SimilarRequest:
    """What a new request is about; empty values are not compared."""

    text: str
    facts: str = ""
    treatment: str = ""
    drug: str = ""  # generic name(s), e.g. "hydrocodone/acetaminophen"
    body_part: str = ""  # one body part: shorthand for body_parts=(body_part,)
    body_parts: tuple[str, ...] = ()
    guideline: str = ""
    sessions: int | None = None
    age: int | None = None
    sex: str = ""
    decisions: tuple[str, ...] = ()  # outcomes to include; empty = both
    n: int = 20

    @property
    def parts(self) -> tuple[str, ...]:
        """Every body part the request is about."""
        return tuple(dict.fromkeys((self.body_part, *self.body_parts) if self.body_part
                                   else self.body_parts))


@dataclass
class SimilarItem:
    """A precedent: the item, its letter, its score, whether it is close and why it was picked."""

    letter: Letter
    item: Item
    score: float
    reasons: list[str] = field(default_factory=list)
    close: bool = True  # False: padding, another treatment listed only to fill the list
    body_parts: list[str] = field(default_factory=list)  # compared with the request's
    body_part_source: PartSource = ""  # "request", "letter" or "" (none known)

    @property
    def item_id(self) -> str:
        """The item's index id, "<letter id>-<number>"."""
        return f"{self.letter.id}-{self.item.number}"


def find_similar(corpus: Corpus, wanted: SimilarRequest) -> list[SimilarItem]:
    """Return the `wanted.n` (at most 100) items most similar to the request, close ones first,
    best first."""
    limit = max(0, min(wanted.n, MAX_PRECEDENTS))
    with corpus.reading() as (searcher, bits):  # raises IndexUnavailable for a damaged index
        found = best_precedents(searcher, bits, wanted, limit) if limit else []
        return [_similar_item(corpus, scored) for scored in found]


def best_precedents(searcher, bits, wanted: SimilarRequest, limit: int) -> list[Scored]:
    """The ranking's list: from the first items of its reading order when that gives the
    same list (`narrowed_precedents`), else from every item."""
    whole = Ranking(searcher, bits, wanted)
    found = narrowed_precedents(whole, limit)
    return whole.best(limit) if found is None else found


def narrowed_precedents(whole: Ranking, limit: int) -> list[Scored] | None:
    """The list ranked from the first items of the reading order, as an engine ranking by
    the bounds natively gives them: one more than the ranking may read (by words, where some
    of them may not be close, four times that); None when it cannot say that is the whole
    index's list: too few close items, no item of the treatment among them, or it ran out."""
    first = (read_budget(limit) + 1) * (1 if whole.treatment_known else FIRST_BY_WORDS)
    narrowed = whole.bits.narrowed(whole.native_bound(), first)
    if narrowed is None:
        return None
    few_searcher, few_bits, complete = narrowed
    few = Ranking(few_searcher, few_bits, whole.wanted)
    found = few.best(limit)
    if few.by_text == whole.treatment_known or few.found < limit:
        return None
    return None if few.exhausted and not complete else found


def _similar_item(corpus: Corpus, scored: Scored) -> SimilarItem:
    letter = corpus.letter(scored.stored["letter_id"])
    item = next(entry for entry in letter.items if entry.number == scored.stored["number"])
    return SimilarItem(letter, item, round(scored.score, 6), scored.reasons, scored.close,
                       scored.body_parts, scored.part_source)
