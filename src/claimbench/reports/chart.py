"""The leaderboard chart: F1 per part with 95 % intervals, systems in rank order, as reproducible SVG."""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot

import matplotlib.pyplot as plt  # noqa: E402

from claimbench.reports.leaderboard import HEADLINE_MODES, SystemResult, dataset_line, ranked  # noqa: E402

# Byte-identical output: fixed ids salt, text kept as text (no font-dependent glyph paths), no date.
_SVG_STYLE = {"svg.hashsalt": "claimbench", "svg.fonttype": "none", "font.family": "DejaVu Sans", "font.size": 9}


def render_chart(systems: Sequence[SystemResult]) -> bytes:
    """An SVG grouped bar chart; the same systems give the same bytes. Floors are grey and hatched,
    zero scores get a visible "0" marker, the ranking part comes first."""
    systems = ranked(systems)
    parts = list(HEADLINE_MODES)
    width = 0.8 / max(len(systems), 1)
    with plt.rc_context(_SVG_STYLE):
        figure, axes = plt.subplots(figsize=(8.5, 4.0))
        colours = iter(plt.rcParams["axes.prop_cycle"].by_key()["color"])
        for index, system in enumerate(systems):
            entries = [system.report["scores"][part][HEADLINE_MODES[part]] for part in parts]
            heights = [entry["f1"] for entry in entries]
            bounds = [entry.get("ci95", {}).get("f1", [entry["f1"]] * 2) for entry in entries]  # no interval: no bar
            lower = [max(0.0, height - low) for height, (low, _) in zip(heights, bounds)]
            upper = [max(0.0, high - height) for height, (_, high) in zip(heights, bounds)]
            positions = [p - 0.4 + width * (index + 0.5) for p in range(len(parts))]
            style = {"color": "#d0d0d0", "hatch": "///", "edgecolor": "#707070"} if system.floor else {"color": next(colours)}
            label = f"{index + 1}. {system.name}" + (" (floor)" if system.floor else "")
            axes.bar(positions, heights, width, yerr=[lower, upper], capsize=2, label=label, **style)
            for position, height in zip(positions, heights):
                if height == 0:
                    axes.text(position, 0.01, "0", ha="center", va="bottom", fontsize=7)
        axes.set_xticks(range(len(parts)), [f"{part}\n({HEADLINE_MODES[part]})" for part in parts])
        axes.set_ylim(0, 1)
        axes.set_ylabel("F1 (95 % bootstrap interval)")
        axes.set_title(f"claimbench: F1 per part, systems in rank order ({dataset_line(systems[0])})", fontsize=9, pad=34)
        axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=min(max(len(systems), 1), 5), frameon=False)
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": f"claimbench, matplotlib {matplotlib.__version__}"})
        plt.close(figure)
    return buffer.getvalue().encode("utf-8")
