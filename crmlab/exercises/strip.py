"""Student versions of a chapter: solution cells emptied, verdicts removed.

Written under the kit's one rule for copies (:func:`crmlab._files.write_user_copies`): never inside
the installed package, never over a file a student or instructor changed.
"""

from __future__ import annotations

import re
from pathlib import Path

from .._files import write_user_copies
from ..errors import DataError

__all__ = ["strip_solutions", "student_version", "SOLUTION_TAG"]

SOLUTION_TAG = "solution"
_PLACEHOLDER = "# Your answer here: replace ... and run the check below.\n"


def student_version(notebook) -> bytes:
    """The student version of ``notebook`` as notebook bytes: cells tagged ``solution`` lose code and outputs.

    The names a solution cell assigns (``answer = ...``) are kept with ``...`` as their value, so the
    following ``check`` cell still reads naturally; a check's printed verdict is removed too, since
    it would give the answer away.
    """
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    for cell in nb.cells:
        if SOLUTION_TAG in cell.get("metadata", {}).get("tags", []):
            names = re.findall(r"^(\w+)\s*=", cell.source, flags=re.M)
            stubs = "".join(f"{name} = ...\n" for name in dict.fromkeys(names))
            cell.source = _PLACEHOLDER + stubs
            if cell.cell_type == "code":
                cell.outputs = []
                cell.execution_count = None
            cell.metadata["tags"] = [t for t in cell.metadata["tags"] if t != SOLUTION_TAG] + ["exercise"]
        elif cell.cell_type == "code" and ("exercises.check" in cell.source or "check(" in cell.source):
            cell.outputs = []
            cell.execution_count = None
    return nbformat.writes(nb).encode("utf-8")


def strip_solutions(notebook, output=None) -> Path:
    """Write a student version of ``notebook`` (see :func:`student_version`).

    Parameters
    ----------
    notebook : path
        The chapter notebook.
    output : path, optional
        The student notebook; default ``students/<name>_student.ipynb`` in the current folder —
        never inside the installed package, and never beside the chapters, so reports, nbval and
        ``crmlab run 02`` do not take it for a chapter.

    Returns
    -------
    pathlib.Path
        The student notebook.

    Raises
    ------
    DataError
        The target exists with other content than an earlier, untouched student version (a copy a
        student or instructor changed is never overwritten), or it is inside the installed package.
    ValueError
        ``output`` is the notebook itself.
    """
    source = Path(notebook)
    target = Path(output) if output else Path("students") / f"{source.stem}_student.ipynb"
    if target.resolve() == source.resolve():
        raise ValueError("the student version must not overwrite the original notebook.")
    outcome = write_user_copies(target.parent, {target.name: student_version(source)})
    if outcome["kept"]:
        raise DataError(f"{str(target)!r} exists and differs from a fresh student copy (changed, or made from "
                        "another version): it is kept. Pass another output path, or move it away first.")
    return target
