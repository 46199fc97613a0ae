"""Load the gold data: from a dataset folder (benchmark/) or from the copy shipped in the package."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from claimbench.model import Attribution, Claim, Corpus, DateExpression, Document, Entity, Quantity

PACKAGED_GOLD_DIR = Path(__file__).parent / "data" / "gold"


class GoldError(ValueError):
    """Gold data that cannot be read, as one line naming the path."""


def _plain(value: Any) -> Any:
    """Dataclasses as dicts, tuples as lists (a fast, copy-free ``asdict``)."""
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(item) for name, item in vars(value).items()}
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def corpus_fingerprint(corpus: Corpus) -> str:
    """sha256 of the gold content (documents and claims as sorted JSON), independent of file bytes."""
    payload = json.dumps(
        {"documents": [_plain(d) for d in corpus.documents], "claims": [_plain(c) for c in corpus.claims]},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _claim(row: dict[str, Any]) -> Claim:
    return Claim(
        claim_id=row["claim_id"],
        doc_id=row["doc_id"],
        start=row["start"],
        end=row["end"],
        text=row["text"],
        normalized=row["normalized"],
        modality=row["modality"],
        polarity=row["polarity"],
        cluster_id=row["cluster_id"],
        entities=tuple(Entity(**entity) for entity in row["entities"]),
        quantities=tuple(Quantity(**quantity) for quantity in row["quantities"]),
        dates=tuple(DateExpression(**date) for date in row["dates"]),
        attributions=tuple(Attribution(**attribution) for attribution in row["attributions"]),
        optional=row["optional"],
        optional_reason=row["optional_reason"],
    )


def load_gold(folder: Path | None = None) -> Corpus:
    """The gold corpus of a dataset folder (default: the copy shipped with this package)."""
    folder = folder or PACKAGED_GOLD_DIR
    try:
        manifest = json.loads((folder / "gold_manifest.json").read_text(encoding="utf-8"))
        documents = pq.read_table(folder / "documents" / "test.parquet").to_pylist()
        claims = pq.read_table(folder / "claims" / "test.parquet").to_pylist()
    except (OSError, ValueError, KeyError) as error:
        raise GoldError(f"{folder}: not a claimbench dataset folder ({error})") from None
    corpus = Corpus(
        documents=tuple(Document(**row) for row in documents),
        claims=tuple(_claim(row) for row in claims),
        version=manifest["dataset_version"],
    )
    if corpus_fingerprint(corpus) != manifest["content_sha256"]:
        raise GoldError(f"{folder}: content does not match gold_manifest.json (edited by hand?)")
    return corpus
