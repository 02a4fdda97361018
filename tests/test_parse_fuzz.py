"""Property tests: the parser raises nothing but LetterError on arbitrary text or bytes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.errors import LetterError
from indexer.letters.parse import parse_text, read_letter
from indexer.letters.records import Source

FRAGMENTS = [
    "IMR ISSUES, DECISIONS AND RATIONALES\n",
    "CLINICAL CASE SUMMARY\n",
    ": Upheld\n",
    "Overturned\n",
    "Claims Administrator guideline: ",
    "MAXIMUS guideline: MTUS Non-MTUS ",
    "Decision rationale: ",
    "Case Number: CM16-0000001\n",
    "Date of Injury: 13/45/2016 ",
    "1. Is it medically necessary and appropriate?\n",
    "ISSUE AT DISPUTE:\n",
    "RATIONALE\n",
    "IMR DECISION(S) AND RATIONALE(S)\n",
    "was the original request. ",
    "2x6 ",
    "(12) Sessions ",
    "State(s) of Licensure: ",
    "Certification(s)/Specialty: ",
    "\n",
    " ",
    "\u201c",
    "\x00",
]
letterish = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=40).map(
    "".join
)
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(st.one_of(st.text(max_size=2000), letterish))
def test_parse_text_raises_only_letter_error(text):
    try:
        letter = parse_text(text, Source("", "txt", ""))
    except LetterError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert letter.items and all(
            item.decision in ("Upheld", "Overturned") for item in letter.items
        )


@SETTINGS
@given(
    data=st.one_of(
        st.binary(max_size=3000),
        letterish.map(str.encode),
        st.binary(max_size=2000).map(lambda b: b"%PDF-1.4\n" + b),
    ),
    suffix=st.sampled_from([".txt", ".pdf"]),
)
def test_read_letter_raises_only_letter_error(tmp_path, data, suffix):
    path = tmp_path / f"letter{suffix}"
    path.write_bytes(data)
    try:
        read_letter(path)
    except LetterError as error:
        assert str(error) and "\n" not in str(error)
