"""`crmlab assign` and `crmlab grade`: real runs on chapter 00 and 03, a class of three (and two broken notebooks).

Kept small: one grading run for the class (7 kernels, two at a time) and one for a crashing and a
hanging notebook (a short timeout).
"""

from __future__ import annotations

import csv
import html
import json
import shutil
from pathlib import Path

import nbformat
import pytest

from crmlab.exercises import registry
from crmlab.exercises.assign import assign, read_roster
from crmlab.exercises.grade import EDITED, grade

SEEDS = {"alice": 11, "bob": 12, "张三": 13}


def _misconception(exercise_id: str, key: str):
    """A misconception the chapter's bank itself defines for ``exercise_id``."""
    return next(m for m in registry.get(exercise_id).misconceptions if m.key == key)


def _read_csv(path: Path) -> list[dict]:
    return list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))


def _set_answer(nb, exercise_id: str, source: str) -> None:
    """Replace the answer cell (tagged ``exercise``) that the ``check(exercise_id, …)`` after it names."""
    cells = nb.cells
    for i, cell in enumerate(cells):
        if "exercise" in cell.metadata.get("tags", []):
            following = next(c for c in cells[i + 1:] if c.cell_type == "code" and "exercise" not in c.metadata.get("tags", []))
            if f'check("{exercise_id}"' in following.source:
                cell.source = source
                return
    raise AssertionError(f"no answer cell for {exercise_id}")


def _truth(exercise_id: str, seed: int):
    from crmlab.datasets import load_data

    return registry.get(exercise_id).solve(data=load_data(f"synthetic:{seed}"))


def _raw(seed: int):
    """``raw`` of chapter 00 (section 5): the dirty export generated from the student's seed."""
    from crmlab import datasets

    return datasets.make_transactions(500, seed=seed)


def _rows_of_raw(seed: int) -> int:
    """The wrong answer to start.1 of someone who counts rows instead of customers, worked out by hand."""
    raw = _raw(seed)
    wrong = len(raw)
    assert wrong != raw["customer_id"].nunique() == registry.get("start.1").solve(data=raw)
    return wrong


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    root = tmp_path_factory.mktemp("class")
    roster = root / "students.csv"
    roster.write_bytes(("student,seed\n" + "".join(f"{s},{n}\n" for s, n in SEEDS.items())).encode("gbk"))
    result = assign(root / "class", read_roster(roster), chapters=["00", "03"], solutions=True)
    return root, result


@pytest.fixture(scope="module")
def graded(klass, tmp_path_factory):
    root, _ = klass
    cls = root / "class"
    subs = root / "submissions"
    # alice hands in the solved copies, renamed; one has lost its assignment record (found by the file name).
    (subs / "alice").mkdir(parents=True)
    nb = nbformat.read(str(cls / "_solutions/alice/00_getting_started.ipynb"), as_version=4)
    del nb.metadata["crmlab"]["assignment"]
    nbformat.write(nb, str(subs / "alice" / "00 (1).ipynb"))
    shutil.copy(cls / "_solutions/alice/03_association_rules.ipynb",
                subs / "alice" / "03_association_rules_student (2).ipynb")
    # bob hands in 00 as he got it, except that his editor dropped one answer cell's tag; and no 03.
    (subs / "bob").mkdir()
    nb = nbformat.read(str(cls / "bob/00_getting_started.ipynb"), as_version=4)
    next(c for c in nb.cells if "exercise" in c.metadata.get("tags", [])).metadata["tags"] = []
    nbformat.write(nb, str(subs / "bob" / "00_getting_started.ipynb"))
    # 张三: a known misconception (start.1 on raw: rows, not customers — the number of rows of *his* raw),
    # a self-printed ✓ with a patched check, alice's seed and alice's number.
    nb = nbformat.read(str(cls / "张三/00_getting_started.ipynb"), as_version=4)
    _set_answer(nb, "start.1", f"answer = {_rows_of_raw(SEEDS['张三'])}  # len(raw)")
    _set_answer(nb, "start.2", 'print("✓ start.2: correct")\nimport crmlab.exercises as E\n'
                               'E.check = check = lambda *a, **k: print("✓ correct")\nanswer = -1')
    _set_answer(nb, "start.3", f"answer = {_truth('start.3', SEEDS['alice'])!r}")
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    params.source = params.source.replace("synthetic:13", "synthetic:11").replace("seed = 13", "seed = 11")
    nb.cells.append(nbformat.v4.new_code_cell('print("✓ start.1: correct\\n✓ start.2: correct")'))
    (subs / "张三").mkdir()
    nbformat.write(nb, str(subs / "张三" / "00_getting_started.ipynb"))

    result = grade(subs, cls / "roster.csv", root / "grades", timeout=300, jobs=2)
    return root, result


def _rows(result, student, chapter=None):
    return [r for r in result.rows if r.student == student and (chapter is None or r.chapter == chapter)]


def test_assign_writes_a_folder_per_student_on_their_seed(klass):
    root, result = klass
    cls = root / "class"
    assert {r["student"]: int(r["seed"]) for r in _read_csv(cls / "roster.csv")} == SEEDS
    nb = nbformat.read(str(cls / "张三/03_association_rules.ipynb"), as_version=4)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert 'data = "synthetic:13"' in params.source.replace("'", '"') and "seed = 13" in params.source
    assert nb.metadata["crmlab"]["assignment"] == {"student": "张三", "seed": 13, "chapter": "03"}
    assert not any("solution" in c.metadata.get("tags", []) for c in nb.cells)
    assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code")
    solved = nbformat.read(str(cls / "_solutions/张三/03_association_rules.ipynb"), as_version=4)
    assert any("solution" in c.metadata.get("tags", []) for c in solved.cells)


def test_rerunning_assign_keeps_a_file_a_student_changed(klass):
    root, _ = klass
    cls = root / "class"
    mine = cls / "bob/03_association_rules.ipynb"
    changed = mine.read_bytes().replace(b"answer = ...", b"answer = 42", 1)
    mine.write_bytes(changed)
    again = assign(cls, list(SEEDS.items()), chapters=["00", "03"], solutions=True)
    assert again.files("kept") == ["bob/03_association_rules.ipynb"]
    assert mine.read_bytes() == changed and not again.files("written")


def test_solved_copies_get_full_marks(graded):
    _, result = graded
    rows = _rows(result, "alice")
    assert {r.chapter for r in rows} == {"00", "03"}
    auto = [r for r in rows if r.points is not None]
    assert auto and all(r.points == r.max for r in auto), [(r.exercise, r.feedback) for r in auto if r.points != r.max]
    assert {n.status for n in result.notebooks if n.student == "alice"} == {"ok"}
    decide = {r.exercise for r in rows if registry.get(r.exercise).kind == "decide"}
    assert decide and all(r.points is None and r.status == "manual" for r in rows if r.exercise in decide)
    assert {m["exercise"] for m in result.manual if m["student"] == "alice"} == decide


def test_unanswered_and_missing_notebooks_get_zero_with_feedback(graded):
    _, result = graded
    bob00 = _rows(result, "bob", "00")
    assert bob00 and all(r.points == 0 and r.feedback.startswith("not answered")
                         and ("Hint" in r.feedback or "choose one of" in r.feedback) for r in bob00)
    bob03 = _rows(result, "bob", "03")
    assert bob03 and all(not r.points and r.status == "missing" for r in bob03)
    assert [n.status for n in result.notebooks if n.student == "bob" and n.chapter == "03"] == ["missing"]
    assert {r.status for r in bob00} == {"not answered"}  # decide questions too: nothing to mark by hand
    assert not [m for m in result.manual if m["student"] == "bob"]
    bob = next(n for n in result.notebooks if n.student == "bob" and n.chapter == "00")
    assert bob.status == "ok" and "without their 'exercise' tag: start.1" in bob.notes


def test_a_known_misconception_gets_its_message(graded):
    _, result = graded
    row = next(r for r in _rows(result, "张三") if r.exercise == "start.1")
    message = _misconception("start.1", "rows_for_customers").message["en"]
    assert row.points == 0 and row.misconception == "rows_for_customers" and message in row.feedback
    assert str(_rows_of_raw(SEEDS["张三"])) not in row.feedback  # names the mistake, never a number


def test_printing_a_tick_patching_check_changing_the_seed_or_copying_answers_gains_nothing(graded):
    _, result = graded
    rows = {r.exercise: r for r in _rows(result, "张三")}
    assert sum(r.points or 0 for r in rows.values()) == 0
    assert rows["start.3"].points == 0  # alice's number, right on alice's data, is wrong on 张三's
    record = next(n for n in result.notebooks if n.student == "张三")
    assert record.status == EDITED and "seed 13" in record.notes


def test_outputs_gradebooks_and_pages(graded):
    root, result = graded
    out = root / "grades"
    long = _read_csv(out / "gradebook.csv")
    assert set(long[0]) >= {"student", "chapter", "exercise", "points", "max", "feedback", "misconception"}
    wide = {r["student"]: r for r in _read_csv(out / "gradebook_wide.csv")}
    assert set(wide) == set(SEEDS)
    assert float(wide["alice"]["total"]) == result.points("alice") > 0 and float(wide["bob"]["total"]) == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "rows_for_customers" in index and "start.1" in index and 'href="%E5%BC%A0%E4%B8%89.html"' in index
    assert html.escape(_misconception("start.1", "rows_for_customers").message["en"]) in index
    assert any(r["misconception"] == "rows_for_customers" and r["exercise"] == "start.1" and r["student"] == "张三"
               for r in long)
    assert "not answered" in (out / "bob.html").read_text(encoding="utf-8")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["kind"] == "grades" and "gradebook.csv" in manifest["files"]
    assert (out / "manual.csv").exists() and result.sandbox in ("net namespace", "user+net namespace", "none")


def test_a_crashing_and_a_hanging_notebook_are_reported_and_do_not_stop_the_run(klass):
    root, _ = klass
    cls = root / "class"
    subs = root / "broken"
    roster = root / "broken.csv"
    roster.write_text("student,seed\ndave,12\nerin,13\nfay,12\n", encoding="utf-8")
    network = 'import socket\nsocket.create_connection(("1.1.1.1", 53), timeout=3)\nanswer = "online"'
    # dave answers start.1 right, then his start.2 kills the kernel; erin's start.1 hangs; fay's goes online.
    for student, code in (("dave", "import os\nos._exit(3)"), ("erin", "import time\ntime.sleep(600)"),
                          ("fay", network)):
        nb = nbformat.read(str(cls / ("张三" if student == "erin" else "bob") / "00_getting_started.ipynb"),
                           as_version=4)
        if student != "fay":  # fay hands in bob's copy
            nb.metadata["crmlab"]["assignment"]["student"] = student
        if student == "dave":
            _set_answer(nb, "start.1", 'answer = raw["customer_id"].nunique()')
            _set_answer(nb, "start.2", code)
        else:
            _set_answer(nb, "start.1", code)
        (subs / student).mkdir(parents=True)
        nbformat.write(nb, str(subs / student / "00_getting_started.ipynb"))
    result = grade(subs, roster, root / "broken-grades", timeout=30, jobs=2)
    status = {n.student: n.status for n in result.notebooks}
    assert status == {"dave": "crashed", "erin": "timeout", "fay": "ok"}
    if result.sandbox != "none":  # the kernel has no network: the answer cell's connection fails
        fay = next(r for r in result.rows if r.student == "fay" and r.exercise == "start.1")
        assert "OSError" in fay.feedback and fay.points == 0
    assert "handed out to 'bob'" in next(n.notes for n in result.notebooks if n.student == "fay")
    for student, word, before in (("dave", "crashed", ["start.1"]), ("erin", "timed out", [])):
        rows = _rows(result, student)
        # what was answered before the crash counts; everything after it is zero and says why
        assert [r.exercise for r in rows if r.points] == before
        assert all(r.points == r.max and r.feedback == "correct" for r in rows if r.exercise in before)
        assert rows and all(r.points == 0 and word in r.feedback and r.status == status[student]
                            for r in rows if r.exercise not in before)
    assert (root / "broken-grades" / "gradebook.csv").exists()


def test_the_commands(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from crmlab.cli import main

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    done = runner.invoke(main, ["assign", "--seeds", "3-4", "--chapters", "00", "--lang", "zh", "--out", "class"])
    assert done.exit_code == 0, done.output
    assert "2 students: 3 files written" in done.output
    nb = nbformat.read(str(tmp_path / "class/seed-4/00_getting_started.ipynb"), as_version=4)
    assert nb.metadata["crmlab"]["edition"] == "zh"
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert "seed = 4" in params.source and "lang = \"zh\"" in params.source.replace("'", '"')
    assert runner.invoke(main, ["assign", "--out", "class"]).exit_code == 2  # neither --seeds nor --roster
    # An output folder holding someone's file is refused before any kernel starts.
    (tmp_path / "grades").mkdir()
    (tmp_path / "grades" / "mine.txt").write_text("mine", encoding="utf-8")
    refused = runner.invoke(main, ["grade", "class", "--roster", "class/roster.csv", "--out", "grades"])
    assert refused.exit_code == 2 and "mine.txt" in refused.output


TINY_BANK = '''
from crmlab.exercises import exercise


@exercise("tiny.1", kind="decide", hint="Pick one and say why.", hint_zh="选一个并说明理由。",
          statement={"en": "Whom do you call first?", "zh": "先给谁打电话？"},
          options={"a": {"en": "Champions", "zh": "冠军客户"}, "b": {"en": "At risk", "zh": "有流失风险客户"}},
          rubric={"en": "2 points: names the value at risk", "zh": "2 分：指出有流失风险的价值"},
          model_answer={"en": "At risk: high value, slipping.", "zh": "有流失风险客户：价值高、在流失。"}, points=2)
def _call(data):
    return "b"


@exercise("tiny.2", hint="Count distinct customers.", hint_zh="数不同的客户。")
def _customers(data):
    return data["customer_id"].nunique()
'''


def _tiny_notebook(path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["crmlab"] = {"edition": "en"}
    cells = [("data = \"cdnow\"\nseed = 0\nlang = \"en\"", ["parameters"]),
             ("from crmlab.datasets import load_data\nfrom crmlab.exercises import check\ntx = load_data(data)", []),
             ('answer = "b"  # the ones slipping away are worth most', ["solution"]),
             ('check("tiny.1", answer, data=tx, lang=lang)', []),
             ('answer = tx["customer_id"].nunique()', ["solution"]),
             ('check("tiny.2", answer, data=tx, lang=lang)', [])]
    for source, tags in cells:
        cell = nbformat.v4.new_code_cell(source)
        if tags:
            cell.metadata["tags"] = tags
        nb.cells.append(cell)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))


def test_decide_questions_go_to_the_manual_list_with_rubric_and_model_answer(tmp_path, monkeypatch):
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "tiny.py").write_text(TINY_BANK, encoding="utf-8")
    monkeypatch.setenv("CRMLAB_EXERCISES", str(bank))  # the kernels load the instructor's bank too
    saved = dict(registry._REGISTRY)
    registry.load_folder(bank)
    try:
        _tiny_notebook(tmp_path / "mine" / "en" / "50_tiny.ipynb")
        assign(tmp_path / "class", [("ann", 7)], solutions=True, notebook_dir=tmp_path / "mine")
        (tmp_path / "subs").mkdir()
        shutil.copytree(tmp_path / "class/_solutions/ann", tmp_path / "subs/ann")
        result = grade(tmp_path / "subs", tmp_path / "class/roster.csv", tmp_path / "grades", timeout=120,
                       notebook_dir=tmp_path / "mine")
    finally:
        registry._REGISTRY.clear()
        registry._REGISTRY.update(saved)
    rows = {r.exercise: r for r in result.rows}
    assert rows["tiny.2"].points == 1 and rows["tiny.1"].points is None and rows["tiny.1"].status == "manual"
    (item,) = _read_csv(tmp_path / "grades/manual.csv")
    assert item["exercise"] == "tiny.1" and item["answer"] == "b" and item["max"] == "2"
    assert "value at risk" in item["rubric"] and "slipping" in item["model_answer"] and "worth most" in item["answer_cell"]
    wide = _read_csv(tmp_path / "grades/gradebook_wide.csv")[0]
    assert wide["tiny.1"] == "" and wide["tiny.2"] == "1"


def test_only_token_lines_of_the_grader_cell_count():
    from crmlab.exercises.grade import _recorded, _Unreadable

    token = "CRMLAB-GRADE-abc:"
    nb = nbformat.v4.new_notebook()

    def record_cell(exercise_id, text):
        cell = nbformat.v4.new_code_cell("")
        cell.metadata["crmlab_grader"] = f"record:{exercise_id}"
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
        return cell

    nb.cells = [record_cell("a.1", '✓ a.1: correct\nCRMLAB-GRADE-xyz:{"id": "a.1", "answer": 5}\n'
                                   'CRMLAB-GRADE-abc:{"id": "a.1", "answer": [1, 2.5]}\n'),
                record_cell("a.2", 'CRMLAB-GRADE-abc:{"id": "a.1", "answer": 99}\n'),  # another exercise's id
                record_cell("a.3", 'CRMLAB-GRADE-abc:{"id": "a.3", "answer": {"t": "dict", "v": 7}}\n'),
                record_cell("a.4", 'CRMLAB-GRADE-abc:{"id": "a.4", "answer": {"t": "ellipsis"}}\n')]
    answers = _recorded(nb, token)
    assert answers["a.1"] == [1, 2.5] and "a.2" not in answers and answers["a.4"] is ...
    assert isinstance(answers["a.3"], _Unreadable)
