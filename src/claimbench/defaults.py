"""Scoring defaults, kept free of heavy imports so ``claimbench --help`` can show them instantly."""

DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 12345
DEFAULT_TEXT_THRESHOLD = 0.5
DEFAULT_IOU_THRESHOLD = 0.5
DEFAULT_TRIALS = 10_000
UNITS = ("sentence", "paragraph", "document")  # resampling units of intervals and paired tests
DEFAULT_UNIT = "sentence"
OPTIONAL_HANDLING = ("optional", "required")  # optional gold items: count neither way, or score as required
CLAIM_MODES = ("full", "strict", "iou", "proportional", "overlap", "text", "cluster")  # full: the headline
