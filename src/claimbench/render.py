"""Plain-text tables of reports and comparisons (pure: dicts in, strings out)."""

from __future__ import annotations

from typing import Any


def _interval(entry: dict[str, Any], name: str) -> str:
    bounds = entry.get("ci95", {}).get(name)
    return f"[{bounds[0]:.3f}, {bounds[1]:.3f}]" if bounds else ""


def render_table(report: dict[str, Any]) -> str:
    header = f"{'part':<13}{'mode':<11}{'tp':>6}{'fp':>6}{'fn':>6}{'P':>8}{'R':>8}{'F1':>8}  {'F1 95% CI':<17}{'macro F1':>9}"
    lines = [header, "-" * len(header)]
    for part, modes in report["scores"].items():
        for mode, e in modes.items():
            lines.append(
                f"{part:<13}{mode:<11}{e['tp']:>6}{e['fp']:>6}{e['fn']:>6}{e['precision']:>8.3f}{e['recall']:>8.3f}"
                f"{e['f1']:>8.3f}  {_interval(e, 'f1'):<17}{e['macro']['f1']:>9.3f}"
            )
    accuracy = report["value_accuracy"]
    lines.append("")
    lines.append(
        "value accuracy: "
        + ", ".join(f"{part} {v['correct']}/{v['matched']} = {v['accuracy']:.3f}" for part, v in accuracy.items())
    )
    lines.append(f"signature: {report['signature']}")
    return "\n".join(lines)


def render_comparison(result: dict[str, Any]) -> str:
    header = f"{'part':<13}{'mode':<11}{'ΔF1 (B−A)':>10}  {'95% CI':<19}{'p':>7}"
    lines = [header, "-" * len(header)]
    for part, modes in result["differences"].items():
        for mode, d in modes.items():
            lines.append(
                f"{part:<13}{mode:<11}{d['delta_f1']:>+10.3f}  [{d['ci95'][0]:+.3f}, {d['ci95'][1]:+.3f}]  {d['p_value']:>6.3f}"
            )
    lines.append(f"signature: {result['signature']}")
    return "\n".join(lines)
