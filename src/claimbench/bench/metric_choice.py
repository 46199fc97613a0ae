"""Evidence for the headline claim metric: every candidate claim mode scored on reference systems.

``python -m claimbench.bench.metric_choice [--root .]`` prints a Markdown table (README, "Choosing the
headline metric"). Systems: the gold itself; the gold claims widened to the sentences holding them;
every sentence; every sentence with a number or a name; and the stored baselines and floors. A
headline mode must rank the sentence dump clearly below the systems that locate claims.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import replace
from pathlib import Path

from claimbench.dataset.gold import load_gold
from claimbench.dataset.model import Corpus
from claimbench.dataset.segment import sentences
from claimbench.extractors.baseline_runs import OFFLINE_BASELINES, BaselineFolder
from claimbench.files import read_submission
from claimbench.scoring.modes import PART_MODES
from claimbench.scoring.report import score
from claimbench.scoring.submission import PredictedClaim, predictions_from_corpus

# a digit, or a capitalised word that does not start its sentence (German nouns are capitalised
# too, so this over-selects: a deliberately simple rule)
_NUMBER_OR_NAME = re.compile(r"\d|(?<=[a-zäöüß,] )(?:[A-ZÄÖÜ][a-zäöüß]+ ){0,1}(?:[A-ZÄÖÜ]{2,}|Putin|Kim|Russland|Nordkorea|Moskau|Pjöngjang|Ukraine|Kursk)")


def _claim(doc_id: str, text: str, start: int, end: int) -> PredictedClaim:
    return PredictedClaim(doc_id=doc_id, text=text[start:end], start=start, end=end)


def reference_systems(corpus: Corpus) -> dict[str, list[PredictedClaim]]:
    """Oracle and trivial systems built from the gold and the scorer's sentence splitter."""
    texts = {d.doc_id: d.text for d in corpus.documents}
    gold = predictions_from_corpus(corpus)
    systems: dict[str, list[PredictedClaim]] = {"gold itself (with parts)": gold, "gold widened to sentences (with parts)": [],
                                                 "every sentence": [], "every sentence with a number or a name": []}  # fmt: skip
    for claim in gold:
        assert claim.start is not None and claim.end is not None
        spans = [s for s in sentences(texts[claim.doc_id]) if s[0] < claim.end and claim.start < s[1]]
        start, end = spans[0][0], spans[-1][1]
        widened = replace(claim, text=texts[claim.doc_id][start:end], start=start, end=end)
        systems["gold widened to sentences (with parts)"].append(widened)
    for doc_id, text in texts.items():
        for start, end in sentences(text):
            systems["every sentence"].append(_claim(doc_id, text, start, end))
            if _NUMBER_OR_NAME.search(text[start:end]):
                systems["every sentence with a number or a name"].append(_claim(doc_id, text, start, end))
    return systems


def candidate_table(root: Path) -> str:
    corpus = load_gold()
    systems = reference_systems(corpus)
    for name in OFFLINE_BASELINES:
        path = BaselineFolder(root, name).predictions
        if path.is_file():
            systems[f"{name} (stored)"] = read_submission(path, corpus)[0]
    modes = PART_MODES["claims"]
    lines = ["| system | " + " | ".join(modes) + " |", "|---|" + "---:|" * len(modes)]
    for name, predictions in systems.items():
        scores = score(corpus, predictions, resamples=0).to_dict()["scores"]["claims"]
        lines.append(f"| {name} | " + " | ".join(f"{scores[mode]['f1']:.3f}" for mode in modes) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."), help="project root holding baselines/")
    print(candidate_table(parser.parse_args().root))


if __name__ == "__main__":
    main()
