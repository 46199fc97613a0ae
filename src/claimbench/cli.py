"""The `claimbench` command line: parses arguments, calls the core, prints, sets the exit code."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

from claimbench.agreement import measure, render_agreement
from claimbench.build import BuildError, ProjectPaths, build, load_corpus, stale_files
from claimbench.files import read_json, submission_lines, write_json
from claimbench.gold import GoldError, load_gold
from claimbench.model import Corpus
from claimbench.regression import regression, render_regression
from claimbench.render import render_comparison, render_table
from claimbench.scorer import DEFAULT_RESAMPLES, DEFAULT_SEED, compare, score
from claimbench.scoring import ScoringConfig
from claimbench.stats import compute_stats, render_stats
from claimbench.submission import PredictedClaim, SubmissionError, parse_submission

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
    corpus = _load(gold)
    typer.echo(render_stats(compute_stats(corpus)), nl=False)




GoldOption = Annotated[
    Path | None, typer.Option("--gold", help="Dataset folder to score against (default: the gold shipped with the package).")
]


def _load(gold: Path | None) -> Corpus:
    try:
        return load_gold(gold)
    except GoldError as error:
        fail(str(error))


def _read_predictions(path: Path, corpus: Corpus) -> tuple[list[PredictedClaim], list[str]]:
    documents = {d.doc_id: d.text for d in corpus.documents}
    try:
        return parse_submission(str(path), submission_lines(path), documents)
    except SubmissionError as error:
        fail(str(error))


@app.command("validate")
def validate_command(predictions: Annotated[Path, typer.Argument(help="Submission JSONL.")], gold: GoldOption = None) -> None:
    """Check a submission without scoring it: exit 0 when valid, 2 with one line naming the problem."""
    corpus = _load(gold)
    claims, warnings = _read_predictions(predictions, corpus)
    for warning in warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(f"{predictions}: valid, {len(claims)} predicted claims")


@app.command("score")
def score_command(
    predictions: Annotated[Path, typer.Argument(help="Submission JSONL.")],
    gold: GoldOption = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the JSON report here.")] = None,
    bootstrap: Annotated[int, typer.Option("--bootstrap", min=0, help="Bootstrap resamples (0: no intervals).")] = DEFAULT_RESAMPLES,
    seed: Annotated[int, typer.Option("--seed", help="Bootstrap seed.")] = DEFAULT_SEED,
    text_threshold: Annotated[float, typer.Option("--text-threshold", min=0.01, max=1.0)] = ScoringConfig.text_threshold,
) -> None:
    """Score a submission: a table of P/R/F1 per part and mode, and a JSON report."""
    corpus = _load(gold)
    claims, warnings = _read_predictions(predictions, corpus)
    report = score(corpus, claims, ScoringConfig(text_threshold=text_threshold), bootstrap, seed, warnings).to_dict()
    typer.echo(render_table(report))
    if json_out is not None:
        write_json(json_out, report)


@app.command("compare")
def compare_command(
    system_a: Annotated[Path, typer.Argument(help="Submission A (the reference).")],
    system_b: Annotated[Path, typer.Argument(help="Submission B.")],
    gold: GoldOption = None,
    bootstrap: Annotated[int, typer.Option("--bootstrap", min=1)] = DEFAULT_RESAMPLES,
    seed: Annotated[int, typer.Option("--seed")] = DEFAULT_SEED,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the comparison here.")] = None,
) -> None:
    """Paired bootstrap: F1(B) − F1(A) per part and mode, with a 95 % interval and p-value."""
    corpus = _load(gold)
    reports = [score(corpus, _read_predictions(path, corpus)[0], resamples=bootstrap, seed=seed) for path in (system_a, system_b)]
    result = compare(*reports)
    typer.echo(render_comparison(result))
    if json_out is not None:
        write_json(json_out, result)


@app.command("regress")
def regress_command(
    predictions: Annotated[Path, typer.Argument(help="The changed extractor's submission.")],
    baseline: Annotated[Path, typer.Option("--baseline", help="JSON report of the accepted version.")],
    tolerance: Annotated[float, typer.Option("--tolerance", min=0.0, help="Allowed F1 drop.")] = 0.0,
    gold: GoldOption = None,
) -> None:
    """Exit 1 when any F1 dropped by more than the tolerance against the baseline report; list lost claims."""
    corpus = _load(gold)
    try:
        accepted = read_json(baseline)
        check = regression(accepted, score(corpus, _read_predictions(predictions, corpus)[0], resamples=0).to_dict(), tolerance)
    except (OSError, ValueError, KeyError, TypeError) as error:
        fail(f"{baseline}: not a claimbench report ({error})")
    typer.echo(render_regression(check))
    if check.failed:
        raise typer.Exit(1)


@app.command("agreement")
def agreement_command(
    root: RootOption = Path("."),
    check: Annotated[bool, typer.Option("--check", help="Exit 1 when annotations/agreement.md is stale.")] = False,
) -> None:
    """Measure agreement of annotations/second_pass/ with the first pass; write annotations/agreement.md."""
    paths = ProjectPaths(root)
    try:
        first = load_corpus(paths)
        second = load_corpus(paths, paths.annotations / "second_pass")
    except BuildError as error:
        fail(str(error))
    text = render_agreement(measure(first, second))
    if check:
        current = paths.agreement.read_text(encoding="utf-8") if paths.agreement.is_file() else ""
        if current != text:
            fail("annotations/agreement.md is stale, run 'claimbench agreement' then 'claimbench build'", code=1)
        typer.echo("annotations/agreement.md is current")
        return
    paths.agreement.write_text(text, encoding="utf-8")
    typer.echo(text, nl=False)
