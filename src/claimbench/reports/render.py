"""Plain-text tables of reports and comparisons (pure: dicts in, strings out)."""

from __future__ import annotations

from typing import Any


def _interval(entry: dict[str, Any], name: str) -> str:
    bounds = entry.get("ci95", {}).get(name)
    return f"[{bounds[0]:.3f}, {bounds[1]:.3f}]" if bounds else ""


def format_count(value: float) -> str:
    """A tp/fp/fn count: whole numbers as such, proportional credit to one decimal."""
    return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"


def units_line(units: dict[str, Any]) -> str:
    return f"intervals: 95 % bootstrap over {units['count']} {units['kind']} units"


def render_table(report: dict[str, Any]) -> str:
    header = f"{'part':<13}{'mode':<13}{'tp':>7}{'fp':>7}{'fn':>7}{'P':>8}{'R':>8}{'F1':>8}  {'F1 95% CI':<17}{'macro F1':>9}"
    lines = [header, "-" * len(header)]
    for part, modes in report["scores"].items():
        for mode, e in modes.items():
            lines.append(
                f"{part:<13}{mode:<13}{format_count(e['tp']):>7}{format_count(e['fp']):>7}{format_count(e['fn']):>7}{e['precision']:>8.3f}"
                f"{e['recall']:>8.3f}{e['f1']:>8.3f}  {_interval(e, 'f1'):<17}{e['macro']['f1']:>9.3f}"
            )
    lines.append(units_line(report["units"]))
    accuracy = report["value_accuracy"]
    lines.append("")
    lines.append(
        "value accuracy: "
        + ", ".join(f"{part} {v['correct']}/{v['matched']} = {v['accuracy']:.3f}" for part, v in accuracy.items())
    )
    lines.append(f"signature: {report['signature']}")
    return "\n".join(lines)


def render_comparison(result: dict[str, Any]) -> str:
    header = f"{'part':<13}{'mode':<13}{'F1 A':>7}{'F1 B':>7}{'ΔF1 (B−A)':>11}  {'95% CI':<18}{'p (AR)':>8}{'p (boot)':>9}"
    lines = [f"A = {result['a']}", f"B = {result['b']}", header, "-" * len(header)]
    for part, modes in result["differences"].items():
        for mode, d in modes.items():
            ci = f"[{d['ci95'][0]:+.3f}, {d['ci95'][1]:+.3f}]" if "ci95" in d else ""
            p_ar = f"{d['p_randomization']:.4f}" if "p_randomization" in d else ""
            p_boot = f"{d['p_bootstrap']:.4f}" if "p_bootstrap" in d else "n/a"
            lines.append(
                f"{part:<13}{mode:<13}{d['f1_a']:>7.3f}{d['f1_b']:>7.3f}{d['delta_f1']:>+11.3f}  {ci:<18}{p_ar:>8}{p_boot:>9}"
            )
    lines.append(
        f"{units_line(result['units'])}; p (AR): approximate randomization, two-sided, never below 1/(trials+1); "
        "p (boot): paired bootstrap"
    )
    lines.append(f"signature: {result['signature']}")
    return "\n".join(lines)
