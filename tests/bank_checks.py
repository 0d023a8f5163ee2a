"""Checks shared by the exercise-bank tests (``tests/test_bank_*.py``).

Each bank's test file computes the right and the wrong answers by hand (the independent truth) and
hands them to these functions, which check what every bank promises: a planted wrong answer gets its
misconception's message in both languages and never shows the answer, a wrong option of a choice
question says why, a decide question is recorded for the instructor, and a bank is complete.

Import them as the other test modules import siblings: ``from bank_checks import assert_misconception``.
"""

from __future__ import annotations

import numbers

from crmlab.exercises import card_text, check, diagnose, registered
from crmlab.exercises.registry import KINDS, get

#: The feedback's first words in each language.
NOT_YET = {"en": "not yet. ", "zh": "还不对。"}
#: What ``diagnose`` says of a decide question, in each language.
RECORDED = {"en": "recorded for your instructor (marked with a rubric)", "zh": "已记录，由老师按评分标准批改"}
#: How the right answer could be written in a message: as Python prints it, and rounded.
ANSWER_FORMATS = ("{}", "{:.2f}", "{:.3f}")


def assert_misconception(exercise_id, answer, key, *, formats=ANSWER_FORMATS, **context):
    """Assert that a planted wrong answer gets the message of misconception ``key``, in both languages.

    Parameters
    ----------
    exercise_id : str
        The exercise, e.g. ``"rfm.1"``.
    answer : object
        The wrong answer, computed by hand in the calling test.
    key : str
        The misconception that must explain it.
    formats : tuple of str
        How the right answer must not appear in the feedback (``str.format`` patterns; the rounded
        ones apply to numbers only).
    **context
        The exercise's inputs (``data=tx``, ``margin=…``), passed to ``diagnose`` and the solver.

    Returns
    -------
    str
        The English feedback, for further checks by the caller.
    """
    ok, feedback, found = diagnose(exercise_id, answer, **context)
    assert not ok and found == key, (exercise_id, answer, found, feedback)
    message = next(m for m in get(exercise_id).misconceptions if m.key == key).message
    assert feedback == f"{NOT_YET['en']}{message['en']}"
    zh = diagnose(exercise_id, answer, lang="zh", **context)
    assert zh == (False, f"{NOT_YET['zh']}{message['zh']}", key), zh
    expected = get(exercise_id).solve(**context)
    for pattern in formats:
        if pattern == "{}" or isinstance(expected, numbers.Real):
            shown = pattern.format(expected)
            assert shown not in feedback and shown not in zh[1], f"{exercise_id}: never the answer ({shown})"
    return feedback


def assert_option(exercise_id, key, expected_right, *, langs=("en", "zh"), **context):
    """Assert that option ``key`` is accepted if it is ``expected_right``, else that it gets its ``why``.

    Parameters
    ----------
    exercise_id : str
        A choice question (interpret or concept).
    key : str
        The option chosen.
    expected_right : str
        The right option (worked out by hand for a question whose answer follows the data).
    langs : tuple of str
        The languages whose feedback must be ``NOT_YET[lang]`` followed by the option's ``why``.
    **context
        The exercise's inputs, passed to ``diagnose``.
    """
    ok, feedback, found = diagnose(exercise_id, key, **context)
    if key == expected_right:
        assert ok, (exercise_id, key, feedback)
        return
    why = get(exercise_id).options[key].why
    for lang in langs:
        ok, feedback, found = diagnose(exercise_id, key, lang=lang, **context)
        assert not ok and found == f"option:{key}", (exercise_id, key, lang, found)
        assert feedback == f"{NOT_YET[lang]}{why[lang]}", (exercise_id, key, lang, feedback)


def assert_choice_question(exercise_id, right, *, not_an_option="e", right_without_why=True, **context):
    """Assert every option of a choice question (:func:`assert_option`) and that a non-option is named so.

    Parameters
    ----------
    exercise_id : str
        A choice question with a fixed (or, with ``context``, the data's) right option.
    right : str
        The right option.
    not_an_option : str
        A key that is not an option; its feedback must be keyed ``"no_option"``.
    right_without_why : bool
        Also require that the right option has no ``why`` (it explains no misconception).
    **context
        The exercise's inputs, passed to ``diagnose``.
    """
    options = get(exercise_id).options
    assert right in options and not_an_option not in options
    if right_without_why:
        assert not options[right].why, f"{exercise_id}: the right option needs no misconception"
    for key in options:
        assert_option(exercise_id, key, right, **context)
    assert diagnose(exercise_id, not_an_option, **context)[2] == "no_option"


def assert_recorded(exercise_id, capsys, choice="a", **context):
    """Assert that a decide question is recorded for the instructor, not marked, in both languages.

    Parameters
    ----------
    exercise_id : str
        A decide question.
    capsys : pytest.CaptureFixture
        The calling test's ``capsys``, to read what ``check`` prints.
    choice : str
        The option passed to ``check``.
    **context
        The exercise's inputs, passed to ``diagnose`` and ``check``.
    """
    for key in get(exercise_id).options:
        for lang in ("en", "zh"):
            assert diagnose(exercise_id, key, lang=lang, **context) == (False, RECORDED[lang], None), (key, lang)
    capsys.readouterr()
    check(exercise_id, choice, lang="zh", **context)
    out = capsys.readouterr().out
    assert out.startswith(f"· {exercise_id}: 已记录") and "✓" not in out and "✗" not in out, out


def assert_bank_complete(prefix, ids=None, *, min_misconceptions=4, exact_whys=False):
    """Assert that bank ``prefix`` has every kind, both languages, rubrics and explained wrong answers.

    Parameters
    ----------
    prefix : str
        The bank's id prefix, e.g. ``"rfm"``.
    ids : list of str, optional
        The exercise ids the bank must register, exactly; ``None`` takes the registered ones.
    min_misconceptions : int
        How many misconceptions each compute exercise lists at least.
    exact_whys : bool
        Every choice question has exactly one option without a ``why`` (the right one); by default a
        question whose right option follows the data may explain every option.

    Returns
    -------
    list of str
        The bank's exercise ids.
    """
    found = [i for i in registered() if i.startswith(f"{prefix}.")]
    if ids is not None:
        assert found == sorted(ids)
    ids = found
    assert {get(i).kind for i in ids} == set(KINDS) and len(ids) >= 6
    for exercise_id in ids:
        ex = get(exercise_id)
        assert ex.statement["en"] and ex.statement["zh"] and ex.hint and ex.hint_zh, exercise_id
        assert card_text(exercise_id, lang="zh").startswith(f"**{exercise_id}** · ")
        if ex.kind == "compute":
            assert len(ex.misconceptions) >= min_misconceptions, exercise_id
            for m in ex.misconceptions:
                assert m.message["en"] and m.message["zh"], (exercise_id, m.key)
        elif ex.kind == "decide":
            assert ex.rubric["en"] and ex.rubric["zh"], exercise_id
            assert ex.model_answer["en"] and ex.model_answer["zh"] and not ex.auto_graded, exercise_id
        else:
            wrong = [k for k, o in ex.options.items() if o.why]
            assert all(o.why["en"] and o.why["zh"] for o in ex.options.values() if o.why), exercise_id
            if exact_whys:
                assert len(wrong) == len(ex.options) - 1, f"{exercise_id}: every wrong option says why"
            else:
                assert len(wrong) >= len(ex.options) - 1, f"{exercise_id}: every wrong option says why"
    return ids
