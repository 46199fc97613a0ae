"""Versions: the package (scorer) and the dataset it ships. A schema change bumps DATASET_VERSION."""

__version__ = "0.3.0"
DATASET_VERSION = "1.2.0"
# Release date of DATASET_VERSION (the card's citation and croissant.json's datePublished); bump with it.
DATASET_DATE = "2026-11-30"
# The project's public home, named in the card and croissant.json; one place to change it.
PROJECT_URL = "https://github.com/OWNER/claimbench"
