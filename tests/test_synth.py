"""The synthetic letter generator: deterministic, varied, marked, read back by the parser."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, is_dataclass

import pytest
from field_diff import fail_on, mismatches

from indexer import vocab
from indexer.errors import LetterError
from indexer.letters.parse import parse_text, read_letter
from indexer.letters.records import SYNTHETIC_MARKER, Item, Letter, Source
from indexer.synth import synthetic_letter, write_letters
from indexer.vocab.values import SEXES

SAMPLE = 500
ROUND_TRIP_SEED = 11
ROUND_TRIP_COUNT = 200
# The categories the generator writes requests for (the vocabulary has many more, read from
# real letters: tests/test_vocab.py).
REQUIRED_TREATMENTS = {
    "physical therapy", "occupational therapy", "chiropractic", "acupuncture",
    "massage therapy", "aquatic therapy", "office visit", "consultation/referral",
    "psychotherapy", "MRI", "CT", "X-ray", "EMG/NCS", "laboratory test",
    "epidural steroid injection", "facet injection/medial branch block",
    "trigger point injection", "radiofrequency ablation", "spine surgery",
    "joint arthroscopy/repair", "joint replacement", "hand/wrist/nerve surgery",
    "brace/orthosis", "mobility aid", "cold/heat therapy unit",
    "exercise/rehabilitation equipment", "weight loss program", "TENS/electrical stimulation",
    "home health care", "functional restoration program", "functional capacity evaluation",
    "opioid", "NSAID", "muscle relaxant", "anticonvulsant", "antidepressant",
    "topical analgesic", "sleep aid", "gastroprotective agent", "antiemetic",
    "laxative/stool softener",
}
BODY_PARTS = {
    "cervical spine",
    "thoracic spine",
    "lumbar spine",
    "shoulder",
    "elbow",
    "wrist",
    "hand",
    "hip",
    "knee",
    "ankle",
    "foot",
    "head",
    "upper extremity",
    "lower extremity",
}


@pytest.fixture(scope="module")
def sample() -> list[tuple[str, Letter]]:
    """500 letters of seed 1, as (text, ground truth)."""
    return [synthetic_letter(number, 1) for number in range(1, SAMPLE + 1)]


def _items(sample):
    return [item for _, letter in sample for item in letter.items]


def test_same_seed_writes_identical_files_and_another_seed_differs(tmp_path):
    first = write_letters(12, tmp_path / "a", seed=5)
    second = write_letters(12, tmp_path / "b", seed=5)
    other = write_letters(12, tmp_path / "c", seed=6)
    assert [p.name for p in first] == [p.name for p in second]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert all(a.read_bytes() != c.read_bytes() for a, c in zip(first, other, strict=True))


def test_files_are_named_by_letter_id_and_progress_counts_them(tmp_path):
    ticks = []
    paths = write_letters(5, tmp_path, seed=2, progress=lambda *tick: ticks.append(tick))
    assert [p.name for p in paths] == [f"{synthetic_letter(n, 2)[1].id}.txt" for n in range(1, 6)]
    assert ticks == [(n, 5) for n in range(1, 6)]


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="txt or pdf"):
        write_letters(1, tmp_path, fmt="docx")


def test_every_letter_says_it_is_synthetic_and_carries_its_case_number(sample):
    for text, letter in sample:
        assert SYNTHETIC_MARKER in text[:200]
        assert letter.synthetic
        assert re.fullmatch(r"SY\d{2}-\d{7}", letter.id) and letter.id in text
    assert len({letter.id for _, letter in sample}) == SAMPLE


def test_treatments_body_parts_and_decisions_are_a_realistic_mix(sample):
    items = _items(sample)
    treatments = Counter(item.treatment for item in items)
    assert set(treatments) >= REQUIRED_TREATMENTS
    assert max(treatments.values()) < 0.25 * len(items)
    assert {part for item in items for part in item.body_parts} >= BODY_PARTS
    overturned = sum(item.decision == "Overturned" for item in items) / len(items)
    assert 0.10 <= overturned <= 0.20
    assert all(item.drug for item in items if item.treatment in {"opioid", "NSAID", "sleep aid"})
    assert all(
        item.drug is None
        for item in items
        if item.treatment == "MRI" or vocab.treatment_family(item.treatment) == "surgery"
    )


def test_letters_cover_every_variant_the_parser_handles(sample):
    letters = [letter for _, letter in sample]
    texts = [text for text, _ in sample]
    counts = Counter(len(letter.items) for letter in letters)
    assert min(counts) == 1 and 15 <= max(counts) <= 21
    assert sum(counts[n] for n in (1, 2, 3)) >= 0.7 * SAMPLE
    layouts = Counter(letter.layout for letter in letters)
    assert layouts["current"] >= 0.7 * SAMPLE and layouts["2014"] >= 15 and layouts["2013"] >= 15
    without_header = sum(letter.decision_date is None for letter in letters)
    assert 0.1 * SAMPLE <= without_header <= 0.3 * SAMPLE
    assert len({letter.decision_date[:4] for letter in letters if letter.decision_date}) == 13
    assert sum(any(i.original_request for i in letter.items) for letter in letters) >= 20
    assert sum("Associated surgical service:" in text for text in texts) >= 10
    assert sum("Board Certified in" in text for text in texts) >= 0.3 * SAMPLE
    assert sum("Certification(s)/Specialty:" in text for text in texts) >= 0.3 * SAMPLE
    assert sum(text.count("\n \n") > 5 for text in texts) >= 0.05 * SAMPLE  # seed style
    assert sum(bool(re.search(r"\n(Upheld|Overturned) ?\n", text)) for text in texts) >= 20


def test_rationales_are_not_one_template(sample):
    items = _items(sample)
    sentences = Counter(
        sentence for item in items for sentence in re.split(r"(?<=\.) (?=[A-Z])", item.rationale)
    )
    assert len(sentences) >= 300
    assert max(sentences.values()) < 0.12 * len(items)
    assert len({item.rationale for item in items}) == len(items)


def test_reviewers_patients_and_sources_use_the_canonical_vocabularies(sample):
    letters = [letter for _, letter in sample]
    specialties = Counter(s for letter in letters for s in letter.reviewer.specialties)
    assert len(specialties) >= 15 and "Physical Medicine & Rehabilitation" in specialties
    assert all(letter.reviewer.licensure for letter in letters)
    ages = [letter.patient.age for letter in letters]
    assert min(ages) < 30 and max(ages) > 65
    assert {letter.patient.sex for letter in letters} == {*SEXES, None}
    sources = {
        s for item in _items(sample) for s in item.guideline_sources + item.ca_guideline_sources
    }
    assert {
        "MTUS Chronic Pain",
        "ODG",
        "None cited",
        "MTUS ACOEM Low Back",
        "MTUS Postsurgical",
        "MTUS Acupuncture",
        "ACOEM (non-MTUS)",
        "Other (non-MTUS)",
    } <= sources


# ---- round trip: the parser recovers the generator's ground truth -------------------------------
# Each test reads many letters back and reports every differing field at once, one line each.

ITEM_FIELDS = (
    "number",
    "request",
    "decision",
    "treatment",
    "drug",
    "body_parts",
    "sessions",
    "original_request",
    "authorized",
)
GUIDELINE_FIELDS = ("guideline_sources", "ca_guideline_sources")
LETTER_FIELDS = (
    "id",
    "case_number",
    "decision_date",
    "injury_date",
    "assigned_date",
    "ur_denial_date",
    "received_date",
    "layout",
    "synthetic",
    "reviewer",
    "patient",
)
Fields = tuple[str, ...]
UNORDERED_FIELDS = {"body_parts", *GUIDELINE_FIELDS}  # compared sorted
SWEEP_SEEDS = range(1, 6)
SWEEP_COUNT = 400


def _value(record: Letter | Item, name: str):
    """A field as plain data, lists that carry no order sorted."""
    value = getattr(record, name)
    if is_dataclass(value):
        return asdict(value)
    return sorted(value) if name in UNORDERED_FIELDS else value


def letter_view(letter: Letter, letter_fields: Fields, item_fields: Fields) -> dict:
    """The named fields of a letter and of each of its items, as plain data."""
    view = {name: _value(letter, name) for name in letter_fields}
    view["items"] = [{name: _value(item, name) for name in item_fields} for item in letter.items]
    return view


def read_back(
    truth: Letter, parsed: Letter, letter_fields: Fields, item_fields: Fields
) -> list[str]:
    """Mismatches of one letter read back against its ground truth."""
    expected = letter_view(truth, letter_fields, item_fields)
    return mismatches(expected, letter_view(parsed, letter_fields, item_fields), truth.id)


def text_round_trip(seed: int, count: int, letter_fields: Fields, item_fields: Fields) -> list[str]:
    """Mismatches of letters 1..count of `seed`, each written as text and parsed back."""
    found = []
    for number in range(1, count + 1):
        text, truth = synthetic_letter(number, seed)
        try:
            parsed = parse_text(text, Source("", "txt", ""))
        except LetterError as error:
            found.append(f"{truth.id}: not read: {error}")
            continue
        found += read_back(truth, parsed, letter_fields, item_fields)
    return found


def test_text_letters_read_back_exactly():
    """Every letter and item field of 200 letters, exact (lists of sources and parts sorted)."""
    found = text_round_trip(
        ROUND_TRIP_SEED, ROUND_TRIP_COUNT, LETTER_FIELDS, ITEM_FIELDS + GUIDELINE_FIELDS
    )
    fail_on(found, f"{ROUND_TRIP_COUNT} letters")


@pytest.mark.parametrize("seed", SWEEP_SEEDS)
def test_every_letter_of_a_seed_reads_back_with_its_id_and_items(seed):
    """No letter is lost: 2013-layout letters whose rationale ends "is therefore medically
    necessary" (e.g. seed 2, numbers 393-394) once failed with "no disputed items"."""
    fail_on(text_round_trip(seed, SWEEP_COUNT, ("id",), ITEM_FIELDS), f"{SWEEP_COUNT} letters")


def test_pdf_letters_read_back_like_their_text(tmp_path):
    paths = write_letters(10, tmp_path, seed=3, fmt="pdf")
    truths = [synthetic_letter(number, 3)[1] for number in range(1, len(paths) + 1)]
    assert all(path.read_bytes().startswith(b"%PDF") for path in paths)
    assert [path.stem for path in paths] == [truth.id for truth in truths]
    core = ("number", "request", "decision", "treatment", "sessions", "body_parts")
    found = [
        line
        for path, truth in zip(paths, truths, strict=True)
        for line in read_back(truth, read_letter(path), ("id", "synthetic", "decision_date"), core)
    ]
    fail_on(found, f"{len(paths)} letters")
