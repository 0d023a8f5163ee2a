"""Bilingual terms, and Chinese plot text only where a CJK font can draw it."""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import pytest

from crmlab import CrmlabWarning, labels


def test_terms_in_both_languages():
    assert labels.term("revenue", "en") == "Revenue"
    assert labels.term("revenue", "zh") == "收入"
    assert labels.term("pasta", "zh") == "pasta"  # data values pass through
    assert labels.both("customers") == "Customers (客户数)"
    with pytest.raises(ValueError, match="lang='fr'"):
        labels.term("revenue", "fr")


def test_without_cjk_font_plots_fall_back_to_english_with_one_warning(monkeypatch):
    monkeypatch.setattr(labels, "_font_checked", {"name": None})
    with pytest.warns(CrmlabWarning, match=r"pip install crmlab\[zh\]"):
        assert labels.plot_lang("zh") == "en"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert labels.plot_lang("zh") == "en"  # warned once only
    assert labels.plot_lang("en") == "en"


def test_with_cjk_font_chinese_renders_without_missing_glyphs(monkeypatch):
    monkeypatch.setattr(labels, "_font_checked", {})
    if labels.cjk_font() is None:
        pytest.skip("no CJK font installed here (`make zh` installs mplfonts); fallback tested above")
    assert labels.plot_lang("zh") == "zh"
    fig, ax = plt.subplots()
    ax.set_title(labels.term("revenue", "zh") + " · 重要价值客户")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font(s)"
        fig.canvas.draw()
