"""The only code that touches whoosh3's private internals, each checked once at import.

whoosh3's leaf matcher decodes its postings a block at a time (`_data` unpickled by
`_read_data()` holds the delta-coded ids; `_ids`, `_weights`, `_values` from `_i` on, then
`_next_block()`); in a segment with deleted documents it is wrapped in a `FilterMatcher`
holding the deleted document numbers (`_ids`, `_exclude`); its scorers compute a score from
(weight, field length) in `_score`; a segment's field lengths are a column of one byte per
document (`_cached_reader` of `_lenfield(field)`: `_dbfile`, `_basepos`, `_count`); a
multi-term query lists the index words it stands for in `_btexts`. Reading these directly
avoids the public API's method calls per posting, 10-100x faster on big postings.

whoosh3's writer pickles each posting block with protocol 2 (`dumps` in `whoosh.codec.whoosh3`),
which stores every posting's encoded positions (bytes) as a call to `_codecs.encode`; indexes
written here use protocol 4 instead: blocks ~25% smaller and their pickles loaded ~3x faster, by
the same reader (an index written before still reads, at the old speed).

At import a probe over a tiny in-memory index checks that each internal exists and gives what
the public API gives. When one does not (e.g. after a whoosh3 upgrade) the functions here use
the public API instead, slow but right, and count it: `usage()` tells which path ran how often.
"""

from __future__ import annotations

import pickle
import threading
import zlib
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Sequence
from itertools import accumulate

from whoosh import query
from whoosh.codec import whoosh3
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import WeightLengthScorer
from whoosh.util.numeric import byte_to_length

# document numbers, term weights and encoded values (positions)
ValueBlock = tuple[Sequence[int], Sequence[float], Sequence[bytes]]
ScoreFunction = Callable[[float, int], float]  # (weight, field length) -> score

_FAST: Counter[str] = Counter()
_FALLBACK: Counter[str] = Counter()
_COUNTING = threading.Lock()


def id_blocks(matcher) -> Iterator[Sequence[int]]:
    """Yield the document numbers of a matcher's postings, a block at a time."""
    source = _block_source(matcher)
    if _count(source is not None, "id_blocks"):
        for ids, _, _ in _raw_blocks(*source, weights=False):
            yield ids
    else:
        yield list(matcher.all_ids())


def weight_blocks(matcher, values: bool = False) -> Iterator[ValueBlock]:
    """Yield (document numbers, term weights, encoded values such as positions if asked, else
    ()) of a matcher's postings, a block at a time (counted as value_blocks with values)."""
    source = _block_source(matcher)
    if _count(source is not None, "value_blocks" if values else "weight_blocks"):
        yield from _raw_blocks(*source, weights=True, values=values)
    else:
        yield _one_by_one(matcher, values)


def score_function(matcher) -> ScoreFunction | None:
    """Return the (weight, length) -> score function of a term matcher's scorer, or None.

    None means the score must come from Whoosh itself (`matcher.score()` or a search).
    """
    leaf = matcher.child if isinstance(matcher, FilterMatcher) else matcher
    scorer = getattr(leaf, "scorer", None)
    usable = AVAILABLE["score"] and isinstance(scorer, WeightLengthScorer)
    return scorer._score if _count(usable, "score_function") else None


def length_bytes(leaf_reader, field: str) -> bytes | None:
    """Return every document's length byte in a field of a segment (0: none), read at once;
    None when out of reach (the caller then asks `doc_field_length` per document)."""
    usable = _count(AVAILABLE["lengths"], "length_bytes")
    return _length_column(leaf_reader, field) if usable else None


def _length_column(leaf_reader, field: str) -> bytes | None:
    column = leaf_reader._perdoc._cached_reader(whoosh3._lenfield(field), whoosh3.LENGTHS_COLUMN)
    if column is None:
        return None
    stored = column._dbfile.get(column._basepos, column._count)
    return stored.ljust(leaf_reader.doc_count_all(), b"\x00")


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


def _raw_blocks(
    matcher, deleted: Collection[int], weights: bool, values: bool = False
) -> Iterator[ValueBlock]:
    while matcher.is_active():
        _load_ids(matcher)
        start = matcher._i
        if weights:
            matcher.weight()  # loads the current block's weights
        if values:
            matcher.value()  # loads the current block's values
        block = (
            matcher._ids[start:],
            matcher._weights[start:] if weights else (),
            matcher._values[start:] if values else (),
        )
        yield _live(block, deleted) if deleted else block
        matcher._next_block()


def _load_ids(matcher) -> None:
    """Load the current block's ids as whoosh3's `_read_ids` does, with a C-level delta decode
    (its per-posting Python generator is a third of the cost of reading a block)."""
    if matcher._ids is None:
        if matcher._data is None:
            matcher._read_data()
        ids = matcher._data[0]
        matcher._ids = ids if matcher._byteids else tuple(accumulate(ids))


def _live(block: ValueBlock, deleted: Collection[int]) -> ValueBlock:
    ids, weights, values = block
    kept = [n for n, docnum in enumerate(ids) if docnum not in deleted]
    return (
        [ids[n] for n in kept],
        [weights[n] for n in kept] if weights else (),
        [values[n] for n in kept] if values else (),
    )


def _one_by_one(matcher, values: bool = False) -> ValueBlock:
    ids, weights, encoded = [], [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        if values:
            encoded.append(matcher.value())
        matcher.next()
    return ids, weights, encoded


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
    """Tell whether reading blocks gives the public API's postings of a term (ids, weights and
    values), in several blocks."""
    public = _one_by_one(leaf.postings("text", "alpha"), values=True)
    matcher, deleted = _unfiltered(leaf.postings("text", "alpha"))
    blocks = list(_raw_blocks(matcher, deleted, weights=True, values=True))
    read = tuple([posting for block in blocks for posting in block[part]] for part in range(3))
    return len(blocks) > 1 and read == (public[0], list(public[1]), public[2])



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


def _probe_pickles(searcher) -> bool:
    """Tell whether the probe index's posting blocks were pickled with BLOCK_PICKLE_PROTOCOL."""
    matcher = searcher.leaf_searchers()[1][0].postings("text", "alpha")
    data = matcher._postfile.get(matcher._dataoffset, matcher._nextoffset - matcher._dataoffset)
    data = zlib.decompress(data) if matcher._compression else data
    return data[:2] == pickle.PROTO + bytes([BLOCK_PICKLE_PROTOCOL])


BLOCK_PICKLE_PROTOCOL = 4


def _block_dumps(obj, protocol: int | None = None) -> bytes:
    """whoosh3's `dumps(obj, 2)`, with BLOCK_PICKLE_PROTOCOL instead of 2."""
    return pickle.dumps(obj, BLOCK_PICKLE_PROTOCOL)


def _pickle_blocks_faster() -> None:
    """Make whoosh3's writer pickle posting blocks with BLOCK_PICKLE_PROTOCOL (once)."""
    if whoosh3.dumps is pickle.dumps:
        whoosh3.dumps = _block_dumps


def _probe_lengths(searcher) -> bool:
    for leaf, _ in searcher.reader().leaf_readers():
        lengths = _length_column(leaf, "text")
        every = range(leaf.doc_count_all())
        public = [leaf.doc_field_length(docnum, "text") or 0 for docnum in every]
        if lengths is None or [byte_to_length(byte) for byte in lengths] != public:
            return False
    return any(public)


_CHECKS = {
    "blocks": _probe_blocks,
    "deletions": _probe_deletions,
    "score": _probe_score,
    "words": _probe_words,
    "pickles": _probe_pickles,
    "lengths": _probe_lengths,
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


_pickle_blocks_faster()
# capability name -> usable; the class of the codec's block-reading leaf matcher
AVAILABLE, _BLOCK_MATCHER = probe_internals()
