from __future__ import annotations

import pytest
from conftest import ROOT

from claimbench.dataset.build import BuildError, ProjectPaths, build, load_corpus, render_outputs, stale_files
from claimbench.dataset.gold import load_gold
from claimbench.dataset.model import ENTITY_TYPES, MODALITIES, POLARITIES, QUALIFIERS, UNITS
from claimbench.dataset.timex import TIMEX3_MODS, TIMEX3_TYPES, timex3_error


def test_committed_benchmark_and_packaged_gold_are_current() -> None:
    assert stale_files(ProjectPaths(ROOT)) == []


def test_rebuilding_gives_byte_identical_files(project_copy: ProjectPaths) -> None:
    build(project_copy)
    first = {p.relative_to(project_copy.root): p.read_bytes() for p in project_copy.root.rglob("*") if p.is_file()}
    build(project_copy)
    second = {p.relative_to(project_copy.root): p.read_bytes() for p in project_copy.root.rglob("*") if p.is_file()}
    assert first == second
    assert render_outputs(project_copy, load_corpus(project_copy)) == render_outputs(project_copy, load_corpus(project_copy))


def test_stale_detection_names_the_changed_file(project_copy: ProjectPaths) -> None:
    card = project_copy.benchmark / "README.md"
    card.write_text(card.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    (project_copy.benchmark / "extra.txt").write_text("x", encoding="utf-8")
    assert stale_files(project_copy) == ["benchmark/README.md", "benchmark/extra.txt"]


def test_every_span_text_equals_the_document_text() -> None:
    corpus = load_gold(ROOT / "benchmark")
    texts = {d.doc_id: d.text for d in corpus.documents}
    checked = 0
    for claim in corpus.claims:
        text = texts[claim.doc_id]
        assert text[claim.start : claim.end] == claim.text
        for part in (*claim.entities, *claim.quantities, *claim.dates):
            assert text[part.start : part.end] == part.text
            assert claim.start <= part.start < part.end <= claim.end
            checked += 1
        for attribution in claim.attributions:
            assert text[attribution.source_start : attribution.source_end] == attribution.source_text
            assert text[attribution.cue_start : attribution.cue_end] == attribution.cue_text
            checked += 2
    assert checked > len(corpus.claims)


def test_enum_values_of_the_built_data() -> None:
    corpus = load_gold(ROOT / "benchmark")
    for claim in corpus.claims:
        assert claim.modality in MODALITIES and claim.polarity in POLARITIES
        assert all(e.type in ENTITY_TYPES for e in claim.entities)
        assert all(q.unit in UNITS and q.qualifier in QUALIFIERS for q in claim.quantities)
        for date in claim.dates:
            assert date.type in TIMEX3_TYPES and (date.mod is None or date.mod in TIMEX3_MODS)
            assert timex3_error(date.value, date.type) is None


def test_all_five_articles_are_annotated() -> None:
    corpus = load_gold(ROOT / "benchmark")
    per_doc = {d.doc_id: sum(c.doc_id == d.doc_id for c in corpus.claims) for d in corpus.documents}
    assert sorted(per_doc) == ["000", "001", "002", "003", "004"]
    assert min(per_doc.values()) >= 15


def test_packaged_gold_equals_the_benchmark_folder() -> None:
    assert load_gold() == load_gold(ROOT / "benchmark")


def test_ids_are_stable_and_sorted() -> None:
    corpus = load_gold()
    ids = [claim.claim_id for claim in corpus.claims]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert all(claim.claim_id.startswith(claim.doc_id + "-") for claim in corpus.claims)


def test_card_statistics_come_from_the_data() -> None:
    corpus = load_gold()
    card = (ROOT / "benchmark" / "README.md").read_text(encoding="utf-8")
    total_row = f"| **all** | {sum(len(d.text) for d in corpus.documents)} | {len(corpus.claims)} |"
    assert total_row in card
    assert card.startswith("---\n") and "config_name: claims" in card



def test_a_dataset_version_without_changelog_entry_stops_the_build(project_copy: ProjectPaths) -> None:
    changelog = project_copy.changelog.read_text(encoding="utf-8")
    version = load_gold(ROOT / "benchmark").version
    project_copy.changelog.write_text(changelog.replace(f"## {version}\n", "## unreleased\n"), encoding="utf-8")
    with pytest.raises(BuildError, match=f"CHANGELOG.md: no entry '## {version}'"):
        build(project_copy)
