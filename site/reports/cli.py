"""`imr report`: the precedent pack PDF from the command line, the same as /report.pdf."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click
from werkzeug.datastructures import MultiDict

from indexer.cli import DEFAULT_INDEX

# (option name, URL parameter): every option mirrors a parameter of /report.pdf.
OPTION_PARAMS = (
    ("facts", "facts"), ("treatment", "treatment"), ("body_part", "body_part"),
    ("guideline", "guideline"), ("sessions", "sessions"), ("age", "age"), ("sex", "sex"),
    ("decision", "decision"), ("count", "n"), ("title", "title"),
    ("prepared_for", "prepared_for"), ("paper", "paper"),
)


@click.command("report")
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
@click.option("--paper", default="", help="a4 (default) or letter.")
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
    from imr_site import create_app
    from imr_site.reports import pack_pdf
    from imr_site.reports.pack import pack_filename
    from imr_site.reports.params import InvalidReport, parse_report_params
    from indexer.errors import IndexUnavailable

    args = MultiDict({"request": request_text, "notes": notes_file.read() if notes_file else ""})
    args.update({param: options[name] for name, param in OPTION_PARAMS if options[name]})
    try:
        params = parse_report_params(args)
    except InvalidReport as invalid:
        raise click.UsageError(" ".join(invalid.messages)) from None
    app = create_app({"INDEX_DIR": str(index_dir)})
    today = date.today()
    try:
        with app.test_request_context(base_url=base_url):
            pdf = pack_pdf(params, today)
    except IndexUnavailable as error:
        click.echo(f"imr report: the index is not available: {error}", err=True)
        sys.exit(1)
    target = output or Path(pack_filename(params, today))
    target.write_bytes(pdf)
    click.echo(f"{target}: {len(pdf):,} bytes")
