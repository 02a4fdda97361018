"""The only code that touches whoosh3's private internals, each checked once at import.

whoosh3's leaf matcher decodes its postings a block at a time (`_ids` and `_weights` from `_i`
on, then `_next_block()`), its scorers compute a score from (weight, field length) in `_score`,
and a multi-term query lists the index words it stands for in `_btexts`. Reading these directly
avoids the public API's method calls per posting, 10-100x faster on big postings.

At import a probe over a tiny in-memory index checks that each internal exists and gives what
the public API gives. When one does not (e.g. after a whoosh3 upgrade) its functions here use
the public API instead, slow but right, and count it: `usage()` tells which path ran how often.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence

from whoosh import query
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.scoring import WeightLengthScorer

Block = tuple[Sequence[int], Sequence[float]]  # document numbers and their term weights
ScoreFunction = Callable[[float, int], float]  # (weight, field length) -> score

_FAST: Counter[str] = Counter()
_FALLBACK: Counter[str] = Counter()
_COUNTING = threading.Lock()


def id_blocks(matcher) -> Iterator[Sequence[int]]:
    """Yield the document numbers of a matcher's postings, a block at a time."""
    if _count(_reads_blocks(matcher), "id_blocks"):
        for ids, _ in _raw_blocks(matcher, weights=False):
            yield ids
    else:
        yield list(matcher.all_ids())


def weight_blocks(matcher) -> Iterator[Block]:
    """Yield (document numbers, term weights) of a matcher's postings, a block at a time."""
    if _count(_reads_blocks(matcher), "weight_blocks"):
        yield from _raw_blocks(matcher, weights=True)
    else:
        yield _one_by_one(matcher)


def score_function(matcher) -> ScoreFunction | None:
    """Return the (weight, length) -> score function of a term matcher's scorer, or None.

    None means the score must come from Whoosh itself (`matcher.score()` or a search).
    """
    scorer = getattr(matcher, "scorer", None)
    usable = AVAILABLE["score"] and isinstance(scorer, WeightLengthScorer)
    return scorer._score if _count(usable, "score_function") else None


def expanded_words(multiterm: query.MultiTerm, reader) -> Iterator[bytes]:
    """Yield the index words a wildcard, prefix or range query stands for."""
    if _count(AVAILABLE["words"], "expanded_words"):
        return iter(multiterm._btexts(reader))
    return (word for _, word in multiterm.expanded_terms(reader))


def usage() -> dict[str, dict[str, int]]:
    """Return how often each function took its fast path and its public-API fallback."""
    with _COUNTING:
        return {"fast": dict(_FAST), "fallback": dict(_FALLBACK)}


def _count(fast: bool, name: str) -> bool:
    with _COUNTING:
        (_FAST if fast else _FALLBACK)[name] += 1
    return fast


def _reads_blocks(matcher) -> bool:
    # Only the codec's own leaf matcher: a wrapper (e.g. one filtering deleted documents)
    # holds no blocks of its own.
    return AVAILABLE["blocks"] and type(matcher) is _BLOCK_MATCHER


def _raw_blocks(matcher, weights: bool) -> Iterator[Block]:
    while matcher.is_active():
        matcher.id()  # loads the current block's ids
        if weights:
            matcher.weight()  # loads the current block's weights
        start = matcher._i
        yield matcher._ids[start:], (matcher._weights[start:] if weights else ())
        matcher._next_block()


def _one_by_one(matcher) -> Block:
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


def _probe_searcher():
    """Return a searcher over a tiny index whose postings span several blocks."""
    index = RamStorage().create_index(Schema(text=TEXT))
    with index.writer(codec=W3Codec(blocklimit=3)) as writer:
        for number in range(10):
            writer.add_document(text="alpha " * (number % 3 + 1) + ("beta" if number % 2 else ""))
    return index.searcher()


def _probe_blocks(searcher) -> bool:
    leaf, _ = searcher.leaf_searchers()[0]
    public = _one_by_one(leaf.postings("text", "alpha"))
    matcher = leaf.postings("text", "alpha")
    blocks = list(_raw_blocks(matcher, weights=True))
    ids = [docnum for block_ids, _ in blocks for docnum in block_ids]
    weights = [weight for _, block_weights in blocks for weight in block_weights]
    return len(blocks) > 1 and (ids, weights) == (public[0], list(public[1]))


def _probe_score(searcher) -> bool:
    leaf, _ = searcher.leaf_searchers()[0]
    matcher = query.Term("text", "alpha").matcher(leaf, searcher.context(needs_current=True))
    scorer = matcher.scorer
    if not isinstance(scorer, WeightLengthScorer):
        return False
    while matcher.is_active():
        length = leaf.doc_field_length(matcher.id(), "text", 1)
        if scorer._score(matcher.weight(), length) != matcher.score():
            return False
        matcher.next()
    return True


def _probe_words(searcher) -> bool:
    reader = searcher.reader()
    lexicon = [word for word in reader.lexicon("text") if word.startswith(b"al")]
    return list(query.Prefix("text", "al")._btexts(reader)) == lexicon == [b"alpha"]


_CHECKS = {"blocks": _probe_blocks, "score": _probe_score, "words": _probe_words}


def _passes(check: Callable, searcher) -> bool:
    try:
        return check(searcher)
    except Exception:  # any failure of the probe means the internal is unusable
        return False


def probe_internals() -> tuple[dict[str, bool], type]:
    """Return which internals behave as expected, and the class of a block-reading matcher."""
    with _probe_searcher() as searcher:
        available = {name: _passes(check, searcher) for name, check in _CHECKS.items()}
        leaf, _ = searcher.leaf_searchers()[0]
        return available, type(leaf.postings("text", "alpha"))


# capability name -> usable; the class of the codec's block-reading leaf matcher
AVAILABLE, _BLOCK_MATCHER = probe_internals()
