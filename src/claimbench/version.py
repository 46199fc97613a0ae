"""Versions: the package (scorer) and the dataset it ships. A schema change bumps DATASET_VERSION."""

__version__ = "0.1.0"
DATASET_VERSION = "1.2.0"
