"""A case number typed in the search box, in each accepted form: the HTML page goes to the letter,
the JSON twin lists its items and names the letter's page; `case_number:` takes the same forms."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from hand_letters import L1, L3, _item, _letter, build

from imr_site import create_app

CM = _letter(
    "CM17-0008519", "2017-02-01", "A published letter's number.",
    [
        _item(1, "Norco 10/325 #60", "Upheld", "opioid", "Not indicated.", ["knee"],
              ["MTUS Chronic Pain"], drug="hydrocodone/acetaminophen"),
        _item(2, "Physical therapy 6 sessions", "Overturned", "physical therapy",
              "Medically necessary.", ["knee"], ["MTUS Chronic Pain"]),
    ],
    ["Pain Management"], ["California"], age=40, sex="male",
)  # fmt: skip
CM_ITEMS = {"CM17-0008519-1", "CM17-0008519-2"}
ACCEPTED = ["CM17-0008519", "cm17-0008519", "17-0008519", "CM170008519", "CM17 0008519",
            "Cm17-0008519"]  # fmt: skip
NOT_CASE_NUMBERS = ["170008519", "CM17-000851", "CM17-00085190", "CM-0008519", "CM17-0008519 x"]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    index_dir = build(tmp_path_factory.mktemp("case-numbers") / "index", [L1, L3, CM])
    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client()


def search(client, suffix: str = ".json", **params):
    return client.get(f"/search{suffix}?" + urlencode(params))


@pytest.mark.parametrize("typed", ACCEPTED)
def test_a_case_number_in_the_box_goes_to_its_letter(client, typed):
    response = search(client, "", q=typed)
    if response.status_code == 302 and "/search?" in response.headers["Location"]:
        response = client.get(response.headers["Location"])  # the canonical spelling first
    assert response.status_code == 302
    assert response.headers["Location"] == "/letters/CM17-0008519"


@pytest.mark.parametrize("typed", ACCEPTED)
def test_the_json_twin_lists_the_letters_items_and_names_its_page(client, typed):
    data = search(client, q=typed).get_json()
    assert {hit["item_id"] for hit in data["hits"]} == CM_ITEMS and data["total"] == 2
    assert data["letter_url"] == "http://localhost/letters/CM17-0008519"


def test_a_synthetic_case_number_keeps_its_own_prefix(client):
    response = search(client, "", q="sy17-0000003")
    assert response.headers["Location"] == f"/letters/{L3.id}"


@pytest.mark.parametrize("typed", NOT_CASE_NUMBERS)
def test_other_text_is_searched_as_words(client, typed):
    response = search(client, "", q=typed)
    assert response.status_code == 200
    assert search(client, q=typed).get_json()["letter_url"] is None


def test_an_unknown_case_number_finds_nothing_and_does_not_redirect(client):
    assert search(client, "", q="CM17-0000001").status_code == 200
    data = search(client, q="CM17-0000001").get_json()
    assert (data["total"], data["letter_url"]) == (0, None)


def test_with_a_filter_the_letters_items_are_the_results(client):
    response = search(client, "", q="CM17-0008519", decision="Upheld")
    assert response.status_code == 200
    assert "CM17-0008519" in response.text
    data = search(client, q="17-0008519", decision="Upheld").get_json()
    assert [hit["item_id"] for hit in data["hits"]] == ["CM17-0008519-1"]
    assert data["letter_url"] is None


@pytest.mark.parametrize(
    "text", ["case_number:CM17-0008519", "case_number:cm17-0008519", "case_number:17-0008519",
             "case_number:CM170008519", "letter_id:17-0008519"],
)  # fmt: skip
def test_the_case_number_field_takes_the_same_forms(client, text):
    data = search(client, q=text).get_json()
    assert {hit["item_id"] for hit in data["hits"]} == CM_ITEMS


def test_an_item_id_takes_them_too(client):
    data = search(client, q="item_id:cm17-0008519-2").get_json()
    assert [hit["item_id"] for hit in data["hits"]] == ["CM17-0008519-2"]
