"""The words of a treatment request that say what is requested (filler words left out), the
figures it states and whether it is made around a surgery."""

from __future__ import annotations

import re

from whoosh.analysis import STOP_WORDS

from indexer.engine.schema import TEXT_ANALYZER

MAX_QUERY_WORDS = 40
# Words that occur in requests of every kind and say nothing about what is requested: how it is
# filed (associated surgical service, retrospective, request, date of service), which side
# (right, left, bilateral), how much or how often (times, x, quantity, sessions, visits, weeks,
# number words), how it is supplied (purchase, rental, dispensed, tablets, mg) and when
# (pre-/post-operative). Numbers and doses are compared separately, as a tie-break only.
FILLER_WORDS = (
    "associated surgical service services retrospective retro prospective request requested "
    "requesting date dos dispensed purchase purchased rental rent rented quantity qty unit units "
    "session sessions visit visits times time x week weeks weekly month months monthly day days "
    "daily hour hours hr hrs per every additional continued continue continuation right left "
    "bilateral bilat both side one two three four five six seven eight nine ten eleven twelve "
    "eighteen twenty twice once single mg mcg ml gm tab tabs tablet tablets capsule capsules cap "
    "caps refill refills supply pre post op operative preoperative postoperative perioperative "
    "as needed prn by mouth orally po use trial please approve approved certification "
    "modified"
)
# Whoosh's stop words plus function words that say nothing about a treatment.
FUNCTION_WORDS = (
    "after also been before but did does during each had has her his into its just more most no "
    "nor only other over she so some such than then there their they this those under very was "
    "were which who with without"
)
# Words that put a request around a surgery ("Post-op Norco", "Associated surgical service:
# physical therapy", "Pre-op labs"): other guidelines apply (MTUS post-surgical treatment), so
# the setting is compared on its own, as a tie-break, though the words are filler for likeness.
SURGICAL_SETTING_STEMS = frozenset(TEXT_ANALYZER.words(
    "post postop postoperative pre preop preoperative perioperative surgical"))
IGNORED_STEMS = frozenset(TEXT_ANALYZER.words(f"{FILLER_WORDS} {FUNCTION_WORDS}")) | frozenset(
    TEXT_ANALYZER.words(" ".join(STOP_WORDS)))
_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)")


def query_words(text: str) -> dict[str, str]:
    """The request's index words (stems) that say what is requested -> the word as written."""
    words: dict[str, str] = {}
    for token in TEXT_ANALYZER(text, positions=False, chars=True):
        if token.text in IGNORED_STEMS or len(token.text) < 2 or token.text[0].isdigit():
            continue
        words.setdefault(token.text, text[token.startchar:token.endchar].lower())
        if len(words) >= MAX_QUERY_WORDS:
            break
    return words


def surgical_setting(text: str) -> bool:
    """True when a request is made around a surgery (pre- or post-operative)."""
    return not SURGICAL_SETTING_STEMS.isdisjoint(TEXT_ANALYZER.words(text))


def matching_terms(text: str, words: dict[str, str], limit: int = 8) -> list[str]:
    """The request's words (as the user wrote them) that occur in `text`, in request order."""
    present = set(TEXT_ANALYZER.words(text))
    return [original for stem, original in words.items() if stem in present][:limit]


def numbers_in(text: str) -> set[str]:
    """The numbers a text states ("Norco 10/325mg #35" -> {"10", "325", "35"})."""
    return {match.rstrip("0").rstrip(".") if "." in match else match
            for match in _NUMBER.findall(text)}
