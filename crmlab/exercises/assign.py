"""Hand out chapter notebooks to a class: one folder per student, on data generated from the student's seed.

``crmlab assign --seeds 1-40 --chapters 02,03 --out class/`` writes ``class/<student>/<chapter>.ipynb``
(student versions: solution cells emptied, see :func:`~crmlab.exercises.strip.student_version`),
``class/roster.csv`` (``student,seed``) and, with ``--solutions``,
``class/_solutions/<student>/<chapter>.ipynb`` (the solved copies on the same data).

Each copy's parameters cell is set to the student's data: ``data = "synthetic:<seed>"`` and
``seed = <seed>``. Every chapter reads ``synthetic:<seed>`` — the transaction chapters get generated
transactions, the survey chapters (04, 05) a generated survey (see
:func:`crmlab.report.parameters.data_kind`); a chapter whose parameters name survey columns (04:
``satisfaction_items``, ``attributes``) gets the generated survey's columns. The copies carry no outputs: the stored outputs of the
kit's notebooks were computed on the bundled data and would contradict the student's own. The
notebook metadata records ``{"crmlab": {"assignment": {"student", "seed", "chapter"}}}`` so
:mod:`~crmlab.exercises.grade` recognises a renamed copy.

Files are written under the kit's one rule for copies (:func:`crmlab._files.write_user_copies`):
re-running ``assign`` refreshes untouched copies and never overwrites a file a student (or the
instructor) changed; such files are reported as kept.

A roster file (``--roster students.csv``) has the columns ``student,seed`` (UTF-8 or GBK, as
Excel on a Chinese Windows saves it); a student is a name or an id, used as the folder name.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .._files import write_user_copies
from ..errors import DataError

__all__ = ["read_roster", "roster_from_seeds", "assign", "set_parameters", "chapter_key", "AssignResult",
           "SOLUTIONS_FOLDER", "ROSTER"]

SOLUTIONS_FOLDER = "_solutions"
ROSTER = "roster.csv"
_BAD_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def _check_student(name: str, where: str) -> str:
    name = name.strip()
    if not name or name in (".", "..") or name.startswith(".") or name == SOLUTIONS_FOLDER or _BAD_NAME.search(name):
        raise DataError(f"{where}: {name!r} cannot be a student folder name (no / \\ : * ? \" < > |, not "
                        f"starting with a dot, not {SOLUTIONS_FOLDER!r}); use a name or an id.")
    return name


def read_roster(path: str | Path) -> list[tuple[str, int]]:
    """``[(student, seed), ...]`` from a CSV with the columns ``student,seed`` (UTF-8, UTF-8 with BOM, or GBK).

    Raises
    ------
    DataError
        The file is missing, lacks a column, repeats a student, or a seed is not a whole number.
    """
    from .._text import decode_user_text

    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read roster {str(path)!r}: {exc.strerror or exc}.") from None
    text, _ = decode_user_text(raw, str(path), what="roster")
    sample = text[:2048]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    fields = {(f or "").strip().casefold(): f for f in reader.fieldnames or []}
    if "student" not in fields or "seed" not in fields:
        raise DataError(f"roster {str(path)!r} needs the columns student,seed; it has {reader.fieldnames}.")
    roster, seen = [], set()
    for line, row in enumerate(reader, start=2):
        student = (row.get(fields["student"]) or "").strip()
        seed = (row.get(fields["seed"]) or "").strip()
        if not student and not seed:
            continue
        student = _check_student(student, f"roster {path.name} line {line}")
        try:
            number = int(float(seed)) if float(seed).is_integer() else None
        except ValueError:
            number = None
        if number is None:
            raise DataError(f"roster {path.name} line {line}: seed {seed!r} is not a whole number.")
        if student in seen:
            raise DataError(f"roster {path.name} line {line}: student {student!r} is listed twice.")
        seen.add(student)
        roster.append((student, number))
    if not roster:
        raise DataError(f"roster {str(path)!r} lists no students.")
    return roster


def roster_from_seeds(seeds: list[int]) -> list[tuple[str, int]]:
    """One student per seed, named ``seed-<n>`` (as ``crmlab batch`` names its folders)."""
    return [(f"seed-{s}", int(s)) for s in seeds]


def roster_csv(roster: list[tuple[str, int]]) -> bytes:
    """The roster as CSV bytes (UTF-8 with BOM, so Excel on a Chinese Windows opens it right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student", "seed"])
    writer.writerows(roster)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def chapter_key(notebook: str | Path) -> str:
    """``"02"`` for ``02_rfm_segmentation.ipynb``."""
    return Path(notebook).stem.split("_")[0]


def _plain(value) -> bool:
    """Whether ``json.dumps`` writes ``value`` as the same Python literal (the kit's double-quoted style)."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, (str, int)):
        return True
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def set_parameters(nb, values: dict) -> list[str]:
    """Set ``name = value`` lines of ``nb``'s parameters cell (in place); returns the names set.

    A line's trailing comment is kept. A name the cell does not define is not added (the chapter
    does not take it).
    """
    cell = next((c for c in nb.cells if c.cell_type == "code" and "parameters" in c.metadata.get("tags", [])), None)
    if cell is None:
        raise DataError("the notebook has no cell tagged 'parameters'.")
    lines = cell.source.splitlines()
    done = []
    for name, value in values.items():
        pattern = re.compile(rf"^{re.escape(name)}\s*=\s*(?P<value>[^#]*?)(?P<comment>\s*#.*)?$")
        for i, line in enumerate(lines):
            match = pattern.match(line)
            if match:
                shown = json.dumps(value, ensure_ascii=False) if _plain(value) else repr(value)
                lines[i] = f"{name} = {shown}{match.group('comment') or ''}"
                done.append(name)
                break
    cell.source = "\n".join(lines)
    return done


def _survey_columns() -> dict:
    """Parameters naming survey columns, as the generated survey (``synthetic:<seed>``) has them."""
    from ..datasets import ATTRIBUTES

    return {"satisfaction_items": ["satisfaction", "sat_expectation", "sat_ideal"], "attributes": list(ATTRIBUTES)}


def student_parameters(seed: int, nb=None) -> dict:
    """The parameters that put a student on their own data: ``data = "synthetic:<seed>"``, ``seed = <seed>``.

    A chapter whose parameters name survey columns (chapter 04: ``satisfaction_items``,
    ``attributes``, by default the bundled ECSI survey's) gets the generated survey's columns too,
    so it runs on ``synthetic:<seed>``; given ``nb``, only the names its parameters cell defines.
    """
    values = {"data": f"synthetic:{seed}", "seed": int(seed)}
    if nb is not None:
        cell = next((c for c in nb.cells if c.cell_type == "code" and "parameters" in c.metadata.get("tags", [])), None)
        defined = set(re.findall(r"^(\w+)\s*=", cell.source, flags=re.M)) if cell is not None else set()
        values.update({k: v for k, v in _survey_columns().items() if k in defined})
    return values


def _clear_outputs(nb) -> None:
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None


def _copy(nb_bytes: bytes, *, student: str, seed: int, chapter: str) -> bytes:
    import nbformat

    nb = nbformat.reads(nb_bytes.decode("utf-8"), as_version=4)
    set_parameters(nb, student_parameters(seed, nb))
    _clear_outputs(nb)
    nb.metadata.setdefault("crmlab", {})["assignment"] = {"student": student, "seed": int(seed), "chapter": chapter}
    return nbformat.writes(nb).encode("utf-8")


@dataclass
class AssignResult:
    """What ``assign`` wrote: per folder (relative to the class folder), the file names written, unchanged, kept."""

    out: Path
    folders: dict = field(default_factory=dict)

    def files(self, what: str) -> list[str]:
        return [f"{folder}/{name}" if folder != "." else name
                for folder, outcome in self.folders.items() for name in outcome[what]]


def assign(out: str | Path, roster: list[tuple[str, int]], *, chapters: list[str] | None = None, lang: str = "en",
           solutions: bool = False, notebook_dir: str | Path | None = None) -> AssignResult:
    """Write each student's chapter notebooks (and with ``solutions`` the solved copies) into ``out``.

    Parameters
    ----------
    out : path
        The class folder: ``<student>/``, ``roster.csv``, and ``_solutions/<student>/``.
    roster : list of (student, seed)
        From :func:`read_roster` or :func:`roster_from_seeds`.
    chapters : list of str, optional
        ``["02", "03"]`` or notebook names; default all chapters.
    lang : {"en", "zh"}
        The edition handed out.
    solutions : bool
        Also write the instructor's solved copies.

    Raises
    ------
    DataError
        An unknown chapter, a bad student name, or ``out`` inside the installed package.
    """
    from ..labels import check_lang
    from ..report import find_notebook
    from ..report.chapters import list_notebooks
    from .strip import student_version

    check_lang(lang)
    out = Path(out)
    names = [_check_student(s, "roster") for s, _ in roster]
    if len(set(names)) != len(names):
        raise DataError("the roster lists a student twice.")
    notebooks = ([find_notebook(c, notebook_dir, lang=lang) for c in chapters] if chapters
                 else list_notebooks(notebook_dir, lang=lang))
    released = {nb: nb.read_bytes() for nb in notebooks}
    stripped = {nb: student_version(nb) for nb in notebooks}
    result = AssignResult(out=out)
    for student, seed in roster:
        files = {nb.name: _copy(stripped[nb], student=student, seed=seed, chapter=chapter_key(nb)) for nb in notebooks}
        result.folders[student] = write_user_copies(out / student, files)
        if solutions:
            solved = {nb.name: _copy(released[nb], student=student, seed=seed, chapter=chapter_key(nb))
                      for nb in notebooks}
            result.folders[f"{SOLUTIONS_FOLDER}/{student}"] = write_user_copies(out / SOLUTIONS_FOLDER / student, solved)
    result.folders["."] = write_user_copies(out, {ROSTER: roster_csv(roster)})
    return result
