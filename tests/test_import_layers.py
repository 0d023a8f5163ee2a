"""The import graph of crmlab: no upward import, and no module importing another module's private name.

Layers, bottom to top (a module may import from its own layer and the ones below):

0. foundations — ``errors``, ``schema``, ``_text``, ``_files`` and the small shared helpers
   (``_ids``, ``_dates``, ``labels``, ``glossary``, ``_fonts``, ``_plotting``, ``_validate``, ``_occasions``,
   ``_docstrings``, ``_outputs``, ``_deprecate``);
1. data in — ``io``, ``survey`` (its reader), ``datasets``;
2. chapters — ``value``, ``clv``, ``rfm``, ``basket``, ``satisfaction``, ``loyalty``, ``lifecycle``,
   ``overview``;
3. what people use — ``notebook``, ``report``, ``exercises`` (with its banks), ``cli``,
   and the package face ``crmlab/__init__.py``.

A private name (leading underscore) is its module's own business: what two modules share moves down
to a shared module under a public name. Importing a private *module* (``from . import _outputs``,
``from .._files import write_atomic``) is how shared modules are used and is allowed; reaching
into a module for its private name (``from .loyalty import _as_dates``, ``satisfaction._check_cut``)
is not. Lazy imports inside functions count as well.
"""

from __future__ import annotations

import ast
from pathlib import Path

import crmlab

PACKAGE = Path(crmlab.__file__).resolve().parent

LAYERS = {
    0: {"errors", "schema", "_text", "_files", "_ids", "_dates", "labels", "glossary", "_fonts", "_plotting",
        "_validate", "_occasions", "_docstrings", "_outputs", "_deprecate"},
    1: {"io", "survey", "datasets"},
    2: {"value", "clv", "rfm", "basket", "satisfaction", "loyalty", "lifecycle", "overview", "profitability"},
    3: {"notebook", "report", "exercises", "cli", "__init__", "_parameters"},
}

# Known violations: none since the renovation merged. An entry (importing module, imported module, name
# or "<upward>") may only be added with a reason; the test fails when one is no longer needed.
ALLOWED: set[tuple[str, str, str]] = set()


def _layer(module: str) -> int:
    top = module.split(".")[1] if module.count(".") else "__init__"
    for layer, names in LAYERS.items():
        if top in names:
            return layer
    raise AssertionError(f"{module}: put crmlab/{top} in a layer of tests/test_import_layers.py")


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        yield ".".join(parts), path, is_package


def _is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _imports(module: str, path: Path, is_package: bool):
    """(imported module, private name or None) for every crmlab import, and private attributes of modules."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases: dict[str, str] = {}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "crmlab":
                    found.append((alias.name, None))
                    aliases[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else "crmlab"
        elif isinstance(node, ast.ImportFrom):
            source = _resolve(module, is_package, node)
            if source.split(".")[0] != "crmlab":
                continue
            for alias in node.names:
                full = f"{source}.{alias.name}"
                if _is_module(full):
                    found.append((full, None))
                    aliases[alias.asname or alias.name] = full
                else:
                    found.append((source, alias.name if _private(alias.name) else None))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
            target = aliases[node.value.id]
            if _private(node.attr) and not _is_module(f"{target}.{node.attr}"):
                found.append((target, node.attr))
    return found


def _violations() -> set[tuple[str, str, str]]:
    bad = set()
    for module, path, is_package in _modules():
        for imported, private in _imports(module, path, is_package):
            if imported == "crmlab" or imported == module:
                continue
            if private is not None:
                bad.add((module, imported, private))
            if _layer(imported) > _layer(module):
                bad.add((module, imported, "<upward>"))
    return bad


def test_no_upward_import_and_no_private_name_across_modules():
    found = _violations()
    new = sorted(found - ALLOWED)
    assert not new, "import-layer violations (see the layers in this file's docstring):\n" + "\n".join(
        f"  {m} imports {n!r} from {i}" if n != "<upward>" else f"  {m} imports {i}, a higher layer"
        for m, i, n in new)
    gone = sorted(ALLOWED - found)
    assert not gone, f"fixed: remove these entries from ALLOWED: {gone}"


def test_the_checker_sees_a_private_import_an_attribute_and_an_upward_import(tmp_path, monkeypatch):
    """The AST check itself, on a tiny made-up package laid out like crmlab."""
    fake = tmp_path / "crmlab"
    (fake / "report").mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "errors.py").write_text("from .report import runner\n")  # upward, module import
    (fake / "rfm.py").write_text("def _helper():\n    pass\n")
    (fake / "value.py").write_text("from .rfm import _helper\nfrom . import rfm\nrfm._helper()\n")
    (fake / "report" / "__init__.py").write_text("")
    (fake / "report" / "runner.py").write_text("from .. import _files\nfrom .._files import write\n")
    (fake / "_files.py").write_text("def write():\n    pass\n")
    globals_ = globals()
    monkeypatch.setitem(globals_, "PACKAGE", fake)
    assert _violations() == {("crmlab.errors", "crmlab.report.runner", "<upward>"),
                             ("crmlab.value", "crmlab.rfm", "_helper")}
