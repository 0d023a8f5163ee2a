"""Build crmlab/notebooks/NN_*.ipynb from their reviewable sources notebooks/src/NN_*.py, and execute them.

The sources use the "percent" format: ``# %%`` starts a code cell, ``# %% [markdown]`` a markdown
cell (each line prefixed with ``# ``), and ``tags=["parameters"]`` after the marker sets cell tags.
The executed notebook is stored with its outputs (students read them rendered; nbval compares
them), with deterministic cell ids and no timing metadata.

Usage: python tools/build_notebooks.py [notebooks/src/02_rfm_segmentation.py ...]
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
_MARKER = re.compile(r"^# %%(?P<md> \[markdown\])?(?: tags=(?P<tags>\[.*\]))?\s*$")


def parse_source(text: str) -> list[dict]:
    """Split percent-format text into cells: dicts with type, source and tags."""
    cells: list[dict] = []
    current = None
    for line in text.splitlines():
        match = _MARKER.match(line)
        if match:
            current = {"type": "markdown" if match.group("md") else "code",
                       "tags": json.loads(match.group("tags")) if match.group("tags") else [],
                       "lines": []}
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


def build(source: Path, execute: bool = True) -> Path:
    text = source.read_text(encoding="utf-8")
    nb = to_notebook(parse_source(text))
    header = parse_header(text)
    if header:
        nb["metadata"]["crmlab"] = header
    if execute:
        with inline_figures():
            NotebookClient(nb, timeout=1200, kernel_name="python3",
                           resources={"metadata": {"path": str(OUT)}}).execute()
    clean_metadata(nb)
    target = OUT / (source.stem + ".ipynb")
    tmp = target.with_suffix(".ipynb.tmp")
    nbformat.write(nb, str(tmp))
    tmp.replace(target)
    return target


def main(argv: list[str]) -> int:
    sources = [Path(a).resolve() for a in argv] or sorted(SRC.glob("[0-9][0-9]_*.py"))
    for source in sources:
        print(f"building {source.name} …", flush=True)
        print(f"  wrote {build(source).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
