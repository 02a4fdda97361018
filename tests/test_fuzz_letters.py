"""Thousands of mutated real letters through the parser: a Letter or a LetterError, never a hang.

Seeded, so a failure names the seed and the mutations that reproduce it. Hypothesis fuzzes the
parser with generated text in test_parse_fuzz.py; this file starts from real letters instead.
"""

from __future__ import annotations

import random
import signal
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import pytest

from indexer.errors import LetterError
from indexer.letters.extract import letter_text
from indexer.letters.parse import parse_text
from indexer.letters.records import Source
from indexer.vocab.values import DECISIONS

CHUNKS = 8
MUTANTS_PER_CHUNK = 400  # 3,200 mutated letters in all
HANG_SECONDS = 20  # far above any real parse (about 1 ms a letter): only a hang trips it
PDF_SAMPLE = 40
JUNK = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\ufeff\ufffd\u200b\u202e\u0301\x85\u2028\u2029\ud7ff"
CP1252 = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"


@pytest.fixture(scope="module")
def real_texts(seeds_dir: Path, dwc_dir: Path) -> list[str]:
    """The seed letters and a spread of the real PDFs, as extracted text."""
    pdfs = sorted(dwc_dir.glob("*.pdf"))
    sample = pdfs[:: max(1, len(pdfs) // PDF_SAMPLE)]
    texts = [letter_text(path) for path in [*sorted(seeds_dir.glob("*.txt")), *sample]]
    assert len(texts) >= 20
    return texts


def _span(rng: random.Random, lines: list[str]) -> tuple[int, int]:
    start = rng.randrange(len(lines))
    return start, min(len(lines), start + rng.randint(1, 30))


def delete_lines(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    start, end = _span(rng, lines)
    return "\n".join(lines[:start] + lines[end:])


def duplicate_lines(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    start, end = _span(rng, lines)
    return "\n".join(lines[:end] + lines[start:end] * rng.randint(1, 5) + lines[end:])


def swap_lines(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    for _swap in range(rng.randint(1, 20)):
        first, second = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[first], lines[second] = lines[second], lines[first]
    return "\n".join(lines)


def shuffle_block(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    start, end = _span(rng, lines)
    block = lines[start:end]
    rng.shuffle(block)
    return "\n".join(lines[:start] + block + lines[end:])


def truncate(rng: random.Random, text: str) -> str:
    return text[: rng.randrange(len(text) + 1)]


def inject_junk(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _junk in range(rng.randint(1, 50)):
        noise = "".join(rng.choice(JUNK) for _ in range(rng.randint(1, 8)))
        chars.insert(rng.randrange(len(chars) + 1), noise)
    return "".join(chars)


def junk_bytes(rng: random.Random, text: str) -> str:
    """Random bytes decoded the forgiving way, as a broken extraction would hand them over."""
    cut = rng.randrange(len(text) + 1)
    noise = rng.randbytes(rng.randint(1, 400)).decode("latin-1")
    return text[:cut] + noise + text[cut:]


def windows_1252(rng: random.Random, text: str) -> str:
    """Mojibake (UTF-8 read as Windows-1252) over a stretch, plus stray 1252 punctuation."""
    start = rng.randrange(len(text) + 1)
    end = min(len(text), start + rng.randint(10, 3000))
    stretch = text[start:end].encode("utf-8").decode("cp1252", errors="replace")
    extra = "".join(rng.choice(CP1252) for _ in range(rng.randint(1, 30)))
    return text[:start] + stretch + extra + text[end:]


def huge_line(rng: random.Random, text: str) -> str:
    unit = rng.choice(["a", "Upheld ", "1. ", "MTUS ", "(", "\u201c", "x" * 7 + " ", "12/31/2016 "])
    line = unit * (rng.randint(20_000, 150_000) // len(unit))
    lines = text.split("\n")
    lines.insert(rng.randrange(len(lines) + 1), line)
    return "\n".join(lines)


def flatten(rng: random.Random, text: str) -> str:
    separator = rng.choice([" ", "", "\r", "\r\n", "\n\n\n", "\t"])
    return text.replace("\n", separator)


def change_case(rng: random.Random, text: str) -> str:
    return rng.choice([str.upper, str.lower, str.swapcase])(text)


def swap_decisions(rng: random.Random, text: str) -> str:
    words = ["Upheld", "Overturned", "UPHELD", "", "Upheld Overturned", "Pending", "upheld."]
    for word in DECISIONS:
        text = text.replace(word, rng.choice(words))
    return text


MUTATIONS: tuple[Callable[[random.Random, str], str], ...] = (
    delete_lines, duplicate_lines, swap_lines, shuffle_block, truncate, inject_junk, junk_bytes,
    windows_1252, huge_line, flatten, change_case, swap_decisions,
)  # fmt: skip


class Hang(Exception):
    """The parser ran far longer than any letter needs."""


@contextmanager
def hang_guard(seconds: int):
    """Raise Hang in this (main) thread when the block runs longer than `seconds`."""

    def alarm(_signum, _frame):
        raise Hang(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def mutant(rng: random.Random, texts: list[str]) -> tuple[str, list[str]]:
    """A real letter with 1-4 random mutations, and their names (to reproduce a failure)."""
    text = rng.choice(texts)
    names = []
    for mutation in rng.choices(MUTATIONS, k=rng.randint(1, 4)):
        text = mutation(rng, text) if text else text
        names.append(mutation.__name__)
    return text, names


def assert_letter_or_letter_error(text: str) -> bool:
    """Parse; a Letter must be well formed, an error a one-line LetterError. True if parsed."""
    try:
        letter = parse_text(text, Source("", "txt", ""))
    except LetterError as error:
        assert str(error) and "\n" not in str(error)
        return False
    assert letter.items and letter.id
    assert all(item.decision in DECISIONS for item in letter.items)
    return True


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_mutated_real_letters_parse_or_fail_cleanly(real_texts, chunk):
    rng = random.Random(f"fuzz-letters:{chunk}")
    parsed = 0
    for number in range(MUTANTS_PER_CHUNK):
        text, names = mutant(rng, real_texts)
        try:
            with hang_guard(HANG_SECONDS):
                parsed += assert_letter_or_letter_error(text)
        except Exception as failure:
            raise AssertionError(
                f"chunk {chunk} mutant {number} ({' + '.join(names)}): {failure!r}"
            ) from failure
    assert 0 < parsed < MUTANTS_PER_CHUNK, "the mutations should both keep and break letters"


def test_every_mutation_changes_a_letter(real_texts):
    rng = random.Random("fuzz-letters:each")
    for mutation in MUTATIONS:
        changed = sum(mutation(rng, text) != text for text in real_texts)
        assert changed > len(real_texts) // 2, mutation.__name__


def test_the_hang_guard_trips():
    with pytest.raises(Hang), hang_guard(1):
        while True:
            pass
