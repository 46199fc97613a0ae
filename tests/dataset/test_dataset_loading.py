"""`datasets.load_dataset("benchmark", ...)` as the README shows it: offline, from a clone's root."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, typed_fields
from datasets import load_dataset

from claimbench.bench.speed import synthetic, write_gold_folder
from claimbench.dataset import segment
from claimbench.dataset.gold import DOCUMENT_COLUMNS, PART_CLASSES, dataset_dir, load_gold
from claimbench.dataset.model import Claim, Corpus, Document
from claimbench.dataset.schema import CONFIG_FEATURES
from claimbench.scoring.report import unit_starts


@pytest.fixture()
def fresh_clone_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "benchmark", tmp_path / "benchmark")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))
    return tmp_path


@pytest.mark.parametrize("config", sorted(CONFIG_FEATURES))
def test_load_dataset_gives_the_typed_config(fresh_clone_root: Path, config: str) -> None:
    dataset = load_dataset("benchmark", config, split="test")
    assert dataset.features == CONFIG_FEATURES[config]
    assert len(dataset) > 0
    assert os.getcwd() == str(fresh_clone_root)


def test_claims_rows_keep_types_and_empty_lists(fresh_clone_root: Path) -> None:
    claims = load_dataset("benchmark", "claims", split="test")
    row = claims[0]
    assert isinstance(row["start"], int) and isinstance(row["text"], str)
    assert any(r["quantities"] == [] for r in claims)
    values = [q["value"] for r in claims for q in r["quantities"]]
    assert values and all(isinstance(v, float) for v in values)
    documents = load_dataset("benchmark", "documents", split="test")
    assert documents.features["dct_inferred"].dtype == "bool"
    assert all(isinstance(d, str) for d in documents["dct"])


def test_claims_and_every_part_carry_the_optional_mark(fresh_clone_root: Path) -> None:
    claims = load_dataset("benchmark", "claims", split="test")
    assert claims.features["optional"].dtype == "bool" and claims.features["optional_reason"].dtype == "string"
    for part in ("entities", "quantities", "dates", "attributions"):
        inner = claims.features[part].feature
        assert inner["optional"].dtype == "bool" and inner["optional_reason"].dtype == "string"
    for row in claims:
        assert isinstance(row["optional"], bool) and (row["optional_reason"] is not None) == row["optional"]
        for part in ("entities", "quantities", "dates", "attributions"):
            for item in row[part]:
                assert isinstance(item["optional"], bool) and (item["optional_reason"] is not None) == item["optional"]
                assert item["optional"] or not row["optional"]


def test_documents_ship_the_scorers_segmentation(fresh_clone_root: Path) -> None:
    documents = load_dataset("benchmark", "documents", split="test")
    assert documents.features["sentences"] == documents.features["paragraphs"]
    for row in documents:
        text = row["text"]
        assert [(unit["start"], unit["end"]) for unit in row["sentences"]] == segment.sentences(text)
        assert [(unit["start"], unit["end"]) for unit in row["paragraphs"]] == segment.paragraphs(text)
        # the scorer's sentence units are exactly these: each starts where a shipped sentence starts
        starts = [unit["start"] for unit in row["sentences"]]
        assert unit_starts(text, "sentence") == [0, *starts[1:]]
        assert all(0 <= unit["start"] < unit["end"] <= len(text) for unit in row["sentences"])


def _row_by_row(folder: Path) -> Corpus:
    """The gold as load_gold built it before: a dict per row and part (``to_pylist``), keyword arguments."""
    import pyarrow.parquet as pq

    documents = pq.ParquetFile(folder / "documents" / "test.parquet").read(columns=DOCUMENT_COLUMNS).to_pylist()
    claims = []
    for row in pq.ParquetFile(folder / "claims" / "test.parquet").read().to_pylist():
        parts = {name: tuple(PART_CLASSES[name](**item) for item in row.pop(name)) for name in PART_CLASSES}
        claims.append(Claim(**row, **parts))
    return Corpus(tuple(Document(**row) for row in documents), tuple(claims))


@pytest.mark.parametrize("source", ["packaged", "synthetic"])
def test_column_wise_gold_equals_row_by_row(source: str, tmp_path: Path) -> None:
    """load_gold builds objects a column at a time with equal values shared: the same corpus, field
    for field and type for type, as a dict per row gives (several record batches in the synthetic case)."""
    folder = dataset_dir()
    if source == "synthetic":
        folder = tmp_path / "gold"
        write_gold_folder(synthetic(80, 30, seed=5)[0], folder)  # 2,400 claims: two batches
    loaded, reference = load_gold(folder), _row_by_row(folder)
    assert loaded.documents == reference.documents
    assert loaded.claims == reference.claims
    assert [typed_fields(c) for c in loaded.claims] == [typed_fields(c) for c in reference.claims]
