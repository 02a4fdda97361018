"""Reliability: random query strings (hostile, clumsy, huge) through /search and
/search.json, always a 200 or a 400, never a 500."""

from __future__ import annotations

import random

import pytest

from indexer.vocab.facets import FACET_NAMES

QUERY_PIECES = (
    '"', "'", "(", ")", "[", "]", "{", "}", "*", "?", ":", "~", "^", "-", "+", "!", "\\", "/",
    "AND", "OR", "NOT", "TO", "and", "or", "not", "therapy", "pain*", "*pain", "p?in", "knee~2",
    "tramadol^3", "[a TO z]", "{1 TO 9}", "year:[2013 TO 2016]", '"slip and fall"~3', "<b>",
    "&amp;", "%00", "\x00", "\x1b[31m", "\u202e", "\ufeff", "é", "ß", "中文", "🙂", "\ud7ff",
    "0" * 50, "9999999999999999999999", "-1", "1e308", "nan", "None", "null", "' OR 1=1 --",
)  # fmt: skip
FIELDS = ("request", "rationale", "summary", "drug", "case_number", "letter_id", "kind", "nope",
          *FACET_NAMES)  # fmt: skip
QUERY_COUNT = 600


def random_query(rng: random.Random) -> str:
    """A query string an attacker or a clumsy paste could send."""
    shape = rng.randrange(4)
    if shape == 0:
        return "".join(chr(rng.randrange(1, 0x3000)) for _ in range(rng.randint(0, 60)))
    if shape == 1:
        return rng.choice(QUERY_PIECES) * rng.randint(1, 2000)
    pieces = rng.choices(QUERY_PIECES, k=rng.randint(1, 12))
    if shape == 2:
        pieces = [f"{rng.choice(FIELDS)}:{piece}" for piece in pieces]
    return rng.choice([" ", "", "  ", "\t", "\n"]).join(pieces)


def random_args(rng: random.Random) -> dict[str, str]:
    """Query text plus, sometimes, a random facet selection, sort or page."""
    args = {"q": random_query(rng)}
    if rng.random() < 0.3:
        args[rng.choice(FACET_NAMES)] = rng.choice([*QUERY_PIECES, "Upheld", "knee", "2016"])
    if rng.random() < 0.2:
        args[rng.choice(["sort", "page", "per_page", "_size"])] = rng.choice(QUERY_PIECES)
    return args


@pytest.mark.parametrize("chunk", range(3))
def test_random_queries_are_answered_never_a_500(client, chunk):
    rng = random.Random(f"reliability-queries:{chunk}")
    statuses = set()
    for _number in range(QUERY_COUNT // 3):
        args = random_args(rng)
        for path in ("/search", "/search.json"):
            response = client.get(path, query_string=args, follow_redirects=True)
            assert response.status_code in (200, 400), (path, args, response.status_code)
            body = response.get_data(as_text=True)
            assert "Traceback" not in body
            if path.endswith(".json"):
                payload = response.get_json()
                assert payload["error"] if response.status_code == 400 else "total" in payload
            statuses.add(response.status_code)
    assert statuses == {200, 400}, "the generator should reach both answers"
