"""The report's charts as inline SVG (matplotlib, Agg, no pyplot state).

Deterministic: a fixed ``svg.hashsalt`` per chart (element ids), no date in the metadata,
text kept as <text> elements (``svg.fonttype: none``) so the file stays small and the
bytes depend only on the figures.
"""

from __future__ import annotations

import io
import re
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

INK = "#1f2933"
BAR = "#2f6f9f"
MUTED = "#9aa5b1"
SVG_METADATA: dict[str, Any] = {"Date": None, "Creator": "claimtrack"}


def _label(text: str) -> str:
    # A "$" would start matplotlib's mathtext; keep labels literal.
    return text.replace("$", r"\$")


def _svg(fig: Figure, *, salt: str, title: str) -> str:
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": salt, "svg.fonttype": "none"}):
        fig.savefig(buf, format="svg", metadata={**SVG_METADATA, "Title": title})
    svg = buf.getvalue()
    # Inline in HTML: drop the XML declaration and DOCTYPE before the <svg> element.
    svg = svg[svg.index("<svg") :].strip()
    # The RDF metadata block only names vocabularies; the <title> says what the chart is.
    return re.sub(r"\s*<metadata>.*?</metadata>", "", svg, count=1, flags=re.S)


def _figure(height: float) -> tuple[Figure, Any]:
    fig = Figure(figsize=(5.0, height), dpi=72)
    ax = fig.add_subplot()
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors=INK, labelsize=9)
    return fig, ax


def ratings_chart(by_rating: list[dict[str, Any]]) -> str:
    """Horizontal bars: claims published this week per rating, the whole scale shown."""
    labels = [_label(r["rating"]) for r in by_rating] or ["(no ratings)"]
    counts = [r["claims"] for r in by_rating] or [0]
    fig, ax = _figure(max(1.8, 0.34 * len(labels) + 0.9))
    positions = list(range(len(labels)))
    ax.barh(positions, counts, color=BAR)
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()
    ax.set_xlabel("claims published this week", color=INK, fontsize=9)
    ax.xaxis.get_major_locator().set_params(integer=True)
    top = max(counts)
    ax.set_xlim(0, max(1, top) * 1.15)
    for y, n in zip(positions, counts, strict=True):
        ax.text(n + max(1, top) * 0.02, y, str(n), va="center", fontsize=9, color=INK)
    fig.tight_layout()
    return _svg(fig, salt="claimtrack-ratings", title="Ratings this week")


def weekly_chart(weekly: list[dict[str, Any]]) -> str:
    """Columns: claims published per week, the report's week last (highlighted)."""
    fig, ax = _figure(2.6)
    positions = list(range(len(weekly)))
    counts = [w["claims"] for w in weekly]
    colours = [MUTED] * (len(weekly) - 1) + [BAR]
    ax.bar(positions, counts, color=colours)
    ax.set_xticks(positions, [w["week"].split("-")[1] for w in weekly])
    ax.set_ylabel("claims published", color=INK, fontsize=9)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_ylim(0, max(1, max(counts, default=0)) * 1.15)
    fig.tight_layout()
    return _svg(fig, salt="claimtrack-weekly", title="Claims published per week")
