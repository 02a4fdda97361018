"""The `imr` command group: the indexer's commands (the site adds `serve` and `report`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

DEFAULT_INDEX = Path("var/index")


@click.group()
def cli() -> None:
    """IMR Precedents: parse, index and search IMR final determination letters."""


@cli.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def parse_command(files: tuple[Path, ...]) -> None:
    """Parse letter FILES (.txt or .pdf) and print one JSON object per letter (JSON Lines).

    A file that cannot be read as a letter is reported on stderr as `path: reason`;
    the others are still parsed, and the exit status is then 1.
    """
    from indexer.errors import LetterError
    from indexer.parse import read_letter

    failed = False
    for path in files:
        try:
            letter = read_letter(path)
        except LetterError as error:
            click.echo(f"{path}: {error}", err=True)
            failed = True
            continue
        click.echo(letter.to_json())
    sys.exit(1 if failed else 0)
