"""Drug queries over the real shared letters: brand, generic and combination names, typed as
`drug:` in the box, as `drug=` in the URL and picked in the facet, give exactly the items whose
parsed request names that drug (the oracle reads the parse output, not the index)."""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

import pytest

# name typed -> the generic ingredients a request must name (written out here, not looked up)
DRUG_QUERIES = {
    "norco": {"hydrocodone", "acetaminophen"},
    "Norco": {"hydrocodone", "acetaminophen"},
    "hydrocodone": {"hydrocodone"},
    "acetaminophen": {"acetaminophen"},
    "hydrocodone/acetaminophen": {"hydrocodone", "acetaminophen"},
    "percocet": {"oxycodone", "acetaminophen"},
    "oxycodone": {"oxycodone"},
    "oxycodone/acetaminophen": {"oxycodone", "acetaminophen"},
    "ultram": {"tramadol"},
    "tramadol": {"tramadol"},
    "flexeril": {"cyclobenzaprine"},
    "cyclobenzaprine": {"cyclobenzaprine"},
    "gabapentin": {"gabapentin"},
    "methyl salicylate": {"methyl salicylate"},
}


def naming(letters, ingredients: set[str]) -> set[str]:
    """The items whose parsed request names every one of the ingredients."""
    return {
        f"{letter.id}-{item.number}"
        for letter in letters
        for item in letter.items
        if item.drug and ingredients <= set(item.drug.split("/"))
    }


def served_items(client, **params) -> set[str]:
    """The item ids the CSV twin lists for the parameters (the whole result set)."""
    response = client.get("/search.csv?" + urlencode(params, doseq=True))
    assert response.status_code == 200, response.text
    return {row["Item ID"] for row in csv.DictReader(io.StringIO(response.text))}


def test_the_real_letters_hold_brands_generics_and_combinations(real_letters):
    assert len(naming(real_letters, {"acetaminophen"})) >= 4
    assert all(naming(real_letters, ingredients) for ingredients in DRUG_QUERIES.values())


@pytest.mark.parametrize("name", sorted(DRUG_QUERIES))
def test_drug_in_the_box_and_in_the_url(real_client, real_letters, name):
    wanted = naming(real_letters, DRUG_QUERIES[name])
    assert served_items(real_client, q=f'drug:"{name}"') == wanted
    assert served_items(real_client, drug=name) == wanted
    if " " not in name:
        assert served_items(real_client, q=f"drug:{name}") == wanted


def test_the_facet_lists_generic_ingredients_with_their_counts(real_client, real_letters):
    data = real_client.get("/search.json").get_json()
    counts = {entry["value"]: entry["count"] for entry in data["facets"]["drug"]}
    ingredients = {
        part
        for letter in real_letters
        for item in letter.items
        if item.drug
        for part in item.drug.split("/")
    }
    assert set(counts) == ingredients
    for ingredient in ("hydrocodone", "acetaminophen", "oxycodone", "tramadol"):
        assert counts[ingredient] == len(naming(real_letters, {ingredient}))
    assert not {"norco", "percocet", "hydrocodone/acetaminophen"} & set(counts)


def test_picking_a_facet_value_gives_its_items(real_client, real_letters):
    data = real_client.get("/search.json").get_json()
    entry = next(entry for entry in data["facets"]["drug"] if entry["value"] == "acetaminophen")
    picked = real_client.get(entry["url"].replace("/search?", "/search.json?")).get_json()
    assert picked["total"] == len(naming(real_letters, {"acetaminophen"}))
    assert {hit["item_id"] for hit in picked["hits"]} == naming(real_letters, {"acetaminophen"})
    assert all("acetaminophen" in hit["drug"] for hit in picked["hits"])


def test_the_help_shows_each_brand_with_its_ingredients(real_client):
    page = real_client.get("/about").text
    for brand, ingredients in (
        ("norco", "hydrocodone + acetaminophen"),
        ("percocet", "oxycodone + acetaminophen"),
        ("flexeril", "cyclobenzaprine"),
    ):
        assert f"<tr><td>{brand}</td><td>{ingredients}</td></tr>" in page


@pytest.mark.parametrize(("brand", "ingredients"), [("norco", {"hydrocodone", "acetaminophen"}),
                                                    ("ultram", {"tramadol"})])
def test_a_selected_brand_is_counted_like_its_ingredients(real_client, real_letters, brand,
                                                          ingredients):
    data = real_client.get(f"/search.json?drug={brand}").get_json()
    entry = next(entry for entry in data["facets"]["drug"] if entry["value"] == brand)
    assert entry["selected"] and entry["count"] == len(naming(real_letters, ingredients))
    assert entry["count"] == data["total"] > 0
