"""The exercise registry: one definition per exercise id, from the banks listed in :data:`BANKS`.

A bank is one module per chapter (``crmlab/exercises/banks/<chapter>.py``) whose functions are
registered with :func:`exercise`. The banks are named here, not found by scanning file names, so
adding a chapter's exercises is one line in :data:`BANKS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Exercise", "exercise", "registered", "get", "BANKS"]

#: The exercise banks, one per chapter, in chapter order (modules of ``crmlab.exercises.banks``).
BANKS = (
    "crmlab.exercises.banks.start",
    "crmlab.exercises.banks.value",
    "crmlab.exercises.banks.rfm",
    "crmlab.exercises.banks.basket",
    "crmlab.exercises.banks.satisfaction",
    "crmlab.exercises.banks.loyalty",
    "crmlab.exercises.banks.lifecycle",
)


@dataclass(frozen=True)
class Exercise:
    """One exercise: how to get the expected answer, and what to tell a student who is off."""

    exercise_id: str
    solve: Callable[..., object]
    hint: str
    rel_tol: float = 1e-3
    abs_tol: float = 1e-6
    ordered: bool = True
    hint_zh: str = ""

    def hint_in(self, lang: str = "en") -> str:
        """The hint in ``lang`` (``"en"`` or ``"zh"``)."""
        return self.hint_zh if lang == "zh" and self.hint_zh else self.hint


_REGISTRY: dict[str, Exercise] = {}
_LOADED = False


def exercise(exercise_id: str, *, hint: str, hint_zh: str = "", rel_tol: float = 1e-3, abs_tol: float = 1e-6,
             ordered: bool = True):
    """Register the decorated function as the solver of ``exercise_id``.

    The solver receives the keyword arguments given to :func:`check` (e.g. ``data=``) and returns
    the expected answer. ``ordered=False`` compares collections as sets. ``hint`` and ``hint_zh``
    are the English and 中文 hints (both editions of a chapter check the same exercises).
    """
    def decorate(solve):
        _REGISTRY[exercise_id] = Exercise(exercise_id, solve, hint, rel_tol, abs_tol, ordered, hint_zh)
        return solve
    return decorate


def _load_banks() -> None:
    """Import every bank in :data:`BANKS` once (their decorators fill the registry)."""
    global _LOADED
    if _LOADED:
        return
    for bank in BANKS:
        importlib.import_module(bank)
    _LOADED = True


def registered() -> list[str]:
    """The ids of all registered exercises, sorted."""
    _load_banks()
    return sorted(_REGISTRY)


def get(exercise_id: str) -> Exercise:
    """The exercise registered as ``exercise_id``.

    Raises
    ------
    KeyError
        Unknown id; the message lists the known ones.
    """
    _load_banks()
    if exercise_id not in _REGISTRY:
        raise KeyError(f"unknown exercise {exercise_id!r}; known: {', '.join(registered())}")
    return _REGISTRY[exercise_id]
