"""The exercise registry: one definition per exercise id, from the banks listed in :data:`BANKS`.

A bank is one module per chapter (``crmlab/exercises/banks/<chapter>.py``) whose functions are
registered with :func:`exercise`. The banks are named here, not found by scanning file names, so
adding a chapter's exercises is one line in :data:`BANKS`. Instructors add their own banks from a
folder of theirs, without editing the installed package: :func:`load_folder`, or the
``CRMLAB_EXERCISES`` environment variable (folders separated by ``os.pathsep``), read on first use.

**The exercise format.** One definition drives the notebook self-check, the student copy and the
gradebook: the statement in both languages, how the answer is computed from the student's data
(the decorated solver), the tolerance, the common wrong answers with the misconception each reveals
(:class:`Misconception`), the points, and for choice questions the options, each wrong one with
the misconception it reflects (:class:`Option`). Four kinds (:data:`KINDS`): ``compute`` (a number
or a list from the student's own data), ``interpret`` (multiple choice on a result), ``decide``
(choose and justify; marked by the instructor with the rubric) and ``concept`` (判断题 / 选择题 on the
course's concepts).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Exercise", "Option", "Misconception", "exercise", "registered", "get", "load_folder", "BANKS",
           "KINDS"]

#: The kinds of exercise.
KINDS = ("compute", "interpret", "decide", "concept")


def _bilingual(value, what: str) -> dict[str, str]:
    """``{"en": …, "zh": …}`` from a mapping (both languages required) or ``None``/empty."""
    if not value:
        return {}
    if not isinstance(value, Mapping) or set(value) != {"en", "zh"} or not all(
            isinstance(v, str) and v.strip() for v in value.values()):
        raise ValueError(f"{what} must be {{'en': '…', 'zh': '…'}} with both texts, got {value!r}")
    return dict(value)


@dataclass(frozen=True)
class Option:
    """One option of a choice question: its text, and for a wrong option the misconception it reflects."""

    text: dict
    why: dict = field(default_factory=dict)

    def __post_init__(self):
        object.__setattr__(self, "text", _bilingual(self.text, "an option's text"))
        object.__setattr__(self, "why", _bilingual(self.why, "an option's why"))


@dataclass(frozen=True)
class Misconception:
    """A known wrong answer: how someone with this misconception gets it, and what to tell them.

    ``wrong`` is called like the solver, with the expected answer added as ``expected=``
    (``lambda expected, **_: expected * 100`` for "a percentage entered as a share"), and returns
    the answer that misconception produces. ``message`` names the mistake, never the answer.
    """

    key: str
    message: dict
    wrong: Callable[..., object]

    def __post_init__(self):
        object.__setattr__(self, "message", _bilingual(self.message, f"misconception {self.key!r} message"))

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
    kind: str = "compute"
    statement: dict = field(default_factory=dict)
    options: dict = field(default_factory=dict)
    misconceptions: tuple = ()
    points: float = 1.0
    rubric: dict = field(default_factory=dict)
    model_answer: dict = field(default_factory=dict)

    def hint_in(self, lang: str = "en") -> str:
        """The hint in ``lang`` (``"en"`` or ``"zh"``)."""
        return self.hint_zh if lang == "zh" and self.hint_zh else self.hint

    @property
    def auto_graded(self) -> bool:
        """Whether the kit marks it (``decide`` questions are marked by the instructor with the rubric)."""
        return self.kind != "decide"


_REGISTRY: dict[str, Exercise] = {}
_LOADED = False


def exercise(exercise_id: str, *, hint: str, hint_zh: str = "", rel_tol: float = 1e-3, abs_tol: float = 1e-6,
             ordered: bool = True, kind: str = "compute", statement: Mapping | None = None,
             options: Mapping | None = None, misconceptions=(), points: float = 1.0,
             rubric: Mapping | None = None, model_answer: Mapping | None = None):
    """Register the decorated function as the solver of ``exercise_id``.

    Parameters
    ----------
    exercise_id : str
        ``"<bank>.<n>"``, e.g. ``"rfm.1"``; unique across banks.
    hint, hint_zh : str
        The general hint in English and 中文, shown when no known misconception explains the answer.
    rel_tol, abs_tol : float
        Tolerance for numbers (integer expectations, i.e. counts, must match exactly).
    ordered : bool
        ``False`` compares collections as sets.
    kind : {"compute", "interpret", "decide", "concept"}
    statement : dict, optional
        ``{"en": …, "zh": …}`` Markdown: what the student is asked.
    options : dict, optional
        For choice kinds: option key (``"a"``, ``"true"`` …) → :class:`Option` or ``{"en", "zh"}``
        text; the solver returns the right key (it may depend on the student's data).
    misconceptions : sequence of Misconception
        Known wrong answers and what each reveals.
    points : float
        The exercise's weight in the gradebook.
    rubric, model_answer : dict, optional
        ``{"en", "zh"}`` texts for the instructor (``decide`` questions).

    Notes
    -----
    The solver receives the keyword arguments given to :func:`~crmlab.exercises.check` (e.g.
    ``data=``) and returns the expected answer.
    """
    if kind not in KINDS:
        raise ValueError(f"kind={kind!r} is not one of {KINDS}")
    opts = {str(k): v if isinstance(v, Option) else Option(text=v) for k, v in (options or {}).items()}
    if kind in ("interpret", "concept", "decide") and len(opts) < 2:
        raise ValueError(f"{exercise_id}: a {kind} question needs at least two options")

    def decorate(solve):
        if exercise_id in _REGISTRY and _REGISTRY[exercise_id].solve.__module__ != solve.__module__:
            raise ValueError(f"exercise {exercise_id!r} is defined twice "
                             f"({_REGISTRY[exercise_id].solve.__module__} and {solve.__module__})")
        _REGISTRY[exercise_id] = Exercise(
            exercise_id, solve, hint, rel_tol, abs_tol, ordered, hint_zh, kind=kind,
            statement=_bilingual(statement, f"{exercise_id} statement"), options=opts,
            misconceptions=tuple(misconceptions), points=float(points),
            rubric=_bilingual(rubric, f"{exercise_id} rubric"),
            model_answer=_bilingual(model_answer, f"{exercise_id} model answer"))
        return solve
    return decorate


def _load_banks() -> None:
    """Import every bank in :data:`BANKS` once (their decorators fill the registry), then ``CRMLAB_EXERCISES``."""
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    for bank in BANKS:
        importlib.import_module(bank)
    for folder in filter(None, os.environ.get("CRMLAB_EXERCISES", "").split(os.pathsep)):
        load_folder(folder)


def load_folder(folder: str | Path) -> list[str]:
    """Register an instructor's own exercises (every ``*.py`` file in ``folder`` is a bank) and data sets.

    The data sets are listed in ``folder/datasets.yaml`` (see
    :func:`crmlab.datasets.registry.register_folder`).

    A bank file uses the same decorator as the kit's banks::

        from crmlab.exercises import exercise

        @exercise("mycourse.1", hint="…", hint_zh="…", statement={"en": "…", "zh": "…"})
        def _solve(data):
            ...

    Returns
    -------
    list of str
        The ids the folder added.
    """
    _load_banks()
    before = set(_REGISTRY)
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise FileNotFoundError(f"exercise folder {str(folder)!r} does not exist")
    from ..datasets.registry import register_folder

    register_folder(folder)  # its datasets.yaml, if any: the banks may use those data sets
    for path in sorted(folder.glob("*.py")):
        name = f"crmlab_user_exercises.{path.stem}_{abs(hash(str(path.resolve()))):x}"
        if name in sys.modules:
            continue
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sorted(set(_REGISTRY) - before)


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
