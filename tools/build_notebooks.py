"""Build both editions of each chapter, crmlab/notebooks/{en,zh}/NN_*.ipynb, from one source notebooks/src/NN_*.py.

The sources use the "percent" format: ``# %%`` starts a code cell, ``# %% [markdown]`` a markdown
cell (each line prefixed with ``# ``), and ``tags=["parameters"]`` after the marker sets cell tags.

**Two editions, one source.** Code cells are shared by both editions. A markdown cell marked
``# %% [markdown] lang=en`` goes only into the English edition, ``lang=zh`` only into the 中文
edition; an unmarked markdown cell (a formula, a table) goes into both. The 中文 edition's
parameters cell differs from the English one only in its ``lang = "zh"`` default. Narrative that
states a result is not written here at all: a code cell computes it (``crmlab.notebook.say``).

The executed notebooks are stored with their outputs (students read them rendered; nbval compares
them), with deterministic cell ids and no timing metadata.

Usage: python tools/build_notebooks.py [--lang en|zh] [notebooks/src/02_rfm_segmentation.py ...]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from crmlab.report import inline_figures

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "notebooks" / "src"
OUT = ROOT / "crmlab" / "notebooks"
EDITIONS = ("en", "zh")
_MARKER = re.compile(r"^# %%(?P<md> \[markdown\])?(?: lang=(?P<lang>[a-z]+))?(?: tags=(?P<tags>\[.*\]))?\s*$")
_LANG_DEFAULT = re.compile(r'^lang = "en"$', re.M)


def parse_cells(text: str) -> list[dict]:
    """Split percent-format text into cells: dicts with type, source, tags and lang (None = both editions)."""
    cells: list[dict] = []
    current = None
    for number, line in enumerate(text.splitlines(), 1):
        match = _MARKER.match(line)
        if match:
            lang = match.group("lang")
            if lang is not None and (lang not in EDITIONS or not match.group("md")):
                raise ValueError(f"line {number}: lang={lang} must mark a markdown cell, with one of {EDITIONS}")
            current = {"type": "markdown" if match.group("md") else "code",
                       "tags": json.loads(match.group("tags")) if match.group("tags") else [],
                       "lang": lang, "lines": []}
            cells.append(current)
            continue
        if current is None:
            continue  # a module docstring or blank lines before the first cell
        if current["type"] == "markdown":
            line = line[2:] if line.startswith("# ") else line.lstrip("#")
        current["lines"].append(line)
    for cell in cells:
        lines = cell.pop("lines")
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
        cell["source"] = "\n".join(lines)
    return cells


def parse_source(text: str, lang: str = "en") -> list[dict]:
    """The cells of one edition: shared cells, the markdown marked ``lang``, and its ``lang`` default."""
    if lang not in EDITIONS:
        raise ValueError(f"lang={lang!r} is not one of {EDITIONS}")
    cells = [dict(c) for c in parse_cells(text) if c["lang"] in (None, lang)]
    for cell in cells:
        if "parameters" in cell["tags"]:
            if len(_LANG_DEFAULT.findall(cell["source"])) != 1:
                raise ValueError('the parameters cell must set `lang = "en"` exactly once')
            cell["source"] = _LANG_DEFAULT.sub(f'lang = "{lang}"', cell["source"])
    return cells


def to_notebook(cells: list[dict]) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    for i, cell in enumerate(cells):
        make = nbformat.v4.new_markdown_cell if cell["type"] == "markdown" else nbformat.v4.new_code_cell
        node = make(cell["source"])
        node["id"] = f"cell-{i:02d}"
        if cell["tags"]:
            node["metadata"]["tags"] = cell["tags"]
        cells_list = nb["cells"]
        cells_list.append(node)
    nb["metadata"] = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    return nb


def clean_metadata(nb: nbformat.NotebookNode) -> None:
    for cell in nb["cells"]:
        cell["metadata"].pop("execution", None)
    nb["metadata"]["language_info"] = {"name": "python"}
    nb["metadata"].pop("papermill", None)


_HEADER = re.compile(r"^# crmlab: (?P<meta>\{.*\})\s*$")


def parse_header(text: str) -> dict:
    """The notebook's ``crmlab`` metadata: a ``# crmlab: {...}`` JSON line before the first cell.

    It declares what the report runner must know before a kernel starts, e.g.
    ``# crmlab: {"data_kind": "survey"}`` (see :func:`crmlab.report.parameters.data_kind`).
    """
    for line in text.splitlines():
        if _MARKER.match(line):
            break
        match = _HEADER.match(line)
        if match:
            return json.loads(match.group("meta"))
    return {}


def build(source: Path, lang: str = "en", execute: bool = True) -> Path:
    text = source.read_text(encoding="utf-8")
    nb = to_notebook(parse_source(text, lang))
    header = parse_header(text)
    nb["metadata"]["crmlab"] = {**header, "edition": lang}
    folder = OUT / lang
    folder.mkdir(parents=True, exist_ok=True)
    if execute:
        with inline_figures():
            NotebookClient(nb, timeout=1200, kernel_name="python3",
                           resources={"metadata": {"path": str(folder)}}).execute()
    clean_metadata(nb)
    target = folder / (source.stem + ".ipynb")
    tmp = target.with_suffix(".ipynb.tmp")
    nbformat.write(nb, str(tmp))
    tmp.replace(target)
    return target


def main(argv: list[str]) -> int:
    langs = list(EDITIONS)
    if argv[:1] == ["--lang"]:
        langs, argv = [argv[1]], argv[2:]
    sources = [Path(a).resolve() for a in argv] or sorted(SRC.glob("[0-9][0-9]_*.py"))
    for source in sources:
        for lang in langs:
            print(f"building {source.name} ({lang}) …", flush=True)
            print(f"  wrote {build(source, lang).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
