"""The `claimbench` command line: parses arguments, calls the core, prints, sets the exit code.

Each command imports the subsystem it needs inside its body, so `claimbench --help` and the
scorer's commands never load sklearn, datasets, spaCy, pandas or matplotlib. Results go to stdout;
warnings and errors go to stderr, one line each.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from claimbench.defaults import (
    CLAIM_MODES,
    DEFAULT_IOU_THRESHOLD,
    DEFAULT_RESAMPLES,
    DEFAULT_SEED,
    DEFAULT_TEXT_THRESHOLD,
    DEFAULT_TRIALS,
    DEFAULT_UNIT,
    OPTIONAL_HANDLING,
    UNITS,
)
from claimbench.extractors import EXTRACTORS
from claimbench.heap import keep_out_of_gc, without_cycle_collection
from claimbench.version import DATASET_VERSION, __version__

if TYPE_CHECKING:
    from claimbench.dataset.model import Corpus
    from claimbench.extractors.llm import RequestProgress
    from claimbench.scoring.submission import PredictedClaim

app = typer.Typer(add_completion=False, no_args_is_help=True, help="claimbench: claim extraction benchmark for German news.")

INPUT_ERROR = 2  # bad input files (annotations, submissions): one line on stderr, no traceback

ADJUDICATION_LOG = "annotations/adjudication.yaml"
FRESH_LOG = "annotations/fresh_adjudication.yaml"

RootOption = Annotated[Path, typer.Option("--root", help="Project root (a clone) holding seeds/, annotations/, benchmark/.")]
GoldOption = Annotated[
    Path | None, typer.Option("--gold", help="Dataset folder to score against (default: the gold shipped with the package).")
]


def fail(message: str, code: int = INPUT_ERROR) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def warn(warnings: Sequence[str]) -> None:
    for warning in warnings:
        typer.echo(f"warning: {warning}", err=True)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"claimbench {__version__} (dataset {DATASET_VERSION})")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Print the package and dataset versions.")
    ] = False,
) -> None:
    """claimbench: claim extraction benchmark for German news."""


@contextmanager
def _file_errors(path: Path) -> Iterator[None]:
    """An unwritable (or unreadable) file is a one-line error naming it, not a traceback."""
    try:
        yield
    except OSError as error:
        fail(f"{error.filename or path}: {error.strerror or error}")


def _require_clone(root: Path, command: str) -> None:
    """Commands that rebuild or rewrite the repository's own files need a clone, never an install."""
    from claimbench.clone import is_clone

    if not is_clone(root):
        fail(
            f"'claimbench {command}' needs a clone of the claimbench repository: {root.resolve()} has no "
            "seeds/ and annotations/ (run it from the clone's root or pass --root)"
        )


@app.command("build")
def build_command(
    root: RootOption = Path("."),
    check: Annotated[bool, typer.Option("--check", help="Only verify that benchmark/ is current; write nothing.")] = False,
) -> None:
    """Compile seeds/ + annotations/ into benchmark/ (validating everything first). Needs a clone."""
    from claimbench.dataset.build import BuildError, ProjectPaths, build, stale_files

    _require_clone(root, "build")
    paths = ProjectPaths(root)
    try:
        if check:
            stale = stale_files(paths)
            if stale:
                fail(f"stale, run 'claimbench build': {', '.join(stale)}", code=1)
            typer.echo("benchmark/ is current")
            return
        with _file_errors(paths.benchmark):
            corpus = build(paths)
    except BuildError as error:
        fail(str(error))
    typer.echo(f"built benchmark/ (dataset {corpus.version}): {len(corpus.documents)} documents, {len(corpus.claims)} claims")


@app.command("stats")
def stats_command(gold: GoldOption = None) -> None:
    """Print the corpus statistics (claims per article, parts per type, modality)."""
    from claimbench.dataset.stats import compute_stats, render_stats

    typer.echo(render_stats(compute_stats(_load(gold))), nl=False)


def _load(gold: Path | None) -> Corpus:
    from claimbench.dataset.gold import GoldError, load_gold

    try:
        with without_cycle_collection():
            corpus = load_gold(gold)
    except GoldError as error:
        fail(str(error))
    keep_out_of_gc()
    return corpus


def _read(paths: Sequence[Path], corpus: Corpus) -> tuple[list[PredictedClaim], list[str]]:
    """The claims of one submission (several files are its shards) and the reader's warnings."""
    from claimbench.files import read_submissions
    from claimbench.scoring.submission import SubmissionError

    try:
        with without_cycle_collection():
            claims, warnings = read_submissions(paths, corpus)
    except SubmissionError as error:
        fail(str(error))
    keep_out_of_gc()
    return claims, warnings


UnitOption = Annotated[
    str, typer.Option("--unit", help="Resampling unit of intervals and tests: sentence, paragraph or document.")
]


def _unit(unit: str) -> str:
    if unit not in UNITS:
        fail(f"--unit: expected one of {', '.join(UNITS)}, got {unit!r}")
    return unit


SubmissionsArgument = Annotated[
    list[Path], typer.Argument(help="Submission JSONL; several files are read as shards of one submission.")
]


@app.command("validate")
def validate_command(predictions: SubmissionsArgument, gold: GoldOption = None) -> None:
    """Check a submission without printing scores: exit 0 when valid (warnings on stderr, the same as
    'score' gives), 2 with one line naming the first problem."""
    from claimbench.scoring.report import score

    corpus = _load(gold)
    claims, warnings = _read(predictions, corpus)
    warn(score(corpus, claims, resamples=0, warnings=warnings).warnings)  # the scorer finds unlocated and duplicated claims
    typer.echo(f"{', '.join(map(str, predictions))}: valid, {len(claims)} predicted claims")


@app.command("score")
def score_command(
    predictions: SubmissionsArgument,
    gold: GoldOption = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the JSON report here.")] = None,
    bootstrap: Annotated[int, typer.Option("--bootstrap", min=0, help="Bootstrap resamples (0: no intervals).")] = DEFAULT_RESAMPLES,
    seed: Annotated[int, typer.Option("--seed", help="Bootstrap seed.")] = DEFAULT_SEED,
    unit: UnitOption = DEFAULT_UNIT,
    text_threshold: Annotated[float, typer.Option("--text-threshold", min=0.01, max=1.0)] = DEFAULT_TEXT_THRESHOLD,
    iou_threshold: Annotated[float, typer.Option("--iou-threshold", min=0.01, max=1.0, help="claims/iou: minimum word-token IoU.")] = DEFAULT_IOU_THRESHOLD,
    optional: Annotated[
        str, typer.Option("--optional", help="optional: optional gold items count neither way (default); required: score them as required (as gold 1.1.0).")
    ] = OPTIONAL_HANDLING[0],
) -> None:
    """Score a submission: a table of P/R/F1 per part and mode with 95 % intervals over units (stdout),
    warnings (stderr), a JSON report."""
    from claimbench.files import write_json
    from claimbench.reports.render import render_table
    from claimbench.scoring.modes import ScoringConfig, group_predictions
    from claimbench.scoring.report import json_default, score_grouped

    corpus = _load(gold)
    claims, warnings = _read(predictions, corpus)
    # grouped, with no other reference kept: scoring frees each document's predictions once scored
    grouped = group_predictions(claims)
    del claims
    if optional not in OPTIONAL_HANDLING:
        fail(f"--optional: expected one of {', '.join(OPTIONAL_HANDLING)}, got {optional!r}")
    config = ScoringConfig(text_threshold=text_threshold, iou_threshold=iou_threshold, optional=optional)
    with without_cycle_collection():
        scored = score_grouped(corpus, grouped, config, bootstrap, seed, warnings, _unit(unit), named=False)
        del corpus  # the report needs no gold: its memory goes to the bootstrap's count matrices
        report = scored.to_dict(lazy_unit_rows=True)
        warn(report["warnings"])
        typer.echo(render_table(report))
        if json_out is not None:
            with _file_errors(json_out):
                write_json(json_out, report, default=json_default)


def _explained(path: Path, corpus: Corpus, mode: str, label: str = "") -> dict[str, Any]:
    """The explain records of one submission (scored without intervals: they change no status)."""
    from claimbench.scoring.explain import explain
    from claimbench.scoring.report import score

    claims, warnings = _read([path], corpus)
    report = score(corpus, claims, resamples=0, warnings=warnings)
    warn([f"{label}{warning}" for warning in report.warnings])
    return explain(report, corpus, claims, mode)


def _write_page(path: Path, html: str) -> None:
    with _file_errors(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")


@app.command("explain")
def explain_command(
    predictions: Annotated[Path, typer.Argument(help="Submission JSONL.")],
    gold: GoldOption = None,
    mode: Annotated[str, typer.Option("--mode", help=f"Claim mode of the statuses and categories: {', '.join(CLAIM_MODES)}.")] = CLAIM_MODES[0],
    against: Annotated[
        Path | None,
        typer.Option("--against", help="A second submission (B): one page for both, marking the gold claims only one of them finds."),
    ] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write one record per gold and predicted claim here.")] = None,
    html_out: Annotated[Path | None, typer.Option("--html", help="Write the self-contained error-analysis page here.")] = None,
) -> None:
    """Error analysis: every gold and predicted claim with its status per claim mode, matched partner,
    part outcomes and error category, as JSON and/or one offline HTML page; prints the category counts.
    With --against the JSON holds both systems and, per mode, the gold claims found by one only."""
    from claimbench.files import write_json
    from claimbench.reports.explain_html import render_against_html, render_html
    from claimbench.scoring.explain import explain_against

    if mode not in CLAIM_MODES:
        fail(f"--mode: expected one of {', '.join(CLAIM_MODES)}, got {mode!r}")
    corpus = _load(gold)
    explained = _explained(predictions, corpus, mode, "A: " if against else "")
    result, systems = explained, {"": explained}
    if against is not None:
        result = explain_against(explained, _explained(against, corpus, mode, "B: "), (str(predictions), str(against)))
        systems = result["systems"]
    for key, system in systems.items():
        prefix = f"{key.upper()} " if key else ""
        for category, count in system["summary"]["categories"].items():
            typer.echo(f"{prefix}{category:<12} {count}")
    if against is not None:
        difference = result["found_by_one_only"][result["pair_mode"]]
        typer.echo(f"found by A only ({result['pair_mode']}): {len(difference['a_only'])}; by B only: {len(difference['b_only'])}")
    if json_out is not None:
        with _file_errors(json_out):
            write_json(json_out, result)
    if html_out is not None:
        title = f"claimbench explain: {predictions}"
        page = render_html(explained, corpus, title) if against is None else render_against_html(result, corpus, f"{title} against {against}")
        _write_page(html_out, page)


@app.command("compare")
def compare_command(
    system_a: Annotated[Path, typer.Argument(help="Submission A (the reference).")],
    system_b: Annotated[Path, typer.Argument(help="Submission B (compared with A: ΔF1 = B − A).")],
    gold: GoldOption = None,
    bootstrap: Annotated[int, typer.Option("--bootstrap", min=0, help="Paired bootstrap resamples (0: none).")] = DEFAULT_RESAMPLES,
    trials: Annotated[int, typer.Option("--trials", min=0, help="Approximate-randomization trials (0: none).")] = DEFAULT_TRIALS,
    seed: Annotated[int, typer.Option("--seed")] = DEFAULT_SEED,
    unit: UnitOption = DEFAULT_UNIT,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the comparison here.")] = None,
) -> None:
    """Paired tests of F1(B) − F1(A) per part and mode over resampling units: approximate
    randomization (p never below 1/(trials+1)) and paired bootstrap (95 % interval, p)."""
    from claimbench.files import write_json
    from claimbench.reports.render import render_comparison
    from claimbench.scoring.report import compare, few_units_warning, score

    corpus = _load(gold)
    reports = []
    for label, path in (("A", system_a), ("B", system_b)):
        claims, warnings = _read([path], corpus)
        reports.append(score(corpus, claims, resamples=bootstrap, seed=seed, warnings=warnings, unit=_unit(unit)))
        warn([f"{label}: {warning}" for warning in reports[-1].warnings])
    coarse = few_units_warning(unit, reports[0].n_units)
    if coarse:
        warn([coarse])
    result = compare(*reports, trials=trials, names=(str(system_a), str(system_b)))
    typer.echo(render_comparison(result))
    if json_out is not None:
        with _file_errors(json_out):
            write_json(json_out, result)


@app.command("regress")
def regress_command(
    predictions: Annotated[Path, typer.Argument(help="The changed extractor's submission.")],
    baseline: Annotated[Path, typer.Option("--baseline", help="JSON report of the accepted version (claimbench score --json).")],
    tolerance: Annotated[float, typer.Option("--tolerance", min=0.0, help="Allowed F1 drop.")] = 0.0,
    alpha: Annotated[
        float | None,
        typer.Option("--alpha", min=0.0, max=1.0, help="Fail only on drops significant at this level (paired approximate randomization over units)."),
    ] = None,
    allow_signature_change: Annotated[
        bool, typer.Option("--allow-signature-change", help="Accept a baseline scored by another scorer version, gold or setup.")
    ] = False,
    gold: GoldOption = None,
    html_out: Annotated[
        Path | None,
        typer.Option("--html", help="Write the two-system explain page (A = --baseline-predictions, B = the new submission); needs --baseline-predictions."),
    ] = None,
    baseline_predictions: Annotated[
        Path | None, typer.Option("--baseline-predictions", help="The accepted version's submission, for --html (a report holds no predictions).")
    ] = None,
) -> None:
    """Exit 1 when an F1 dropped beyond the tolerance (and significantly, with --alpha), a part or
    mode is missing, or the scoring setup changed; list the claims lost and gained. With --html and
    --baseline-predictions also write the explain page of both versions (claims mode full), whose
    "found by A only" list is the lost claims and "found by B only" the gained ones."""
    from claimbench.files import read_json
    from claimbench.scoring.regression import ReportError, check_report, regression, render_regression
    from claimbench.scoring.report import score

    if html_out is not None and baseline_predictions is None:
        fail("--html needs --baseline-predictions PRED.jsonl: the baseline report holds no predictions to draw")
    corpus = _load(gold)
    try:
        accepted = read_json(baseline)
        check_report(accepted, str(baseline), need_units=alpha is not None)
    except (OSError, ValueError) as error:
        fail(str(error) if isinstance(error, ReportError) else f"{baseline}: cannot read the baseline report ({error})")
    unit = accepted["units"].get("kind", DEFAULT_UNIT) if isinstance(accepted["units"], dict) else DEFAULT_UNIT
    claims, warnings = _read([predictions], corpus)
    new = score(corpus, claims, resamples=0, warnings=warnings, unit=_unit(unit)).to_dict()
    warn(new["warnings"])
    check = regression(accepted, new, tolerance, alpha, allow_signature_change)
    typer.echo(render_regression(check))
    if html_out is not None and baseline_predictions is not None:
        _write_regression_page(html_out, baseline_predictions, predictions, accepted, corpus)
    if check.failed:
        raise typer.Exit(1)


def _write_regression_page(html_out: Path, baseline_predictions: Path, predictions: Path, accepted: dict[str, Any], corpus: Corpus) -> None:
    """The explain page of the accepted (A) and the new (B) predictions: A only = lost, B only = gained."""
    from claimbench.reports.explain_html import render_against_html
    from claimbench.scoring.explain import DEFAULT_MODE, explain_against, found_claims

    before = _explained(baseline_predictions, corpus, DEFAULT_MODE, "baseline: ")
    if found_claims(before) != {mode: accepted["found_claims"].get(mode) for mode in found_claims(before)}:
        warn([f"{baseline_predictions}: does not reproduce the baseline report's found claims; the page's differences are those of these predictions"])
    compared = explain_against(before, _explained(predictions, corpus, DEFAULT_MODE, "new: "), (str(baseline_predictions), str(predictions)))
    _write_page(html_out, render_against_html(compared, corpus, f"claimbench regress: {baseline_predictions} (accepted) against {predictions} (new)"))
    typer.echo(f"wrote {html_out}")


def _show_requests(progress: RequestProgress) -> None:
    """The live LLM run's progress on stderr: one line updated in place on a terminal, else one line per answer."""
    interactive = sys.stderr.isatty()
    typer.echo(("\r" if interactive else "") + progress.line(), err=True, nl=not interactive or progress.done == progress.total)


def _facts(pairs: list[str]) -> dict[str, object]:
    """``KEY=VALUE`` pairs; a value that reads as JSON (true, 3, "x") is stored as such, else as text."""
    facts: dict[str, object] = {}
    for pair in pairs:
        key, separator, value = pair.partition("=")
        if not separator or not key:
            fail(f"--fact {pair!r}: expected KEY=VALUE")
        try:
            facts[key] = json.loads(value)
        except ValueError:
            facts[key] = value
    return facts


@app.command("run")
def run_command(
    name: Annotated[str, typer.Argument(help=f"Extractor: {', '.join(EXTRACTORS)}.")],
    out: Annotated[Path | None, typer.Option("--out", help="Submission JSONL to write (default: NAME.jsonl).")] = None,
    gold: GoldOption = None,
    base_url: Annotated[str | None, typer.Option("--base-url", help="llm: OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1 (default: replay the cache, no network).")] = None,
    model: Annotated[str | None, typer.Option("--model", help="llm: model name at the endpoint (default: the one in the cache's run.json).")] = None,
    cache: Annotated[
        Path | None,
        typer.Option("--cache", help="llm: response cache folder (default: the clone's baselines/llm/cache); its run.json supplies the llm options left out."),
    ] = None,
    api: Annotated[str | None, typer.Option("--api", help="llm: 'chat' (instruction-tuned models, /chat/completions) or 'completion' (base models, /completions, plain-text prompt).")] = None,
    shots: Annotated[int | None, typer.Option("--shots", min=0, help="llm: demonstrations per article from the other articles' gold (leave-one-article-out); 0: zero-shot.")] = None,
    schema_mode: Annotated[str | None, typer.Option("--schema-mode", help="llm: output constraint: json_object (llama.cpp chat), json_schema (OpenAI, vLLM chat), gbnf (llama-cpp-python grammar), none.")] = None,
    max_tokens: Annotated[int | None, typer.Option("--max-tokens", min=1, help="llm: answer length limit per chunk (default 1536).")] = None,
    concurrency: Annotated[int, typer.Option("--concurrency", min=1, help="llm: requests in flight at once.")] = 1,
    timeout: Annotated[float | None, typer.Option("--timeout", min=0.001, help="llm: seconds to wait for one answer (default 900).")] = None,
    attempts: Annotated[int | None, typer.Option("--attempts", min=1, help="llm: tries per request; 408, 409, 429, 5xx, timeouts and cut-off answers are retried (default 6).")] = None,
    backoff: Annotated[float | None, typer.Option("--backoff", min=0.0, help="llm: first retry wait in seconds, doubled per retry, with jitter; Retry-After is honoured (default 1).")] = None,
    model_file: Annotated[Path | None, typer.Option("--model-file", help="llm: the served GGUF file; its sha256, size, quantisation and parameter count go into run.json.")] = None,
    fact: Annotated[list[str] | None, typer.Option("--fact", help="llm: KEY=VALUE for run.json (e.g. server flags, model_name, instruction_tuned=false); repeatable.")] = None,
    folds: Annotated[
        Path | None,
        typer.Option("--folds", help="spacy: the stored fold pipelines to predict with (default: the clone's baselines/spacy/model)."),
    ] = None,
    retrain: Annotated[
        bool, typer.Option("--retrain", help="spacy: train the folds in memory instead (results differ by CPU and BLAS).")
    ] = False,
) -> None:
    """Run a baseline extractor over the gold documents and write its predictions (a valid submission).

    llm: without --base-url the cache is replayed offline (the cache of a clone, baselines/llm/cache,
    or --cache); with it, missing answers are requested and cached one file per request as they
    arrive (an interrupted run resumes), and run.json beside the cache records the run. The API key
    is read from the environment variable CLAIMBENCH_LLM_API_KEY only, and never stored.
    spacy predicts with the fold pipelines of a clone (baselines/spacy/model), --folds or --retrain."""
    from claimbench.extractors import ExtractorError, create
    from claimbench.extractors.baseline_runs import LLM_CACHE, SPACY_FOLDS
    from claimbench.extractors.llm import RUN_RECORD_NAME, LLMExtractor
    from claimbench.extractors.runner import run
    from claimbench.files import write_json, write_submission

    if name not in EXTRACTORS:
        fail(f"unknown extractor {name!r} (expected one of {', '.join(EXTRACTORS)})")
    cache = cache or Path(LLM_CACHE)
    if name == "llm" and base_url is None and not cache.is_dir():
        fail(
            f"llm: no response cache at {cache} to replay; the recorded run's cache is in a clone of the "
            "repository (run from its root, or pass --cache DIR), or pass --base-url and --model for a live endpoint"
        )

    corpus = _load(gold)
    options: dict[str, object] = {}
    record_facts: dict[str, object] = {}
    if name == "llm":
        from claimbench.extractors.gguf import GGUFError, model_facts
        from claimbench.extractors.llm_client import RetryPolicy

        retry = RetryPolicy(attempts=attempts or RetryPolicy.attempts, base_seconds=RetryPolicy.base_seconds if backoff is None else backoff)
        options = {
            "base_url": base_url, "model": model, "cache_dir": cache, "offline": base_url is None, "api": api,
            "shots": shots, "schema_mode": schema_mode, "max_tokens": max_tokens, "concurrency": concurrency,
            "retry": retry, "on_progress": _show_requests, **({"timeout": timeout} if timeout else {}),
        }  # fmt: skip
        record_facts = _facts(fact or [])
        if model_file is not None:
            try:
                record_facts = {**model_facts(model_file), **record_facts}
            except (OSError, GGUFError) as error:
                fail(f"--model-file {model_file}: {error}")
    if name == "spacy":
        options = {"folds": None if retrain else folds or Path(SPACY_FOLDS)}  # missing folds: the extractor's one line
    try:
        extractor = create(name, **options)
        if name == "llm":  # the extractor reports its requests itself
            predictions = run(extractor, corpus)
        else:
            with typer.progressbar(length=len(corpus.documents), label=f"{name}", file=sys.stderr) as progress:
                predictions = run(extractor, corpus, lambda doc_id: progress.update(1))
    except (ExtractorError, ValueError) as error:
        fail(str(error))
    target = out or Path(f"{name}.jsonl")
    with _file_errors(target):
        write_submission(target, predictions)
    for key, value in sorted(extractor.describe().items()):
        typer.echo(f"{key}: {value}", err=True)
    if isinstance(extractor, LLMExtractor) and extractor.live:
        record_path = cache.parent / RUN_RECORD_NAME  # a live run's record beside its cache
        with _file_errors(record_path):
            write_json(record_path, extractor.recorded_with({**record_facts, "run_date": date.today().isoformat()}))
        typer.echo(f"{record_path}: {extractor.live['requests']} requests in {extractor.live['seconds_total']} s", err=True)
    typer.echo(f"{target}: {len(predictions)} predicted claims in {len(corpus.documents)} documents")


@app.command("train")
def train_command(
    name: Annotated[str, typer.Argument(help="The trained baseline: spacy.")],
    out: Annotated[
        Path | None, typer.Option("--out", help="Folder for the five fold pipelines and folds.json (default: baselines/spacy/model).")
    ] = None,
    gold: GoldOption = None,
) -> None:
    """Train the spacy baseline's five leave-one-article-out pipelines and store them for `run spacy`.

    Training depends on the CPU's BLAS kernels, so a retrained model predicts somewhat differently:
    commit the folds together with `claimbench baselines` output (the README's "Reproducibility")."""
    if name != "spacy":
        fail(f"unknown trained baseline {name!r} (expected spacy)")
    from claimbench.extractors.baseline_runs import SPACY_FOLDS
    from claimbench.extractors.spacy_trained import load_training_config, save_folds

    target = out or Path(SPACY_FOLDS)
    corpus = _load(gold)
    with typer.progressbar(length=len(corpus.documents), label="spacy folds", file=sys.stderr) as progress, _file_errors(target):
        save_folds(target, corpus, load_training_config(), lambda doc_id: progress.update(1))
    typer.echo(f"{target}: {len(corpus.documents)} fold pipelines (dataset {corpus.version})")


@app.command("baselines")
def baselines_command(
    root: RootOption = Path("."),
    only: Annotated[list[str] | None, typer.Option("--only", help="Run only these baselines.")] = None,
) -> None:
    """Rerun the offline baselines into baselines/NAME/ (predictions, report, facts), regenerate
    leaderboard.md and print its claims table. Needs a clone (it rewrites the clone's files)."""
    _require_clone(root, "baselines")
    from claimbench.extractors import ExtractorError
    from claimbench.extractors.baseline_runs import OFFLINE_BASELINES, offline_extractor, run_and_store

    corpus = _load(None)
    names = only or list(OFFLINE_BASELINES)
    unknown = sorted(set(names) - set(OFFLINE_BASELINES))
    if unknown:
        fail(f"unknown baseline {unknown[0]!r} (expected one of {', '.join(OFFLINE_BASELINES)})")
    for name in names:
        try:
            extractor = offline_extractor(name, root)
            with typer.progressbar(length=len(corpus.documents), label=f"{name:<6}", file=sys.stderr) as progress, _file_errors(root):
                run_and_store(extractor, root, corpus, lambda doc_id: progress.update(1))
        except ExtractorError as error:
            fail(str(error))
    _write_leaderboard(root)


def _write_leaderboard(root: Path) -> None:
    from claimbench.extractors.baseline_runs import leaderboard_files

    files = leaderboard_files(root)
    for path, content in files.items():
        with _file_errors(path):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    board = files[root / "leaderboard.md"].decode("utf-8")
    claims_table = board.split("## Headline\n\n", 1)[1].split("\n\n", 1)[0]
    typer.echo(claims_table)
    typer.echo(f"wrote {', '.join(str(path.relative_to(root)) for path in files)}")


@app.command("leaderboard")
def leaderboard_command(
    root: RootOption = Path("."),
    check: Annotated[bool, typer.Option("--check", help="Exit 1 when a stored report or the leaderboard is stale.")] = False,
) -> None:
    """Render leaderboard.md and its chart from the stored reports in baselines/ (no extractor runs)."""
    from claimbench.extractors.baseline_runs import stale_results, stored_systems

    if not stored_systems(root):
        fail(f"{root / 'baselines'}: no stored reports (run 'claimbench baselines')")
    if check:
        stale = stale_results(root, _load(None))
        if stale:
            fail(f"stale, run 'claimbench leaderboard' (or 'claimbench baselines'): {', '.join(stale)}", code=1)
        typer.echo("stored reports and leaderboard.md are current")
        return
    _write_leaderboard(root)


@app.command("agreement")
def agreement_command(
    root: RootOption = Path("."),
    check: Annotated[bool, typer.Option("--check", help="Exit 1 when annotations/agreement.md is stale or an adjudication log incomplete.")] = False,
) -> None:
    """Agreement of the annotation passes, written to annotations/agreement.md: (a) the second pass
    against the first (historical), (b) the fresh pass against the gold as it was before adjudicating
    it (annotations/gold_before_fresh). Checks that annotations/adjudication.yaml and
    annotations/fresh_adjudication.yaml decide every disagreement and that the gold follows them. Needs a clone."""
    from claimbench.annotation.adjudication import FRESH, LogError, check_log, parse_log
    from claimbench.annotation.agreement import measure, measure_current, render_agreement
    from claimbench.dataset.annotations import LINE_KEY
    from claimbench.dataset.build import BuildError, ProjectPaths, load_corpus
    from claimbench.dataset.yaml_io import YamlFileError, load_yaml

    _require_clone(root, "agreement")
    paths = ProjectPaths(root)
    try:
        first = load_corpus(paths, paths.annotations / "first_pass")
        second = load_corpus(paths, paths.annotations / "second_pass")
        fresh = load_corpus(paths, paths.annotations / "fresh_pass")
        gold_before_fresh = load_corpus(paths, paths.annotations / "gold_before_fresh")
        gold = load_corpus(paths)
        log = parse_log(ADJUDICATION_LOG, load_yaml(paths.root / ADJUDICATION_LOG, ADJUDICATION_LOG), LINE_KEY)
        fresh_log = parse_log(FRESH_LOG, load_yaml(paths.root / FRESH_LOG, FRESH_LOG), LINE_KEY, FRESH)
    except (BuildError, LogError, YamlFileError) as error:
        fail(str(error))
    for path, problems in ((ADJUDICATION_LOG, check_log(log, first, second, gold, ADJUDICATION_LOG)),
                           (FRESH_LOG, check_log(fresh_log, gold_before_fresh, fresh, gold, FRESH_LOG))):  # fmt: skip
        if problems:
            fail(f"{problems[0]} ({len(problems)} problem(s) in {path})", code=1)
    text = render_agreement(measure(first, second), log, measure_current(gold_before_fresh, fresh), fresh_log, gold)
    if check:
        current = paths.agreement.read_text(encoding="utf-8") if paths.agreement.is_file() else ""
        if current != text:
            fail("annotations/agreement.md is stale, run 'claimbench agreement' then 'claimbench build'", code=1)
        typer.echo(f"annotations/agreement.md is current; {ADJUDICATION_LOG} decides all {len(log)} disagreements, "
                   f"{FRESH_LOG} all {len(fresh_log)}")  # fmt: skip
        return
    with _file_errors(paths.agreement):
        paths.agreement.write_text(text, encoding="utf-8")
    typer.echo(text, nl=False)
