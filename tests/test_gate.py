"""The CI regression gate on a real baseline: quiet on a rerun, failing with a per-claim diff on a drop."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from typer.testing import CliRunner

from claimbench.cli import app
from claimbench.dataset.gold import load_gold
from claimbench.extractors import Extractor, ExtractorInput
from claimbench.extractors.baseline_runs import BaselineFolder, offline_extractor
from claimbench.extractors.runner import run
from claimbench.files import read_json, write_submission
from claimbench.scoring.submission import PredictedClaim

runner = CliRunner()
STORED = BaselineFolder(ROOT, "rules")


class WithoutFirstDocument(Extractor):
    """The rule baseline, broken so that it finds nothing in document 000."""

    name = "rules-degraded"

    def __init__(self) -> None:
        self.inner = offline_extractor("rules", ROOT)

    def extract(self, document: ExtractorInput) -> list[PredictedClaim]:
        return [] if document.doc_id == "000" else self.inner.extract(document)


def _gate(extractor: Extractor, out: Path) -> tuple[int, str]:
    write_submission(out, run(extractor, load_gold()))
    result = runner.invoke(app, ["regress", str(out), "--baseline", str(STORED.report)])
    return result.exit_code, result.output


def test_the_gate_passes_an_unchanged_rerun_of_the_baseline(tmp_path: Path) -> None:
    code, output = _gate(offline_extractor("rules", ROOT), tmp_path / "rules.jsonl")
    assert code == 0, output
    assert "DROP" not in output and "OK: no F1 dropped" in output


def test_the_gate_fails_on_a_degraded_extractor_and_lists_the_lost_claims(tmp_path: Path) -> None:
    code, output = _gate(WithoutFirstDocument(), tmp_path / "degraded.jsonl")
    assert code == 1
    assert "DROP claims/overlap" in output and "FAIL" in output
    found_before = read_json(STORED.report)["found_claims"]["overlap"]
    lost = sorted(claim_id for claim_id in found_before if claim_id.startswith("000-"))
    assert lost, "the stored rule baseline finds claims in document 000"
    assert f"lost claims (overlap): {', '.join(lost)}" in output
