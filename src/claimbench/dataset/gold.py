"""Load the gold data: from a dataset folder (benchmark/) or from the copy shipped in the package.

A folder's ``gold_manifest.json`` records the dataset version, the sha256 of each Parquet file and
the content hash of documents and claims. Loading checks the files against their recorded hashes
(fast: bytes, not objects); a corpus loaded that way carries the manifest's content hash, so the
scorer's signature never re-serialises the gold. A manifest without file hashes (older builds)
falls back to recomputing the content hash from the objects.
"""

from __future__ import annotations

import hashlib
import json
import weakref
from dataclasses import fields
from pathlib import Path
from typing import Any

from claimbench.dataset.model import Attribution, Claim, Corpus, DateExpression, Document, Entity, Quantity, field_values

PACKAGED_GOLD_DIR = Path(__file__).parent.parent / "data" / "gold"
GOLD_FILES = ("documents/test.parquet", "claims/test.parquet")  # what load_gold reads
# the documents config also ships the scorer's segmentation, which the scorer derives from the text
DOCUMENT_COLUMNS = [field.name for field in fields(Document)]
ROWS_PER_BATCH = 2048

# id(corpus) -> (the corpus, its content hash from a manifest whose file hashes were verified)
_VERIFIED: dict[int, tuple[weakref.ref[Corpus], str]] = {}


def dataset_dir() -> Path:
    """The Hugging Face dataset folder shipped with the package (data files, card, guideline):
    ``datasets.load_dataset(str(claimbench.dataset_dir()), "claims", split="test")``."""
    return PACKAGED_GOLD_DIR


class GoldError(ValueError):
    """Gold data that cannot be read, as one line naming the path."""


def _plain(value: Any) -> Any:
    """Dataclasses as dicts, tuples as lists (a fast, copy-free ``asdict``)."""
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(item) for name, item in field_values(value).items()}
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def corpus_fingerprint(corpus: Corpus) -> str:
    """sha256 of the gold content (documents and claims as sorted JSON), independent of file bytes."""
    verified = _VERIFIED.get(id(corpus))
    if verified is not None and verified[0]() is corpus:
        return verified[1]
    return content_hash(corpus)


def content_hash(corpus: Corpus) -> str:
    """The content hash computed from the objects (what ``build`` writes into the manifest)."""
    payload = json.dumps(
        {"documents": [_plain(d) for d in corpus.documents], "claims": [_plain(c) for c in corpus.claims]},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


PART_CLASSES = {"entities": Entity, "quantities": Quantity, "dates": DateExpression, "attributions": Attribution}
# claim columns unique to a claim (not worth sharing equal values of); the parts are listed apart
UNSHARED_CLAIM_COLUMNS = {"claim_id", "text", "normalized", *PART_CLASSES}


def _shared(values: list[Any], pool: dict[Any, Any]) -> list[Any]:
    """``values`` with equal strings or ints as one object each (a type, a unit, a doc_id or an
    offset recurs across thousands of claims; one Python object apiece was most of a large gold)."""
    return [pool.setdefault(value, value) for value in values]


def _parts(column: Any, part_class: type, pools: dict[str, dict[Any, Any]]) -> list[tuple[Any, ...]]:
    """Per row of a ``list<struct>`` column, the tuple of its part objects (built a column at a
    time: no dict per row or part)."""
    if column.null_count:
        raise TypeError(f"{part_class.__name__} list is null")
    items = column.flatten()  # the structs of every row, in row order
    children = {items.type.field(index).name: child for index, child in enumerate(items.flatten())}
    names = [field.name for field in fields(part_class)]
    unknown = sorted(set(children) - set(names))
    if unknown:
        raise TypeError(f"{part_class.__name__} has no field {unknown[0]!r}")
    columns = []
    for field_ in fields(part_class):
        if field_.name not in children:  # an older build without the column: the field's default
            columns.append([field_.default] * len(items))
            continue
        child = children[field_.name]
        values = child.to_pylist()
        pool = pools.get(str(child.type))
        columns.append(values if pool is None else _shared(values, pool))
    objects = [part_class(*row) for row in zip(*columns)]
    offsets = column.offsets.to_pylist()
    return [tuple(objects[start - offsets[0] : end - offsets[0]]) for start, end in zip(offsets, offsets[1:])]


def _claims(batch: Any, pools: dict[str, dict[Any, Any]]) -> list[Claim]:
    """The claims of one record batch, built a column at a time."""
    columns = []
    for field_ in fields(Claim):
        column = batch.column(field_.name)
        if field_.name in PART_CLASSES:
            columns.append(_parts(column, PART_CLASSES[field_.name], pools))
        elif field_.name in UNSHARED_CLAIM_COLUMNS or str(column.type) not in pools:
            columns.append(column.to_pylist())
        else:
            columns.append(_shared(column.to_pylist(), pools[str(column.type)]))
    return [Claim(*row) for row in zip(*columns)]


def file_hashes(folder: Path, names: tuple[str, ...]) -> dict[str, str]:
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in names}


def _remember(corpus: Corpus, fingerprint: str) -> None:
    key = id(corpus)
    _VERIFIED[key] = (weakref.ref(corpus), fingerprint)
    weakref.finalize(corpus, _VERIFIED.pop, key, None)


def load_gold(folder: Path | None = None) -> Corpus:
    """The gold corpus of a dataset folder (default: the copy shipped with this package)."""
    import pyarrow as pa
    import pyarrow.parquet as pq  # here, not at import: `claimbench --help` needs no pyarrow

    folder = folder or PACKAGED_GOLD_DIR
    try:
        manifest = json.loads((folder / "gold_manifest.json").read_text(encoding="utf-8"))
        recorded = manifest.get("files")
        if recorded is not None:
            for name, digest in file_hashes(folder, GOLD_FILES).items():
                if recorded.get(name) != digest:
                    raise GoldError(f"{folder / name}: sha256 differs from gold_manifest.json (edited by hand?)")
        # ParquetFile, unlike read_table, does not import pandas; batches keep only a slice of the
        # rows as Python lists at a time (a large gold would otherwise double its memory); one
        # thread: reader threads kept tens of MB of their own allocator arenas to the end of the process
        table = pq.ParquetFile(folder / "documents" / "test.parquet").read(columns=DOCUMENT_COLUMNS, use_threads=False)
        documents = [Document(*row) for row in zip(*(table.column(name).to_pylist() for name in DOCUMENT_COLUMNS))]
        del table
        batches = pq.ParquetFile(folder / "claims" / "test.parquet").iter_batches(batch_size=ROWS_PER_BATCH, use_threads=False)
        pools: dict[str, dict[Any, Any]] = {"string": {}, "int32": {}, "int64": {}}  # one per Python type of the values
        corpus = Corpus(
            documents=tuple(documents),
            claims=tuple(claim for batch in batches for claim in _claims(batch, pools)),
            version=manifest["dataset_version"],
        )
        pa.default_memory_pool().release_unused()  # the Parquet buffers: back to the system, not kept for reuse
    except GoldError:
        raise
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise GoldError(f"{folder}: not a claimbench dataset folder ({error})") from None
    if recorded is not None:
        _remember(corpus, manifest["content_sha256"])
    elif content_hash(corpus) != manifest["content_sha256"]:
        raise GoldError(f"{folder}: content does not match gold_manifest.json (edited by hand?)")
    return corpus
