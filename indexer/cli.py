"""The `imr` command group: the indexer's commands (the site adds `serve` and `report`)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
    from indexer.letters.parse import read_letter

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


@cli.command("synth")
@click.argument("count", type=click.IntRange(min=1))
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", default=1, show_default=True, help="Same seed, same letters.")
@click.option(
    "--format", "fmt", type=click.Choice(["txt", "pdf"]), default="txt", show_default=True,
    help="Write letters as text or as PDF (rendered with WeasyPrint).",
)
@click.option("--quiet", is_flag=True, help="Print nothing but errors.")
def synth_command(count: int, outdir: Path, seed: int, fmt: str, quiet: bool) -> None:
    """Write COUNT synthetic IMR letters (clearly labelled as synthetic) into OUTDIR."""
    from indexer.synth import write_letters

    with _progress("Writing synthetic letters", quiet) as advance:
        paths = write_letters(count, outdir, seed=seed, fmt=fmt, progress=advance)
    if not quiet:
        click.echo(f"{len(paths)} synthetic letters in {outdir}")


@cli.command("index")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--index", "index_dir", type=click.Path(path_type=Path), default=DEFAULT_INDEX,
    show_default=True, help="The index to create or update.",
)
@click.option("--jobs", type=click.IntRange(min=1), help="Parsing processes [default: all cores].")
@click.option("--prune", is_flag=True, help="Remove letters whose files are gone.")
@click.option("--rebuild", is_flag=True, help="Build a fresh index and swap it in atomically.")
def index_command(
    paths: tuple[Path, ...], index_dir: Path, jobs: int | None, prune: bool, rebuild: bool
) -> None:
    """Index letter files and folders (recursive; .txt and .pdf) into the search index.

    Incremental: unchanged files are skipped, changed ones replaced. Files that cannot be read
    are skipped and listed with a reason; the exit status is then 1.
    """
    from indexer.build import build_index
    from indexer.errors import IndexUnavailable, IndexWriteError

    try:
        with _progress("Indexing letters", quiet=False) as advance:
            report = build_index(
                list(paths), index_dir, jobs=jobs, prune=prune, rebuild=rebuild, progress=advance
            )
    except (IndexUnavailable, IndexWriteError) as error:
        click.echo(f"{index_dir}: {error}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo(f"{index_dir}: interrupted; the previous index is intact", err=True)
        sys.exit(130)
    click.echo(
        f"letters: {report.added} added, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.removed} removed; {report.items} items indexed; "
        f"corpus version {report.corpus_version}"
    )
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    for path, reason in report.skipped:
        click.echo(f"skipped {path}: {reason}", err=True)
    sys.exit(report.exit_status)


@contextmanager
def _progress(label: str, quiet: bool) -> Iterator[Callable[[int, int], None]]:
    """Yield a callback(done, total) that draws a progress bar on a terminal, silent otherwise."""
    if quiet or not sys.stderr.isatty():
        yield lambda done, total: None
        return
    bars: list = []

    def advance(done: int, total: int) -> None:
        if not bars:
            bars.append(click.progressbar(length=total, label=label, file=sys.stderr))
            bars[0].__enter__()
        bars[0].update(done - bars[0].pos)

    try:
        yield advance
    finally:
        if bars:
            bars[0].__exit__(None, None, None)
