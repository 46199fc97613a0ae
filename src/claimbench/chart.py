"""The leaderboard chart: F1 per part with 95 % intervals, one bar per system, as reproducible SVG."""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot

import matplotlib.pyplot as plt  # noqa: E402

from claimbench.leaderboard import HEADLINE_MODES, SystemResult  # noqa: E402

# Byte-identical output: fixed ids salt, text kept as text (no font-dependent glyph paths), no date.
_SVG_STYLE = {"svg.hashsalt": "claimbench", "svg.fonttype": "none", "font.family": "DejaVu Sans", "font.size": 9}


def render_chart(systems: Sequence[SystemResult]) -> bytes:
    """An SVG grouped bar chart; the same systems give the same bytes."""
    systems = sorted(systems, key=lambda s: s.name)
    parts = list(HEADLINE_MODES)
    width = 0.8 / max(len(systems), 1)
    with plt.rc_context(_SVG_STYLE):
        figure, axes = plt.subplots(figsize=(7.5, 3.6))
        for index, system in enumerate(systems):
            entries = [system.report["scores"][part][HEADLINE_MODES[part]] for part in parts]
            heights = [entry["f1"] for entry in entries]
            bounds = [entry.get("ci95", {}).get("f1", [entry["f1"]] * 2) for entry in entries]  # no interval: no bar
            lower = [max(0.0, height - low) for height, (low, _) in zip(heights, bounds)]
            upper = [max(0.0, high - height) for height, (_, high) in zip(heights, bounds)]
            positions = [p - 0.4 + width * (index + 0.5) for p in range(len(parts))]
            axes.bar(positions, heights, width, yerr=[lower, upper], capsize=2, label=system.name)
        axes.set_xticks(range(len(parts)), [f"{part}\n({HEADLINE_MODES[part]})" for part in parts])
        axes.set_ylim(0, 1)
        axes.set_ylabel("F1 (95 % bootstrap interval)")
        axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=max(len(systems), 1), frameon=False)
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": f"claimbench, matplotlib {matplotlib.__version__}"})
        plt.close(figure)
    return buffer.getvalue().encode("utf-8")
