"""Every integer parameter is read one way: ASCII digits only, bounded; anything else is a clear
400 on the page that asked, never a 500 (issue 13: `str.isdigit()` took "²" and `int()` failed)."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from imr_site.params import whole_number

NOT_WHOLE_NUMBERS = ["²", "①", "٣", "１２", "-1", "+3", "1e3", "3.0", " ", "9" * 10, "0x10"]
ENDPOINTS = [
    ("/search?q=pain&page={}", "page"),
    ("/search.json?q=pain&page={}", "page"),
    ("/search.csv?q=pain&page={}", "page"),
    ("/search.atom?q=pain&page={}", "page"),
    ("/report?request=physical+therapy&n={}", "n"),
    ("/report.pdf?request=physical+therapy&n={}", "n"),
    ("/report?request=physical+therapy&sessions={}", "sessions"),
    ("/report.pdf?request=physical+therapy&sessions={}", "sessions"),
    ("/report?request=physical+therapy&age={}", "age"),
    ("/report.pdf?request=physical+therapy&age={}", "age"),
]


@pytest.mark.parametrize("text", NOT_WHOLE_NUMBERS)
def test_only_ascii_digits_make_a_whole_number(text):
    assert whole_number(text) is None


@pytest.mark.parametrize("text, number", [("1", 1), ("007", 7), ("999999999", 999_999_999)])
def test_ascii_digits_are_read(text, number):
    assert whole_number(text) == number


@pytest.mark.parametrize("template, name", ENDPOINTS)
def test_a_number_in_other_digits_is_explained_never_a_500(client, template, name):
    for value in ("²", "①", "٣", "１２"):
        response = client.get(template.format(quote(value)))
        assert response.status_code == 400, (template, value, response.status_code)
        assert name in response.get_data(as_text=True)
