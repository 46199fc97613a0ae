"""The dataset card (benchmark/README.md), its licence files and croissant.json, as built."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path
from typing import Any

import mlcroissant as mlc
import pyarrow.parquet as pq
import pytest
import yaml
from conftest import ROOT

from claimbench.dataset.card import ANNOTATION_LICENSE_URL, TEXT_LICENSE, citation
from claimbench.dataset.gold import load_gold
from claimbench.version import DATASET_DATE, DATASET_VERSION, PROJECT_URL

BENCHMARK = ROOT / "benchmark"
CARD = (BENCHMARK / "README.md").read_text(encoding="utf-8")
REQUIRED_YAML_KEYS = (
    "annotations_creators",
    "language_creators",
    "language",
    "multilinguality",
    "source_datasets",
    "license",
    "license_link",
    "task_categories",
    "task_ids",
    "configs",
    "dataset_info",
)
REQUIRED_SECTIONS = (
    "Supported Tasks and Leaderboards",
    "Data Fields",
    "Clusters",
    "Optional items and how they are scored",
    "Data Collection and Source Producers",
    "Who are the annotators?",
    "Agreement",
    "Discussion of Biases",
    "Dataset Curators",
    "Contact",
    "Licensing Information",
    "Citation Information",
)


def _front_matter() -> dict[str, Any]:
    match = re.match(r"---\n(.*?)\n---\n", CARD, re.DOTALL)
    assert match, "the card has no YAML front matter"
    return yaml.safe_load(match.group(1))


def _section(title: str) -> str:
    """The text under a heading, up to the next heading of the same or a higher level."""
    heading = re.search(rf"^(#+) {re.escape(title)}$", CARD, re.MULTILINE)
    assert heading, f"no section {title!r}"
    body = CARD[heading.end() :]
    end = re.search(rf"^#{{1,{len(heading.group(1))}}} ", body, re.MULTILINE)
    return body[: end.start()] if end else body


def _croissant() -> dict[str, Any]:
    return json.loads((BENCHMARK / "croissant.json").read_text(encoding="utf-8"))


def test_card_yaml_has_the_required_keys() -> None:
    header = _front_matter()
    missing = [key for key in REQUIRED_YAML_KEYS if key not in header]
    assert not missing
    assert header["annotations_creators"] == ["machine-generated"]  # language-model annotators, see the card
    assert header["multilinguality"] == ["monolingual"] and header["source_datasets"] == ["original"]
    assert (BENCHMARK / header["license_link"]).is_file()


def test_card_splits_give_the_real_row_counts_and_sizes() -> None:
    for info in _front_matter()["dataset_info"]:
        config = info["config_name"]
        (split,) = info["splits"]
        table = pq.read_table(BENCHMARK / config / "test.parquet")
        assert split["name"] == "test"
        assert split["num_examples"] == table.num_rows > 0
        assert info["dataset_size"] == split["num_bytes"] > 0
        assert info["download_size"] == (BENCHMARK / config / "test.parquet").stat().st_size


@pytest.mark.parametrize("title", REQUIRED_SECTIONS)
def test_card_has_the_section(title: str) -> None:
    assert _section(title).strip()


def test_card_says_who_made_the_annotations() -> None:
    assert "language-model" in _section("Who are the annotators?").lower()
    assert "language-model" in _section("Agreement").lower()
    assert "../leaderboard.md" in _section("Supported Tasks and Leaderboards")
    assert "claims/full F1" in _section("Supported Tasks and Leaderboards")
    assert "--optional required" in _section("Optional items and how they are scored")


def test_card_counts_state_media_claims_from_the_gold() -> None:
    gold = load_gold(BENCHMARK)
    kcna = sum(1 for claim in gold.claims if any(a.source_canonical == "KCNA" for a in claim.attributions)
               or any(e.canonical == "KCNA" for e in claim.entities))  # fmt: skip
    assert kcna > 0 and f"{kcna} claims are attributed to or name North Korea's state news" in " ".join(
        _section("Discussion of Biases").split()
    )


def test_a_claim_id_cluster_holds_only_that_claim_as_the_card_says() -> None:
    gold = load_gold(BENCHMARK)
    claim_ids = {claim.claim_id for claim in gold.claims}
    for claim in gold.claims:
        if claim.cluster_id in claim_ids:
            assert claim.cluster_id == claim.claim_id
    assert "two styles" in _section("Clusters")


def test_citation_carries_the_version() -> None:
    assert citation(DATASET_VERSION) in _section("Citation Information")
    assert f"version = {{{DATASET_VERSION}}}" in citation(DATASET_VERSION)


def test_licences_of_card_croissant_and_license_file_agree() -> None:
    header = _front_matter()
    licence_file = (BENCHMARK / "LICENSE").read_text(encoding="utf-8")
    assert (ROOT / "annotations" / "LICENSE").read_bytes() == (BENCHMARK / "LICENSE").read_bytes()
    assert "CC BY 4.0" in licence_file and "NOT covered by this licence: the article texts" in licence_file
    # the card never puts the whole dataset under CC BY: the texts stay the publishers'
    assert header["license"] == "other" and "CC BY 4.0" in header["license_details"]
    assert TEXT_LICENSE in header["license_details"]
    croissant_licences = _croissant()["license"]
    assert isinstance(croissant_licences, list) and len(croissant_licences) == 2
    annotations, texts = croissant_licences
    assert annotations["url"] == ANNOTATION_LICENSE_URL and "Annotations" in annotations["name"]
    assert texts["name"] == TEXT_LICENSE and texts["url"] == header["license_link"]
    assert ANNOTATION_LICENSE_URL in _section("Licensing Information")


def test_croissant_carries_the_card_metadata() -> None:
    croissant = _croissant()
    assert croissant["version"] == DATASET_VERSION and f"Dataset version **{DATASET_VERSION}**" in CARD
    assert croissant["url"] == PROJECT_URL
    assert croissant["creator"]["name"] == "claimbench developers"
    assert croissant["datePublished"] == DATASET_DATE
    assert croissant["citeAs"] == citation(DATASET_VERSION)


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Validation must work offline: any connection attempt fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access during validation: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _validated(path: Path) -> mlc.Dataset:
    dataset = mlc.Dataset(jsonld=path)  # raises ValidationError on errors
    assert dataset.metadata.issues.errors == set() and dataset.metadata.issues.warnings == set()
    return dataset


def test_croissant_validates_offline_and_its_records_equal_the_parquet(no_network: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BENCHMARK)  # contentUrl is relative to the dataset folder
    dataset = _validated(BENCHMARK / "croissant.json")
    records = list(dataset.records("documents"))
    rows = pq.read_table(BENCHMARK / "documents" / "test.parquet").to_pylist()
    assert [record["documents/doc_id"].decode() for record in records] == [row["doc_id"] for row in rows]
    for record, row in zip(records, rows):
        shipped = [(unit["documents/sentences/start"], unit["documents/sentences/end"]) for unit in record["documents/sentences"]]
        assert shipped == [(unit["start"], unit["end"]) for unit in row["sentences"]]
    claims = list(dataset.records("claims"))
    assert len(claims) == pq.read_metadata(BENCHMARK / "claims" / "test.parquet").num_rows


def test_croissant_validation_catches_a_broken_file(tmp_path: Path) -> None:
    broken = _croissant()
    broken["recordSet"][0]["field"][0]["source"]["fileObject"]["@id"] = "no-such-file"
    path = tmp_path / "croissant.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(mlc.ValidationError):
        _validated(path)


def test_the_changelog_nests_under_its_section() -> None:
    after = CARD[CARD.index("### Version and Changelog") :]
    assert "#### Scorer" in after and "#### 1.2.0" in after
    assert not re.search(r"^#{1,3} ", after.split("\n", 1)[1], flags=re.MULTILINE)
