"""Locust users for bench/load.py: attorneys searching, filtering, reading letters, a few PDF packs.

Run by bench/load.py (headless, loopback). Every request is appended to the file named by
LOAD_LOG (start time, name, milliseconds, status, error) so load.py can cut the run into windows;
LOAD_MAX_REQUESTS stops the run, LOAD_PDF_INTERVAL spaces the PDF packs (seconds).
"""

from __future__ import annotations

import os
import random
import time
from urllib.parse import urlencode, urlsplit

from locust import HttpUser, between, events, task

QUERIES = (
    "tramadol", "physical therapy", "lumbar radiculopathy", '"epidural steroid injection"',
    "acupuncture", "knee MRI", "chiropractic", "norco", "cervical", "medically necessary",
    "opioid AND taper*", "massage OR acupuncture", "functional restoration", "sleep",
    "shoulder surgery", "drug:tramadol", 'treatment:"physical therapy"', "decision:overturned",
)  # fmt: skip
PACK_REQUESTS = (
    "12 sessions of physical therapy for the cervical spine",
    "Norco 10/325 mg #60",
    "MRI of the lumbar spine",
    "acupuncture 6 sessions for the low back",
)
LOG_PATH = os.environ.get("LOAD_LOG", "var/bench/load/requests.tsv")
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "20000"))
PDF_INTERVAL = float(os.environ.get("LOAD_PDF_INTERVAL", "10"))

_log = open(LOG_PATH, "w", encoding="utf-8")  # noqa: SIM115 (closed when locust quits)
_state: dict = {"requests": 0, "next_pdf": time.monotonic() + PDF_INTERVAL, "environment": None}


@events.request.add_listener
def _record(request_type, name, response_time, response, exception, start_time=None, **_kwargs):
    status = getattr(response, "status_code", 0) or 0
    error = " ".join(str(exception).split())[:200] if exception else ""
    _log.write(f"{start_time or time.time():.3f}\t{name}\t{response_time:.1f}\t{status}\t{error}\n")
    _state["requests"] += 1
    if _state["requests"] == MAX_REQUESTS and _state["environment"].runner:
        _state["environment"].runner.quit()


@events.init.add_listener
def _keep_environment(environment, **_kwargs):
    _state["environment"] = environment


@events.quitting.add_listener
def _close_log(**_kwargs):
    _log.close()


def local(url: str) -> str:
    """The path and query of an absolute URL the site built (the host is the loopback one)."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Attorney(HttpUser):
    """One user: searches, narrows by a facet, opens letters, now and then downloads a pack."""

    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        """Start with empty URL lists, filled by a first JSON search."""
        self.letter_urls: list[str] = []
        self.facet_urls: list[str] = []
        self.search_json()

    @task(5)
    def search(self) -> None:
        """An HTML search for one of the queries."""
        self.client.get("/search?" + urlencode({"q": random.choice(QUERIES)}), name="search")

    @task(3)
    def search_json(self) -> None:
        """A JSON search; keep its letter and facet URLs for the next tasks."""
        query = {"q": random.choice(QUERIES)}
        with self.client.get("/search.json?" + urlencode(query), name="search.json",
                             catch_response=True) as response:
            if response.status_code != 200:
                return
            data = response.json()
            self.letter_urls = [local(hit["url"]) for hit in data["hits"]] or self.letter_urls
            self.facet_urls = [
                local(value["url"]) for values in data["facets"].values() for value in values
                if value["count"] and not value["selected"]
            ] or self.facet_urls

    @task(3)
    def search_facet(self) -> None:
        """Narrow a search by one of the facet values last seen."""
        if self.facet_urls:
            self.client.get(random.choice(self.facet_urls), name="search+facet")

    @task(3)
    def letter(self) -> None:
        """Open one of the letters last found."""
        if self.letter_urls:
            self.client.get(random.choice(self.letter_urls).split("#")[0], name="letter")

    @task(1)
    def letter_json(self) -> None:
        """Fetch the JSON of one of the letters last found."""
        if self.letter_urls:
            path = random.choice(self.letter_urls).split("?")[0].split("#")[0]
            self.client.get(path + ".json", name="letter.json")

    @task(1)
    def pack_pdf(self) -> None:
        """Download a precedent pack, at most once per PDF interval over all users."""
        if time.monotonic() < _state["next_pdf"]:
            return
        _state["next_pdf"] = time.monotonic() + PDF_INTERVAL
        query = {"request": random.choice(PACK_REQUESTS), "n": "10"}
        self.client.get("/report.pdf?" + urlencode(query), name="report.pdf")
