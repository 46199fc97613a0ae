"""Throughput of the baseline extractors and the time of the quick start; prints figures
(run, don't test: timings vary).

    python -m claimbench.bench.throughput [--documents 2000] [--quickstart]

The five gold documents are repeated to ``--documents`` documents. ``rules`` and ``llm`` (cache
replay) extract them; ``spacy`` is timed twice: the leave-one-article-out run over the gold (five
stored fold pipelines loaded, see ``claimbench train spacy``) and extraction by one of them. ``--quickstart`` times the
README's main command in a fresh clone and virtual environment (needs the package index).

Run from a clone, everything is measured. Installed without a clone, ``llm`` (its replay cache)
and ``--quickstart`` (it clones the repository) are skipped with a line saying so.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from claimbench.clone import find_clone
from claimbench.dataset.gold import load_gold
from claimbench.dataset.model import Corpus
from claimbench.extractors import Extractor, ExtractorInput
from claimbench.extractors.baseline_runs import LLM_BASELINES, OFFLINE_BASELINES, offline_extractor
from claimbench.extractors.runner import held_out, run

QUICKSTART = "python3 -m venv .venv && .venv/bin/pip install -q -c constraints.txt . && .venv/bin/claimbench baselines"


def repeated(corpus: Corpus, documents: int) -> list[ExtractorInput]:
    originals = [ExtractorInput.of(d) for d in corpus.documents]
    return [originals[i % len(originals)] for i in range(documents)]


def documents_per_second(extractor: Extractor, inputs: list[ExtractorInput]) -> tuple[float, int]:
    start = time.perf_counter()
    claims = sum(len(extractor.extract(document)) for document in inputs)
    return len(inputs) / (time.perf_counter() - start), claims


def quickstart_seconds(root: Path) -> float:
    with tempfile.TemporaryDirectory() as folder:
        clone = Path(folder) / "claimbench"
        subprocess.run(["git", "clone", "-q", str(root), str(clone)], check=True)
        start = time.perf_counter()
        subprocess.run(QUICKSTART, shell=True, cwd=clone, check=True, stdout=subprocess.DEVNULL)  # noqa: S602 - the README's command
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--quickstart", action="store_true", help="Also time the README's main command in a fresh clone.")
    args = parser.parse_args()
    root = find_clone()
    if args.quickstart and root is None:
        sys.exit("--quickstart times the README's command in a fresh clone of the repository: run it from a clone's root")
    corpus = load_gold()
    inputs = repeated(corpus, args.documents)
    characters = sum(len(document.text) for document in inputs)
    print(f"{args.documents} documents ({characters / args.documents:.0f} characters on average), the 5 seeds repeated")
    for name in OFFLINE_BASELINES:
        if name == "llm" and root is None:
            print("llm    skipped: its replay cache (baselines/llm/cache) is in a clone; run from the clone's root")
            continue
        extractor = offline_extractor(name, root or Path.cwd())
        if extractor.trains_on_gold:
            start = time.perf_counter()
            run(extractor, corpus)
            print(f"{name:<6} leave-one-article-out over the gold (5 held-out runs): {time.perf_counter() - start:.1f} s")
            if name in LLM_BASELINES:
                continue  # a few-shot cache holds the leave-one-article-out prompts only: nothing to repeat
            extractor.fit(held_out(corpus, corpus.documents[0].doc_id))  # one stored fold predicts every repeat
        rate, claims = documents_per_second(extractor, inputs)
        print(f"{name:<6} {rate:10.1f} documents/s  ({claims} claims predicted)")
    if args.quickstart and root is not None:
        print(f"quick start (`{QUICKSTART}`) in a fresh clone: {quickstart_seconds(root):.0f} s")


if __name__ == "__main__":
    main()
