"""Chinese renders by default: every term and every plot, in both languages, with the font the kit ships.

The check is on what matplotlib would draw: for every text of a figure, each character must have a
glyph in one of the fonts matplotlib's renderer resolves for that text (its fallback list), not
merely "no warning was printed". The tests run with the kit's own font as the only CJK font (as on
a machine without any installed), and again with whatever the machine has.
"""

from __future__ import annotations

import importlib
import inspect
import warnings

import matplotlib
import matplotlib.pyplot as plt
import pytest

from crmlab import _fonts, labels

from test_plots import CASES, PLOTS, _Data


@pytest.fixture(params=["kit font only", "installed fonts"])
def fonts(request, monkeypatch):
    """Font fallback as on a bare machine (the kit's subset is the only CJK font), or as installed here."""
    if request.param == "kit font only":
        _fonts._families()
        monkeypatch.setitem(_fonts._state, "families", [_fonts.FAMILY])
    with matplotlib.rc_context():
        _fonts.configure()
        yield request.param


@pytest.fixture(scope="module")
def data():
    return _Data()


def _term_tables():
    """Every term table of the kit: module-level dicts of key → (English, 中文)."""
    import pkgutil

    import crmlab

    tables = {}
    for info in pkgutil.walk_packages(crmlab.__path__, prefix="crmlab."):
        if info.name.startswith(("crmlab.report", "crmlab.exercises.banks", "crmlab._parameters", "crmlab.survey")):
            continue
        module = importlib.import_module(info.name)
        for attr, value in vars(module).items():
            if (isinstance(value, dict) and value and not inspect.ismodule(value)
                    and all(isinstance(v, tuple) and len(v) == 2 and all(isinstance(x, str) for x in v)
                            for v in value.values())):
                tables[f"{info.name}.{attr}"] = value
    return tables


def test_the_kit_ships_its_font_and_registers_it():
    assert _fonts.FONT_FILE.is_file() and (_fonts.FONT_FILE.parent / "OFL.txt").is_file()
    from matplotlib import font_manager

    _fonts.configure()
    assert _fonts.FAMILY in {f.name for f in font_manager.fontManager.ttflist}
    assert matplotlib.rcParams["font.family"][-1] == _fonts.FAMILY


def test_term_tables_are_found():
    tables = _term_tables()
    assert "crmlab.labels.TERMS" in tables and "crmlab.rfm.TERMS" in tables and len(tables) >= 8


def test_every_term_renders_in_both_languages(fonts):
    fig = plt.figure(figsize=(4, 4))
    try:
        y = 0.0
        for name, table in _term_tables().items():
            for en, zh in table.values():
                for text in (en, zh):
                    fig.text(0.0, y, text.replace("$", r"\$"))
                    y += 1e-4
        missing = _fonts.missing_glyphs(fig)
    finally:
        plt.close(fig)
    assert not missing, f"{len(missing)} terms have characters no font can draw ({fonts}): {list(missing.items())[:5]}"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", sorted(PLOTS))
def test_every_plot_renders_every_character(name, lang, data, fonts):
    args, kwargs = CASES[name](data)
    fig, ax = plt.subplots()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            warnings.filterwarnings("error", message=r"Glyph \d+")
            PLOTS[name](*args, ax=ax, lang=lang, **kwargs)
            fig.canvas.draw()
        missing = _fonts.missing_glyphs(fig)
    finally:
        plt.close(fig)
    assert not missing, f"{name} (lang={lang}, {fonts}): {missing}"


def test_chinese_data_renders_in_an_english_plot(fonts):
    from crmlab import basket

    baskets = [["牛奶", "面包"], ["面包", "黄油"], ["牛奶", "面包", "黄油"], ["牛奶", "茶叶"]] * 3
    fig, ax = plt.subplots()
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message=r"Glyph \d+")
            basket.plot_item_frequency(baskets, ax=ax, lang="en")
            fig.canvas.draw()
        assert not _fonts.missing_glyphs(fig)
        assert "牛奶" in [t.get_text() for t in ax.get_yticklabels() + ax.get_xticklabels()]
    finally:
        plt.close(fig)


def test_a_character_outside_every_font_is_reported(fonts):
    # U+10FFFD (a private-use plane character) is in no font: the check must see it (it can fail).
    fig = plt.figure()
    try:
        fig.text(0.1, 0.5, "客户 \U0010fffd")
        assert _fonts.missing_glyphs(fig) == {"客户 \U0010fffd": "\U0010fffd"}
    finally:
        plt.close(fig)


def test_import_crmlab_alone_configures_matplotlib_when_it_is_imported_later():
    import subprocess
    import sys

    code = ("import crmlab, sys; assert 'matplotlib' not in sys.modules; import matplotlib.pyplot as plt; "
            "import matplotlib as mpl; fig = plt.figure(); fig.text(0, 0, '重要价值客户'); "
            "from crmlab._fonts import missing_glyphs; assert not missing_glyphs(fig), missing_glyphs(fig); "
            "print(mpl.rcParams['font.family'])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={
        "MPLBACKEND": "Agg", "PATH": "", "HOME": "/nonexistent", "MPLCONFIGDIR": "/tmp/crmlab-mpl-test"})
    assert out.returncode == 0, out.stderr
    assert "crmlab CJK Sans" in out.stdout
