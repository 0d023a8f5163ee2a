"""The exercise format: kinds, bilingual statements, misconceptions that diagnose, instructor banks.

A temporary instructor bank (a folder of theirs, loaded with ``load_folder``) defines one exercise
of each kind on a hand-worked data set; each planted wrong answer must get its own message.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import pytest

from crmlab.exercises import registry
from crmlab.exercises.checking import check, diagnose

BANK = textwrap.dedent('''
    from crmlab.exercises import exercise
    from crmlab.exercises.mistakes import COMPLEMENT, PERCENT_FOR_SHARE
    from crmlab.exercises.registry import Misconception, Option

    ROWS = Misconception("rows_for_occasions",
                         {"en": "You counted rows, not purchase occasions.", "zh": "你数的是行数，不是购买次数。"},
                         wrong=lambda data, **_: float((data.groupby("customer_id").size() == 1).mean()))

    @exercise("tfmt.1", hint="Count customers with one purchase occasion.", hint_zh="数只有一次购买的客户。",
              statement={"en": "Share of one-time buyers?", "zh": "只购买一次的客户占比？"},
              misconceptions=[PERCENT_FOR_SHARE, COMPLEMENT, ROWS], points=2)
    def _share(data):
        days = data.drop_duplicates(["customer_id", "order_date"])
        return float((days.groupby("customer_id").size() == 1).mean())

    @exercise("tfmt.2", kind="interpret", hint="Read the heatmap.", hint_zh="看热力图。",
              statement={"en": "Where is the money?", "zh": "钱在哪里？"},
              options={"a": Option({"en": "Frequent buyers", "zh": "高频客户"}),
                       "b": Option({"en": "Recent buyers", "zh": "最近购买的客户"},
                                   why={"en": "Recency orders rows, not spend.", "zh": "最近一次消费排的是行，不是金额。"})})
    def _where(data):
        return "a"

    @exercise("tfmt.3", kind="decide", hint="Pick a segment and say why.", hint_zh="选一个客户群并说明理由。",
              statement={"en": "Which segment gets the call?", "zh": "给哪个客户群打电话？"},
              options={"a": {"en": "Champions", "zh": "冠军客户"}, "b": {"en": "At risk", "zh": "有流失风险客户"}},
              rubric={"en": "2 points: names value at risk", "zh": "2 分：指出有流失风险的价值"},
              model_answer={"en": "At risk: high value, slipping.", "zh": "有流失风险客户：价值高、在流失。"})
    def _call(data):
        return "b"

    @exercise("tfmt.4", kind="concept", hint="Satisfaction is not loyalty.", hint_zh="满意不等于忠诚。",
              statement={"en": "True or false: satisfied customers are loyal.", "zh": "判断：满意的客户一定忠诚。"},
              options={"true": Option({"en": "True", "zh": "对"},
                                      why={"en": "Jones & Sasser: satisfied customers still defect.",
                                           "zh": "Jones 与 Sasser 指出满意的客户照样会流失。"}),
                       "false": Option({"en": "False", "zh": "错"})})
    def _concept():
        return "false"
''')


@pytest.fixture(scope="module")
def bank(tmp_path_factory):
    folder = tmp_path_factory.mktemp("instructor")
    (folder / "mine.py").write_text(BANK, encoding="utf-8")
    registry._load_banks()
    saved = dict(registry._REGISTRY)
    added = registry.load_folder(folder)
    assert added == ["tfmt.1", "tfmt.2", "tfmt.3", "tfmt.4"]
    yield folder
    registry._REGISTRY.clear()
    registry._REGISTRY.update(saved)  # the kit's own registry, as other tests expect it


@pytest.fixture()
def tx():
    # Hand-worked: customers a (2 rows, same day → 1 occasion), b (2 days), c (1), d (1 row).
    return pd.DataFrame({"customer_id": ["a", "a", "b", "b", "c", "d"],
                         "order_date": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-01-01", "2024-02-01",
                                                       "2024-01-05", "2024-03-01"])})


def test_the_right_answer_in_any_form(bank, tx):
    assert diagnose("tfmt.1", 0.75, data=tx)[0]  # a, c, d bought on one day: 3 of 4
    assert diagnose("tfmt.1", 0.7500004, data=tx)[0]
    assert registry.get("tfmt.1").points == 2 and registry.get("tfmt.1").kind == "compute"


@pytest.mark.parametrize("answer, key", [(75.0, "percent_for_share"), (0.25, "complement"),
                                         (0.5, "rows_for_occasions"), (0.6, None)])
def test_each_planted_wrong_answer_gets_its_own_message(bank, tx, answer, key):
    correct, feedback, found = diagnose("tfmt.1", answer, data=tx)
    assert not correct and found == key
    assert "0.75" not in feedback and "75" not in feedback.replace(str(answer), ""), "never the answer"
    if key is None:
        assert "Hint: Count customers" in feedback
    zh = diagnose("tfmt.1", answer, lang="zh", data=tx)[1]
    assert zh.startswith("还不对。") and " " not in zh[:6]


def test_choice_questions_explain_the_wrong_option(bank, tx):
    assert diagnose("tfmt.2", "a", data=tx) == (True, "correct", None)
    assert diagnose("tfmt.2", " A ", data=tx)[0]
    ok, feedback, key = diagnose("tfmt.2", "b", lang="zh", data=tx)
    assert not ok and key == "option:b" and "最近一次消费" in feedback
    ok, feedback, key = diagnose("tfmt.2", "z", data=tx)
    assert not ok and key == "no_option" and "a, b" in feedback
    assert diagnose("tfmt.4", "true")[2] == "option:true" and diagnose("tfmt.4", "false")[0]


def test_decide_questions_are_recorded_for_the_instructor(bank, tx, capsys):
    ex = registry.get("tfmt.3")
    assert not ex.auto_graded and ex.rubric["zh"] and ex.model_answer["en"]
    check("tfmt.3", "b", data=tx)
    out = capsys.readouterr().out
    assert out.startswith("· tfmt.3: recorded") and "At risk" not in out


def test_statements_and_texts_need_both_languages():
    with pytest.raises(ValueError, match="both texts"):
        registry.exercise("bad.1", hint="h", statement={"en": "only English"})(lambda: 0)
    with pytest.raises(ValueError, match="at least two options"):
        registry.exercise("bad.2", hint="h", kind="concept", options={"true": {"en": "T", "zh": "对"}})
    with pytest.raises(ValueError, match="kind="):
        registry.exercise("bad.3", hint="h", kind="essay")


def test_an_id_defined_in_two_banks_is_refused(bank, tmp_path):
    (tmp_path / "clash.py").write_text(
        "from crmlab.exercises import exercise\n"
        "@exercise('tfmt.1', hint='again')\ndef _again(data):\n    return 0\n", encoding="utf-8")
    with pytest.raises(ValueError, match="defined twice"):
        registry.load_folder(tmp_path)


def test_instructor_folders_from_the_environment(tmp_path, monkeypatch):
    import subprocess
    import sys

    (tmp_path / "env_bank.py").write_text(
        "from crmlab.exercises import exercise\n"
        "@exercise('envbank.1', hint='h', hint_zh='提示')\ndef _x():\n    return 3\n", encoding="utf-8")
    code = "from crmlab.exercises import registered; print('envbank.1' in registered())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"CRMLAB_EXERCISES": str(tmp_path), "PATH": "", "MPLBACKEND": "Agg"})
    assert out.stdout.strip() == "True", out.stderr


def test_the_card_shows_the_statement_and_options_in_the_chapter_language(bank):
    from crmlab.exercises import card_text

    zh = card_text("tfmt.2", lang="zh")
    assert zh.startswith("**tfmt.2** · 解读题 · 1 分") and "钱在哪里？" in zh and "- **b** — 最近购买的客户" in zh
    en = card_text("tfmt.1")
    assert "compute · 2 points" in en and "Share of one-time buyers?" in en
    assert "Recency orders rows" not in card_text("tfmt.2"), "the card never shows why an option is wrong"


def test_an_instructor_folder_adds_data_sets_and_exercises_on_them(tmp_path):
    """A folder of theirs: datasets.yaml (a GBK export) and a bank using it, without editing the package."""
    import subprocess
    import sys

    pd.DataFrame({"客户编号": ["a", "a", "b"], "下单时间": ["2024-01-01", "2024-02-01", "2024-01-05"],
                  "实付金额": [10.0, 20.0, 5.0]}).to_csv(tmp_path / "orders.csv", index=False, encoding="gbk")
    (tmp_path / "datasets.yaml").write_text(
        "myshop:\n  file: orders.csv\n  data: transactions\n  description: 我们的店 2024\n"
        "  columns: {customer: 客户编号, date: 下单时间, amount: 实付金额}\n", encoding="gbk")
    (tmp_path / "course.py").write_text(
        "from crmlab import load_data\nfrom crmlab.exercises import exercise\n"
        "@exercise('course.1', hint='Sum the amounts.', hint_zh='把金额加起来。', "
        "statement={'en': 'Revenue of myshop?', 'zh': 'myshop 的收入是多少？'})\n"
        "def _revenue():\n    return float(load_data('myshop')['amount'].sum())\n", encoding="utf-8")
    code = ("import crmlab; from crmlab.exercises import diagnose; "
            "print(len(crmlab.load_data('myshop')), diagnose('course.1', 35.0)[0], "
            "'myshop' in crmlab.list_datasets().index)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"CRMLAB_EXERCISES": str(tmp_path), "PATH": "", "MPLBACKEND": "Agg"})
    assert out.stdout.split() == ["3", "True", "True"], out.stderr
    # A name the kit already uses is refused, with the reason.
    (tmp_path / "datasets.yaml").write_text("cdnow:\n  file: orders.csv\n", encoding="utf-8")
    from crmlab import DataError
    from crmlab.datasets.registry import register_folder

    with pytest.raises(DataError, match="the name is taken"):
        register_folder(tmp_path)
