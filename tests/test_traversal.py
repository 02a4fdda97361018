"""Path traversal on every route that takes an id or a file name: 404/400, never 500, never a file.

The routes come from app.url_map, so a route added later is attacked too without editing this file.
"""

from __future__ import annotations

import re

import pytest

from imr_site import create_app

PAYLOADS = [
    "../../../../../../etc/passwd",
    "..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
    "..%252F..%252F..%252F..%252Fetc%252Fpasswd",  # encoded twice
    "....//....//....//....//etc/passwd",
    "..%5C..%5C..%5C..%5Cetc%5Cpasswd",  # backslashes
    "%2Fetc%2Fpasswd",  # absolute
    "/etc/passwd",
    "//etc/passwd",
    "file:%2F%2F%2Fetc%2Fpasswd",
    "..",
    "../",
    "%2e%2e",
    "../pyproject.toml",
    "..%2Fpyproject.toml",
    "../../pyproject.toml",
    "%2e%2e%2f%2e%2e%2fpyproject.toml",
    "../templates/letter.html",
    "CM16-0213037%00",
    "CM16-0213037%00.pdf",
    "..%00/etc/passwd",
    "%00",
    "%C0%AE%C0%AE%2F%C0%AE%C0%AE%2Fetc%2Fpasswd",  # overlong UTF-8 dots
    "%EF%BC%8E%EF%BC%8E%EF%BC%8F%EF%BC%8E%EF%BC%8E%EF%BC%8Fetc%EF%BC%8Fpasswd",  # fullwidth ./
    "\uff0e\uff0e\uff0f\uff0e\uff0e\uff0fetc\uff0fpasswd",
    "\u2025\u2215\u2025\u2215etc\u2215passwd",  # two-dot leader, division slash
    "CM16\u20110213037",  # non-breaking hyphen lookalike of a case number
    "\u0421\u041c16-0213037",  # Cyrillic lookalikes of "CM"
    "A" * 10_000,
    "%41" * 5_000,
    "CM16-0213037" + "/.." * 500,
]
FILE_CONTENT = ("root:x:0:", "[build-system]", "{% extends", "Traceback")


def routes_with_arguments() -> list[str]:
    """Every URL rule of the site that takes a path argument (an id or a file name)."""
    app = create_app({"TESTING": True, "INDEX_DIR": "unused"})
    return sorted(rule.rule for rule in app.url_map.iter_rules() if rule.arguments)


ROUTES = routes_with_arguments()


def attack_url(rule: str, payload: str) -> str:
    """The rule with every argument replaced by the payload, verbatim (no escaping)."""
    return re.sub(r"<[^>]+>", lambda _match: payload, rule)


def test_the_routes_are_enumerated():
    assert {"/static/<path:filename>", "/letters/<letter_id>", "/letters/<letter_id>.json",
            "/letters/<letter_id>.pdf"} <= set(ROUTES)  # fmt: skip


@pytest.mark.parametrize("rule", ROUTES)
def test_the_attack_reaches_a_route_that_does_serve(client, fixture_letters, rule):
    """Control: with a good argument each route answers 200, so a 404 below means refusal."""
    letter = fixture_letters[0]
    good = {"<path:filename>": "site.css", "<letter_id>": letter.id}
    url = re.sub(r"<[^>]+>", lambda match: good[match.group(0)], rule)
    status = client.get(url).status_code
    assert status == (404 if url.endswith(".pdf") else 200), url  # text letters have no PDF


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("rule", ROUTES)
def test_traversal_is_refused(client, rule, payload):
    response = client.get(attack_url(rule, payload), follow_redirects=True)
    assert response.status_code in (400, 404), (rule, payload, response.status_code)
    body = response.get_data(as_text=True)
    assert not any(marker in body for marker in FILE_CONTENT), (rule, payload)
    assert response.mimetype in ("text/html", "application/json"), response.mimetype
