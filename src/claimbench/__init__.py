"""claimbench: a claim extraction benchmark for German news.

Library use::

    import claimbench
    report = claimbench.score(claimbench.load_gold(), claimbench.read_submission("pred.jsonl"))
    report.to_dict()  # the JSON report of `claimbench score --json`

Names are imported on first use, so ``import claimbench`` (and the CLI's ``--help``) stay fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from claimbench.version import DATASET_VERSION, __version__

if TYPE_CHECKING:
    from claimbench.api import Submission, read_submission, score
    from claimbench.dataset.gold import dataset_dir, load_gold
    from claimbench.scoring.report import Report, compare
    from claimbench.scoring.submission import PredictedClaim, SubmissionError

_LAZY = {
    "PredictedClaim": "claimbench.scoring.submission",
    "Report": "claimbench.scoring.report",
    "Submission": "claimbench.api",
    "SubmissionError": "claimbench.scoring.submission",
    "compare": "claimbench.scoring.report",
    "dataset_dir": "claimbench.dataset.gold",
    "load_gold": "claimbench.dataset.gold",
    "read_submission": "claimbench.api",
    "score": "claimbench.api",
}

__all__ = ["DATASET_VERSION", "__version__", *sorted(_LAZY)]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'claimbench' has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value
