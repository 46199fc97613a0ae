"""Scoring defaults, kept free of heavy imports so ``claimbench --help`` can show them instantly."""

DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 12345
DEFAULT_TEXT_THRESHOLD = 0.5
