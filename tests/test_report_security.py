"""PDF rendering abuse: hostile notes and HTML reach no URL, no local file; renders are bounded."""

from __future__ import annotations

import io
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import weasyprint
from pypdf import PdfReader

from imr_site import create_app
from imr_site.reports import RENDERER
from imr_site.reports.render import PdfRenderer, StaticOnlyFetcher
from imr_site.reports.render_limits import RenderSlots

STATIC = Path(__file__).resolve().parent.parent / "static"
PT_REQUEST = "12 sessions of physical therapy for the cervical spine"
SECRET_MARKERS = ("root:x:0:0", "root:x:0")  # /etc/passwd's first line


class _CanaryHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.hits.append(self.path)
        body = b"canary"
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def canary():
    """A real HTTP server on 127.0.0.1 that records every request it receives."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _CanaryHandler)
    server.hits = []
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def hostile_html(canary_url: str) -> str:
    return f"""<!doctype html><html><head>
<link rel="stylesheet" href="{canary_url}/link.css">
<link rel="attachment" href="file:///etc/passwd">
<style>@import url("{canary_url}/import.css"); body {{ background: url("{canary_url}/bg.png"); }}
@font-face {{ font-family: X; src: url("{canary_url}/font.woff"); }}</style>
</head><body><h1 style="font-family: X">Hostile</h1>
<img src="{canary_url}/img.png"><img src="file:///etc/passwd"><img src="../../../../etc/passwd">
<object data="file:///etc/passwd"></object><embed src="file:///etc/passwd">
<iframe src="{canary_url}/frame.html"></iframe><a rel="attachment" href="/etc/passwd">x</a>
<svg><image href="{canary_url}/svg.png" width="10" height="10"/></svg>
</body></html>"""


def test_the_canary_hears_a_real_fetch(canary):
    """Control: the canary and WeasyPrint's default fetcher do reach the network."""
    urllib.request.urlopen(f"{canary.url}/probe", timeout=5).read()
    weasyprint.HTML(string=f'<img src="{canary.url}/img.png">').write_pdf()
    assert canary.hits == ["/probe", "/img.png"]


def test_hostile_notes_fetch_nothing_and_leak_nothing(client, canary):
    notes = (f'<script>alert(1)</script>\n\n<img src="file:///etc/passwd">\n\n'
             f"![x]({canary.url}/canary)\n\n"
             f'<link rel="stylesheet" href="{canary.url}/notes.css">\n\n'
             f'<link rel="attachment" href="file:///etc/passwd">\n\n'
             "Visible **argument** text.")
    response = client.get("/report.pdf", query_string={"request": PT_REQUEST, "n": "2",
                                                       "notes": notes})
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert "Visible argument text." in text
    assert "alert(1)" not in text and "<script" not in text
    assert not any(marker in text for marker in SECRET_MARKERS)
    assert not PdfReader(io.BytesIO(response.data)).attachments
    assert canary.hits == []


def test_renderer_refuses_every_url_outside_static_even_unsanitised(canary, tmp_path):
    renderer = PdfRenderer(STATIC, RenderSlots(tmp_path, slots=1, queue=0, wait_seconds=0))
    pdf = renderer.render(hostile_html(canary.url))
    assert pdf.startswith(b"%PDF")
    assert canary.hits == []
    assert not any(marker in pdf_text(pdf) for marker in SECRET_MARKERS)
    assert not any(marker.encode() in pdf for marker in SECRET_MARKERS)
    assert not PdfReader(io.BytesIO(pdf)).attachments


@pytest.mark.parametrize("url, allowed", [
    ("file://{static}/pack.css", True),
    ("file://localhost{static}/pack.css", True),
    ("file://{static}/../templates/pack.html", False),
    ("file://{static}/%2e%2e/pyproject.toml", False),
    ("file://{static}", False),
    ("file://{static}/missing.css", False),
    ("file:///etc/passwd", False),
    ("file://evil.example{static}/pack.css", False),
    ("http://127.0.0.1:5000/static/pack.css", False),
    ("https://fonts.example.com/font.woff2", False),
    ("data:text/css,body{color:red}", False),
    ("ftp://127.0.0.1/pack.css", False),
])
def test_static_only_fetcher(url, allowed):
    fetcher = StaticOnlyFetcher(STATIC)
    url = url.replace("{static}", str(STATIC.resolve()))
    assert (fetcher.local_path(url) is not None) is allowed
    if allowed:
        assert fetcher.fetch(url).read() == (STATIC / "pack.css").read_bytes()
    else:
        with pytest.raises(ValueError, match="only the site's static files"):
            fetcher.fetch(url)


def test_busy_renderer_answers_503_then_recovers(index_dir):
    app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir),
                      "REPORT_RENDER_SLOTS": 1, "REPORT_RENDER_WAIT": 0.05})
    client = app.test_client()
    args = {"request": PT_REQUEST, "n": "1"}
    renderer = app.extensions[RENDERER]
    with renderer.slots.hold():  # another request is rendering
        busy = client.get("/report.pdf", query_string=args)
        busy_json = client.get("/report.pdf", query_string=args,
                               headers={"Accept": "application/json"})
    assert busy.status_code == 503
    assert busy.headers["Retry-After"] == "5"
    assert "busy rendering other PDF packs" in busy.get_data(as_text=True)
    assert busy_json.status_code == 503 and "busy" in busy_json.get_json()["error"]
    assert client.get("/report.pdf", query_string=args).status_code == 200


def test_preview_page_escapes_and_sanitises_user_text(client):
    hostile = '<img src=x onerror="alert(1)">'
    page = client.get("/report", query_string={
        "request": f"physical therapy {hostile}", "title": hostile, "prepared_for": hostile,
        "notes": f"<script>alert(2)</script>{hostile}<iframe src=//evil></iframe> **kept**",
        "n": "1"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<script>alert" not in html and "<img src=x" not in html and "<iframe" not in html
    assert "&lt;img src=x onerror=" in html  # shown as text where the user typed it
    assert "<strong>kept</strong>" in html
