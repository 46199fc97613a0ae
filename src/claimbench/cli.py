"""The `claimbench` command line: parses arguments, calls the core, prints, sets the exit code."""

from __future__ import annotations


from pathlib import Path
from typing import Annotated, NoReturn

import typer

from claimbench.build import BuildError, ProjectPaths, build, stale_files
from claimbench.gold import GoldError, load_gold
from claimbench.stats import compute_stats, render_stats

app = typer.Typer(add_completion=False, no_args_is_help=True, help="claimbench: claim extraction benchmark for German news.")

INPUT_ERROR = 2  # bad input files (annotations, submissions): one line on stderr, no traceback

RootOption = Annotated[Path, typer.Option("--root", help="Project root holding seeds/, annotations/, benchmark/.")]


def fail(message: str, code: int = INPUT_ERROR) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@app.command("build")
def build_command(
    root: RootOption = Path("."),
    check: Annotated[bool, typer.Option("--check", help="Only verify that benchmark/ is current; write nothing.")] = False,
) -> None:
    """Compile seeds/ + annotations/ into benchmark/ (validating everything first)."""
    paths = ProjectPaths(root)
    try:
        if check:
            stale = stale_files(paths)
            if stale:
                fail(f"stale, run 'claimbench build': {', '.join(stale)}", code=1)
            typer.echo("benchmark/ is current")
            return
        corpus = build(paths)
    except BuildError as error:
        fail(str(error))
    typer.echo(f"built benchmark/ (dataset {corpus.version}): {len(corpus.documents)} documents, {len(corpus.claims)} claims")


@app.command("stats")
def stats_command(
    gold: Annotated[
        Path | None, typer.Option("--gold", help="Dataset folder (default: the gold shipped with the package).")
    ] = None,
) -> None:
    """Print the corpus statistics (claims per article, parts per type, modality)."""
    try:
        corpus = load_gold(gold)
    except GoldError as error:
        fail(str(error))
    typer.echo(render_stats(compute_stats(corpus)), nl=False)


