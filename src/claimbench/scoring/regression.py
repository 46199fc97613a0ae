"""The CI regression gate: compare a new report with an accepted baseline report (pure).

The gate fails when a part or mode of the baseline is missing from the new report, when the two
were scored differently (scorer version, gold data, modes, thresholds or resampling units differ;
bootstrap size and seed only change intervals and are ignored), or when an F1 dropped by more than
the tolerance. With ``alpha`` a drop fails only when it is also significant: the paired
approximate-randomization test over the reports' units gives p < alpha.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimbench.scoring.report import DEFAULT_SEED, report_unit_counts
from claimbench.scoring.statistics import DEFAULT_TRIALS, paired_randomization

_INTERVAL_FIELDS = ("bootstrap:", "seed:")  # affect intervals only, not counts


class ReportError(ValueError):
    """A JSON file that is not a claimbench report, as one line naming what is missing."""


@dataclass(frozen=True)
class Change:
    part: str
    mode: str
    baseline_f1: float
    new_f1: float
    p_value: float | None = None  # approximate randomization, when the gate is significance-aware


@dataclass(frozen=True)
class RegressionCheck:
    drops: tuple[Change, ...]  # beyond the tolerance (and significant, with alpha)
    tolerated: tuple[Change, ...]  # drops within the tolerance, or not significant
    improvements: tuple[Change, ...]
    missing: tuple[str, ...]  # "part/mode" in the baseline, absent from the new report
    signatures: tuple[str, str] | None  # (baseline, new) when they were scored differently
    signature_change_allowed: bool
    tolerance: float
    alpha: float | None
    lost: dict[str, list[str]]  # claim mode -> gold claim ids found before, missed now
    gained: dict[str, list[str]]

    @property
    def failed(self) -> bool:
        return bool(self.drops or self.missing or (self.signatures and not self.signature_change_allowed))


def scoring_fields(signature: str) -> list[str]:
    """The signature without the fields that only change intervals."""
    return [field for field in signature.split("|") if not field.startswith(_INTERVAL_FIELDS)]


def check_report(report: Any, name: str, need_units: bool = False) -> None:
    """Raise a one-line :class:`ReportError` unless ``report`` has the fields the gate reads."""
    if not isinstance(report, dict):
        raise ReportError(f"{name}: not a claimbench report: expected a JSON object, got {type(report).__name__}")
    required = ["signature", "scores", "found_claims", "units"] + (["per_unit"] if need_units else [])
    for key in required:
        if key not in report:
            raise ReportError(f"{name}: not a claimbench report: missing {key!r} (write one with 'claimbench score --json')")
    if not isinstance(report["scores"], dict) or not all(
        isinstance(modes, dict) and all(isinstance(e, dict) and isinstance(e.get("f1"), (int, float)) for e in modes.values())
        for modes in report["scores"].values()
    ):
        raise ReportError(f"{name}: not a claimbench report: 'scores' must map part -> mode -> {{f1: number, ...}}")


def regression(
    baseline: dict[str, Any],
    new: dict[str, Any],
    tolerance: float,
    alpha: float | None = None,
    allow_signature_change: bool = False,
    trials: int = DEFAULT_TRIALS,
    seed: int = DEFAULT_SEED,
) -> RegressionCheck:
    """Every part/mode whose F1 fell by more than ``tolerance`` (significantly, with ``alpha``),
    missing parts and modes, a different scoring setup, and the claims lost and gained."""
    base_units = report_unit_counts(baseline) if alpha is not None else {}
    new_units = report_unit_counts(new) if alpha is not None else {}
    drops, tolerated, improvements, missing = [], [], [], []
    for part, modes in sorted(baseline["scores"].items()):
        for mode, entry in sorted(modes.items()):
            if mode not in new["scores"].get(part, {}):
                missing.append(f"{part}/{mode}")
                continue
            before, after = float(entry["f1"]), float(new["scores"][part][mode]["f1"])
            if after > before + 1e-12:
                improvements.append(Change(part, mode, before, after))
            elif after < before - 1e-12:
                p_value = None
                if alpha is not None and part in base_units and mode in base_units[part]:
                    a, b = base_units[part][mode], new_units[part][mode]
                    p_value = paired_randomization(a, b, trials, seed) if a.shape == b.shape else 0.0
                change = Change(part, mode, before, after, p_value)
                beyond = before - after > tolerance + 1e-12
                significant = alpha is None or (p_value is not None and p_value < alpha)
                (drops if beyond and significant else tolerated).append(change)
    lost, gained = {}, {}
    for mode, before_ids in sorted(baseline["found_claims"].items()):
        before_set, after_set = set(before_ids), set(new["found_claims"].get(mode, []))
        lost[mode] = sorted(before_set - after_set)
        gained[mode] = sorted(after_set - before_set)
    differs = scoring_fields(baseline["signature"]) != scoring_fields(new["signature"])
    return RegressionCheck(
        drops=tuple(drops),
        tolerated=tuple(tolerated),
        improvements=tuple(improvements),
        missing=tuple(missing),
        signatures=(baseline["signature"], new["signature"]) if differs else None,
        signature_change_allowed=allow_signature_change,
        tolerance=tolerance,
        alpha=alpha,
        lost=lost,
        gained=gained,
    )


def _change(change: Change) -> str:
    text = f"{change.part}/{change.mode}: F1 {change.baseline_f1:.4f} -> {change.new_f1:.4f} ({change.new_f1 - change.baseline_f1:+.4f})"
    return text if change.p_value is None else f"{text}, p {change.p_value:.4f}"


def render_regression(check: RegressionCheck) -> str:
    rule = f"tolerance {check.tolerance:g}" + ("" if check.alpha is None else f", alpha {check.alpha:g} (approximate randomization)")
    lines = []
    if check.signatures:
        verdict = "allowed (--allow-signature-change)" if check.signature_change_allowed else "FAIL"
        lines += [f"{verdict}: scored differently from the baseline", f"  baseline: {check.signatures[0]}", f"  new:      {check.signatures[1]}"]
    lines += [f"MISSING {name}: in the baseline report, not in the new one" for name in check.missing]
    lines += [f"DROP {_change(change)} beyond {rule}" for change in check.drops]
    lines += [f"down {_change(change)} within {rule}" for change in check.tolerated]
    lines += [f"up   {_change(change)}" for change in check.improvements]
    for mode in sorted(check.lost):
        if check.lost[mode]:
            lines.append(f"lost claims ({mode}): {', '.join(check.lost[mode])}")
        if check.gained[mode]:
            lines.append(f"gained claims ({mode}): {', '.join(check.gained[mode])}")
    if check.failed:
        reasons = [f"{len(check.drops)} F1 drop(s) beyond {rule}"] if check.drops else []
        reasons += [f"{len(check.missing)} missing part/mode(s)"] if check.missing else []
        reasons += ["a different scoring setup"] if check.signatures and not check.signature_change_allowed else []
        lines.append("FAIL: " + "; ".join(reasons))
    else:
        lines.append(f"OK: no F1 dropped beyond {rule}")
    return "\n".join(lines)

