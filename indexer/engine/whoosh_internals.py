"""The only code that touches whoosh3's private internals, each checked once at import.

whoosh3's leaf matcher decodes its postings a block at a time (`_ids` and `_weights` from `_i`
on, then `_next_block()`); in a segment with deleted documents it is wrapped in a
`FilterMatcher` holding the deleted document numbers (`_ids`, `_exclude`); its scorers compute
a score from (weight, field length) in `_score`; a multi-term query lists the index words it
stands for in `_btexts`. Reading these directly avoids the public API's method calls per
posting, 10-100x faster on big postings.

At import a probe over a tiny in-memory index checks that each internal exists and gives what
the public API gives. When one does not (e.g. after a whoosh3 upgrade) the functions here use
the public API instead, slow but right, and count it: `usage()` tells which path ran how often.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Sequence

from whoosh import query
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import WeightLengthScorer

Block = tuple[Sequence[int], Sequence[float]]  # document numbers and their term weights
ScoreFunction = Callable[[float, int], float]  # (weight, field length) -> score

_FAST: Counter[str] = Counter()
_FALLBACK: Counter[str] = Counter()
_COUNTING = threading.Lock()


def id_blocks(matcher) -> Iterator[Sequence[int]]:
    """Yield the document numbers of a matcher's postings, a block at a time."""
    source = _block_source(matcher)
    if _count(source is not None, "id_blocks"):
        for ids, _ in _raw_blocks(*source, weights=False):
            yield ids
    else:
        yield list(matcher.all_ids())


def weight_blocks(matcher) -> Iterator[Block]:
    """Yield (document numbers, term weights) of a matcher's postings, a block at a time."""
    source = _block_source(matcher)
    if _count(source is not None, "weight_blocks"):
        yield from _raw_blocks(*source, weights=True)
    else:
        yield _one_by_one(matcher)


def score_function(matcher) -> ScoreFunction | None:
    """Return the (weight, length) -> score function of a term matcher's scorer, or None.

    None means the score must come from Whoosh itself (`matcher.score()` or a search).
    """
    leaf = matcher.child if isinstance(matcher, FilterMatcher) else matcher
    scorer = getattr(leaf, "scorer", None)
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


def _block_source(matcher) -> tuple[object, Collection[int]] | None:
    """Return (the codec's leaf matcher, deleted docnums it still lists), None if out of reach."""
    if type(matcher) is FilterMatcher and not AVAILABLE["deletions"]:
        return None
    leaf, deleted = _unfiltered(matcher)
    return (leaf, deleted) if AVAILABLE["blocks"] and type(leaf) is _BLOCK_MATCHER else None


def _unfiltered(matcher) -> tuple[object, Collection[int]]:
    """Return the matcher under a segment's deleted-documents filter, and the deleted docnums."""
    if type(matcher) is FilterMatcher and matcher._exclude:
        return matcher.child, matcher._ids
    return matcher, ()


def _raw_blocks(matcher, deleted: Collection[int], weights: bool) -> Iterator[Block]:
    while matcher.is_active():
        matcher.id()  # loads the current block's ids
        if weights:
            matcher.weight()  # loads the current block's weights
        start = matcher._i
        block = matcher._ids[start:], (matcher._weights[start:] if weights else ())
        yield _live(block, deleted) if deleted else block
        matcher._next_block()


def _live(block: Block, deleted: Collection[int]) -> Block:
    ids, weights = block
    kept = [n for n, docnum in enumerate(ids) if docnum not in deleted]
    return [ids[n] for n in kept], ([weights[n] for n in kept] if weights else ())


def _one_by_one(matcher) -> Block:
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


def _probe_searcher():
    """Return a searcher over two segments whose postings span several blocks, the first
    segment with a deleted document, the second without."""
    index = RamStorage().create_index(Schema(text=TEXT))
    for segment in range(2):
        writer = index.writer(codec=W3Codec(blocklimit=3))
        if segment:
            writer.delete_document(4)
        for number in range(10):
            writer.add_document(text="alpha " * (number % 3 + 1) + ("beta" if number % 2 else ""))
        writer.commit(merge=False)
    return index.searcher()


def _same_postings(leaf) -> bool:
    """Tell whether reading blocks gives the public API's postings of a term, in several blocks."""
    public = _one_by_one(leaf.postings("text", "alpha"))
    blocks = list(_raw_blocks(*_unfiltered(leaf.postings("text", "alpha")), weights=True))
    ids = [docnum for block_ids, _ in blocks for docnum in block_ids]
    weights = [weight for _, block_weights in blocks for weight in block_weights]
    return len(blocks) > 1 and (ids, weights) == (public[0], list(public[1]))


def _probe_blocks(searcher) -> bool:
    return _same_postings(searcher.leaf_searchers()[1][0])


def _probe_deletions(searcher) -> bool:
    leaf = searcher.leaf_searchers()[0][0]
    return type(leaf.postings("text", "alpha")) is FilterMatcher and _same_postings(leaf)


def _probe_score(searcher) -> bool:
    leaf, _ = searcher.leaf_searchers()[1]
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


_CHECKS = {
    "blocks": _probe_blocks,
    "deletions": _probe_deletions,
    "score": _probe_score,
    "words": _probe_words,
}


def _passes(check: Callable, searcher) -> bool:
    try:
        return check(searcher)
    except Exception:  # any failure of the probe means the internal is unusable
        return False


def probe_internals() -> tuple[dict[str, bool], type]:
    """Return which internals behave as expected, and the class of the codec's leaf matcher."""
    with _probe_searcher() as searcher:
        available = {name: _passes(check, searcher) for name, check in _CHECKS.items()}
        leaf, _ = searcher.leaf_searchers()[1]
        return available, type(leaf.postings("text", "alpha"))


# capability name -> usable; the class of the codec's block-reading leaf matcher
AVAILABLE, _BLOCK_MATCHER = probe_internals()
