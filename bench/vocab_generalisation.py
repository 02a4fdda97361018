"""How well the treatment vocabulary generalises to letters its terms were not read from.

Usage: .venv/bin/python bench/vocab_generalisation.py [LETTERS_DIR] [--seed S]
(default ../shared/letters: seeds/*.txt and dwc/*.pdf)

The real letters, in case-number order, are shuffled with a fixed seed and split in two
halves. For each half it prints the share of items in "other" and in all catch-alls. Then,
taking one half as the letters a vocabulary could have been read from ("seen") and the other
as new letters ("unseen"), it finds for each unseen item the words that decided its category
(a drug name, a service term, a dose) and whether those words occur in any seen request:

- "decided by words the seen half lacks": the share of unseen items a vocabulary made only of
  the seen letters' words would not have recognised; the vocabulary recognises them because
  its terms come from the guidelines' treatment lists and drug lists;
- "letters-only estimate": other + catch-all share on the unseen half if those items had
  fallen into a catch-all, an upper bound for a vocabulary read from the seen letters alone.

Both directions are printed (first half seen, then second half seen).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python bench/x.py` from a checkout
    sys.path.insert(0, str(ROOT))

from indexer.letters.parse import read_letter  # noqa: E402
from indexer.vocab import CATCH_ALLS, OTHER  # noqa: E402
from indexer.vocab.treatments import treatment_evidence  # noqa: E402

DEFAULT_DIR = ROOT.parent / "shared" / "letters"
DEFAULT_SEED = 12


def read_requests(folder: Path) -> list[list[str]]:
    """Each letter's item requests, letters in case-number order."""
    paths = sorted(folder.glob("seeds/*.txt")) + sorted(folder.glob("dwc/*.pdf"))
    letters = sorted((read_letter(path) for path in paths), key=lambda letter: letter.id)
    return [[item.request for item in letter.items] for letter in letters]


def split_halves(letters: list[list[str]], seed: int) -> tuple[list[str], list[str]]:
    """The requests of two halves of the letters, shuffled with a fixed seed."""
    order = list(range(len(letters)))
    random.Random(seed).shuffle(order)
    middle = len(order) // 2
    first = [request for index in order[:middle] for request in letters[index]]
    second = [request for index in order[middle:] for request in letters[index]]
    return first, second


def shares(requests: list[str]) -> tuple[float, float]:
    """(share in "other", share in any catch-all) of the requests."""
    treatments = [treatment_evidence(request)[0] for request in requests]
    other = treatments.count(OTHER) / len(treatments)
    return other, sum(name in CATCH_ALLS for name in treatments) / len(treatments)


def unseen_deciders(seen: list[str], unseen: list[str]) -> list[tuple[str, str]]:
    """(category, deciding words) of the unseen items recognised only by words that occur in
    no seen request."""
    seen_text = "\n".join(" ".join(request.lower().split()) for request in seen)
    found = []
    for request in unseen:
        treatment, _drug, words = treatment_evidence(request)
        if treatment in CATCH_ALLS or not words:
            continue
        if not re.search(rf"(?<![a-z]){re.escape(words)}", seen_text):
            found.append((treatment, words))
    return found


def report(seen: list[str], unseen: list[str], label: str) -> None:
    """Print the generalisation figures with `seen` as the letters terms could come from."""
    _other, catch_all = shares(unseen)
    novel = unseen_deciders(seen, unseen)
    share = len(novel) / len(unseen)
    print(f"\n{label}: {len(unseen)} unseen items")
    print(f"  decided by words the seen half lacks: {len(novel)} ({share:.1%})")
    print(f"  catch-alls on the unseen half: {catch_all:.1%}; letters-only estimate: "
          f"{catch_all + share:.1%}")
    for treatment, words in sorted(set(novel)):
        print(f"    {words!r} -> {treatment}")


def main() -> None:
    """Split the letters, print each half's shares and the generalisation in both directions."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    first, second = split_halves(read_requests(args.folder), args.seed)
    print("| half | items | other | all catch-alls |\n|---|---|---|---|")
    for name, requests in (("first", first), ("second", second)):
        other, catch_all = shares(requests)
        print(f"| {name} | {len(requests)} | {other:.1%} | {catch_all:.1%} |")
    report(first, second, "first half seen, second half unseen")
    report(second, first, "second half seen, first half unseen")


if __name__ == "__main__":
    main()
