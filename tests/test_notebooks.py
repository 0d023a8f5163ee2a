"""Notebooks are product: both editions in sync with their one source, stored with clean outputs, parameterizable.

nbval (``make nbval``) re-executes each stored notebook of both editions and compares text outputs;
the tests here run every notebook through papermill with the non-default parameter sets listed in
``tests/notebook_params/<notebook>.yaml`` (other data sets, other mappings): a set with
``lang: zh`` runs on the 中文 edition, the others on the English one.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import nbformat
import pytest
import yaml

from crmlab.report import list_notebooks

ROOT = Path(__file__).resolve().parents[1]
EDITIONS = ("en", "zh")
NOTEBOOKS = list_notebooks() + list_notebooks(lang="zh")
PARAMS_DIR = ROOT / "tests" / "notebook_params"

_spec = importlib.util.spec_from_file_location("build_notebooks", ROOT / "tools" / "build_notebooks.py")
build_notebooks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_notebooks)


def _ids(paths):
    return [f"{_edition(p)}-{p.stem}" for p in paths]


def _edition(path: Path) -> str:
    return nbformat.read(str(path), as_version=4).metadata.get("crmlab", {}).get("edition", "")


def test_there_are_notebooks_in_both_editions():
    en, zh = list_notebooks(), list_notebooks(lang="zh")
    assert en and en[0].name == "00_getting_started.ipynb"
    assert [p.name for p in en] == [p.name for p in zh], "every chapter in both editions, same file names"
    assert {p.parent.name for p in en} == {"en"} and {p.parent.name for p in zh} == {"zh"}
    assert all(_edition(p) == p.parent.name for p in NOTEBOOKS)


@pytest.mark.parametrize("name", [p.name for p in list_notebooks()])
def test_both_editions_share_their_code_cells(name):
    """Code is the same in both editions; the parameters cell differs only in its ``lang`` default."""
    en, zh = (nbformat.read(str(list_notebooks(lang=lang)[0].parent / name), as_version=4) for lang in EDITIONS)
    code_en = [c.source for c in en.cells if c.cell_type == "code"]
    code_zh = [c.source for c in zh.cells if c.cell_type == "code"]
    params = [i for i, c in enumerate(c for c in en.cells if c.cell_type == "code")
              if "parameters" in c.metadata.get("tags", [])]
    assert len(code_en) == len(code_zh) and len(params) == 1
    for i, (a, b) in enumerate(zip(code_en, code_zh)):
        if i == params[0]:
            assert a.replace('lang = "en"', 'lang = "zh"') == b and 'lang = "zh"' in b
        else:
            assert a == b, f"{name}: code cell {i + 1} differs between the editions"


@pytest.mark.parametrize("name", [p.name for p in list_notebooks()])
def test_each_edition_reads_in_its_own_language(name):
    """The 中文 edition's narrative is Chinese (headings included); the English edition's is English."""
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for lang in EDITIONS:
        nb = nbformat.read(str(list_notebooks(lang=lang)[0].parent / name), as_version=4)
        prose = [c.source for c in nb.cells if c.cell_type == "markdown"
                 if re.sub(r"\$\$.*?\$\$|\$[^$]*\$|`[^`]*`", "", c.source, flags=re.S).strip()]
        headings = [line for cell in prose for line in cell.splitlines() if line.startswith("#")]
        if lang == "zh":
            assert all(cjk.search(h) for h in headings), [h for h in headings if not cjk.search(h)]
            share = sum(bool(cjk.search(c)) for c in prose) / len(prose)
            assert share > 0.95, f"{name}: {share:.0%} of the 中文 edition's markdown cells are Chinese"
        else:
            assert not cjk.search(headings[0]), f"{name}: the English title is English: {headings[0]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebook_matches_its_source(path):
    source = ROOT / "notebooks" / "src" / f"{path.stem}.py"
    assert source.exists(), f"{path.name} has no source {source.relative_to(ROOT)}"
    expected = build_notebooks.parse_source(source.read_text(encoding="utf-8"), path.parent.name)
    nb = nbformat.read(str(path), as_version=4)
    assert [(c.cell_type, c.source) for c in nb.cells] == [(c["type"], c["source"]) for c in expected], \
        f"{path.name} is out of date: rebuild it with `make notebooks SRC={source.relative_to(ROOT)}`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebook_is_stored_clean_with_outputs(path):
    nb = nbformat.read(str(path), as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    tags = [c.metadata.get("tags", []) for c in code]
    assert sum("parameters" in t for t in tags) == 1, "exactly one cell tagged 'parameters'"
    assert all(c.execution_count for c in code), "every code cell stored executed"
    texts = []
    for cell in code:
        for output in cell.outputs:
            assert output.output_type != "error", f"stored error output in {path.name}"
            if output.output_type == "stream":
                texts.append(output.text)
            else:
                texts.extend(str(v) for k, v in output.get("data", {}).items() if k.startswith("text/"))
    joined = "\n".join(texts)
    for pattern in (r"/work/", r"/home/\w+", r"/tmp/", r"\bC:\\", r"0x[0-9a-f]{8,}",
                    r"\b20[2-9]\d-\d\d-\d\dT\d\d:\d\d:\d\d"):
        assert not re.search(pattern, joined), f"{path.name}: machine-specific text {pattern!r} in outputs"
    headings = [line for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines()
                if line.startswith("#")]
    assert headings[0].startswith("# ")
    if path.parent.name == "zh":
        assert any("练习" in h for h in headings) and any("小结" in h for h in headings)
    else:
        assert any("Exercise" in h for h in headings) and any("Summary" in h for h in headings)
    assert "Glyph" not in joined and "missing from font" not in joined, f"{path.name}: a glyph warning"
    for cell in code:
        assert len(cell.source.splitlines()) <= 20, f"cell too long in {path.name}:\n{cell.source}"


def _param_sets():
    cases = []
    for path in list_notebooks():
        file = PARAMS_DIR / f"{path.stem}.yaml"
        sets = yaml.safe_load(file.read_text(encoding="utf-8")) if file.exists() else None
        for i, params in enumerate(sets or []):
            lang = "zh" if params.get("lang") == "zh" else "en"
            cases.append(pytest.param(list_notebooks(lang=lang)[0].parent / path.name, params,
                                      id=f"{lang}-{path.stem}-{i}"))
    return cases


def test_every_notebook_has_non_default_parameter_sets_in_both_editions():
    for path in list_notebooks():
        file = PARAMS_DIR / f"{path.stem}.yaml"
        sets = yaml.safe_load(file.read_text(encoding="utf-8")) if file.exists() else None
        assert sets, f"{path.name}: add parameter sets in {file.relative_to(ROOT)}"
        assert {s.get("lang") == "zh" for s in sets} == {True, False}, \
            f"{file.name}: at least one set with lang: zh (中文 edition) and one without (English edition)"


@pytest.mark.parametrize("path, params", _param_sets())
def test_notebook_runs_with_other_parameters(path, params, tmp_path):
    from crmlab.report import run_notebook

    run = run_notebook(path, tmp_path, params, html_page=False)
    assert run.ok, f"{path.stem} with {params} failed at code cell {run.failed_cell}: {run.error}"
    executed = nbformat.read(str(tmp_path / path.name), as_version=4)
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected, "papermill injected the parameters"
    for name in params:
        assert name in injected[0].source
    # Exercises check the student's own data: with other data they must still say ✓.
    verdicts = [o.text for c in executed.cells if c.cell_type == "code" for o in c.outputs
                if o.output_type == "stream" and ("✓" in o.text or "✗" in o.text)]
    assert verdicts and all("✓" in v for v in verdicts), verdicts


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebook_gives_the_report_index_its_headline_figures(path):
    from crmlab.notebook import HEADLINE_MIME
    from crmlab.report import read_headline

    nb = nbformat.read(str(path), as_version=4)
    figures = read_headline(nb)
    assert figures, f"{path.name}: call crmlab.notebook.headline(...) once near the end (the report index shows it)"
    assert sum(HEADLINE_MIME in o.get("data", {}) for c in nb.cells if c.cell_type == "code"
               for o in c.outputs) == 1, "exactly one headline per chapter"


def _code_of(path: Path) -> list[str]:
    return [c.source for c in nbformat.read(str(path), as_version=4).cells if c.cell_type == "code"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_chapter_imports_only_what_a_chapter_may(path):
    """A chapter imports crmlab's public modules (crmlab.notebook for setup and headline), never a private one."""
    import ast

    for source in _code_of(path):
        for node in ast.walk(ast.parse(source)):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                parts = name.split(".")
                assert not any(p.startswith("_") for p in parts), f"{path.name} imports private {name}"
                assert parts[:2] != ["crmlab", "report"], f"{path.name} imports {name}: use crmlab.notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_chapter_declares_the_data_kind_its_setup_reads(path):
    """The runner reads the declaration (notebook metadata from the source header); the Setup cell must agree."""
    import ast

    from crmlab.report import data_kind

    source = ROOT / "notebooks" / "src" / f"{path.stem}.py"
    header = build_notebooks.parse_header(source.read_text(encoding="utf-8"))
    assert nbformat.read(str(path), as_version=4).metadata.get("crmlab", {}) == {**header,
                                                                                 "edition": path.parent.name}
    calls = [node for code in _code_of(path) for node in ast.walk(ast.parse(code))
             if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "setup"]
    assert len(calls) == 1, f"{path.name}: one setup(...) call loads the data"
    kinds = [k.value.value for k in calls[0].keywords if k.arg == "kind"]
    assert data_kind(path) == (kinds[0] if kinds else "transactions")
