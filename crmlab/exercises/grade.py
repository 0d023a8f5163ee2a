"""Grade a class's submitted notebooks against the truth the grader computes itself from each student's seed.

``crmlab grade SUBMISSIONS --roster class/roster.csv --out grades/ [--timeout 120]``

Accepted layout
---------------
One folder per student, named as in the roster: ``SUBMISSIONS/<student>/*.ipynb`` (sub-folders and
``.ipynb_checkpoints`` are ignored). A notebook is matched to its chapter by the assignment record
that :mod:`~crmlab.exercises.assign` writes into its metadata, else by the chapter number its file
name starts with, so renamed copies (``02 (1).ipynb``, ``02_rfm_segmentation_student (2).ipynb``)
are found; its edition (English / 中文) is read from its ``crmlab.edition`` metadata. When a folder
holds several copies of one chapter, the most recently modified one is graded (and this is noted).

How a notebook is graded
------------------------
1. **Only the answer cells are taken from the submission**: the cells tagged ``exercise`` (the
   former solution cells of the student version), matched to their exercise by the ``check("id", …)``
   call that follows them (a cell that lost its tag is found as the cell right before its ``check``
   when it assigns ``answer``, and noted). They are put into the kit's own released notebook for that chapter, in
   place of its solution cells. The submission's other cells never run; when they differ from the
   handed-out ones the notebook is recorded as ``edited outside answer cells``.
2. The student's seed **from the roster** is injected into the parameters cell, so a changed seed
   gains nothing (and is noted).
3. Before each answer cell the grader sets ``answer = ...``; after it, a grader cell prints
   ``answer`` as JSON behind a random token made for this run. Only lines with the token count, so
   a notebook that prints ``✓`` itself or replaces ``check`` gains nothing. No object ever travels
   from the student's kernel to the grader except this JSON text (never a pickle).
4. The notebook runs headless (nbclient) in a temporary working folder, the kernel a separate
   process, with a wall-clock timeout per notebook; a crash, a timeout, a missing notebook is
   recorded for that notebook and the others go on.
5. **The truth** comes from a second, trusted run, made before any student code runs: the released
   notebook with the kit's own solutions on the student's seed, where a capture cell after each
   ``check`` cell pickles the keyword values of that call (the student's data frames, the chapter's
   parameters). The grader process loads them (and deletes the files) before the students' kernels
   start, so no student kernel can plant or alter them, and calls :func:`~crmlab.exercises.checking.diagnose` itself: points, the feedback a student would
   get from ``check`` (the named misconception or the hint, never the answer) and the
   misconception's key. ``decide`` questions go to ``manual.csv`` with the rubric and model answer
   (points left blank for the instructor); a ``decide`` question with nothing to mark — not answered,
   not recorded before a crash or timeout, in a missing notebook — scores 0 like any other.

Outputs (in ``--out``, written atomically by the kit's rule for output folders)
--------------------------------------------------------------------------------
``gradebook.csv`` (student, chapter, exercise, points, max, feedback, misconception, status),
``gradebook_wide.csv`` (one row per student, a column per exercise, total and max: for an LMS
import), ``manual.csv`` (``decide`` answers with the answer cell, rubric and model answer; fill in
``points``), ``notebooks.csv`` (per notebook: status ``ok`` / ``edited outside answer cells`` /
``crashed`` / ``timeout`` / ``missing``, notes, seconds, sandbox), ``<student>.html`` (feedback
page) and ``index.html`` (class page: score distribution per exercise, most common
misconceptions). The CSV files are UTF-8 with a BOM, so Excel opens 中文 feedback correctly.

What is enforced (Linux, no containers)
---------------------------------------
- **No network**: the kernel is started under ``unshare --user --map-root-user --net`` (as root,
  ``unshare --net``): a new network namespace with only a loopback interface that is down, so
  every connection fails (``Network is unreachable``). The kernel talks to the grader over Unix
  sockets in the working folder (``transport="ipc"``), which a network namespace does not cut.
  When neither works (no ``unshare``, user namespaces disabled, not Linux), the kernel runs without
  it and ``sandbox`` in ``notebooks.csv`` and the class page says ``none``.
- **Isolation of the grader**: the kernel is another process; its output is read as text; a kernel
  that dies or hangs is stopped and recorded.
- **Not enforced**: the file system (the kernel runs as the grading user, or as a mapped root
  without host privileges: it can read and write what that user can, so grade as a user who cannot
  write the Python environment crmlab is installed in; run as root, the kernel is root), processes
  an answer cell starts that outlive the kernel, memory and CPU limits (use ``ulimit``/``systemd-run`` around
  ``crmlab grade`` if needed). Answer cells run arbitrary Python in the kernel: a student who writes
  code that calls the kit's solver, or hooks the kernel to read later cells, can still cheat —
  as with nbgrader and otter-grader, whose tests also run in the student's kernel.

Why not nbgrader or otter-grader
--------------------------------
Both were studied (their documentation and code); the kit uses neither, for three reasons.

- **Dependencies.** nbgrader is a Jupyter server extension with a SQLite gradebook (SQLAlchemy,
  alembic) and a fixed course layout (``source/ release/ submitted/ autograded/ feedback/``); its
  0.8 releases pin the Jupyter front end and client (``jupyterlab<4``, ``notebook<7``,
  ``jupyter_client<8``, ``traitlets<5.6``), which the kit's environment (jupyter_client 8) cannot
  take. otter-grader grades in Docker containers by default (``otter grade`` builds an image per
  assignment); a classroom machine without Docker is exactly the case the issue names.
- **One definition per exercise.** Both want the exercise a second time in their own authoring
  format: nbgrader's cell metadata (``nbgrader: {grade_id, points, solution, grade, locked}``)
  with ``### BEGIN SOLUTION`` regions and assert-based test cells, otter's ``# ASSIGNMENT CONFIG`` /
  ``# BEGIN QUESTION`` cells and OK-format test files. The kit already has one definition
  (statement, solver on the student's own data, misconceptions, points), and a test that only
  asserts cannot name the misconception a wrong number reveals, which :func:`diagnose` does.
- **The kit's output rule.** Their outputs (a database, ``final_grades.csv`` in a folder) do not
  follow the kit's rule for output folders (atomic swap, a manifest, never deleting a user's
  file), which :mod:`crmlab._outputs` gives these grades.

What the kit takes from them: graded cells found by metadata (our ``exercise`` tag, as nbgrader's
``solution`` cells), the instructor's own cells restored instead of trusting the submission
(nbgrader's ``OverwriteCells`` restores locked cells by checksum but still runs every other
student cell; here no other student cell runs at all), ``allow_errors`` so one failing cell does
not hide the rest (nbgrader's ``Execute`` preprocessor), a timeout (nbgrader's is per cell, here per
notebook, wall clock), tests the student never sees (otter's hidden tests; here the truth is
computed in the grader process, so a test cannot be made to pass from inside the kernel), and a
sandbox — a network namespace, since the kit does not require Docker.
"""

from __future__ import annotations

import ast
import asyncio
import csv
import io
import json
import os
import pickle
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError
from .assign import SOLUTIONS_FOLDER, read_roster, set_parameters, student_parameters

__all__ = ["grade", "GradeResult", "find_submissions", "detect_sandbox", "answer_cells", "EXERCISE_TAG"]

EXERCISE_TAG = "exercise"
_CHECK_ID = re.compile(r"""\bcheck\(\s*["']([\w.\-]+)["']""")

EDITED = "edited outside answer cells"

# ----------------------------------------------------------------------------------------------- sandbox


@dataclass(frozen=True)
class Sandbox:
    """How kernels are confined: ``kind`` is ``"user+net namespace"``, ``"net namespace"`` or ``"none"``."""

    kind: str
    prefix: tuple = ()


_SANDBOX: Sandbox | None = None


def detect_sandbox() -> Sandbox:
    """The strongest network sandbox this machine allows (tried once: ``unshare … true``)."""
    global _SANDBOX
    if _SANDBOX is not None:
        return _SANDBOX
    unshare = shutil.which("unshare") if sys.platform.startswith("linux") else None
    candidates = []
    if unshare:
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            candidates.append(Sandbox("net namespace", (unshare, "--net", "--")))
        candidates.append(Sandbox("user+net namespace", (unshare, "--user", "--map-root-user", "--net", "--")))
    _SANDBOX = Sandbox("none")
    for candidate in candidates:
        try:
            ok = subprocess.run([*candidate.prefix, "true"], capture_output=True, timeout=20).returncode == 0
        except (OSError, subprocess.SubprocessError):
            ok = False
        if ok:
            _SANDBOX = candidate
            break
    return _SANDBOX


def _kernel_manager_class():
    from jupyter_client.manager import AsyncKernelManager

    class SandboxedKernelManager(AsyncKernelManager):
        """Starts the kernel behind a command prefix (``unshare --net …``)."""

        prefix: tuple = ()

        def format_kernel_cmd(self, extra_arguments=None):
            return [*self.prefix, *super().format_kernel_cmd(extra_arguments)]

    return SandboxedKernelManager


@dataclass
class _Execution:
    status: str = "ok"  # ok | crashed | timeout
    error: str | None = None
    seconds: float = 0.0


async def _execute(nb, workdir: Path, timeout: float, sandbox: Sandbox) -> _Execution:
    """Run ``nb`` in place (outputs filled in), kernel sandboxed, in ``workdir``, within ``timeout`` seconds."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    workdir.mkdir(parents=True, exist_ok=True)
    manager = _kernel_manager_class()
    # In a network namespace the kernel cannot reach the grader's loopback: talk over Unix sockets in
    # the working folder. Without the sandbox keep TCP on localhost (Windows has no "ipc" transport).
    km = manager(kernel_name="python3", transport="ipc" if sandbox.prefix else "tcp")
    km.prefix = sandbox.prefix
    km.connection_file = str(workdir / "kernel.json")
    if sandbox.prefix:
        km.ip = str(workdir / "k")
    client = NotebookClient(nb, km=km, timeout=max(1, int(timeout)), allow_errors=True, kernel_name="python3",
                            resources={"metadata": {"path": str(workdir)}}, startup_timeout=max(60, int(timeout)))
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1"}
    result = _Execution()
    start = time.perf_counter()
    task = asyncio.ensure_future(client.async_execute(env=env, cwd=str(workdir)))
    try:
        done, _ = await asyncio.wait({task}, timeout=timeout)
        if not done:  # the wall clock ran out: stop the kernel, whatever the cancelled run raises meanwhile
            task.cancel()
            try:
                await task
            except BaseException:  # noqa: BLE001 - CancelledError, or a dead-kernel error from the shutdown
                pass
            raise asyncio.TimeoutError
        task.result()
    except (asyncio.TimeoutError, CellTimeoutError):
        result.status, result.error = "timeout", f"stopped after {timeout:g} s"
    except DeadKernelError as exc:
        result.status, result.error = "crashed", f"the kernel died ({str(exc).strip().splitlines()[0] if str(exc).strip() else 'DeadKernelError'})"
    except Exception as exc:  # noqa: BLE001 - any failure is this notebook's, never the class's
        lines = str(exc).strip().splitlines()
        result.status, result.error = "crashed", f"{type(exc).__name__}: {lines[0] if lines else ''}".strip()
    finally:
        try:
            if await km.is_alive():
                await km.shutdown_kernel(now=True)
        except Exception:  # noqa: BLE001 - already gone
            pass
    result.seconds = round(time.perf_counter() - start, 2)
    return result


# ------------------------------------------------------------------------------------------ notebooks


def _read_nb(path: Path):
    import nbformat

    return nbformat.read(str(path), as_version=4)


def _check_ids(source: str) -> list[str]:
    return _CHECK_ID.findall(source)


def answer_cells(nb, tags) -> dict[str, list[int]]:
    """Exercise id → indices of the code cells tagged one of ``tags`` that answer it (the next ``check`` call names it)."""
    tags = {tags} if isinstance(tags, str) else set(tags)
    found: dict[str, list[int]] = {}
    pending: list[int] = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if tags & set(cell.metadata.get("tags", [])):
            pending.append(i)
            continue
        ids = _check_ids(cell.source)
        if ids and pending:
            found.setdefault(ids[0], []).extend(pending)
            pending = []
    return found


def chapter_exercises(nb) -> list[str]:
    """The ids checked in a chapter notebook, in order."""
    ids = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            ids += [i for i in _check_ids(cell.source) if i not in ids]
    return ids


def _is_parameters(cell) -> bool:
    return "parameters" in cell.metadata.get("tags", [])


def _fixed_code(nb, tags=(EXERCISE_TAG, "solution"), skip=()) -> list[str]:
    """The code cells outside answer cells (tagged, or at the indices ``skip``) and the parameters cell."""
    return [c.source.strip() for i, c in enumerate(nb.cells) if c.cell_type == "code" and not _is_parameters(c)
            and i not in skip and not set(tags) & set(c.metadata.get("tags", []))]


def _untagged_answers(nb, missing: list[str]) -> dict[str, int]:
    """For exercises without a tagged answer cell: the code cell right before its ``check`` cell, when it
    assigns ``answer`` (an editor that dropped the cell's tags)."""
    found = {}
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    for before, at in zip(code, code[1:]):
        ids = _check_ids(nb.cells[at].source)
        cell = nb.cells[before]
        if (ids and ids[0] in missing and ids[0] not in found and not _check_ids(cell.source)
                and not _is_parameters(cell) and re.search(r"^answer\s*=", cell.source, flags=re.M)):
            found[ids[0]] = before
    return found


def _params_source(nb) -> str:
    return next((c.source.strip() for c in nb.cells if c.cell_type == "code" and _is_parameters(c)), "")


def _notebook_chapter(path: Path, nb) -> str | None:
    record = nb.metadata.get("crmlab", {}).get("assignment", {}) if isinstance(nb.metadata.get("crmlab"), dict) else {}
    if isinstance(record, dict) and isinstance(record.get("chapter"), str):
        return record["chapter"]
    match = re.match(r"\s*(\d{2})(?!\d)", path.name)
    return match.group(1) if match else None


def _edition(nb) -> str:
    meta = nb.metadata.get("crmlab")
    edition = meta.get("edition") if isinstance(meta, dict) else None
    return edition if edition in ("en", "zh") else "en"


@dataclass
class Submission:
    """One student's notebook for one chapter, as found."""

    student: str
    chapter: str
    path: Path | None = None
    notes: list = field(default_factory=list)


def find_submissions(folder: str | Path, students: list[str], chapters: list[str] | None = None
                     ) -> tuple[dict[tuple[str, str], Submission], list[str]]:
    """``{(student, chapter): Submission}`` for every roster student × chapter, and notes on unknown folders.

    ``chapters`` default: every chapter found in any submission.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise DataError(f"submissions folder {str(folder)!r} does not exist.")
    found: dict[tuple[str, str], list[Path]] = defaultdict(list)
    notes = []
    known = set(students)
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if sub.name not in known:
            if sub.name != SOLUTIONS_FOLDER:
                notes.append(f"folder {sub.name!r} is not a student of the roster: not graded")
            continue
        for path in sorted(sub.rglob("*.ipynb")):
            if any(part.startswith(".") for part in path.relative_to(sub).parts):
                continue
            try:
                nb = _read_nb(path)
            except Exception:  # noqa: BLE001 - an unreadable file is recorded below when it is the only copy
                chapter = _notebook_chapter(path, type("nb", (), {"metadata": {}})())
                if chapter:
                    found[(sub.name, chapter)].append(path)
                continue
            chapter = _notebook_chapter(path, nb)
            if chapter:
                found[(sub.name, chapter)].append(path)
    wanted = sorted(chapters) if chapters else sorted({c for _, c in found})
    result = {}
    for student in students:
        for chapter in wanted:
            paths = found.get((student, chapter), [])
            item = Submission(student, chapter)
            if paths:
                paths = sorted(paths, key=lambda p: (p.stat().st_mtime, p.name))
                item.path = paths[-1]
                if len(paths) > 1:
                    item.notes.append(f"{len(paths)} copies of chapter {chapter}; graded {item.path.name}")
            result[(student, chapter)] = item
    return result, notes


# ------------------------------------------------------------------------------------- grading notebook

_NORMALISE = '''
def _crmlab_encode_{t}(value):
    import math
    if value is ...:
        return {{"t": "ellipsis"}}
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float)):
        return value
    type_name = type(value).__name__
    module = type(value).__module__ or ""
    if type_name == "Timestamp":
        return {{"t": "timestamp", "v": value.isoformat()}}
    if type_name == "DataFrame":
        return [_crmlab_encode_{t}(row) for row in value.to_numpy().tolist()]
    if module.startswith(("numpy", "pandas")) and hasattr(value, "tolist"):
        return _crmlab_encode_{t}(value.tolist())
    if hasattr(value, "item") and module.startswith("numpy"):
        return value.item()
    if isinstance(value, (list, tuple)):
        return [_crmlab_encode_{t}(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_crmlab_encode_{t}(v) for v in value), key=repr)
    if isinstance(value, dict):
        return {{"t": "dict", "v": [[str(k), _crmlab_encode_{t}(v)] for k, v in value.items()]}}
    return {{"t": "repr", "v": repr(value)[:500]}}
'''

_RECORD = '''
def _crmlab_record_{t}():
    import json
    try:
        value = answer
    except NameError:
        value = ...
    try:
        encoded = _crmlab_encode_{t}(value)
        text = json.dumps({{"id": {id!r}, "answer": encoded}})
    except Exception as exc:
        text = json.dumps({{"id": {id!r}, "answer": {{"t": "repr", "v": "unreadable answer: %r" % (exc,)}}}})
    print({token!r} + text)
_crmlab_record_{t}()
'''

_CAPTURE = '''
def _crmlab_capture_{t}(_exercise_id, _answer=None, **context):
    import pickle
    with open("context-%s.pkl" % _exercise_id, "wb") as handle:
        pickle.dump(context, handle)
'''


def _ident(token: str) -> str:
    """A Python-name suffix derived from the run's token (grader names do not clash with a student's)."""
    import hashlib

    return hashlib.sha256(token.encode()).hexdigest()[:12]


def _grader_cell(source: str, role: str):
    import nbformat

    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["crmlab_grader"] = role
    return cell


def _base(released, seed: int):
    import copy

    nb = copy.deepcopy(released)
    set_parameters(nb, student_parameters(seed, nb))
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb


def grading_notebook(released, answers: dict[str, str], seed: int, token: str):
    """The released notebook with the student's answer cells in place of its solution cells, and grader cells."""
    nb = _base(released, seed)
    t = _ident(token)
    slots = answer_cells(nb, "solution")
    cells = []
    first = {ids[0]: ex for ex, ids in slots.items()}
    drop = {i for ids in slots.values() for i in ids[1:]}
    for i, cell in enumerate(nb.cells):
        if i in drop:
            continue
        if _is_parameters(cell):
            cells.append(cell)
            cells.append(_grader_cell(_NORMALISE.format(t=t), "setup"))
            continue
        if i in first:
            ex = first[i]
            cell.source = answers.get(ex, "answer = ...")
            cell.metadata["crmlab_grader"] = f"answer:{ex}"
            cells.append(_grader_cell("answer = ...", "reset"))
            cells.append(cell)
            cells.append(_grader_cell(_RECORD.format(t=t, id=ex, token=token), f"record:{ex}"))
            continue
        cells.append(cell)
    nb.cells = cells
    return nb


def _capture_call(source: str, name: str) -> str | None:
    """The ``check(...)`` call of a check cell, with the function renamed to ``name``."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (getattr(node.func, "id", None) == "check"
                                           or getattr(node.func, "attr", None) == "check"):
            text = ast.get_source_segment(source, node)
            if text:
                return name + text[text.index("("):]
    return None


def reference_notebook(released, seed: int, token: str):
    """The released notebook (kit solutions) on ``seed``, pickling each check call's context after it."""
    nb = _base(released, seed)
    t = _ident(token)
    cells = []
    for cell in nb.cells:
        cells.append(cell)
        if _is_parameters(cell):
            cells.append(_grader_cell(_CAPTURE.format(t=t), "setup"))
        elif cell.cell_type == "code" and _check_ids(cell.source):
            call = _capture_call(cell.source, f"_crmlab_capture_{t}")
            if call:
                cells.append(_grader_cell(call, "capture"))
    nb.cells = cells
    return nb


def _decode(value):
    if isinstance(value, dict):
        kind = value.get("t")
        if kind == "ellipsis":
            return ...
        if kind == "timestamp":
            import pandas as pd

            return pd.Timestamp(value["v"])
        if kind == "dict":
            return {k: _decode(v) for k, v in value["v"]}
        if kind == "repr":
            return _Unreadable(value.get("v", ""))
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


class _Unreadable(str):
    """An answer the grader could not turn into data (its repr): it matches nothing."""


def _recorded(nb, token: str) -> dict[str, object]:
    answers = {}
    for cell in nb.cells:
        role = cell.metadata.get("crmlab_grader", "")
        if not role.startswith("record:"):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") != "stream":
                continue
            for line in output.get("text", "").splitlines():
                if line.startswith(token):
                    exercise_id = role.split(":", 1)[1]
                    try:
                        record = json.loads(line[len(token):])
                        if not isinstance(record, dict) or record.get("id") != exercise_id or exercise_id in answers:
                            continue
                        answers[exercise_id] = _decode(record.get("answer"))
                    except Exception:  # noqa: BLE001 - text from the student's kernel: odd is wrong, never a crash
                        answers[exercise_id] = _Unreadable("unreadable answer")
    return answers


def _answer_errors(nb) -> dict[str, str]:
    errors = {}
    for cell in nb.cells:
        role = cell.metadata.get("crmlab_grader", "")
        if role.startswith("answer:"):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    errors[role.split(":", 1)[1]] = f"{output.get('ename')}: {output.get('evalue')}"[:300]
    return errors


def _kit_cell_error(nb) -> str | None:
    number = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        role = cell.metadata.get("crmlab_grader", "")
        if not role:
            number += 1
        if role and not role.startswith("answer:"):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" and not role:
                return f"code cell {number}: {output.get('ename')}: {output.get('evalue')}"[:300]
    return None


# ------------------------------------------------------------------------------------------ marking

_TEXT = {
    "en": {"not_answered": "not answered.", "hint": "Hint:", "choose": "choose one of", "raised": "your answer cell raised",
           "not_reached": "not graded: the notebook {status} before this exercise was recorded.", "missing": "no notebook submitted.",
           "manual": "recorded for your instructor (marked with a rubric)", "no_truth": "the grader could not compute the expected answer; ask your instructor."},
    "zh": {"not_answered": "未作答。", "hint": "提示：", "choose": "请从以下选项中选择", "raised": "你的答案单元格出错：",
           "not_reached": "未评分：笔记本在记录这道题的答案之前{status}。", "missing": "没有提交笔记本。",
           "manual": "已记录，由老师按评分标准批改", "no_truth": "评分程序无法算出标准答案，请联系老师。"},
}
_STATUS_ZH = {"crashed": "崩溃了", "timeout": "超时了"}
_STATUS_EN = {"crashed": "crashed", "timeout": "timed out"}


@dataclass
class Row:
    student: str
    chapter: str
    exercise: str
    points: float | None
    max: float
    feedback: str
    misconception: str = ""
    status: str = ""


@dataclass
class NotebookRecord:
    student: str
    chapter: str
    file: str
    status: str
    notes: str
    seconds: float
    sandbox: str


def _mark(exercise_id: str, answer, context: dict | None, lang: str) -> tuple[bool, str, str]:
    from .checking import diagnose
    from .registry import get

    ex = get(exercise_id)
    text = _TEXT[lang]
    sep = "" if lang == "zh" else " "
    if answer is ... or answer is None:
        if ex.options:
            return False, f"{text['not_answered']}{sep}{text['choose']} {', '.join(ex.options)}.", "not_answered"
        return False, f"{text['not_answered']}{sep}{text['hint']}{sep}{ex.hint_in(lang)}", "not_answered"
    if context is None:
        return False, text["no_truth"], ""
    kwargs = {k: v for k, v in context.items() if k != "lang"}
    try:
        correct, feedback, key = diagnose(exercise_id, answer, lang=lang, **kwargs)
    except Exception:  # noqa: BLE001 - an answer of an odd type is wrong, not a grader crash
        correct, feedback, key = False, f"{_TEXT[lang]['hint']}{sep}{ex.hint_in(lang)}", None
    return correct, feedback, key or ""


@dataclass
class GradeResult:
    """What ``grade`` wrote: the output folder, the gradebook rows, the notebook records, the manual list."""

    out: Path
    rows: list
    notebooks: list
    manual: list
    sandbox: str
    notes: list

    def points(self, student: str) -> float:
        return sum(r.points or 0 for r in self.rows if r.student == student)


@dataclass
class _Job:
    student: str
    seed: int
    chapter: str
    submission: Submission
    released_path: Path | None = None
    lang: str = "en"


def _load_context(folder: Path, exercise_id: str) -> dict | None:
    path = folder / f"context-{exercise_id}.pkl"
    if not path.is_file():
        return None
    with open(path, "rb") as handle:  # written by the trusted reference run, never by the student's kernel
        return pickle.load(handle)


@dataclass
class _State:
    """One student × chapter on its way through the phases."""

    job: _Job
    folder: Path
    rows: list = field(default_factory=list)
    manual: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    status: str = "ok"
    record: NotebookRecord | None = None  # set when the notebook is settled before any run
    released: object = None
    ids: list = field(default_factory=list)
    answers: dict = field(default_factory=dict)
    needs_truth: bool = False
    contexts: dict = field(default_factory=dict)


def _prepare(job: _Job, folder: Path, sandbox: Sandbox, notebook_dir) -> _State:
    """Read the released and the submitted notebook; compare them; take the answer cells (no kernel yet)."""
    import nbformat

    from ..report import find_notebook
    from .registry import get
    from .strip import student_version

    state = _State(job, folder, notes=list(job.submission.notes))
    sub = job.submission
    name = sub.path.name if sub.path else ""

    def settle(status, feedback, notes=""):
        for ex_id in state.ids:
            ex = get(ex_id)
            state.rows.append(Row(job.student, job.chapter, ex_id, 0.0, ex.points,
                                  feedback, "", status))
        state.record = NotebookRecord(job.student, job.chapter, name, status, notes, 0, sandbox.kind)
        return state

    try:
        released_path = find_notebook(job.chapter, notebook_dir, lang=job.lang)
        state.released = _read_nb(released_path)
    except Exception as exc:  # noqa: BLE001 - this notebook's problem, not the class's
        return settle("crashed", f"no released notebook for chapter {job.chapter}",
                      f"no released notebook for chapter {job.chapter}: {exc}")
    state.ids = chapter_exercises(state.released)
    if sub.path is None:
        return settle("missing", _TEXT[job.lang]["missing"], "; ".join(state.notes))
    try:
        submitted = _read_nb(sub.path)
    except Exception as exc:  # noqa: BLE001
        return settle("crashed", f"unreadable notebook: {type(exc).__name__}", f"unreadable notebook: {exc}"[:300])
    meta = submitted.metadata.get("crmlab") if isinstance(submitted.metadata.get("crmlab"), dict) else {}
    record = meta.get("assignment") if isinstance(meta.get("assignment"), dict) else {}
    if record.get("student") not in (None, job.student):
        state.notes.append(f"this copy was handed out to {record.get('student')!r}")
    # What the student handed in, outside answer cells, against what was handed out.
    handed_out = nbformat.reads(student_version(released_path).decode("utf-8"), as_version=4)
    set_parameters(handed_out, student_parameters(job.seed, handed_out))
    cells = answer_cells(submitted, (EXERCISE_TAG, "solution"))  # student copies, or solved ones
    untagged = _untagged_answers(submitted, [ex for ex in state.ids if ex not in cells])
    if untagged:
        state.notes.append(f"answer cells without their '{EXERCISE_TAG}' tag: {', '.join(untagged)} (used)")
        cells.update({ex: [i] for ex, i in untagged.items()})
    if not cells:
        state.notes.append(f"no answer cells (tagged '{EXERCISE_TAG}') found")
    answer_index = {i for idx in cells.values() for i in idx}
    if _fixed_code(submitted, skip=answer_index) != _fixed_code(handed_out):
        state.status = EDITED
        state.notes.append("code outside the answer cells differs from the handed-out notebook; it was not run")
    if _params_source(submitted) != _params_source(handed_out):
        state.notes.append(f"parameters cell changed; graded on the roster's seed {job.seed}")
    state.answers = {ex: "\n\n".join(submitted.cells[i].source for i in idx) for ex, idx in cells.items()}
    blank = {ex: "\n\n".join(handed_out.cells[i].source for i in idx)
             for ex, idx in answer_cells(handed_out, EXERCISE_TAG).items()}
    state.needs_truth = any(source.strip() != blank.get(ex, "").strip() for ex, source in state.answers.items())
    return state


async def _truth(state: _State, *, timeout: float, sandbox: Sandbox, token: str, limit) -> None:
    """The trusted reference run: the kit's solutions on the student's seed; each check call's context, unpickled."""
    folder = state.folder / "truth"
    async with limit:
        ref = reference_notebook(state.released, state.job.seed, token)
        run = await _execute(ref, folder, max(600.0, timeout), sandbox)
    if run.status != "ok":
        state.notes.append(f"reference run {run.status}: {run.error}")
    for ex_id in state.ids:
        state.contexts[ex_id] = _load_context(folder, ex_id)
    shutil.rmtree(folder, ignore_errors=True)


async def _student(state: _State, *, timeout: float, sandbox: Sandbox, token: str, limit) -> None:
    """Run the answer cells in the kit's notebook, read the recorded answers, mark them."""
    from .registry import get

    job, text_lang = state.job, state.job.lang
    async with limit:
        nb = grading_notebook(state.released, state.answers, job.seed, token)
        run = await _execute(nb, state.folder / "student", timeout, sandbox)
    recorded = _recorded(nb, token)
    errors = _answer_errors(nb)
    kit_error = _kit_cell_error(nb)
    if run.status != "ok":
        state.status = run.status
        state.notes.append(run.error or run.status)
    elif kit_error:
        state.notes.append(f"the chapter stopped at {kit_error}")
    for ex_id in state.ids:
        ex = get(ex_id)
        if ex_id not in recorded:
            if run.status != "ok":
                what = (_STATUS_ZH if text_lang == "zh" else _STATUS_EN).get(run.status, run.status)
                feedback = _TEXT[text_lang]["not_reached"].format(status=what)
            elif ex_id in errors:
                feedback = f"{_TEXT[text_lang]['raised']} {errors[ex_id]}"
            else:
                feedback = _TEXT[text_lang]["not_answered"]
            state.rows.append(Row(job.student, job.chapter, ex_id, 0.0, ex.points,
                                  feedback, "", run.status if run.status != "ok" else "not recorded"))
            continue
        answer = recorded[ex_id]
        if ex.kind == "decide" and answer is not ... and answer is not None:
            state.rows.append(Row(job.student, job.chapter, ex_id, None, ex.points, _TEXT[text_lang]["manual"], "",
                                  "manual"))
            shown = answer if isinstance(answer, str) else json.dumps(answer, default=str, ensure_ascii=False)
            state.manual.append({"student": job.student, "chapter": job.chapter, "exercise": ex_id, "max": ex.points,
                                 "answer": shown, "answer_cell": state.answers.get(ex_id, ""),
                                 "rubric": ex.rubric.get(text_lang, ""),
                                 "model_answer": ex.model_answer.get(text_lang, ""), "points": ""})
            continue
        correct, feedback, key = _mark(ex_id, answer, state.contexts.get(ex_id), text_lang)
        if ex_id in errors and not correct:
            feedback = f"{feedback} ({_TEXT[text_lang]['raised']} {errors[ex_id]})"
        state.rows.append(Row(job.student, job.chapter, ex_id, ex.points if correct else 0.0, ex.points, feedback,
                              key if key != "not_answered" else "", "not answered" if key == "not_answered" else "answered"))
    state.record = NotebookRecord(job.student, job.chapter, state.job.submission.path.name, state.status,
                                  "; ".join(state.notes), run.seconds, sandbox.kind)


async def _grade_all(todo: list[_Job], *, jobs: int, work: Path, notebook_dir, **kw) -> list[_State]:
    """Two phases: every trusted reference run first, then the students' runs.

    No student code runs while a reference run writes its context files, so no student kernel can
    plant or alter them (they are unpickled into the grader and removed before phase two).
    """
    from .registry import registered

    registered()  # the banks are imported before any student code runs
    limit = asyncio.Semaphore(jobs)
    sandbox = kw["sandbox"]
    states = []
    for n, job in enumerate(todo):
        try:
            states.append(_prepare(job, work / f"{n:04d}", sandbox, notebook_dir))
        except Exception as exc:  # noqa: BLE001 - one notebook's problem never stops the class
            state = _State(job, work / f"{n:04d}")
            _fail(state, exc, sandbox)
            states.append(state)
    open_states = [s for s in states if s.record is None]
    truths = [s for s in open_states if s.needs_truth]
    for state, outcome in zip(truths, await asyncio.gather(*(_truth(s, limit=limit, **kw) for s in truths),
                                                           return_exceptions=True)):
        if isinstance(outcome, BaseException):
            state.notes.append(f"reference run failed: {type(outcome).__name__}: {outcome}"[:300])
    for state, outcome in zip(open_states, await asyncio.gather(*(_student(s, limit=limit, **kw) for s in open_states),
                                                                return_exceptions=True)):
        if isinstance(outcome, BaseException) and state.record is None:
            _fail(state, outcome, sandbox)
    return states


def _fail(state: _State, exc: BaseException, sandbox: Sandbox) -> None:
    """Record a grader-side failure on one notebook as ``crashed`` (its exercises at zero)."""
    from .registry import get

    job = state.job
    message = f"grading failed: {type(exc).__name__}: {exc}"[:300]
    state.rows = []
    for ex_id in state.ids:
        ex = get(ex_id)
        state.rows.append(Row(job.student, job.chapter, ex_id, 0.0, ex.points,
                              message, "", "crashed"))
    path = job.submission.path
    state.record = NotebookRecord(job.student, job.chapter, path.name if path else "", "crashed",
                                  "; ".join([*state.notes, message]), 0, sandbox.kind)


# ------------------------------------------------------------------------------------------ outputs


def _csv_bytes(header: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads UTF-8 (中文 feedback) right


def _fmt(points) -> str:
    if points is None:
        return ""
    return f"{points:g}"


def grade(submissions: str | Path, roster: str | Path, out: str | Path = "grades", *, timeout: float = 120,
          chapters: list[str] | None = None, jobs: int = 1, notebook_dir: str | Path | None = None,
          lang: str = "en") -> GradeResult:
    """Grade ``submissions`` (one folder per student) against ``roster``; write the grades folder ``out``.

    Parameters
    ----------
    submissions : path
        ``<student>/*.ipynb`` folders.
    roster : path
        ``student,seed`` CSV (``class/roster.csv`` from ``crmlab assign``).
    out : path
        The grades folder, written atomically under the kit's rule for output folders.
    timeout : float
        Seconds per notebook (wall clock).
    chapters : list of str, optional
        Chapters to grade (``["00", "02"]``); default every chapter found in the submissions. A
        student without that chapter is recorded as missing.
    jobs : int
        Notebooks run at the same time.
    lang : {"en", "zh"}
        Language of the class page (each student's feedback is in the edition they handed in).

    Raises
    ------
    DataError
        Before any kernel starts: a bad roster, a missing submissions folder, an output folder
        that holds files the kit did not write.
    """
    from .. import _outputs
    from ..report import find_notebook
    from .pages import class_page, student_file, student_page

    students = read_roster(roster)
    seeds = dict(students)
    if chapters:
        chapters = [str(c).strip().split("_")[0] for c in chapters]
        for chapter in chapters:
            find_notebook(chapter, notebook_dir)  # an unknown chapter stops here, before any kernel
    found, folder_notes = find_submissions(submissions, [s for s, _ in students], chapters)
    jobs_list = []
    for (student, chapter), sub in found.items():
        lang_of = "en"
        if sub.path is not None:
            try:
                lang_of = _edition(_read_nb(sub.path))
            except Exception:  # noqa: BLE001
                pass
        jobs_list.append(_Job(student, seeds[student], chapter, sub, lang=lang_of))
    sandbox = detect_sandbox()
    token = "CRMLAB-GRADE-" + secrets.token_hex(16) + ":"
    with _outputs.prepare(out, inputs=[submissions, roster]) as target:
        work = Path(tempfile.mkdtemp(prefix="crmlab-grade-"))
        try:
            results = asyncio.run(_grade_all(jobs_list, work=work, timeout=timeout, sandbox=sandbox, token=token,
                                             notebook_dir=notebook_dir, jobs=max(1, int(jobs))))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        rows = [r for st in results for r in st.rows]
        manual = [m for st in results for m in st.manual]
        records = [st.record for st in results]
        staging = target.staging
        (staging / "gradebook.csv").write_bytes(_csv_bytes(
            ["student", "chapter", "exercise", "points", "max", "feedback", "misconception", "status"],
            [[r.student, r.chapter, r.exercise, _fmt(r.points), _fmt(r.max), r.feedback, r.misconception, r.status]
             for r in rows]))
        exercise_ids = list(dict.fromkeys(r.exercise for r in rows))
        by = {(r.student, r.exercise): r for r in rows}
        maximum = {r.exercise: r.max for r in rows}
        wide = []
        for student, seed in students:
            cells = [_fmt(by[(student, e)].points) if (student, e) in by else "" for e in exercise_ids]
            total = sum(by[(student, e)].points or 0 for e in exercise_ids if (student, e) in by)
            wide.append([student, seed, *cells, _fmt(total), _fmt(sum(maximum.values()))])
        (staging / "gradebook_wide.csv").write_bytes(_csv_bytes(["student", "seed", *exercise_ids, "total", "max"], wide))
        manual_header = ["student", "chapter", "exercise", "points", "max", "answer", "answer_cell", "rubric",
                         "model_answer"]
        (staging / "manual.csv").write_bytes(_csv_bytes(manual_header, [[m[h] if h != "max" else _fmt(m[h])
                                                                            for h in manual_header] for m in manual]))
        (staging / "notebooks.csv").write_bytes(_csv_bytes(
            ["student", "chapter", "file", "status", "notes", "seconds", "sandbox"],
            [[n.student, n.chapter, n.file, n.status, n.notes, n.seconds, n.sandbox] for n in records]))
        for student, seed in students:
            page = student_page(student, seed, [r for r in rows if r.student == student],
                                [n for n in records if n.student == student])
            (staging / student_file(student)).write_text(page, encoding="utf-8")
        (staging / "index.html").write_text(class_page(rows, records, students, sandbox.kind, folder_notes, lang=lang),
                                            encoding="utf-8")
        _outputs.write_manifest(staging, {"roster": str(Path(roster)), "submissions": str(Path(submissions)),
                                          "sandbox": sandbox.kind, "timeout": timeout,
                                          "chapters": sorted({j.chapter for j in jobs_list})}, kind="grades")
        target.commit()
    return GradeResult(out=target.path, rows=rows, notebooks=records, manual=manual, sandbox=sandbox.kind,
                       notes=folder_notes)
