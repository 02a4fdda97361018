"""Parser: the 5 seed letters the project was specified from, field by field."""

from __future__ import annotations

import pytest
from parse_expectations import assert_letter_matches, load_expected

from indexer.letters.parse import read_letter

SEEDS = load_expected("seed_letters")["letters"]  # file name -> expected fields


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_letter(seeds_dir, name):
    letter = read_letter(seeds_dir / name)
    assert (letter.case_number, letter.layout, letter.synthetic, letter.source.format) == (
        None,
        "current",
        False,
        "txt",
    )
    assert_letter_matches(letter, SEEDS[name])


def test_summary_is_clean_and_keeps_the_claims_administrators_sources(seeds_dir):
    letter = read_letter(seeds_dir / "003_13f01ddf0738f955.txt")
    assert "  " not in letter.summary and "\n " not in letter.summary
    assert letter.summary.startswith("The patient is a 64-year-old male")
    assert "clinical case summary based on" not in letter.summary
    assert letter.items[0].ca_guideline_sources == ["None cited"]


def test_mtus_acoem_chapter_citation_names_only_that_chapter(seeds_dir):
    item = read_letter(seeds_dir / "002_f672b21bde35ded4.txt").items[0]
    assert item.ca_guideline_sources == ["MTUS ACOEM Neck and Upper Back", "ODG"]
