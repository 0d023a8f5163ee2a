"""Shared plot plumbing: one look for every figure, and an Axes to draw on."""

from __future__ import annotations

import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib.axes import Axes

#: Figure size for one plot, readable on a laptop screen.
FIGSIZE = (7.0, 4.2)


def set_theme() -> None:
    """Apply the kit's plot style (seaborn whitegrid, notebook context)."""
    from ._fonts import configure

    sns.set_theme(context="notebook", style="whitegrid", palette="deep")
    configure()  # set_theme resets the font families; put the CJK fallback back
    plt.rcParams["figure.figsize"] = FIGSIZE
    plt.rcParams["figure.dpi"] = 100
    plt.rcParams["svg.hashsalt"] = "crmlab"


def get_ax(ax: Axes | None = None, *, figsize=FIGSIZE) -> Axes:
    """Return ``ax`` or a new Axes on a new figure of ``figsize``."""
    from ._fonts import configure

    configure()
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=figsize)
    return ax
