"""`/report.json`: the pack as data, the same precedents and statistics as the PDF shows (read
back from the PDF), the same errors as `/report`, and a message instead of a pack for a
request nothing recognises."""

from __future__ import annotations

import io
import re

import pytest
from hand_letters import build
from pypdf import PdfReader
from ranking_letters import RANKING_LETTERS

from imr_site import create_app

PT_REQUEST = "12 sessions of physical therapy for the cervical spine"

RUNNING_HEADER = re.compile(r"Precedent \d+ · \S+ · Item \d+")


@pytest.fixture(scope="module")
def scenes_client(engine, tmp_path_factory):
    """The site over the hand-made ranking scenes (few opioids: a Norco pack is padded)."""
    folder = tmp_path_factory.mktemp(f"scenes-{engine}") / "index"
    index = build(folder, RANKING_LETTERS, engine=engine)
    return create_app({"TESTING": True, "INDEX_DIR": str(index)}).test_client()


def pdf_text(client, args: dict) -> str:
    """The whole text of the pack PDF for args, whitespace collapsed, hyphenated words joined."""
    response = client.get("/report.pdf", query_string=args)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pages = PdfReader(io.BytesIO(response.data)).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    return text.replace("\u2010 ", "")


def pack_data(client, args: dict) -> dict:
    response = client.get("/report.json", query_string=args)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_json()


def percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.0f}%"


def assert_pdf_shows(data: dict, text: str) -> None:
    """Every precedent of the data, in order, with its decision; every statistics row."""
    body = text[text.index("Summary of precedents", text.index("Contents") + 9):]
    at = 0
    for precedent in data["precedents"]:
        heading = f"{precedent['case_number']} · Item {precedent['item_number']}"
        at = body.index(heading, at)
        assert body[at:at + 300].find(precedent["decision"].upper()) > 0, heading
    for row in filter(None, data["statistics"]["outcomes"].values()):
        assert (f"{row['counts']} {row['items']:,} {row['upheld']:,} {row['overturned']:,} "
                f"{percent(row['overturn_rate'])}") in body, row
    for row in data["statistics"]["reasons"]:
        assert f"{row['reason']} {row['precedents']} of {data['close_precedents']}" in body


@pytest.mark.parametrize("args", [
    {"request": PT_REQUEST, "n": "8"},
    {"request": "Norco 10/325 #90", "n": "5", "decision": "Upheld"},
])
def test_json_precedents_and_statistics_are_what_the_pdf_shows(engine_client, args):
    data = pack_data(engine_client, args)
    assert data["precedents"] and data["statistics"]["outcomes"]["category"]
    assert_pdf_shows(data, pdf_text(engine_client, args))


def test_padding_is_marked_apart_and_left_out_of_the_statistics(scenes_client):
    args = {"request": "Norco 10/325 #90", "n": "6"}
    data = pack_data(scenes_client, args)
    close = [p for p in data["precedents"] if p["close"]]
    padding = [p for p in data["precedents"] if not p["close"]]
    assert len(close) == data["close_precedents"] == 3 and len(padding) == 3
    assert data["precedents"] == close + padding
    assert data["statistics"]["outcomes"]["close_precedents"]["items"] == 3
    assert data["statistics"]["outcomes"]["close_precedents"]["overturned"] == sum(
        p["decision"] == "Overturned" for p in close)
    assert data["padding_note"] == ("Only 3 close precedents exist; 3 further items of other "
                                    "treatments are listed for context and left out of the "
                                    "statistics.")
    text = pdf_text(scenes_client, args)
    assert_pdf_shows(data, text)
    body = RUNNING_HEADER.sub("", text)  # "Precedent 6 · CASE · Item 1" names a page's precedent
    heading = body.rindex("Other items, listed for context")
    first_padding = f"{padding[0]['case_number']} · Item {padding[0]['item_number']}"
    last_close = f"{close[-1]['case_number']} · Item {close[-1]['item_number']}"
    assert body.rindex(last_close) < heading < body.rindex(first_padding)
    assert data["padding_note"] in text


def test_what_was_understood_says_what_was_inferred_and_what_given(engine_client):
    norco = pack_data(engine_client, {"request": "Norco 10/325 #90", "n": "3"})["understood"]
    assert norco == {
        "treatment": {"value": "opioid", "source": "inferred"},
        "drug": {"value": "hydrocodone/acetaminophen", "source": "inferred"},
        "body_parts": {"value": [], "source": None},
        "sessions": {"value": None, "source": None},
    }
    args = {"request": PT_REQUEST, "body_part": "hand", "n": "3"}
    pt = pack_data(engine_client, args)["understood"]
    assert pt["body_parts"] == {"value": ["hand"], "source": "given"}
    assert pt["sessions"] == {"value": 12, "source": "inferred"}


def test_each_precedent_carries_its_identity_score_and_reasons(engine_client):
    data = pack_data(engine_client, {"request": PT_REQUEST, "n": "3"})
    first = data["precedents"][0]
    assert first["item_id"] == f"{first['letter_id']}-{first['item_number']}"
    assert first["url"] == f"http://localhost/letters/{first['letter_id']}#item-{first['item_number']}"
    assert first["reasons"][0] == "same treatment (physical therapy)"
    assert first["body_parts_from"] == "request" and "cervical spine" in first["body_parts"]
    assert [p["score"] for p in data["precedents"]] == sorted(
        (p["score"] for p in data["precedents"]), reverse=True)
    assert data["canonical_url"].startswith("http://localhost/report?request=")


@pytest.mark.parametrize("args, field", [
    ({"request": PT_REQUEST, "n": "many"}, "n"),
    ({"request": ""}, "request"),
    ({"request": PT_REQUEST, "treatment": "nope"}, "treatment"),
])
def test_bad_parameters_are_400_with_the_problems(engine_client, args, field):
    response = engine_client.get("/report.json", query_string=args)
    assert response.status_code == 400
    assert field in response.get_json()["problems"]


@pytest.mark.parametrize("request_text", ["asdfgh", "Retrospective request: purchase, qty 2"])
def test_a_request_nothing_recognises_gets_a_message_everywhere(engine_client, request_text):
    data = engine_client.get("/report.json", query_string={"request": request_text})
    assert data.status_code == 422
    assert "was recognised" in data.get_json()["problems"]["request"]
    for path in ("/report", "/report.pdf"):
        response = engine_client.get(path, query_string={"request": request_text})
        assert response.status_code == 422 and response.mimetype == "text/html"
        page = response.get_data(as_text=True)
        assert "Request not recognised" in page and "Precedent 1" not in page
