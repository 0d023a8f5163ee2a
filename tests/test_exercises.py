"""Self-checks accept equivalent answers, never reveal the answer, and strip cleanly for students."""

from __future__ import annotations

from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

from crmlab import exercises
from crmlab.datasets import load_data
from crmlab.report import find_notebook, list_notebooks


@pytest.mark.parametrize("answer, expected, ok", [
    (pd.Series([1.0, 2.0]), [1, 2], True),
    (np.array([1.0, 2.0004]), (1.0, 2.0), True),
    (np.array([1.0, 2.0004]), (1, 2), False),
    ([1, 3], [1, 2], False),
    ([1, 2, 3], [1, 2], False),
    (0.8000001, 0.8, True),
    (0.81, 0.8, False),
    ("  Champions", "champions", True),
    ({"b", "a"}, ["a", "b"], True),
    (True, True, True),
    (1, True, False),
    (np.int64(5), 5, True),
    (float("nan"), float("nan"), True),
])
def test_answers_match_equivalent_forms(answer, expected, ok):
    assert exercises.answers_match(answer, expected) is ok


def test_unordered_exercise_accepts_any_order():
    assert exercises.answers_match(["b", "a"], ["a", "b"], ordered=False)
    assert not exercises.answers_match(["b", "a"], ["a", "b"], ordered=True)


def test_check_prints_tick_or_hint_never_the_answer(capsys):
    tx = load_data("synthetic:2")
    right = tx["customer_id"].nunique()
    exercises.check("start.1", right, data=tx)
    assert capsys.readouterr().out.strip() == "✓ start.1: correct"
    exercises.check("start.1", right + 1, data=tx)
    out = capsys.readouterr().out
    assert out.startswith("✗ start.1: not yet. Hint:") and str(right) not in out
    with pytest.raises(KeyError, match="unknown exercise"):
        exercises.check("nope.1", 1)


def test_expected_answer_follows_the_students_own_data(capsys):
    a, b = load_data("synthetic:1"), load_data("synthetic:2")
    exercises.check("start.3", a.groupby("customer_id")["amount"].sum().max(), data=b)
    assert "✗" in capsys.readouterr().out


def test_every_chapter_notebook_uses_registered_exercises():
    import re

    ids = set(exercises.registered())
    for path in list_notebooks():
        nb = nbformat.read(str(path), as_version=4)
        used = set(re.findall(r"check\(\s*[\"']([\w.]+)[\"']", "\n".join(c.source for c in nb.cells)))
        assert len(used) >= 3, f"{path.name}: {len(used)} exercises"
        assert used <= ids, f"{path.name} checks unregistered ids {used - ids}"


def test_strip_solutions_makes_a_student_version(tmp_path):
    source = find_notebook("00")
    target = exercises.strip_solutions(source, tmp_path / "student.ipynb")
    original = nbformat.read(str(source), as_version=4)
    student = nbformat.read(str(target), as_version=4)
    assert len(student.cells) == len(original.cells)
    solutions = [c for c in original.cells if "solution" in c.metadata.get("tags", [])]
    stubs = [c for c in student.cells if "exercise" in c.metadata.get("tags", [])]
    assert len(solutions) == len(stubs) >= 6
    for stub in stubs:
        assert stub.source.endswith("answer = ...\n") and not stub.outputs
    checks = [c for c in student.cells if c.cell_type == "code" and "check(" in c.source]
    assert checks and all(not c.outputs for c in checks), "verdicts removed"
    assert not any("nunique()" in c.source for c in stubs)
    with pytest.raises(ValueError):
        exercises.strip_solutions(source, source)


def test_student_copy_goes_to_a_students_folder_here_never_into_the_package(tmp_path, monkeypatch):
    import shutil

    source = find_notebook("00")
    monkeypatch.chdir(tmp_path)
    target = exercises.strip_solutions(source)
    assert target == Path("students") / "00_getting_started_student.ipynb" and target.exists()
    assert not (source.parent / "students").exists(), "nothing is written inside the installed package"
    copy = shutil.copy(source, tmp_path / source.name)
    # Even a student copy saved beside the chapters is never taken for one.
    exercises.strip_solutions(copy, tmp_path / "00_getting_started_student.ipynb")
    assert list_notebooks(tmp_path) == [tmp_path / source.name]
    assert find_notebook("00", tmp_path) == tmp_path / source.name


def test_strip_never_overwrites_a_student_copy_that_was_changed(tmp_path):
    source = find_notebook("00")
    target = exercises.strip_solutions(source, tmp_path / "s.ipynb")
    first = target.read_bytes()
    assert exercises.strip_solutions(source, target) == target and target.read_bytes() == first  # same: no-op
    target.write_bytes(first.replace(b"answer = ...", b"answer = 42", 1))
    changed = target.read_bytes()
    with pytest.raises(exercises.DataError, match="s.ipynb.*changed"):
        exercises.strip_solutions(source, target)
    assert target.read_bytes() == changed


def test_every_bank_is_listed_by_name_in_the_registry():
    import crmlab
    from crmlab.exercises.registry import BANKS

    banks = Path(crmlab.__file__).parent / "exercises" / "banks"
    on_disk = {f"crmlab.exercises.banks.{p.stem}" for p in banks.glob("*.py") if p.stem != "__init__"}
    assert set(BANKS) == on_disk and len(BANKS) == len(set(BANKS))
    prefixes = {exercise_id.split(".")[0] for exercise_id in exercises.registered()}
    assert len(prefixes) == len(BANKS), "one bank per chapter"


def test_no_copy_command_writes_inside_the_installed_package(tmp_path):
    import crmlab
    from crmlab.report import copy_notebooks

    package = Path(crmlab.__file__).parent
    inside = package / "notebooks" / "students"
    with pytest.raises(exercises.DataError, match="inside the installed crmlab package"):
        exercises.strip_solutions(find_notebook("00"), inside / "00_student.ipynb")
    with pytest.raises(exercises.DataError, match="inside the installed crmlab package"):
        copy_notebooks(package / "data" / "lab", chapters=["00"])
    assert not inside.exists() and not (package / "data" / "lab").exists()


def test_student_copies_and_stripped_copies_follow_one_rule(tmp_path):
    from click.testing import CliRunner

    from crmlab.cli import main

    folder = tmp_path / "我的 作业"
    result = CliRunner().invoke(main, ["notebooks", "copy", str(folder), "--student", "--chapters", "00,02"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in folder.glob("*.ipynb"))
    assert names == ["00_getting_started_student.ipynb", "02_rfm_segmentation_student.ipynb"]
    # The same bytes as `exercises strip`, which then sees an untouched copy and leaves it as it is.
    fresh = exercises.student_version(find_notebook("00"))
    assert (folder / names[0]).read_bytes() == fresh
    assert exercises.strip_solutions(find_notebook("00"), folder / names[0]) == folder / names[0]
    # A student's edit is kept by both commands.
    edited = fresh.replace(b"answer = ...", b"answer = 7", 1)
    (folder / names[0]).write_bytes(edited)
    result = CliRunner().invoke(main, ["notebooks", "copy", str(folder), "--student", "--chapters", "00"])
    assert result.exit_code == 0 and "kept 00_getting_started_student.ipynb" in result.output
    with pytest.raises(exercises.DataError, match="is kept"):
        exercises.strip_solutions(find_notebook("00"), folder / names[0])
    assert (folder / names[0]).read_bytes() == edited
    solutions = [c for c in nbformat.reads(fresh.decode(), as_version=4).cells
                 if "solution" in c.metadata.get("tags", [])]
    assert not solutions, "no solution cell left in a student copy"


def test_every_exercise_speaks_both_languages():
    """Both editions check the same exercises: every hint (and statement, option, rubric) exists in 中文."""
    import re

    cjk = re.compile(r"[\u4e00-\u9fff]")
    for exercise_id in exercises.registered():
        ex = exercises.registry.get(exercise_id)
        assert ex.hint.strip() and cjk.search(ex.hint_zh), f"{exercise_id}: hint_zh missing"
        for text in (ex.statement, ex.rubric, ex.model_answer, *[o.text for o in ex.options.values()],
                     *[o.why for o in ex.options.values()], *[m.message for m in ex.misconceptions]):
            if text:  # Chinese, or a formula written the same in both (probability(a∩b))
                same = text["zh"].replace(" ", "") == text["en"].replace(" ", "")
                assert cjk.search(text["zh"]) or same or not re.search(r"[A-Za-z]{4,}", text["zh"]), \
                    f"{exercise_id}: 中文 text is not Chinese: {text['zh']!r}"


def test_every_chapter_has_six_exercises_of_the_four_kinds_each_used_in_both_editions():
    import re

    from crmlab.exercises.registry import KINDS

    by_bank: dict[str, list] = {}
    for exercise_id in exercises.registered():
        by_bank.setdefault(exercise_id.split(".")[0], []).append(exercises.registry.get(exercise_id))
    assert len(by_bank) == len(exercises.BANKS)
    for bank, items in by_bank.items():
        kinds = {ex.kind for ex in items}
        assert len(items) >= 6 and kinds == set(KINDS), f"{bank}: {len(items)} exercises, kinds {sorted(kinds)}"
        for ex in items:
            assert ex.statement, f"{ex.exercise_id}: the statement lives in the definition (both languages)"
            if ex.kind == "decide":
                assert ex.rubric and ex.model_answer, f"{ex.exercise_id}: a decide question needs rubric and model answer"
            if ex.kind in ("interpret", "concept"):
                wrong = [o for o in ex.options.values() if o.why]
                assert len(wrong) >= len(ex.options) - 1, f"{ex.exercise_id}: each wrong option explains itself"
    for lang in ("en", "zh"):
        for path in list_notebooks(lang=lang):
            source = "\n".join(c.source for c in nbformat.read(str(path), as_version=4).cells)
            checked = set(re.findall(r"check\(\s*[\"']([\w.]+)[\"']", source))
            shown = set(re.findall(r"show\(\s*[\"']([\w.]+)[\"']", source))
            assert checked and checked == shown, f"{path}: every checked exercise shows its card"
