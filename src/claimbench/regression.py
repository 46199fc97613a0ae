"""The CI regression gate: compare a new report with an accepted baseline report (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Drop:
    part: str
    mode: str
    baseline_f1: float
    new_f1: float


@dataclass(frozen=True)
class RegressionCheck:
    drops: tuple[Drop, ...]
    improvements: tuple[Drop, ...]
    lost: dict[str, list[str]]  # claim mode -> gold claim ids found before, missed now
    gained: dict[str, list[str]]
    data_changed: bool

    @property
    def failed(self) -> bool:
        return bool(self.drops)


def _data_part(signature: str) -> str:
    return next((field for field in signature.split("|") if field.startswith("data:")), "")


def regression(baseline: dict[str, Any], new: dict[str, Any], tolerance: float) -> RegressionCheck:
    """Every part/mode whose F1 fell by more than ``tolerance``, and the claims lost and gained."""
    drops, improvements = [], []
    for part, modes in sorted(baseline["scores"].items()):
        for mode, entry in sorted(modes.items()):
            before, after = float(entry["f1"]), float(new["scores"][part][mode]["f1"])
            if before - after > tolerance + 1e-12:
                drops.append(Drop(part, mode, before, after))
            elif after > before + 1e-12:
                improvements.append(Drop(part, mode, before, after))
    lost, gained = {}, {}
    for mode, before_ids in sorted(baseline["found_claims"].items()):
        before, after = set(before_ids), set(new["found_claims"][mode])
        lost[mode] = sorted(before - after)
        gained[mode] = sorted(after - before)
    return RegressionCheck(
        drops=tuple(drops),
        improvements=tuple(improvements),
        lost=lost,
        gained=gained,
        data_changed=_data_part(baseline["signature"]) != _data_part(new["signature"]),
    )


def render_regression(check: RegressionCheck) -> str:
    lines = []
    if check.data_changed:
        lines.append("note: the gold data differs from the one the baseline was scored on")
    for drop in check.drops:
        lines.append(f"DROP {drop.part}/{drop.mode}: F1 {drop.baseline_f1:.4f} -> {drop.new_f1:.4f}")
    for gain in check.improvements:
        lines.append(f"up   {gain.part}/{gain.mode}: F1 {gain.baseline_f1:.4f} -> {gain.new_f1:.4f}")
    for mode in sorted(check.lost):
        if check.lost[mode]:
            lines.append(f"lost claims ({mode}): {', '.join(check.lost[mode])}")
        if check.gained[mode]:
            lines.append(f"gained claims ({mode}): {', '.join(check.gained[mode])}")
    lines.append("FAIL: F1 dropped beyond the tolerance" if check.failed else "OK: no F1 dropped beyond the tolerance")
    return "\n".join(lines)
