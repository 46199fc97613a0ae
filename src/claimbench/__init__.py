"""claimbench: a claim extraction benchmark for German news."""

from claimbench.version import DATASET_VERSION, __version__

__all__ = ["DATASET_VERSION", "__version__"]
