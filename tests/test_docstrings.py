"""Every public chapter function documents its ``ax``, ``lang``, ``seed`` and its ``customer``/``date``/``amount``
column keywords (issue 13).

The shared fragments of :mod:`crmlab._docstrings` make this cheap; the test makes a new function
that skips them fail, and checks that no ``{marker}`` line is left unfilled.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest

import crmlab.loyalty
from crmlab._docstrings import FRAGMENTS, fill_doc

MODULES = ["crmlab.value", "crmlab.clv", "crmlab.rfm", "crmlab.basket", "crmlab.satisfaction",
           "crmlab.lifecycle", "crmlab.overview", "crmlab.profitability", "crmlab.datasets.generators"]
MODULES += sorted(f"crmlab.loyalty.{m.name}" for m in pkgutil.iter_modules(crmlab.loyalty.__path__))
CHECKED = ("ax", "lang", "seed", "customer", "date", "amount")


def _public_functions():
    out = {}
    for name in MODULES:
        module = importlib.import_module(name)
        for attr, obj in vars(module).items():
            if not attr.startswith("_") and inspect.isfunction(obj) and obj.__module__ == name:
                out[f"{name.removeprefix('crmlab.')}.{attr}"] = obj
    return out


FUNCTIONS = _public_functions()


def _parameters_section(doc: str) -> str:
    """The text of the numpydoc Parameters section ('' when there is none)."""
    doc = inspect.cleandoc(doc)
    match = re.search(r"^Parameters\n-+\n(.*?)(?=^\S[^\n]*\n-{3,}$|\Z)", doc, re.M | re.S)
    return match.group(1) if match else ""


def _documented(section: str) -> set[str]:
    """Names with an entry in a Parameters section (``a, b : str`` documents both)."""
    names = set()
    for line in section.split("\n"):
        if line and not line[0].isspace() and " : " in line:
            names.update(n.strip() for n in line.split(" : ")[0].split(","))
    return names


def test_the_modules_are_found():
    # The introspection below would pass vacuously if it found nothing.
    with_ax = [n for n, f in FUNCTIONS.items() if "ax" in inspect.signature(f).parameters]
    assert len(with_ax) >= 20 and any(n.startswith("loyalty.") for n in with_ax)


def test_parameters_parser_on_a_hand_written_docstring():
    doc = """Title.

    Parameters
    ----------
    data : DataFrame
        Rows.
    customer, date : str
        Columns.
    {ax}

    Returns
    -------
    ax : Axes
    """
    assert _documented(_parameters_section(fill_doc(lambda: None).__doc__ or "")) == set()

    def f():
        pass

    f.__doc__ = doc
    assert _documented(_parameters_section(fill_doc(f).__doc__)) == {"data", "customer", "date", "ax"}


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_no_unfilled_marker(name):
    doc = FUNCTIONS[name].__doc__ or ""
    leftover = [line for line in doc.split("\n") if line.strip() in {f"{{{k}}}" for k in FRAGMENTS}]
    assert not leftover, f"{name}: unfilled docstring markers {leftover} (decorate with crmlab._docstrings.fill_doc)"


@pytest.mark.parametrize("name", sorted(n for n, f in FUNCTIONS.items()
                                        if set(CHECKED) & set(inspect.signature(f).parameters)))
def test_ax_lang_seed_and_column_keywords_are_documented(name):
    func = FUNCTIONS[name]
    wanted = set(CHECKED) & set(inspect.signature(func).parameters)
    missing = wanted - _documented(_parameters_section(func.__doc__ or ""))
    assert not missing, (f"{name} does not document {sorted(missing)} in its Parameters section "
                         f"(use @fill_doc and a {{{sorted(missing)[0]}}} line, or its own entry)")
