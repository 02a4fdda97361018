"""Snippets and letter highlights as data: the text as stored and the spans of the query's words."""

from __future__ import annotations

import pytest
from hand_letters import HOSTILE, L1, L6, LETTERS, build

from indexer.engine import LETTER_SCOPE, Corpus, Highlighted, SearchQuery
from indexer.engine.snippets import SNIPPET_CHARS, plain_snippet

QUERIES = ("necessary", '"medically necessary"', "knee OR shoulder", "summary:zygapophyseal",
           "qq00*", "script", "tramadol", "summary:pain", "")  # fmt: skip


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, engine) -> Corpus:
    """The hand-made letters indexed by each engine in turn: the same snippets from both."""
    folder = tmp_path_factory.mktemp("snippets") / "index"
    return Corpus.open(build(folder, LETTERS, engine=engine))


def marked(highlighted: Highlighted) -> list[str]:
    """The marked words, in order."""
    return [highlighted.text[start:end] for start, end in highlighted.spans]


def test_pieces_cover_the_text_once():
    highlighted = Highlighted("a <b> & c", ((0, 1), (8, 9)))
    pieces = list(highlighted.pieces())
    assert pieces == [("a", True), (" <b> & ", False), ("c", True)]
    assert list(Highlighted("plain").pieces()) == [("plain", False)]
    assert list(Highlighted("").pieces()) == []


@pytest.mark.parametrize("text", QUERIES)
def test_spans_are_ordered_disjoint_words_inside_the_text(corpus, text):
    hits = corpus.search(SearchQuery(text, per_page=50)).hits
    assert hits
    for hit in hits:
        snippet = hit.snippet
        assert "".join(piece for piece, _marked in snippet.pieces()) == snippet.text
        ends = [0] + [bound for span in snippet.spans for bound in span]
        assert ends == sorted(ends) and all(start < end for start, end in snippet.spans)
        assert all(end <= len(snippet.text) for _start, end in snippet.spans)
        assert all(word.isalnum() for word in marked(snippet)), marked(snippet)


def test_marked_words_are_the_query_words(corpus):
    for hit in corpus.search(SearchQuery("necessary", per_page=50)).hits:
        assert [word.lower() for word in marked(hit.snippet)] == ["necessary"]
    for hit in corpus.search(SearchQuery('"medically necessary"', per_page=50)).hits:
        assert [word.lower() for word in marked(hit.snippet)] == ["medically", "necessary"]
    prefixed = corpus.search(SearchQuery("qq00*")).hits[0].snippet
    assert marked(prefixed) == [f"qq00{n}" for n in range(10)]


def test_spans_stay_right_after_the_gap_between_two_fragments(corpus):
    snippet = corpus.search(SearchQuery("surgery OR qq299", {"body_part": ("shoulder",)})).hits[0]
    snippet = snippet.snippet
    assert " … " in snippet.text and len(snippet.text) < len(L6.items[0].rationale)
    assert marked(snippet) == ["Surgery", "qq299"]
    assert snippet.spans[1][0] > snippet.text.index(" … ")


def test_summary_only_match_gets_a_summary_snippet(corpus):
    hits = corpus.search(SearchQuery("zygapophyseal", scope=LETTER_SCOPE)).hits
    assert len(hits) == len(L1.items)
    for hit in hits:
        assert hit.snippet.text in L1.summary and marked(hit.snippet) == ["zygapophyseal"]


def test_snippets_hold_the_stored_text_unescaped(corpus):
    hit = corpus.search(SearchQuery("script")).hits[0]
    assert "<script>alert(1)</script>" in hit.snippet.text  # the renderers escape, not the engine
    assert marked(hit.snippet) == ["script", "script"]
    start, _end = hit.snippet.spans[0]
    assert hit.snippet.text[start - 1] == "<"
    assert marked(corpus.search(SearchQuery("onerror")).hits[0].snippet) == ["onerror"]


def test_without_words_a_snippet_is_the_unmarked_start_of_the_rationale(corpus):
    for hit in corpus.search(SearchQuery(per_page=50)).hits:
        assert hit.snippet.spans == ()
        assert len(hit.snippet.text) <= SNIPPET_CHARS + 2


def test_plain_snippet_cuts_at_a_word_boundary():
    words = " ".join(f"word{n}" for n in range(100))
    cut = plain_snippet(words)
    kept = cut.text.removesuffix(" …")
    assert cut.spans == () and cut.text.endswith(" …") and len(kept) <= SNIPPET_CHARS
    assert words.startswith(kept + " ")  # cut after a whole word
    assert plain_snippet("short <text>") == Highlighted("short <text>")


def test_highlight_for_letter_pages(corpus):
    text = f"Tramadol & therapy {HOSTILE}"
    highlighted = corpus.highlight(text, "tramadol OR alert")
    assert highlighted.text == text
    assert marked(highlighted) == ["Tramadol", "alert", "alert"]
    assert corpus.highlight("a <b>", '"unclosed') == Highlighted("a <b>")
    assert corpus.highlight("a <b>", "") == Highlighted("a <b>")
    assert corpus.highlight("no match here", "tramadol") == Highlighted("no match here")


def test_large_pages_get_unmarked_snippets(corpus):
    small = corpus.search(SearchQuery("necessary", per_page=100)).hits
    large = corpus.search(SearchQuery("necessary", per_page=101)).hits
    assert [hit.item_id for hit in small] == [hit.item_id for hit in large]
    assert all(hit.snippet.spans for hit in small)
    assert not any(hit.snippet.spans for hit in large)


PHRASE_TEXT = "Functional improvement was shown. He is improving; functional status is unchanged."


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('rationale:"functional improvement"', ["Functional", "improvement"]),
        ('"functional improvement"', ["Functional", "improvement"]),
        ('"functional improvement" status', ["Functional", "improvement", "status"]),
        ("functional improvement", ["Functional", "improvement", "improving", "functional"]),
    ],
)
def test_a_phrase_is_marked_only_where_it_occurs_as_a_phrase(corpus, query, expected):
    assert marked(corpus.highlight(PHRASE_TEXT, query)) == expected


def test_search_snippets_mark_the_phrase_not_its_words_elsewhere(corpus):
    hits = corpus.search(SearchQuery('"medically necessary"', per_page=50)).hits
    assert hits
    for hit in hits:
        words = [word.lower() for word in marked(hit.snippet)]
        assert words and words == ["medically", "necessary"] * (len(words) // 2)
