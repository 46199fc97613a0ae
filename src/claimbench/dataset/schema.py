"""The published schema: Hugging Face ``Features`` of each config, and the rows that fill them.

This is a contract (see CHANGELOG.md): the scorer, the baselines and outside users rely on
these names and types.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict
from typing import Any

from datasets import Features, List, Value

from claimbench.dataset.model import Claim, Corpus, Document
from claimbench.dataset.segment import paragraphs, sentences

# The scorer's fixed segmentation (claimbench.dataset.segment), shipped so that anyone can see and reuse the
# resampling units: half-open character offsets into ``text``.
SEGMENT_FEATURES = List({"start": Value("int32"), "end": Value("int32")})

DOCUMENT_FEATURES = Features(
    {
        "doc_id": Value("string"),
        "seed_file": Value("string"),
        "title": Value("string"),
        "outlet": Value("string"),
        "published": Value("string"),
        "dct": Value("string"),
        "dct_inferred": Value("bool"),
        "language": Value("string"),
        "text": Value("string"),
        "sha256": Value("string"),
        "paragraphs": SEGMENT_FEATURES,
        "sentences": SEGMENT_FEATURES,
    }
)

# GUIDELINES.md §13: an item the guideline allows both ways; the reason names the rule ("§13.1: …").
OPTIONAL_FEATURES = {"optional": Value("bool"), "optional_reason": Value("string")}

ENTITY_FEATURES = {
    "text": Value("string"),
    "start": Value("int32"),
    "end": Value("int32"),
    "type": Value("string"),
    "canonical": Value("string"),
    **OPTIONAL_FEATURES,
}
QUANTITY_FEATURES = {
    "text": Value("string"),
    "start": Value("int32"),
    "end": Value("int32"),
    "value": Value("float64"),
    "value_max": Value("float64"),
    "unit": Value("string"),
    "qualifier": Value("string"),
    "measured": Value("string"),
    **OPTIONAL_FEATURES,
}
DATE_FEATURES = {
    "text": Value("string"),
    "start": Value("int32"),
    "end": Value("int32"),
    "value": Value("string"),
    "type": Value("string"),
    "mod": Value("string"),
    **OPTIONAL_FEATURES,
}
ATTRIBUTION_FEATURES = {
    "source_text": Value("string"),
    "source_start": Value("int32"),
    "source_end": Value("int32"),
    "source_canonical": Value("string"),
    "cue_text": Value("string"),
    "cue_start": Value("int32"),
    "cue_end": Value("int32"),
    "depth": Value("int32"),
    **OPTIONAL_FEATURES,
}

CLAIM_FEATURES = Features(
    {
        "claim_id": Value("string"),
        "doc_id": Value("string"),
        "start": Value("int32"),
        "end": Value("int32"),
        "text": Value("string"),
        "normalized": Value("string"),
        "modality": Value("string"),
        "polarity": Value("string"),
        "cluster_id": Value("string"),
        "entities": List(ENTITY_FEATURES),
        "quantities": List(QUANTITY_FEATURES),
        "dates": List(DATE_FEATURES),
        "attributions": List(ATTRIBUTION_FEATURES),
        **OPTIONAL_FEATURES,
    }
)

CLUSTER_FEATURES = Features(
    {
        "cluster_id": Value("string"),
        "size": Value("int32"),
        "claim_ids": List(Value("string")),
        "doc_ids": List(Value("string")),
        "normalized": List(Value("string")),
    }
)

CONFIG_FEATURES = {"documents": DOCUMENT_FEATURES, "claims": CLAIM_FEATURES, "clusters": CLUSTER_FEATURES}


def document_row(document: Document) -> dict[str, Any]:
    """A document with the scorer's paragraphs and sentences (derived from its text, not stored in the model)."""
    return {
        **asdict(document),
        "paragraphs": [{"start": start, "end": end} for start, end in paragraphs(document.text)],
        "sentences": [{"start": start, "end": end} for start, end in sentences(document.text)],
    }


def claim_row(claim: Claim) -> dict[str, Any]:
    row = asdict(claim)
    for part in ("entities", "quantities", "dates", "attributions"):
        row[part] = list(row[part])
    return row


def cluster_rows(claims: tuple[Claim, ...]) -> list[dict[str, Any]]:
    members: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        members[claim.cluster_id].append(claim)
    rows = []
    for cluster_id in sorted(members):
        group = sorted(members[cluster_id], key=lambda claim: claim.claim_id)
        rows.append(
            {
                "cluster_id": cluster_id,
                "size": len(group),
                "claim_ids": [claim.claim_id for claim in group],
                "doc_ids": sorted({claim.doc_id for claim in group}),
                "normalized": [claim.normalized for claim in group],
            }
        )
    return rows


def config_rows(corpus: Corpus) -> dict[str, list[dict[str, Any]]]:
    """Rows of every config, sorted by their id."""
    return {
        "documents": [document_row(document) for document in corpus.documents],
        "claims": [claim_row(claim) for claim in corpus.claims],
        "clusters": cluster_rows(corpus.claims),
    }
