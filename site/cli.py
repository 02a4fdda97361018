"""The `imr` command group with the site's commands added (the entry point of `imr`)."""

from __future__ import annotations

from pathlib import Path

import click

from imr_site.reports.cli import report_command
from indexer.cli import DEFAULT_INDEX, cli

__all__ = ["cli"]

cli.add_command(report_command)


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
    app.run(host=host, port=port, debug=debug, use_reloader=debug)
