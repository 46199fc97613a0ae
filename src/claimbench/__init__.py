"""claimbench: a claim extraction benchmark for German news.

Library use: ``claimbench.score(claimbench.load_gold(), predictions) -> Report``.
"""

from claimbench.gold import load_gold
from claimbench.scorer import Report, compare, score
from claimbench.version import DATASET_VERSION, __version__

__all__ = ["DATASET_VERSION", "Report", "__version__", "compare", "load_gold", "score"]
