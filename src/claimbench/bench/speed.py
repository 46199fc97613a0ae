"""Speed and memory of the scorer and the CLI's startup, on synthetic data; prints figures in one run
(run, don't test: timings vary).

    python -m claimbench.bench.speed [--documents 10000] [--claims 30] [--repeat 5]

Prints, side by side:
- startup: ``python -c "import numpy"``, ``claimbench --help`` and ``claimbench score`` of the rules
  baseline's 5-document submission (outside a clone: the gold as a submission), medians of
  ``--repeat`` runs, as multiples of the numpy import;
- scale, at a tenth of ``--documents`` and at all of them (synthetic gold written as a dataset
  folder, a noisy submission with every part filled): json.loads of the file, the validating
  parser (msgspec path, and json + hand-written checks alone), loading the gold, scoring without
  bootstrap (as the CLI scores: outcomes without names), the whole ``claimbench score`` process
  (1,000 resamples) with its peak memory, and nervaluate in process on the same entities (if
  installed). Every in-process figure runs with the cyclic garbage collector as ``claimbench score``
  has it (off, with what exists frozen).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from claimbench.clone import find_clone
from claimbench.dataset.build import config_table, parquet_bytes
from claimbench.dataset.gold import content_hash, file_hashes, load_gold
from claimbench.dataset.model import Attribution, Claim, Corpus, DateExpression, Document, Entity, Quantity
from claimbench.dataset.schema import CONFIG_FEATURES, config_rows
from claimbench.files import submission_lines, write_submission
from claimbench.heap import keep_out_of_gc, without_cycle_collection
from claimbench.scoring.modes import group_predictions
from claimbench.scoring.report import score_grouped
from claimbench.scoring.submission import ParseState, check_claim, check_record, parse_submission, predictions_from_corpus

WORDS = ("Putin", "Kim", "Moskau", "lobt", "entsandte", "Soldaten", "Nordkorea", "Russland", "laut", "KCNA")
T = TypeVar("T")


def synthetic(documents: int, claims: int, seed: int) -> tuple[Corpus, list[str]]:
    """A gold corpus and a noisy submission (JSONL lines): 2/3 exact, 1/6 shifted, 1/6 spurious."""
    rng = random.Random(seed)
    docs, gold, lines = [], [], []
    for d in range(documents):
        doc_id = f"{d:05d}"
        pieces, spans = [], []
        offset = 0
        for _ in range(claims):
            sentence = " ".join(rng.choice(WORDS) for _ in range(8)) + " 10.000 April. "
            spans.append((offset, offset + len(sentence) - 2))
            pieces.append(sentence)
            offset += len(sentence)
        text = "".join(pieces)
        docs.append(Document(doc_id, f"{doc_id}_x.txt", None, None, None, "2025-12-25", False, "de", text, "0" * 64))
        for c, (start, end) in enumerate(spans):
            words = text[start:end].split(" ")
            entity_end = start + len(words[0])
            number_start = text.index("10.000", start)
            date_start = text.index("April", start)
            claim = Claim(
                f"{doc_id}-{c:02d}", doc_id, start, end, text[start:end], text[start:end] + ".", "asserted", "positive",
                f"c{c}", entities=(Entity(words[0], start, entity_end, "PER", words[0]),),
                quantities=(Quantity("10.000", number_start, number_start + 6, 10000.0, None, "persons", "=", "x"),),
                dates=(DateExpression("April", date_start, date_start + 5, "2025-04", "DATE", None),),
                attributions=(Attribution(words[0], start, entity_end, words[0], words[1], entity_end + 1,
                                          entity_end + 1 + len(words[1]), 0),),
            )  # fmt: skip
            gold.append(claim)
            roll = rng.random()
            shift = 0 if roll < 2 / 3 else 3
            record = {
                "doc_id": doc_id, "text": text[start + shift : end], "start": start + shift, "end": end,
                "entities": [{"text": words[0], "start": start, "end": entity_end, "type": rng.choice(["PER", "ORG"])}],
                "quantities": [{"text": "10.000", "start": number_start, "end": number_start + 6, "value": 10000}],
                "dates": [{"text": "April", "start": date_start, "end": date_start + 5, "value": "2025-04"}],
                "attributions": [{"source_text": words[0], "source_start": start, "source_end": entity_end}],
            }  # fmt: skip
            lines.append(json.dumps(record, ensure_ascii=False))
            if roll > 5 / 6:
                lines.append(json.dumps({"doc_id": doc_id, "text": words[2]}, ensure_ascii=False))
    return Corpus(tuple(docs), tuple(gold), "synthetic"), lines


def _timed(function: Callable[[], T]) -> tuple[T, float]:
    """The result and wall seconds of ``function()``, run with the cyclic garbage collector as
    ``claimbench score`` runs its steps: what exists already frozen, collection off (so no figure
    includes collections over the benchmark's own objects, and parse and scoring compare as in the CLI)."""
    keep_out_of_gc()
    with without_cycle_collection():
        start = time.perf_counter()
        result = function()
        return result, time.perf_counter() - start


def write_gold_folder(corpus: Corpus, folder: Path) -> None:
    """The corpus as a dataset folder that ``load_gold`` (and ``--gold``) accept."""
    rows = config_rows(corpus)
    names = {config: f"{config}/test.parquet" for config in CONFIG_FEATURES}
    for config, name in names.items():
        (folder / config).mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(parquet_bytes(config_table(rows[config], config)))
    manifest = {"dataset_version": corpus.version, "content_sha256": content_hash(corpus),
                "files": file_hashes(folder, tuple(names.values()))}  # fmt: skip
    (folder / "gold_manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def claimbench_command() -> list[str]:
    """The installed console script next to this interpreter, else ``python -m claimbench``."""
    script = Path(sys.executable).parent / "claimbench"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "claimbench"]


# A child's peak resident memory (ru_maxrss) includes that of the process it was forked from: a
# small Python in between runs the command, so the benchmark's own gigabytes stay out of the figure
_MEASURED = (
    "import resource, subprocess, sys, time; start = time.perf_counter(); "
    "code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL); "
    "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)"
)


def process(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one run of ``command``; it must succeed."""
    child = subprocess.run([sys.executable, "-c", _MEASURED, *command], capture_output=True, text=True)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}): {child.stderr.strip()}")
    seconds, max_rss = child.stdout.split()
    return float(seconds), int(max_rss) / 1024


def median_seconds(command: list[str], repeat: int) -> float:
    return statistics.median(process(command)[0] for _ in range(repeat))


def startup(repeat: int, folder: Path) -> list[tuple[str, float]]:
    root = find_clone()
    small = root / "baselines" / "rules" / "predictions.jsonl" if root else None
    if small is None or not small.is_file():
        small = folder / "gold_as_submission.jsonl"
        write_submission(small, predictions_from_corpus(load_gold()))
        label = "claimbench score (the gold as a 5-document submission)"
    else:
        label = "claimbench score (rules baseline, 5 documents)"
    cli = claimbench_command()
    return [
        ('python -c "import numpy"', median_seconds([sys.executable, "-c", "import numpy"], repeat)),
        ("claimbench --help", median_seconds([*cli, "--help"], repeat)),
        (label, median_seconds([*cli, "score", str(small)], repeat)),
    ]


def nervaluate_seconds(corpus: Corpus, lines: list[str]) -> float | None:
    try:
        from nervaluate import Evaluator
    except ImportError:
        return None
    by_doc: dict[str, list[dict[str, Any]]] = {d.doc_id: [] for d in corpus.documents}
    for claim in corpus.claims:
        by_doc[claim.doc_id] += [{"label": e.type, "start": e.start, "end": e.end - 1} for e in claim.entities]
    predicted: dict[str, list[dict[str, Any]]] = {d.doc_id: [] for d in corpus.documents}
    for line in lines:
        record = json.loads(line)
        predicted[record["doc_id"]] += [{"label": e["type"], "start": e["start"], "end": e["end"] - 1}
                                        for e in record.get("entities", [])]  # fmt: skip
    order = sorted(by_doc)
    true = [sorted(by_doc[d], key=lambda e: e["start"]) for d in order]
    pred = [sorted(predicted[d], key=lambda e: e["start"]) for d in order]
    return _timed(lambda: Evaluator(true, pred, tags=["PER", "ORG"], loader="dict").evaluate())[1]


def hand_written(path: Path, documents: dict[str, str]) -> None:
    """Every line through json.loads and the hand-written checks only (the parser's slow path)."""
    state = ParseState(path=str(path), warnings=[])
    for number, line in enumerate(submission_lines(path), start=1):
        if line.strip():
            check_claim(state, number, check_record(state, number, json.loads(line)), documents)


def scale(documents: int, claims: int, seed: int, folder: Path) -> dict[str, float | None]:
    corpus, lines = synthetic(documents, claims, seed)
    gold, path = folder / f"gold{documents}", folder / f"pred{documents}.jsonl"
    write_gold_folder(corpus, gold)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    texts = {d.doc_id: d.text for d in corpus.documents}
    figures: dict[str, float | None] = {"lines": len(lines)}
    figures["json.loads of the file"] = _timed(lambda: [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()])[1]
    (predictions, _), figures["parse + validate (msgspec path)"] = _timed(lambda: parse_submission(str(path), submission_lines(path), texts))
    figures["parse + validate (json + hand-written)"] = _timed(lambda: hand_written(path, texts))[1]
    loaded, figures["load gold (checked by file hash)"] = _timed(lambda: load_gold(gold))
    # as `claimbench score` scores: outcomes kept without names (it writes no explain page)
    grouped = group_predictions(predictions)
    del predictions
    figures["scoring, no bootstrap"] = _timed(partial(score_grouped, loaded, grouped, resamples=0, named=False))[1]
    del grouped, loaded
    whole, memory = process([*claimbench_command(), "score", str(path), "--gold", str(gold), "--json", str(folder / "r.json")])
    figures["whole `claimbench score` (1000 resamples)"] = whole
    figures["peak memory of that process (MB)"] = memory
    figures["nervaluate in process (entities only)"] = nervaluate_seconds(corpus, lines)
    return figures


def _cell(value: float | None, unit: str = "s") -> str:
    if value is None:
        return f"{'n/a':>12}"
    return f"{value:>10.0f}  " if unit == "" else f"{value:>10.2f} {unit}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=5, help="Runs per startup figure (the median is shown).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        starts = startup(args.repeat, folder)
        sizes = (args.documents // 10, args.documents)
        results = [scale(size, args.claims, args.seed, folder) for size in sizes]
    numpy_seconds = starts[0][1]
    print(f"startup (median of {args.repeat} runs)                      seconds   x numpy import")
    for label, seconds in starts:
        print(f"  {label:<55}{seconds:6.2f}   {seconds / numpy_seconds:5.1f}")
    print(f"\nscale: synthetic documents x {args.claims} claims, every part filled; {'':<8}" + "".join(f"{size:>10} docs" for size in sizes))
    print("  (in-process figures with the cyclic garbage collector off, as `claimbench score` runs)")
    for key in results[0]:
        unit = "" if key in ("lines", "peak memory of that process (MB)") else "s"
        print(f"  {key:<66}" + "".join(_cell(result[key], unit) for result in results))
    small, full = results
    theirs, ours = full["nervaluate in process (entities only)"], full["whole `claimbench score` (1000 resamples)"]
    assert isinstance(ours, float)
    print(f"\nat {sizes[1]} documents:")
    if theirs is None:
        print("  nervaluate is not installed (pip install nervaluate): no comparison")
    else:
        print(f"  whole process vs nervaluate in process: {theirs / ours:.2f} x nervaluate's speed (goal >= 1, aim 5)")
    parse = full["parse + validate (msgspec path)"]
    scoring = full["scoring, no bootstrap"]
    assert isinstance(parse, float) and isinstance(scoring, float)
    print(f"  scoring / parse (msgspec path): {scoring / parse:.1f} x (goal <= 5)")
    print(f"  growth {sizes[0]} -> {sizes[1]} documents, whole process: {ours / small['whole `claimbench score` (1000 resamples)']:.1f} x (goal <= 11)")
    print(f"  peak memory: {full['peak memory of that process (MB)']:.0f} MB (goal <= 1024)")


if __name__ == "__main__":
    main()
