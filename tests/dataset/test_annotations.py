"""One test per kind of annotation error the build must refuse: one line, file + claim + field."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimbench.cli import app
from claimbench.dataset.build import BuildError, ProjectPaths, load_corpus

FIRST_CLAIM = """- id: 002-01
  span: Wladimir Putin schreibt Neujahrsbrief an Kim Jong Un
  normalized: Wladimir Putin schreibt einen Neujahrsbrief an Kim Jong Un.
  modality: asserted
  polarity: positive
  cluster: putin-new-year-letter-to-kim
  entities:
  - {span: Wladimir Putin, type: PER, canonical: Wladimir Putin}
  quantities:
  - {span: Neujahrsbrief, value: 1, value_max: null, unit: count, qualifier: "=", measured: Briefe}
  dates: []
  attributions: []
"""


def replace_claims(project: ProjectPaths, claims_yaml: str) -> Path:
    """Make 002.yaml hold only the given claims (keeping its document header)."""
    path = project.annotations / "002.yaml"
    header = path.read_text(encoding="utf-8").split("claims:", 1)[0]
    path.write_text(header + "claims:\n" + claims_yaml, encoding="utf-8")
    return path


def refused(project: ProjectPaths) -> str:
    with pytest.raises(BuildError) as error:
        load_corpus(project)
    message = str(error.value)
    assert "\n" not in message
    return message


def test_the_template_claim_is_valid(project_copy: ProjectPaths) -> None:
    replace_claims(project_copy, FIRST_CLAIM)
    claims = [c for c in load_corpus(project_copy).claims if c.doc_id == "002"]
    assert [c.claim_id for c in claims] == ["002-01"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("span: Wladimir Putin schreibt", "span: Wladimir Putin schrieb", "claim 002-01: field 'span': 'Wladimir Putin schrieb"),
        ("modality: asserted", "modality: claimed", "claim 002-01: field 'modality': expected one of"),
        ("polarity: positive", "polarity: yes", "field 'polarity'"),
        ("  normalized: Wladimir Putin schreibt einen Neujahrsbrief an Kim Jong Un.\n", "", "field 'normalized': missing"),
        ("  dates: []", "  dates: []\n  note: x", "field 'note': unknown field"),
        ("type: PER", "type: PERSON", "field 'entities[0].type'"),
        ("canonical: Wladimir Putin", "canonical: Putin", "field 'entities[0].canonical': unknown canonical name 'Putin'"),
        ("type: PER", "type: ORG", "field 'entities[0].type': 'ORG' differs from 'Wladimir Putin'"),
        ("{span: Wladimir Putin,", "{span: Kim Jong Un Putin,", "field 'entities[0].span'"),
        ("value: 1,", "value: .nan,", "field 'quantities[0].value': expected a finite number"),
        ("value: 1,", "value: .inf,", "field 'quantities[0].value': expected a finite number"),
        ("value: 1,", "value: '1',", "field 'quantities[0].value': expected a number"),
        ("unit: count", "unit: Stück", "field 'quantities[0].unit'"),
        ("qualifier: \"=\"", "qualifier: about", "field 'quantities[0].qualifier'"),
        ("  dates: []", "  dates:\n  - {span: Neujahrsbrief, value: '25.12.2025', type: DATE, mod: null}", "field 'dates[0].value'"),
        ("  dates: []", "  dates:\n  - {span: Neujahrsbrief, value: '2025', type: DATE, mod: AROUND}", "field 'dates[0].mod'"),
        ("  attributions: []", "  attributions:\n  - {source: Niemand, source_canonical: null, cue: laut}", "field 'attributions[0].source': 'Niemand' does not occur"),
        ("  attributions: []", "  attributions:\n  - {source: KCNA, source_canonical: Nordkoreas KCNA, cue: laut}", "unknown canonical name 'Nordkoreas KCNA'"),
        ("cluster: putin-new-year-letter-to-kim", "cluster: Putin Letter", "field 'cluster_id'"),
        ("- id: 002-01", "- id: 003-01", "claim 003-01: field 'claim_id'"),
        ("  polarity: positive", "  polarity: positive\n  optional: true", "claim 002-01: field 'optional_reason': expected '§<rule>: <why>'"),
        ("  polarity: positive", "  polarity: positive\n  optional_reason: '§13.1: x'", "field 'optional_reason': give it only when optional is true"),
        ("  polarity: positive", "  polarity: positive\n  optional: 'true'\n  optional_reason: '§13.1: x'", "field 'optional': expected true or false"),
        ("canonical: Wladimir Putin}", "canonical: Wladimir Putin, optional: true}", "field 'entities[0].optional_reason'"),
        ("measured: Briefe}", "measured: Briefe, optional_reason: '§13.1: x'}", "field 'quantities[0].optional_reason': give it only"),
        ("  polarity: positive", "  polarity: positive\n  optional: true\n  optional_reason: '§13.2: x'", "field 'entities[0].optional': the claim is optional"),
    ],
)  # fmt: skip
def test_each_annotation_error_stops_the_build(project_copy: ProjectPaths, old: str, new: str, expected: str) -> None:
    assert old in FIRST_CLAIM
    replace_claims(project_copy, FIRST_CLAIM.replace(old, new))
    message = refused(project_copy)
    assert message.startswith("annotations/002.yaml:")
    assert expected in message


def test_optional_marks_are_read_on_claims_and_parts(project_copy: ProjectPaths) -> None:
    mark = "optional: true, optional_reason: '§13.2: presupposed fact'"
    marked = FIRST_CLAIM.replace("  polarity: positive", "  polarity: positive\n  optional: true\n  optional_reason: '§13.2: presupposed fact'")
    marked = marked.replace("canonical: Wladimir Putin}", f"canonical: Wladimir Putin, {mark}}}").replace("measured: Briefe}", f"measured: Briefe, {mark}}}")
    replace_claims(project_copy, marked)
    claim = next(c for c in load_corpus(project_copy).claims if c.doc_id == "002")
    assert claim.optional and claim.optional_reason == "§13.2: presupposed fact"
    assert all(part.optional for part in (*claim.entities, *claim.quantities))
    replace_claims(project_copy, FIRST_CLAIM)
    claim = next(c for c in load_corpus(project_copy).claims if c.doc_id == "002")
    assert not claim.optional and claim.optional_reason is None and not claim.entities[0].optional


def test_a_repeated_span_needs_an_occurrence(project_copy: ProjectPaths) -> None:
    repeated = FIRST_CLAIM.replace("span: Wladimir Putin schreibt Neujahrsbrief an Kim Jong Un", "span: Kursk")
    repeated = repeated.replace("  entities:\n  - {span: Wladimir Putin, type: PER, canonical: Wladimir Putin}\n", "  entities: []\n")
    repeated = repeated.replace("  - {span: Neujahrsbrief, value: 1,", "  - {span: Kursk, value: 1,")
    replace_claims(project_copy, repeated)
    assert "occurs 4 times in the document; add 'occurrence'" in refused(project_copy)
    replace_claims(project_copy, repeated.replace("  normalized:", "  occurrence: 9\n  normalized:"))
    assert "field 'occurrence': 'Kursk' occurs only 4 times" in refused(project_copy)
    replace_claims(project_copy, repeated.replace("  normalized:", "  occurrence: 2\n  normalized:"))
    assert any(c.claim_id == "002-01" for c in load_corpus(project_copy).claims)


def test_duplicate_claim_ids_are_refused(project_copy: ProjectPaths) -> None:
    second = FIRST_CLAIM.replace("span: Wladimir Putin schreibt Neujahrsbrief an Kim Jong Un", "span: Wladimir Putin hat")
    second = second.replace("  - {span: Neujahrsbrief, value: 1, value_max: null, unit: count, qualifier: \"=\", measured: Briefe}\n", "")
    replace_claims(project_copy, FIRST_CLAIM + second.replace("quantities:\n", "quantities: []\n"))
    assert "claim 002-01: field 'id': duplicate claim id" in refused(project_copy)


def test_invalid_yaml_names_file_and_line(project_copy: ProjectPaths) -> None:
    replace_claims(project_copy, FIRST_CLAIM.replace("  modality: asserted", "  modality: [asserted"))
    assert refused(project_copy).startswith("annotations/002.yaml:")


def test_document_header_errors(project_copy: ProjectPaths) -> None:
    path = project_copy.annotations / "002.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('dct: "2025-12-25"', 'dct: "25.12.2025"'), encoding="utf-8")
    assert "field 'dct'" in refused(project_copy)
    path.write_text(text.replace('doc_id: "002"', 'doc_id: "003"'), encoding="utf-8")
    assert "field 'doc_id': expected '002'" in refused(project_copy)


def test_a_changed_seed_is_refused(project_copy: ProjectPaths) -> None:
    seed = next(project_copy.seeds.glob("004_*.txt"))
    seed.write_bytes(seed.read_bytes() + b" ")
    assert "differs from SHA256SUMS" in refused(project_copy)


def test_a_missing_annotation_file_is_refused(project_copy: ProjectPaths) -> None:
    (project_copy.annotations / "003.yaml").unlink()
    assert refused(project_copy) == "annotations/003.yaml: missing (every seed needs an annotation file)"


def test_the_cli_refuses_with_one_line_exit_2_and_writes_nothing(project_copy: ProjectPaths) -> None:
    before = {p: p.read_bytes() for p in project_copy.benchmark.rglob("*") if p.is_file()}
    replace_claims(project_copy, FIRST_CLAIM.replace("unit: count", "unit: Stück"))
    result = CliRunner().invoke(app, ["build", "--root", str(project_copy.root)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: annotations/002.yaml:")
    assert "Traceback" not in result.output
    after = {p: p.read_bytes() for p in project_copy.benchmark.rglob("*") if p.is_file()}
    assert after == before
