"""Query text checking, repair suggestions, rewriting onto item documents, cost limits."""

from __future__ import annotations

import pytest
from whoosh import query
from whoosh.analysis import StemmingAnalyzer

from indexer.engine.query import ITEMS, LetterChildren, item_query, parse_text
from indexer.engine.schema import SCHEMA, TEXT_ANALYZER
from indexer.engine.search_query import ITEM_SCOPE, LETTER_SCOPE
from indexer.engine.syntax import MAX_QUERY_CHARS, MAX_TERMS, check_syntax
from indexer.errors import QueryError

VALID = [
    "tramadol",
    "tramadol AND therapy",
    '"slip and fall"',
    "decision:overturned",
    'treatment:"physical therapy"',
    "case_number:CM16-0213037",
    "drug:tramadol",
    'body_part:"lumbar spine"',
    "(tramadol OR norco) AND NOT decision:upheld",
    "therap*",
    "treatment:(opioid OR NSAID)",
    "claimant's knee",
    "10:30 appointment",
]

# (query text, a phrase of the message, the suggested query or None)
INVALID = [
    ('"slip and', "quotation mark is not closed", '"slip and"'),
    ('"a" "b', "quotation mark is not closed", '"a" "b"'),
    ('"', "quotation mark is not closed", None),
    ("tramadol AND", "'AND' has no search term after it", "tramadol"),
    ("tramadol NOT", "'NOT' has no search term after it", "tramadol"),
    ("OR tramadol", "'OR' needs a search term on each side", "tramadol"),
    ("knee AND OR hip", "'OR' needs a search term on each side", "knee AND hip"),
    ("knee OR NOT", "has no search term after it", "knee"),
    ("(knee OR hip", "'(' is not closed", "(knee OR hip)"),
    ("knee)", "')' without a matching '('", "knee"),
    ("(knee OR)", "'OR' has no search term after it", "(knee)"),
    ("()", "Empty parentheses", None),
    ('treatment:""', 'Empty quotes ""', None),
    ("knee treatment: hip", "'treatment:' needs a value", "knee hip"),
    ("foo:bar", "no field called 'foo'", "bar"),
    ("treatmnt:opioid", "no field called 'treatmnt'", "treatment:opioid"),
    ("Decision:Upheld", "no field called 'Decision'", "decision:Upheld"),
    ("*ing", "starts with a wildcard", "ing"),
    ("rationale:?ain", "starts with a wildcard", "rationale:ain"),
    ("*", "leave the search box empty", None),
    ("---", "no words to search for", None),
]


@pytest.mark.parametrize("text", VALID)
def test_valid_queries_parse(text):
    assert list(parse_text(text).leaves())


@pytest.mark.parametrize(("text", "message", "suggestion"), INVALID)
def test_malformed_queries_explained_with_a_correction(text, message, suggestion):
    with pytest.raises(QueryError) as caught:
        parse_text(text)
    assert message in str(caught.value)
    assert caught.value.suggestion == suggestion
    if suggestion:
        parse_text(suggestion)  # the correction is itself a valid query


def test_overlong_query_refused():
    with pytest.raises(QueryError, match="too long"):
        check_syntax("knee " * (MAX_QUERY_CHARS // 5 + 1))


def test_huge_or_list_refused():
    text = " OR ".join(f"word{n}" for n in range(MAX_TERMS + 1))
    with pytest.raises(QueryError, match=f"at most {MAX_TERMS}"):
        check_syntax(text)
    check_syntax(" OR ".join(f"word{n}" for n in range(MAX_TERMS)))


def _rewritten(text: str, scope: str = ITEM_SCOPE) -> query.Query:
    return item_query(parse_text(text, scope), lambda field, value: value.upper())


def test_letter_fields_reach_items_through_nested_children():
    rewritten = _rewritten("tramadol", LETTER_SCOPE)
    assert rewritten.subqueries[-1] == ITEMS
    word = rewritten.subqueries[0]
    nested = [child for child in word.subqueries if isinstance(child, LetterChildren)]
    assert len(nested) == 1
    assert {leaf.field() for leaf in nested[0].child.leaves()} == {"summary", "documents"}
    plain = {child.field() for child in word.subqueries if not isinstance(child, LetterChildren)}
    assert plain == {"request", "rationale", "guideline_text"}


def test_explicit_summary_field_is_nested():
    rewritten = _rewritten("summary:fall")
    assert isinstance(rewritten.subqueries[0], LetterChildren)


def test_facet_values_are_resolved_and_commas_rejoined():
    rewritten = _rewritten('guideline:"mtus acoem forearm, wrist, and hand"')
    assert rewritten.subqueries[0] == query.Term("guideline", "MTUS ACOEM FOREARM, WRIST, AND HAND")


def test_case_numbers_are_upper_cased():
    rewritten = _rewritten("case_number:cm16-0213037")
    assert rewritten.subqueries[0] == query.Term("case_number", "CM16-0213037")


ANALYZED_TEXTS = [
    "Physical therapy x12 sessions for the lumbar spine (L4-L5), e.g. 3.5mg Norco; U.S. rules",
    "The patient's slip and fall; running, runs, ran — MRI's findings. Cervical/thoracic",
    "",
]


@pytest.mark.parametrize("text", ANALYZED_TEXTS)
def test_text_analyzer_matches_whoosh_stemming_analyzer(text):
    # the one-pass analyzer must index and query exactly as StemmingAnalyzer without stop words
    reference = StemmingAnalyzer(stoplist=None, minsize=1)
    options = {"positions": True, "chars": True}
    assert [(t.text, t.pos, t.startchar, t.endchar) for t in TEXT_ANALYZER(text, **options)] == [
        (t.text, t.pos, t.startchar, t.endchar) for t in reference(text, **options)
    ]
    field = SCHEMA["rationale"]
    reference_field = type(field)(analyzer=reference)
    assert sorted(field.index(text)) == sorted(reference_field.index(text))
