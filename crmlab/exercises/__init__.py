"""Self-checking exercises: ``check("rfm.1", answer)`` prints ✓ or a hint, never the answer.

Course concept: practice with immediate feedback. The expected answer is computed from the
student's own data when the exercise needs it (``check("rfm.1", answer, data=tx)``), so each
student can get a different data set (``make_transactions(seed=<student number>)``).

- :mod:`~crmlab.exercises.registry` — one definition per exercise; the chapter banks
  (``crmlab/exercises/banks/<chapter>.py``) are listed in :data:`~crmlab.exercises.registry.BANKS`;
- :mod:`~crmlab.exercises.checking` — :func:`check` / :func:`diagnose` (✓, the misconception a wrong
  answer reveals, or the hint) and comparing an answer with the expected one;
- :mod:`~crmlab.exercises.cards` — :func:`show`, an exercise's statement in the chapter's language;
- :mod:`~crmlab.exercises.mistakes` — misconceptions many exercises share;
- :mod:`~crmlab.exercises.strip` — student versions of a chapter (solutions emptied).
"""

from __future__ import annotations

from ..errors import DataError
from .cards import card_text, show
from .checking import answers_match, check, diagnose
from .registry import BANKS, KINDS, Exercise, Misconception, Option, exercise, load_folder, registered
from .strip import SOLUTION_TAG, strip_solutions, student_version

__all__ = ["check", "diagnose", "show", "card_text", "exercise", "Exercise", "Option", "Misconception", "KINDS",
           "registered", "load_folder", "answers_match", "strip_solutions", "student_version", "SOLUTION_TAG",
           "BANKS", "DataError"]
