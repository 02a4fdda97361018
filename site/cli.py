"""The `imr` command group: parse, synth and index letters, serve the site, write packs."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click

from imr_site import DEFAULTS
from indexer.engine.generations import AUTO, ENGINES

DEFAULT_INDEX = Path(DEFAULTS["INDEX_DIR"])


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
            _say(f"{path}: {error}")
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
@click.option(
    "--engine", type=click.Choice([*ENGINES, AUTO]), default=None,
    help="Search engine of a new or rebuilt index [default: the index's own, else whoosh]; "
    "auto: tantivy above indexer/limits.py's WHOOSH_MAX_LETTERS letter files.",
)  # fmt: skip
def index_command(
    paths: tuple[Path, ...], index_dir: Path, jobs: int | None, prune: bool, rebuild: bool,
    engine: str | None,
) -> None:
    """Index letter files and folders (recursive; .txt and .pdf) into the search index.

    Incremental: unchanged files are skipped, changed ones replaced. Files that cannot be read
    are skipped and listed with a reason, one line each (control characters in names escaped);
    the exit status is then 1. Each file is parsed in a process of its own, within the memory and
    time limits of indexer/limits.py: a file needing more is reported, the others are indexed.
    `--engine tantivy` writes a tantivy index; the index records its engine, which the site,
    `imr report` and the bench then use. Changing an index's engine needs --rebuild.
    """
    from indexer.build import build_index
    from indexer.errors import IndexUnavailable, IndexWriteError

    try:
        with _progress("Indexing letters", quiet=False) as advance:
            report = build_index(
                list(paths), index_dir, jobs=jobs, prune=prune, rebuild=rebuild,
                progress=advance, engine=engine,
            )
    except (IndexUnavailable, IndexWriteError) as error:
        _say(f"{index_dir}: {error}")
        sys.exit(2)
    except KeyboardInterrupt:
        _say(f"{index_dir}: interrupted; the previous index is intact")
        sys.exit(130)
    click.echo(
        f"letters: {report.added} added, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.removed} removed; {report.items} items indexed; "
        f"corpus version {report.corpus_version or 'none: no index yet'}"
    )
    for note in report.notes:
        _say(f"note: {note}")
    for path, reason in report.skipped:
        _say(f"skipped {path}: {reason}")
    sys.exit(report.exit_status)


@cli.command("publish")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--wait", "lock_wait", default=5.0, show_default=True, type=click.FloatRange(0),
              help="Seconds to wait for another publish or build writing TARGET.")
def publish_command(source: Path, target: Path, lock_wait: float) -> None:
    """Publish the index SOURCE as the live index of TARGET (a replica's index folder).

    Copies only SOURCE's live generation (or SOURCE itself when it is a generation folder, e.g.
    an rsync'd copy) beside TARGET, flushes it to disk, checks every file against the
    generation's checksum list and opens it, then swaps TARGET's symlink atomically: sites
    serving TARGET pick it up at their next request. A partial or damaged copy is refused and
    TARGET keeps its generation; the previous one stays for rollback (see the README).
    """
    import time

    from indexer.engine.replicas import publish_copy
    from indexer.errors import IndexWriteError

    started = time.monotonic()
    try:
        published = publish_copy(source, target, lock_wait)
    except IndexWriteError as error:
        _say(f"{target}: {error}")
        sys.exit(2)
    if not published.copied:
        click.echo(f"{target} already serves corpus version {published.version}; nothing copied")
        return
    click.echo(
        f"{target} now serves corpus version {published.version}: {published.generation.name}, "
        f"{published.files} files, {published.bytes / 1e6:,.1f} MB, "
        f"{time.monotonic() - started:.1f} s"
    )


@cli.command("serve")
@click.option(
    "--index", "index_dir", type=click.Path(path_type=Path), default=DEFAULT_INDEX,
    show_default=True, help="Index directory (as given to `imr index`).",
)  # fmt: skip
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--debug", is_flag=True, help="Reload on code changes and show the debugger.")
def serve_command(index_dir: Path, host: str, port: int, debug: bool) -> None:
    """Serve the search site for development (production: gunicorn, see the README).

    The site starts even when the index is missing or broken: it answers 503 naming the
    problem until a good index appears, and picks up a rebuilt index without a restart.
    """
    from imr_site import create_app

    app = create_app({"INDEX_DIR": str(index_dir)})
    if host not in ("0.0.0.0", "::"):  # the address it listens on is a name it answers for
        app.config["TRUSTED_HOSTS"] = [*app.config["TRUSTED_HOSTS"], host]
    app.run(host=host, port=port, debug=debug, use_reloader=debug)


# (option name, URL parameter): every option mirrors a parameter of /report.pdf.
OPTION_PARAMS = (
    ("facts", "facts"), ("treatment", "treatment"), ("body_part", "body_part"),
    ("guideline", "guideline"), ("sessions", "sessions"), ("age", "age"), ("sex", "sex"),
    ("decision", "decision"), ("count", "n"), ("title", "title"),
    ("prepared_for", "prepared_for"), ("paper", "paper"),
)


@cli.command("report")
@click.argument("request_text", metavar="REQUEST")
@click.option("--facts", default="", help="Diagnosis and clinical facts.")
@click.option("--treatment", default="", help="Treatment category (default: read from REQUEST).")
@click.option("--body-part", "body_part", default="",
              help="Body part (default: read from REQUEST).")
@click.option("--guideline", default="", help="Guideline cited by utilization review.")
@click.option("--sessions", default="", help="Number of sessions requested.")
@click.option("--age", default="", help="Patient age.")
@click.option("--sex", default="", help="Patient sex: female or male.")
@click.option("--decision", default="", help="Only Overturned or only Upheld precedents.")
@click.option("-n", "count", default="", help="Number of precedents (default 20, at most 100).")
@click.option("--title", default="", help="Title on the cover and in the running header.")
@click.option("--prepared-for", "prepared_for", default="", help="Who the pack is for.")
@click.option("--notes", "notes_file", type=click.File("r"), default=None,
              help="A Markdown file with your notes (- for standard input).")
@click.option("--paper", default="", help="letter (US Letter, the default) or a4.")
@click.option("--index", "index_dir", type=click.Path(path_type=Path), default=DEFAULT_INDEX,
              show_default=True, help="Index directory.")
@click.option("--base-url", default="http://127.0.0.1:5000", show_default=True,
              help="The site's address, for the links printed in the pack.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="PDF file to write (default: the name the site would give it).")
def report_command(request_text: str, notes_file, index_dir: Path, base_url: str,
                   output: Path | None, **options: str) -> None:
    """Write the precedent pack PDF for a treatment REQUEST, as /report.pdf would serve it.

    Example: imr report "12 sessions of physical therapy for the cervical spine" -n 25 -o pack.pdf
    """
    from imr_site import STATIC_FOLDER
    from imr_site.reports.pack import UnrecognisedRequest, build_pack, pack_filename, pack_pdf
    from imr_site.reports.params import InvalidReport, parse_report_params
    from imr_site.reports.render import PdfRenderer
    from indexer.engine import Corpus
    from indexer.errors import IndexUnavailable

    args = {"request": request_text, "notes": notes_file.read() if notes_file else ""}
    args.update({param: options[name] for name, param in OPTION_PARAMS if options[name]})
    try:
        params = parse_report_params(args)
    except InvalidReport as invalid:
        raise click.UsageError(" ".join(invalid.messages)) from None
    today = date.today()
    try:
        pack = build_pack(Corpus.open(index_dir), params, base_url, today)
    except IndexUnavailable as error:
        click.echo(f"imr report: the index is not available: {error}", err=True)
        sys.exit(1)
    except UnrecognisedRequest as error:
        click.echo(f"imr report: {error}", err=True)
        sys.exit(1)
    pdf = pack_pdf(pack, PdfRenderer(STATIC_FOLDER))
    target = output or Path(pack_filename(params, today))
    target.write_bytes(pdf)
    click.echo(f"{target}: {len(pdf):,} bytes")


def printable(text: str) -> str:
    """Text fit for one line of output: backslashes, control and invisible characters, and bytes
    of a file name that are not UTF-8, written as Python escapes (a newline as \\n)."""
    return "".join(char if char.isprintable() and char != "\\" else _escaped(char) for char in text)


def _escaped(char: str) -> str:
    if "\udc80" <= char <= "\udcff":  # a byte that os.fsdecode could not decode
        return f"\\x{ord(char) - 0xDC00:02x}"
    return "\\\\" if char == "\\" else repr(char)[1:-1]


def _say(line: str) -> None:
    """Print a line about files on stderr, escaped so that no file name can forge a line."""
    click.echo(printable(line), err=True)


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
