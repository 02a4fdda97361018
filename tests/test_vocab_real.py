"""The treatment vocabulary on the shared real letters: the share of items left in "other" and
in the catch-alls, each misreading named in issue 12, drugs, and saved links holding a
treatment value the vocabulary has since renamed or split."""

from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from indexer.vocab import CATCH_ALLS, OTHER, TREATMENTS, classify_treatment, treatment_family
from indexer.vocab.treatments import FORMER_TREATMENTS

LAB, CONSULT, VISIT = "laboratory test", "consultation/referral", "office visit"
COLD_HEAT, ACID = "cold/heat therapy unit", "gastroprotective agent"

# Items the vocabulary before issue 12 put in each renamed or split value (case number and
# item number, read with that vocabulary): a saved link naming the value must still list them.
FORMER_ITEMS = {
    "durable medical equipment": [
        "CM16-0239569-5", "CM16-0246487-3", "CM16-0246487-4", "CM16-0248471-2",
        "CM16-0248471-3", "CM16-0248471-4", "CM16-0248471-5", "CM16-0248471-6",
        "CM17-0002551-1", "CM17-0004547-2", "CM17-0006912-1", "CM17-0006912-2",
    ],
    "surgery": [
        "CM16-0246487-1", "CM16-0247274-1", "CM17-0002892-1", "CM17-0002892-2",
        "CM17-0015218-1",
    ],
    "proton pump inhibitor": [
        "CM16-0248698-17", "CM16-0248698-18", "CM16-0249170-1", "CM17-0015333-3",
    ],
    "other medication": [
        "CM16-0221706-1", "CM16-0232543-2", "CM16-0240524-1", "CM16-0246487-6",
        "CM16-0248698-9", "CM17-0010420-7", "CM17-0012593-3",
    ],
    "other injection": [
        "CM16-0247274-2", "CM17-0004547-1", "CM17-0012582-3", "CM17-0012582-4",
    ],
}


@pytest.fixture(scope="session")
def real_items(real_letters):
    """Every item of every shared real letter by item id."""
    return {f"{letter.id}-{item.number}": item for letter in real_letters for item in letter.items}


def test_few_real_items_are_left_in_other_or_a_catch_all(real_items):
    treatments = [item.treatment for item in real_items.values()]
    other = treatments.count(OTHER) / len(treatments)
    catch_all = sum(treatment in CATCH_ALLS for treatment in treatments) / len(treatments)
    print(f"\n{len(treatments)} real items: other {other:.1%}, all catch-alls {catch_all:.1%}")
    assert len(treatments) >= 250
    assert other < 0.02
    assert catch_all < 0.08


@pytest.mark.parametrize(
    ("request_text", "treatment"),
    [
        ("Pre-operative PT/PTT", LAB),  # a blood test, not physical therapy
        ("Pre-op PT/INR", LAB),
        ("Associated surgical service: UA", LAB),
        ("Spine surgery evaluation", CONSULT),  # a consultation, not surgery
        ("Orthopedic surgeon consultation", CONSULT),
        ("Pain management evaluation", CONSULT),
        ("Acute inpatient rehabilitation PT and OT 7-10 days", "inpatient rehabilitation"),
        ("Vascutherm unit, shoulder", COLD_HEAT),
        ("Associated surgical service: cold therapy unit, 7 day rental", COLD_HEAT),
        ("Game Ready cold compression unit", COLD_HEAT),
        ("Heat pads", COLD_HEAT),
        ("Heating pad for the low back", COLD_HEAT),
        ("Famotidine 20mg #60", ACID),
        ("Ranitidine 150mg #60", ACID),
        ("Omeprazole 20mg #30", ACID),
        ("MR arthrogram of the right shoulder", "MRI"),
        ("MR arthrography of the left hip", "MRI"),
        ("Physical exam 2 times 8", VISIT),
        ("Re-examination in 4 weeks", VISIT),
        ("Evaluation and management, established patient", VISIT),
    ],
)
def test_the_requests_issue_12_names_are_read_right(request_text, treatment):
    assert classify_treatment(request_text)[0] == treatment


# Real items of the same kinds, by case number and item number.
REAL_ITEMS = {
    "CM17-0010420-4": LAB,  # pre-op labs: PT/PTT
    "CM17-0010420-5": LAB,  # pre-op urinalysis
    "CM16-0239569-5": COLD_HEAT,  # ice/heat pads
    "CM16-0232543-2": ACID,  # famotidine
    "CM16-0248698-9": ACID,  # ranitidine
    "CM16-0248698-17": ACID,  # omeprazole
    "CM17-0004133-3": "inpatient rehabilitation",
    "CM17-0004133-1": CONSULT,  # a neurosurgeon's evaluation
    "CM17-0013587-1": VISIT,
    "CM16-0246487-6": "antiemetic",
    "CM17-0010420-7": "laxative/stool softener",
    "CM17-0012593-3": "migraine medication",
}


@pytest.mark.parametrize(("item_id", "treatment"), sorted(REAL_ITEMS.items()))
def test_real_items_of_those_kinds_are_read_right(real_items, item_id, treatment):
    assert real_items[item_id].treatment == treatment


def test_acid_reducers_share_a_category_that_other_gi_drugs_do_not():
    acid = {classify_treatment(text)[0] for text in ("Pepcid 20mg", "Zantac 150mg", "Prilosec")}
    others = {classify_treatment(text)[0] for text in ("Zofran 4mg", "Colace 100mg", "Fioricet")}
    assert acid == {ACID}
    assert ACID not in others and len(others) == 3


@pytest.mark.parametrize(
    ("request_text", "treatment", "drug"),
    [
        ("Norco 10/325 #90", "opioid", "hydrocodone/acetaminophen"),
        ("Norco 10/325mg #35", "opioid", "hydrocodone/acetaminophen"),
        ("Tylenol #3 #60", "opioid", "acetaminophen/codeine"),
        ("Acetaminophen/codeine 300/30mg", "opioid", "acetaminophen/codeine"),
        ("Butrans 10mcg/hr patch #4", "opioid", "buprenorphine"),
        ("Tylenol 500mg #100", "non-opioid analgesic", "acetaminophen"),
        ("Soma 350mg #60", "muscle relaxant", "carisoprodol"),
        ("Cyclophene 5% cream", "topical analgesic", "cyclobenzaprine"),
        ("TGHot 180gm", "topical analgesic", "tramadol/gabapentin/menthol/camphor/capsaicin"),
        ("Flurflex 180gm", "topical analgesic", "flurbiprofen/cyclobenzaprine"),
        ("Gabacyclotram 180gm", "topical analgesic", "gabapentin/cyclobenzaprine/tramadol"),
        ("Ketophene (unknown quantity)", "topical analgesic", "ketoprofen"),
        ("Theramine #120", "medical food/supplement", "theramine"),
        ("Sentra PM #60", "medical food/supplement", "sentra pm"),
        ("Androgel 1% 5gm packets", "hormone", "testosterone"),  # a gel, not an analgesic
        ("Xanax 0.5mg #60", "benzodiazepine/anxiolytic", "alprazolam"),
        ("Medrol dosepak", "corticosteroid", "methylprednisolone"),
        ("Vistaril 25mg #60", "antihistamine", "hydroxyzine"),
        ("Imitrex 50mg #9", "migraine medication", "sumatriptan"),
        ("Movantik 25mg #30", "laxative/stool softener", "naloxegol"),
    ],
)
def test_drugs_classify_by_class_and_generic(request_text, treatment, drug):
    assert classify_treatment(request_text) == (treatment, drug)


def test_therapies_form_one_family():
    therapies = ("physical therapy", "occupational therapy", "aquatic therapy")
    family = {treatment_family(name) for name in (*therapies, "inpatient rehabilitation")}
    assert family == {"therapy"}
    assert treatment_family("chiropractic") == "chiropractic"


def test_catch_alls_families_and_successors_are_categories():
    assert set(TREATMENTS) >= CATCH_ALLS
    assert {name for names in FORMER_TREATMENTS.values() for name in names} <= set(TREATMENTS)
    assert not set(FORMER_TREATMENTS) & set(TREATMENTS)
    assert set(FORMER_ITEMS) == set(FORMER_TREATMENTS)


def csv_items(client, **params) -> dict[str, str]:
    """Item id -> treatment of the whole result set the CSV twin lists for the parameters."""
    response = client.get("/search.csv?" + urlencode(params))
    assert response.status_code == 200, response.text
    return {row["Item ID"]: row["Treatment"] for row in csv.DictReader(io.StringIO(response.text))}


@pytest.mark.parametrize("former", sorted(FORMER_ITEMS))
def test_a_saved_link_with_a_former_value_shows_the_items_it_meant(real_client, former):
    successors = set(FORMER_TREATMENTS[former])
    redirect = real_client.get("/search?" + urlencode({"treatment": former}))
    assert redirect.status_code == 302
    target = redirect.headers["Location"]
    assert set(parse_qs(urlsplit(target).query)["treatment"]) == successors
    assert real_client.get(target).status_code == 200  # no successor is refused
    shown = csv_items(real_client, treatment=former.upper())
    assert set(FORMER_ITEMS[former]) <= set(shown)
    assert set(shown.values()) <= successors
    data = real_client.get("/search.json?" + urlencode({"treatment": former})).get_json()
    assert data["total"] == len(shown)
    assert csv_items(real_client, q=f'treatment:"{former}"') == shown  # typed in the box
