"""Why a precedent was picked, in words a reader checks against the letter: the treatment
match, the body parts (and where they came from), the words and figures in common, the
letter's summary, the tie-breaks."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from indexer.engine.documents import facet_value, facet_values
from indexer.engine.similar_bounds import Words
from indexer.engine.similar_words import matching_terms, query_words, surgical_setting
from indexer.vocab.anatomy import SAME_PART, part_closeness
from indexer.vocab.values import age_band

if TYPE_CHECKING:
    from indexer.engine.similar_scores import Ranking, Scored

# How a precedent's treatment matches the request's, best first (the ranking's first key).
SAME_DRUG, SAME_TREATMENT, SAME_FAMILY = 4, 3, 2
PADDING_REASON = "other treatment, shown to fill the list"
FEW_WORDS_REASON = "few words in common, shown to fill the list"


class Reasons:
    """The explanations of one ranking run, and the summary words they share with its scores."""

    def __init__(self, ranking: Ranking):
        self.ranking = ranking
        wanted = ranking.wanted
        self.context_words = query_words(f"{wanted.text} {wanted.facts}")
        self._summary: list[tuple[str, int, float]] | None = None

    @cached_property
    def summary_shares(self) -> list[tuple[str, float]]:
        """(word, its share of the request's summary word weight) for the request's and
        facts' words (idf over letters)."""
        searcher = self.ranking.searcher
        weights = {stem: searcher.idf("summary", stem) for stem in self.context_words}
        total = sum(weights.values()) or 1.0
        return [(stem, weight / total) for stem, weight in weights.items()]

    def summary_words(self) -> list[tuple[str, int, float]]:
        """(word as written, items whose letter's summary holds it, its share) for the
        request's and facts' words that some letter's summary holds."""
        if self._summary is None:
            self._summary = [
                (self.context_words[stem], holders, share)
                for stem, share in self.summary_shares
                if (holders := self.ranking.members_of(Words("summary", (stem,))))
            ]
        return self._summary

    def reasons(self, found: Scored) -> list[str]:
        """Every reason for one read candidate, the treatment match first."""
        ranking, stored = self.ranking, found.stored
        wanted = ranking.wanted
        reasons = [self._match(found), *self._parts(found)]
        words = matching_terms(stored.get("request", ""), ranking.words)
        if words:
            reasons.append("request words in common: " + ", ".join(words))
        in_summary = [word for word, holders, _share in self.summary_words()
                      if holders >> found.docnum & 1 and word not in words]
        if in_summary:
            reasons.append("the letter's summary mentions " + ", ".join(in_summary[:8]))
        if found.shared_numbers:
            reasons.append("same figures: " + ", ".join(found.shared_numbers))
        if ranking.surgical and surgical_setting(stored.get("request", "")):
            reasons.append("also around a surgery (pre- or post-operative)")
        cited = facet_values(stored.get("guideline")) + facet_values(stored.get("ca_guideline"))
        if wanted.guideline and wanted.guideline in cited:
            reasons.append(f"cites {wanted.guideline}")
        requested = stored.get("sessions")
        if wanted.sessions and requested:
            reasons.append(f"{requested} sessions requested (vs. {wanted.sessions})")
        if wanted.sex and stored.get("sex") == wanted.sex:
            reasons.append(f"patient also {wanted.sex}")
        band = age_band(wanted.age)
        if band and stored.get("age_band") == band:
            reasons.append(f"patient also aged {band}")
        return reasons

    def _match(self, found: Scored) -> str:
        """How the precedent's treatment matches the request's, or why it is listed anyway."""
        ranking = self.ranking
        wanted = ranking.wanted
        if ranking.by_text:
            return "request worded alike" if found.close else FEW_WORDS_REASON
        level = found.level
        treatment = facet_value(found.stored.get("treatment", ""))
        if level is None:
            return PADDING_REASON
        if level == SAME_DRUG:
            return f"same drug ({wanted.drug})"
        if treatment == wanted.treatment:
            kind = "drug class" if wanted.drug else "treatment"
            return f"same {kind} ({wanted.treatment})"
        drugs = set(facet_values(found.stored.get("drug")))
        if wanted.drug and set(wanted.drug.split("/")) <= drugs:
            return f"same drug ({wanted.drug}) as {treatment}"
        return f"same kind of treatment ({treatment}, like {wanted.treatment})"

    def _parts(self, found: Scored) -> list[str]:
        """The body part reason: the same, a nearby one, or the one its letter points to."""
        wanted = self.ranking.wanted.parts
        parts = found.body_parts
        if not wanted or not parts:
            return []
        if found.part_source == "letter":
            return ["body part from the letter: " + ", ".join(parts)]
        closeness = part_closeness(wanted, parts)
        if closeness >= SAME_PART:
            return [f"same body part ({', '.join(p for p in wanted if p in parts)})"]
        return [f"nearby body part ({', '.join(parts)})"] if closeness > 0 else []
