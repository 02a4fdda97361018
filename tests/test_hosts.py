"""No URL the site writes comes from a request header it does not trust (issue 13): a Host
outside TRUSTED_HOSTS gets a plain 400 on every route, and X-Forwarded-* headers are never read."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

EVIL = "evil.example"
SEARCH = "q=therapy&decision=Overturned"
ROUTES = [
    "/", "/about", f"/search?{SEARCH}", f"/search.json?{SEARCH}", f"/search.csv?{SEARCH}",
    f"/search.atom?{SEARCH}", "/reports/new", "/report?request=physical+therapy&n=2",
    "/report.pdf?request=physical+therapy&n=2", "/static//site.css",
]
FORWARDED = {"X-Forwarded-Host": EVIL, "X-Forwarded-Proto": "gopher", "X-Forwarded-Prefix": "/x",
             "Forwarded": f"host={EVIL}"}


def _everything(response) -> str:
    """Body and headers of a response as text (a PDF's text and link targets included)."""
    parts = [str(response.headers)]
    if response.mimetype == "application/pdf":
        reader = PdfReader(io.BytesIO(response.data))
        for page in reader.pages:
            parts.append(page.extract_text())
            for annotation in page.get("/Annots") or []:
                parts.append(str(annotation.get_object().get("/A", {}).get("/URI", "")))
    else:
        parts.append(response.get_data(as_text=True))
    return "\n".join(parts)


@pytest.mark.parametrize("url", ROUTES)
def test_an_untrusted_host_is_a_plain_400_that_echoes_nothing(client, url):
    response = client.get(url, headers={"Host": EVIL})
    assert response.status_code == 400
    assert EVIL not in _everything(response)
    assert "Location" not in response.headers


def test_every_route_of_a_letter_refuses_an_untrusted_host(client, fixture_letters):
    letter_id = fixture_letters[0].id
    for url in (f"/letters/{letter_id}", f"/letters/{letter_id}.json"):
        response = client.get(url, headers={"Host": EVIL})
        assert response.status_code == 400 and EVIL not in _everything(response)


@pytest.mark.parametrize("url", ROUTES)
def test_forwarded_headers_reach_no_output(client, url):
    response = client.get(url, headers=FORWARDED)
    assert response.status_code in (200, 308), url
    text = _everything(response)
    assert EVIL not in text and "gopher:" not in text
    if response.status_code == 308:
        assert response.headers["Location"].startswith("http://localhost/")


def test_forwarded_headers_reach_no_letter_output(client, fixture_letters):
    letter_id = fixture_letters[0].id
    for url in (f"/letters/{letter_id}", f"/letters/{letter_id}.json"):
        response = client.get(url, headers=FORWARDED)
        assert response.status_code == 200 and EVIL not in _everything(response)


def test_a_deployment_names_its_own_hosts(index_dir):
    from imr_site import create_app

    app = create_app({"INDEX_DIR": str(index_dir), "TRUSTED_HOSTS": ["precedents.example"]})
    client = app.test_client()
    data = client.get("/search.json?q=therapy", headers={"Host": "precedents.example"}).get_json()
    assert data["canonical_url"].startswith("http://precedents.example/search?")
    assert client.get("/search.json?q=therapy").status_code == 400  # localhost no longer trusted
