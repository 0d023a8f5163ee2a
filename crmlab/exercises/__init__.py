"""Self-checking exercises: ``check("rfm.1", answer)`` prints ✓ or a hint, never the answer.

Course concept: practice with immediate feedback. The expected answer is computed from the
student's own data when the exercise needs it (``check("rfm.1", answer, data=tx)``), so each
student can get a different data set (``make_transactions(seed=<student number>)``).

- :mod:`~crmlab.exercises.registry` — one definition per exercise; the chapter banks
  (``crmlab/exercises/banks/<chapter>.py``) are listed in :data:`~crmlab.exercises.registry.BANKS`;
- :mod:`~crmlab.exercises.checking` — :func:`check` and comparing an answer with the expected one;
- :mod:`~crmlab.exercises.strip` — student versions of a chapter (solutions emptied).
"""

from __future__ import annotations

from ..errors import DataError
from .checking import answers_match, check
from .registry import BANKS, Exercise, exercise, registered
from .strip import SOLUTION_TAG, strip_solutions, student_version

__all__ = ["check", "exercise", "Exercise", "registered", "answers_match", "strip_solutions", "student_version",
           "SOLUTION_TAG", "BANKS", "DataError"]
