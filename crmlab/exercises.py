"""Self-checking exercises: ``check("rfm.1", answer)`` prints ✓ or a hint, never the answer.

Course concept: practice with immediate feedback. The expected answer is computed from the
student's own data when the exercise needs it (``check("rfm.1", answer, data=tx)``), so each
student can get a different data set (``make_transactions(seed=<student number>)``).

Chapters register their exercises in ``crmlab/_exercises_<chapter>.py`` modules with
:func:`exercise`; they are imported on first use.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import DataError

__all__ = ["check", "exercise", "Exercise", "registered", "answers_match"]


@dataclass(frozen=True)
class Exercise:
    """One exercise: how to get the expected answer, and what to tell a student who is off."""

    exercise_id: str
    solve: Callable[..., object]
    hint: str
    rel_tol: float = 1e-3
    abs_tol: float = 1e-6
    ordered: bool = True


_REGISTRY: dict[str, Exercise] = {}
_LOADED = False


def exercise(exercise_id: str, *, hint: str, rel_tol: float = 1e-3, abs_tol: float = 1e-6,
             ordered: bool = True):
    """Register the decorated function as the solver of ``exercise_id``.

    The solver receives the keyword arguments given to :func:`check` (e.g. ``data=``) and returns
    the expected answer. ``ordered=False`` compares collections as sets.
    """
    def decorate(solve):
        _REGISTRY[exercise_id] = Exercise(exercise_id, solve, hint, rel_tol, abs_tol, ordered)
        return solve
    return decorate


def _load_all() -> None:
    global _LOADED
    if _LOADED:
        return
    import crmlab

    for info in pkgutil.iter_modules(crmlab.__path__):
        if info.name.startswith("_exercises_"):
            importlib.import_module(f"crmlab.{info.name}")
    _LOADED = True


def registered() -> list[str]:
    """The ids of all registered exercises, sorted."""
    _load_all()
    return sorted(_REGISTRY)


def _normalise(value):
    """Turn Series, arrays, Index, tuples and sets into plain Python lists or scalars."""
    if isinstance(value, pd.DataFrame):
        return [_normalise(row) for row in value.to_numpy().tolist()]
    if isinstance(value, (pd.Series, pd.Index, np.ndarray)):
        return [_normalise(v) for v in np.asarray(value).tolist()]
    if isinstance(value, (list, tuple)):
        return [_normalise(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_normalise(v) for v in value), key=repr)
    if isinstance(value, np.generic):
        return value.item()
    return value


def answers_match(answer, expected, *, rel_tol: float = 1e-3, abs_tol: float = 1e-6,
                  ordered: bool = True) -> bool:
    """Whether ``answer`` equals ``expected`` up to form (Series vs list) and rounding.

    Integer expectations (counts) must match exactly; floats within ``rel_tol``/``abs_tol``.

    Examples
    --------
    >>> answers_match(pd.Series([1.0, 2.0]), [1, 2.0004])
    True
    >>> answers_match("Champions", "champions ")
    True
    >>> answers_match(0.25, 0.3)
    False
    """
    a, e = _normalise(answer), _normalise(expected)
    if isinstance(e, list) or isinstance(a, list):
        if not (isinstance(a, list) and isinstance(e, list)) or len(a) != len(e):
            return False
        if not ordered:
            a, e = sorted(a, key=repr), sorted(e, key=repr)
        return all(answers_match(x, y, rel_tol=rel_tol, abs_tol=abs_tol, ordered=ordered) for x, y in zip(a, e))
    if isinstance(e, bool) or isinstance(a, bool):
        return bool(a) == bool(e) and type(a) is type(e)
    if isinstance(e, int) and isinstance(a, (int, float)):
        return a == e  # counts are exact
    if isinstance(e, (int, float)) and isinstance(a, (int, float)):
        if math.isnan(e) or math.isnan(a):
            return math.isnan(e) and math.isnan(a)
        return math.isclose(a, e, rel_tol=rel_tol, abs_tol=abs_tol)
    if isinstance(e, str) and isinstance(a, str):
        return a.strip().casefold() == e.strip().casefold()
    return a == e


def check(exercise_id: str, answer, **context) -> None:
    """Print ✓ when ``answer`` is right, otherwise the exercise's hint (never the answer).

    Parameters
    ----------
    exercise_id : str
        e.g. ``"rfm.1"``; :func:`registered` lists them.
    answer : object
        A number, string, list, Series … — equivalent forms and rounding are accepted.
    **context
        What the solver needs to compute the expected answer from the student's own data,
        usually ``data=`` (the transactions frame).
    """
    _load_all()
    if exercise_id not in _REGISTRY:
        raise KeyError(f"unknown exercise {exercise_id!r}; known: {', '.join(registered())}")
    ex = _REGISTRY[exercise_id]
    expected = ex.solve(**context)
    if answers_match(answer, expected, rel_tol=ex.rel_tol, abs_tol=ex.abs_tol, ordered=ex.ordered):
        print(f"✓ {exercise_id}: correct")
    else:
        print(f"✗ {exercise_id}: not yet. Hint: {ex.hint}")


SOLUTION_TAG = "solution"
_PLACEHOLDER = "# Your answer here: replace ... and run the check below.\n"


def strip_solutions(notebook, output=None):
    """Write a student version of ``notebook``: cells tagged ``solution`` lose code and outputs.

    The first line of each solution cell that assigns ``answer = ...`` is kept with its right-hand
    side replaced by ``...`` so the following ``check`` cell still reads naturally.

    Returns
    -------
    pathlib.Path
        The student notebook (default ``students/<name>_student.ipynb`` in the current folder).

    Raises
    ------
    DataError
        If the target exists with other content: a copy a student or instructor changed is never
        overwritten.
    """
    import re
    from pathlib import Path

    import nbformat

    source = Path(notebook)
    nb = nbformat.read(str(source), as_version=4)
    stripped = 0
    for cell in nb.cells:
        if SOLUTION_TAG in cell.get("metadata", {}).get("tags", []):
            names = re.findall(r"^(\w+)\s*=", cell.source, flags=re.M)
            stubs = "".join(f"{name} = ...\n" for name in dict.fromkeys(names))
            cell.source = _PLACEHOLDER + stubs
            if cell.cell_type == "code":
                cell.outputs = []
                cell.execution_count = None
            cell.metadata["tags"] = [t for t in cell.metadata["tags"] if t != SOLUTION_TAG] + ["exercise"]
            stripped += 1
        elif cell.cell_type == "code":
            # A check's printed verdict would give the answer away.
            if "exercises.check" in cell.source or "check(" in cell.source:
                cell.outputs = []
                cell.execution_count = None
    # Default: a students/ folder in the current folder — never inside the installed package, and
    # never beside the chapters, so reports, nbval and ``crmlab run 02`` do not take it for a chapter.
    target = Path(output) if output else Path("students") / f"{source.stem}_student.ipynb"
    if target.resolve() == source.resolve():
        raise ValueError("the student version must not overwrite the original notebook.")
    data = nbformat.writes(nb).encode("utf-8")
    if target.exists() and target.read_bytes() != data:
        raise DataError(f"{str(target)!r} exists and differs from a fresh student copy (changed, or made from "
                        "another version): it is kept. Pass another output path, or move it away first.")
    from ._files import write_atomic

    write_atomic(target, data)
    return target
