"""Checking a student's answer (:func:`check`): equal up to form (Series or list) and rounding; ✓ or a hint, never the answer.

The module is not named ``check`` so that ``crmlab.exercises.check`` stays the function.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .registry import get

__all__ = ["check", "diagnose", "answers_match"]


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


_VERDICT = {"en": ("correct", "not yet.", "Hint:", "recorded for your instructor (marked with a rubric)",
                   "choose one of"),
            "zh": ("正确", "还不对。", "提示：", "已记录，由老师按评分标准批改", "请从以下选项中选择")}


def diagnose(exercise_id: str, answer, *, lang: str = "en", **context) -> tuple[bool, str, str | None]:
    """Mark ``answer``: ``(correct, feedback, misconception key)``, the feedback in ``lang``.

    The feedback of a wrong answer names the mistake when a known misconception explains it (the
    wrong option of a choice question, or a :class:`~crmlab.exercises.registry.Misconception`
    whose wrong answer equals this one), else gives the exercise's general hint; never the answer.
    ``decide`` questions are recorded, not marked (the instructor marks them with the rubric).
    """
    from ..labels import check_lang

    check_lang(lang)
    ex = get(exercise_id)
    right, wrong, hint, recorded, choose = _VERDICT[lang]
    sep = "" if lang == "zh" else " "  # Chinese runs on after full-width punctuation

    def joined(*parts):
        return sep.join(parts)
    if ex.kind == "decide":
        return False, recorded, None
    if ex.options:
        key = str(answer).strip().casefold() if answer is not None and answer is not ... else None
        keys = {k.casefold(): k for k in ex.options}
        if key not in keys:
            return False, joined(wrong, f"{choose} {', '.join(ex.options)}."), "no_option"
        expected = str(ex.solve(**context))
        if keys[key] == expected:
            return True, right, None
        why = ex.options[keys[key]].why.get(lang)
        return False, joined(wrong, why) if why else joined(wrong, hint, ex.hint_in(lang)), f"option:{keys[key]}"
    expected = ex.solve(**context)
    if answer is not ... and answers_match(answer, expected, rel_tol=ex.rel_tol, abs_tol=ex.abs_tol,
                                           ordered=ex.ordered):
        return True, right, None
    if answer is not ... and answer is not None:
        for m in ex.misconceptions:
            try:
                wrong_answer = m.wrong(expected=expected, **context)
            except Exception:  # noqa: BLE001 - a misconception that cannot apply to this data is skipped
                continue
            same = answers_match(wrong_answer, expected, rel_tol=ex.rel_tol, abs_tol=ex.abs_tol, ordered=ex.ordered)
            if not same and answers_match(answer, wrong_answer, rel_tol=ex.rel_tol, abs_tol=ex.abs_tol,
                                          ordered=ex.ordered):
                return False, joined(wrong, m.message[lang]), m.key
    return False, joined(wrong, hint, ex.hint_in(lang)), None


def check(exercise_id: str, answer, *, lang: str = "en", **context) -> None:
    """Print ✓ when ``answer`` is right, otherwise what the mistake is, or the exercise's hint (never the answer).

    Parameters
    ----------
    exercise_id : str
        e.g. ``"rfm.1"``; :func:`registered` lists them.
    answer : object
        A number, string, list, Series … — equivalent forms and rounding are accepted. For a choice
        question, the option key (``"b"``).
    lang : {"en", "zh"}
        Language of the verdict and the feedback.
    **context
        What the solver needs to compute the expected answer from the student's own data,
        usually ``data=`` (the transactions frame).
    """
    correct, feedback, _ = diagnose(exercise_id, answer, lang=lang, **context)
    mark = "✓" if correct else ("·" if get(exercise_id).kind == "decide" else "✗")
    print(f"{mark} {exercise_id}: {feedback}")
