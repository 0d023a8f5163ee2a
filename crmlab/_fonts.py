"""Chinese text in every figure, on a default install: the kit's CJK font and matplotlib's fallback.

The wheel ships ``crmlab/fonts/crmlabCJKSans-Regular.otf`` ("crmlab CJK Sans", a GB 2312 subset of
Noto Sans CJK SC under the SIL OFL; ``tools/make_cjk_font.py`` makes it). :func:`configure`
registers it with matplotlib and makes font fallback go Latin font → an installed full CJK font
(when there is one) → the kit's font, so 重要价值客户 renders next to Latin text in any figure, and
Chinese product names render under ``lang="en"`` too.

``import crmlab`` must not pay for importing matplotlib, so :func:`install` runs :func:`configure`
right after matplotlib is first imported (or at once, if it already is). The kit's plot
functions call :func:`configure` again because ``seaborn.set_theme`` resets the font families.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import sys
import warnings
from pathlib import Path

#: The family name of the shipped font.
FAMILY = "crmlab CJK Sans"
#: The shipped font file.
FONT_FILE = Path(__file__).resolve().parent / "fonts" / "crmlabCJKSans-Regular.otf"
#: Full CJK fonts preferred over the subset when the system has one (they cover rare characters).
SYSTEM_CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Micro Hei",
                    "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", "SimHei", "Heiti SC")

_state: dict = {}


def _families() -> list[str]:
    from matplotlib import font_manager

    if "families" not in _state:
        font_manager.fontManager.addfont(str(FONT_FILE))
        installed = {f.name for f in font_manager.fontManager.ttflist}
        system = next((name for name in SYSTEM_CJK_FONTS if name in installed), None)
        _state["families"] = [name for name in (system, FAMILY) if name]
    return _state["families"]


def configure() -> None:
    """Register the kit's CJK font and append the CJK fallbacks to ``font.family`` (idempotent)."""
    import matplotlib as mpl

    cjk = _families()
    family = mpl.rcParams["font.family"]
    family = [family] if isinstance(family, str) else list(family)
    known = {*SYSTEM_CJK_FONTS, FAMILY}
    wanted = [f for f in family if f not in known] + cjk
    if family != wanted:
        mpl.rcParams["font.family"] = wanted
    mpl.rcParams["axes.unicode_minus"] = False  # the CJK fonts lack U+2212; "-" renders everywhere
    if not _state.get("filtered"):
        # A character no font has is drawn as a visible box; say so once per character, not per draw.
        warnings.filterwarnings("once", message=r"Glyph \d+ .* missing from font")
        _state["filtered"] = True


def cjk_family() -> str:
    """The CJK family figures fall back to: a full system font when installed, else the kit's."""
    return _families()[0]


class _AfterMatplotlib(importlib.abc.MetaPathFinder):
    """Run :func:`configure` once ``import matplotlib`` has finished (then step aside)."""

    def find_spec(self, name, path=None, target=None):
        if name != "matplotlib":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        exec_module = spec.loader.exec_module

        def exec_then_configure(module):
            exec_module(module)
            try:
                configure()
            except Exception:  # noqa: BLE001 - fonts must never break `import matplotlib`
                pass

        spec.loader.exec_module = exec_then_configure
        return spec


def install() -> None:
    """Configure matplotlib now if it is imported, else right after its import."""
    if "matplotlib" in sys.modules:
        configure()
    elif not any(isinstance(f, _AfterMatplotlib) for f in sys.meta_path):
        sys.meta_path.insert(0, _AfterMatplotlib())


def _is_mathtext(text: str) -> bool:
    return text.count("$") - text.count(r"\$") >= 2


def missing_glyphs(figure) -> dict[str, str]:
    """Characters of ``figure``'s text that no font matplotlib resolved for that text can draw.

    For every visible :class:`~matplotlib.text.Text` (titles, tick labels, legends, annotations,
    table cells), the fonts are those matplotlib's renderer uses for it, fallback included
    (``font_manager._find_fonts_by_props``, the lookup ``Agg`` does). Mathtext is skipped.

    Returns
    -------
    dict
        ``{text: missing characters}``; empty when everything renders.
    """
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font
    from matplotlib.text import Text

    cmaps: dict[str, set[int]] = _state.setdefault("cmaps", {})
    missing: dict[str, str] = {}
    for artist in figure.findobj(Text):
        text = artist.get_text()
        if not text or not artist.get_visible() or _is_mathtext(text):
            continue
        paths = font_manager.fontManager._find_fonts_by_props(artist.get_fontproperties())
        for path in paths:
            if path not in cmaps:
                cmaps[path] = set(FT2Font(path).get_charmap())
        lost = "".join(dict.fromkeys(c for c in text if not c.isspace()
                                     and not any(ord(c) in cmaps[p] for p in paths)))
        if lost:
            missing[text] = lost
    return missing
