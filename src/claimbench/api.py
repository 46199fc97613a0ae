"""The Python API held to the CLI's standard: the same reader, validation and warnings.

    import claimbench
    gold = claimbench.load_gold()
    report = claimbench.score(gold, claimbench.read_submission("pred.jsonl"))
    report = claimbench.score(gold, [{"doc_id": "002", "text": "…"}])    # dicts or PredictedClaims

Both raise ``claimbench.SubmissionError`` (a ValueError, one line naming the file or position and
the field) where ``claimbench validate`` exits 2, and put into ``Report.warnings`` what
``claimbench score`` prints as warnings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from claimbench.dataset.gold import load_gold
from claimbench.dataset.model import Corpus
from claimbench.defaults import DEFAULT_RESAMPLES, DEFAULT_SEED
from claimbench.files import read_submission as read_submission_file
from claimbench.scoring.modes import ScoringConfig
from claimbench.scoring.report import Report
from claimbench.scoring.report import score as score_claims
from claimbench.scoring.submission import (
    ParseState,
    PredictedClaim,
    check_claim,
    check_record,
    iter_submission,
    submission_record,
)

LIBRARY_SOURCE = "predictions"  # how errors name a sequence given in Python: ``predictions:3: field …``


@dataclass(frozen=True)
class Submission:
    """Validated predicted claims and the warnings found while reading them."""

    claims: tuple[PredictedClaim, ...]
    warnings: tuple[str, ...] = ()


def read_submission(source: str | Path | Iterable[str], gold: Corpus | None = None) -> Submission:
    """Read and validate a submission: a JSONL file path, or its lines (e.g. an open text file).

    ``gold`` defaults to the gold shipped with the package. Raises SubmissionError on the first bad line."""
    corpus = gold or load_gold()
    if isinstance(source, (str, Path)):
        claims, warnings = read_submission_file(Path(source), corpus)
    else:
        state = ParseState(path="<lines>", warnings=[])
        claims = list(iter_submission(state, source, {d.doc_id: d.text for d in corpus.documents}))
        warnings = state.warnings
    return Submission(tuple(claims), tuple(warnings))


def validate_predictions(
    predictions: Iterable[PredictedClaim | Mapping[str, object]], gold: Corpus
) -> Submission:
    """Predictions given in Python (PredictedClaims or dicts in the submission format), checked like
    lines of a file: an item is named by its ``line`` if it has one, else by its position ``n`` (from
    1), as line ``n`` of ``predictions``."""
    documents = {d.doc_id: d.text for d in gold.documents}
    state = ParseState(path=LIBRARY_SOURCE, warnings=[])
    claims = []
    for position, item in enumerate(predictions, start=1):
        if isinstance(item, PredictedClaim):
            line, record = item.line or position, submission_record(item)
        else:
            line, record = position, dict(item) if isinstance(item, Mapping) else item
        claim = check_record(state, line, record)
        check_claim(state, line, claim, documents)
        claims.append(claim)
    if state.nfd_lines:
        state.warnings.append(f"{LIBRARY_SOURCE}: {state.nfd_lines} item(s) not in Unicode NFC; compared after NFC normalisation")
    return Submission(tuple(claims), tuple(state.warnings))


def score(
    gold: Corpus,
    predictions: Submission | Sequence[PredictedClaim | Mapping[str, object]],
    config: ScoringConfig | None = None,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> Report:
    """Score predictions against the gold, after the validation of ``claimbench validate``.

    ``predictions`` is a Submission from :func:`read_submission` (its reading warnings are kept) or
    a sequence of PredictedClaims or submission dicts; either way every claim is checked again here
    (doc_id known, offsets inside the document, text equal to the document at its offsets, values
    in the closed lists), so a hand-built claim cannot score what the CLI would refuse."""
    given = predictions if isinstance(predictions, Submission) else Submission(())
    items = given.claims if isinstance(predictions, Submission) else predictions
    checked = validate_predictions(items, gold)
    return score_claims(gold, checked.claims, config, resamples, seed, [*given.warnings, *checked.warnings])
