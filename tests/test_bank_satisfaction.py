"""Chapter 04's exercises (bank ``satisfaction``): the right answer on two seeds, and each misconception's own message.

The wrong answers are computed here by hand with pandas, independently of the bank's own
``Misconception.wrong`` functions, so a planted mistake is the mistake a student makes.
"""

from __future__ import annotations

import contextlib
import io

import pytest
from bank_checks import assert_bank_complete, assert_choice_question, assert_recorded
from bank_checks import assert_misconception as _wrong
from bank_checks import assert_option as _option

from crmlab.exercises import diagnose
from crmlab.exercises.registry import get
from crmlab.notebook import setup

SEEDS = (1, 2)
IDS = [f"satisfaction.{n}" for n in range(1, 12)]
ITEMS = ["satisfaction", "sat_expectation", "sat_ideal"]


@pytest.fixture(scope="module", params=SEEDS)
def survey(request):
    """A student's survey: the chapter's data set ``synthetic:<seed>``, read as the notebook reads it."""
    with contextlib.redirect_stdout(io.StringIO()):
        return setup(f"synthetic:{request.param}", {}, kind="survey", lang="en", scales=None, not_applicable=None)


def _nps(answers, promoter_from=9, detractor_to=6):
    """NPS by hand, in points: +1 for a promoter, −1 for a detractor, averaged, times 100."""
    answers = [a for a in answers if a == a]
    score = sum(1 if a >= promoter_from else -1 if a <= detractor_to else 0 for a in answers)
    return 100 * score / len(answers)


def _var(values):
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / (len(values) - 1)


def _alpha_parts(survey, items):
    rows = survey[items].dropna().to_numpy().tolist()
    item_var = sum(_var([r[i] for r in rows]) for i in range(len(items)))
    return len(items), item_var, _var([sum(r) for r in rows])


def test_the_bank_has_every_kind_and_both_languages():
    # In satisfaction.6 the right option depends on the data, so it may explain every option.
    assert_bank_complete("satisfaction", IDS, min_misconceptions=3)


def test_the_survey_is_the_students_own():
    with contextlib.redirect_stdout(io.StringIO()):
        a, b = (setup(f"synthetic:{s}", {}, kind="survey", lang="en", scales=None, not_applicable=None)
                for s in SEEDS)
    assert not a["recommend"].equals(b["recommend"])
    for exercise_id, context in [("satisfaction.1", {}), ("satisfaction.2", {}), ("satisfaction.4", {}),
                                 ("satisfaction.3", {"items": ITEMS})]:
        assert get(exercise_id).solve(data=a, **context) != get(exercise_id).solve(data=b, **context), exercise_id


# ---- compute ------------------------------------------------------------------------------------


def test_satisfaction_1_nps_of_the_completely_satisfied(survey):
    top = survey[survey["satisfaction"] == 5]  # the generated survey's satisfaction is on 1–5
    answers = top["recommend"].tolist()
    right = round(_nps(answers), 1)
    assert diagnose("satisfaction.1", right, data=survey)[0]
    assert diagnose("satisfaction.1", right, lang="zh", data=survey)[1] == "正确"
    _wrong("satisfaction.1", round(_nps(answers, promoter_from=7), 1), "passives_as_promoters", data=survey)
    _wrong("satisfaction.1", round(_nps(answers, detractor_to=8), 1), "passives_as_detractors", data=survey)
    _wrong("satisfaction.1", round(_nps(answers) / 100, 4), "nps_as_share", data=survey)
    _wrong("satisfaction.1", round(100 * sum(a >= 9 for a in answers) / len(answers), 1), "promoters_only",
           data=survey)
    _wrong("satisfaction.1", round(_nps(survey["recommend"].tolist()), 1), "all_respondents", data=survey)
    _wrong("satisfaction.1", round(_nps(survey.loc[survey["satisfaction"] >= 4, "recommend"].tolist()), 1),
           "top_two_box", data=survey)


def test_satisfaction_2_mercenaries_among_the_satisfied(survey):
    # The notebook's thresholds for the synthetic parameter set: satisfied at 5, loyal at 4 (1–5 scales).
    context = {"data": survey, "satisfied_at": 5, "loyal_at": 4}
    s, loyal = survey["satisfaction"], survey["repurchase_intent"]
    satisfied, mercenaries = (s >= 5).sum(), ((s >= 5) & (loyal < 4)).sum()
    right = round(100 * mercenaries / satisfied, 2)
    assert diagnose("satisfaction.2", right, **context)[0]
    _wrong("satisfaction.2", mercenaries / satisfied, "share_for_percent", **context)
    _wrong("satisfaction.2", round(100 * mercenaries / len(survey), 2), "share_of_all", **context)
    _wrong("satisfaction.2", round(100 * ((s >= 5) & (loyal >= 4)).sum() / satisfied, 2), "loyal_among_satisfied",
           **context)
    _wrong("satisfaction.2", round(100 * mercenaries / (loyal < 4).sum(), 2), "among_not_loyal", **context)
    # The default cut points (4 and 4 on 1–5) instead of the notebook's.
    default = round(100 * ((s >= 4) & (loyal < 4)).sum() / (s >= 4).sum(), 2)
    _wrong("satisfaction.2", default, "default_cuts", **context)
    assert diagnose("satisfaction.2", default, data=survey)[0], "with the default cut points it is the answer"


def test_satisfaction_3_alpha_without_the_first_item(survey):
    k, item_var, total_var = _alpha_parts(survey, ITEMS[1:])
    right = round(k / (k - 1) * (1 - item_var / total_var), 3)
    assert diagnose("satisfaction.3", right, data=survey, items=ITEMS)[0]
    kf, item_var_f, total_var_f = _alpha_parts(survey, ITEMS)
    _wrong("satisfaction.3", round(kf / (kf - 1) * (1 - item_var_f / total_var_f), 3), "full_scale",
           data=survey, items=ITEMS)
    _wrong("satisfaction.3", round(1 - item_var / total_var, 3), "no_k_factor", data=survey, items=ITEMS)
    _wrong("satisfaction.3", round(k / (k - 1) * item_var / total_var, 3), "one_minus_missing",
           data=survey, items=ITEMS)


def test_satisfaction_4_top_box_of_repurchase_intention(survey):
    answers = survey["repurchase_intent"].dropna().tolist()
    top = sum(a == 5 for a in answers)
    right = round(100 * top / len(answers), 2)
    assert diagnose("satisfaction.4", right, data=survey)[0]
    _wrong("satisfaction.4", top / len(answers), "share_for_percent", data=survey)
    mean = sum(answers) / len(answers)
    _wrong("satisfaction.4", round(mean, 2), "mean_for_top_box", data=survey)
    _wrong("satisfaction.4", round(100 * mean / 5, 2), "mean_as_percent", data=survey)
    _wrong("satisfaction.4", round(100 * sum(a >= 4 for a in answers) / len(answers), 2), "top_two_box",
           data=survey)
    _wrong("satisfaction.4", top, "count_for_percent", data=survey)


def test_satisfaction_4_on_a_0_to_10_scale():
    with contextlib.redirect_stdout(io.StringIO()):
        ecsi = setup("ecsi", {}, kind="survey", lang="en", scales=None, not_applicable=None)
    answers = ecsi["repurchase_intent"].dropna()
    assert diagnose("satisfaction.4", round(100 * (answers == 10).mean(), 2), data=ecsi)[0]
    _wrong("satisfaction.4", round(100 * answers.mean() / 10, 2), "mean_as_percent", data=ecsi)


def test_a_wrong_number_no_misconception_explains_gets_the_hint(survey):
    ok, feedback, found = diagnose("satisfaction.1", 12345.0, data=survey)
    assert not ok and found is None and feedback == f"not yet. Hint: {get('satisfaction.1').hint}"
    assert diagnose("satisfaction.1", 12345.0, lang="zh", data=survey)[1] == \
        f"还不对。提示：{get('satisfaction.1').hint_zh}"


# ---- interpret, decide, concept -----------------------------------------------------------------


def test_satisfaction_6_follows_the_students_quadrants(survey):
    for satisfied_at, loyal_at in [(None, None), (5, 4), (5, 2)]:
        s, loyal = survey["satisfaction"], survey["repurchase_intent"]
        sat_cut, loyal_cut = satisfied_at or 4, loyal_at or 4
        mercenaries = ((s >= sat_cut) & (loyal < loyal_cut)).sum()
        hostages = ((s < sat_cut) & (loyal >= loyal_cut)).sum()
        right, wrong = ("a", "b") if mercenaries > hostages else ("b", "a")
        context = {"data": survey, "satisfied_at": satisfied_at, "loyal_at": loyal_at}
        _option("satisfaction.6", right, right, **context)
        _option("satisfaction.6", wrong, right, **context)


@pytest.mark.parametrize("exercise_id, right, planted", [
    ("satisfaction.5", "b", {"a": "mean hides", "c": "mercenaries", "d": "NPS is one more measure"}),
    ("satisfaction.9", "false", {"true": "opposite"}),
    ("satisfaction.10", "c", {"a": "nowhere to go", "b": "costs the customer", "d": "frequent-flyer"}),
    ("satisfaction.11", "b", {"a": "loyalty", "c": "perceived value", "d": "measure of loyalty"}),
])
def test_choice_questions_explain_each_wrong_option(exercise_id, right, planted):
    assert_choice_question(exercise_id, right, not_an_option="z")
    assert diagnose(exercise_id, right.upper())[0], "keys are read case-insensitively"
    for key, words in planted.items():
        assert words in diagnose(exercise_id, key)[1], (exercise_id, key)


@pytest.mark.parametrize("exercise_id", ["satisfaction.7", "satisfaction.8"])
def test_decide_questions_are_recorded_for_the_instructor(exercise_id, capsys):
    assert "rubric" in diagnose(exercise_id, "a")[1]
    assert_recorded(exercise_id, capsys)
