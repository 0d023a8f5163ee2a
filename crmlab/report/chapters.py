"""The chapter notebooks: where they are, which one a name means, and a student's own copy of them.

The chapters ship inside the package as package data, so an installed wheel has them, in two
editions built from one source (``notebooks/src``): ``crmlab/notebooks/en/NN_name.ipynb`` (English)
and ``crmlab/notebooks/zh/NN_name.ipynb`` (中文). Both editions use the same file names, so
``find_notebook("02")`` is the English chapter 02 and ``find_notebook("02", lang="zh")`` the 中文
one. ``CRMLAB_NOTEBOOKS`` points the kit at another folder (with ``en/`` and ``zh/`` inside, or the
chapters themselves, then used for both languages).
"""

from __future__ import annotations

import os
from pathlib import Path

from .._files import PACKAGE_DIR, write_user_copies
from .parameters import ParameterError

__all__ = ["NOTEBOOK_DIR", "EDITIONS", "edition_dir", "list_notebooks", "find_notebook", "copy_notebooks"]

#: The editions every chapter exists in.
EDITIONS = ("en", "zh")


def _notebook_dir() -> Path:
    env = os.environ.get("CRMLAB_NOTEBOOKS")
    if env:
        return Path(env)
    return PACKAGE_DIR / "notebooks"  # package data: a wheel carries the chapters


#: The folder holding the editions (``en/``, ``zh/``).
NOTEBOOK_DIR = _notebook_dir()


def edition_dir(lang: str = "en", directory: str | Path | None = None) -> Path:
    """The folder of one edition: ``<directory>/<lang>`` when it exists, else ``directory`` itself."""
    if lang not in EDITIONS:
        raise ParameterError(f"lang={lang!r} is not one of {EDITIONS}.")
    base = Path(directory) if directory is not None else NOTEBOOK_DIR
    return base / lang if (base / lang).is_dir() else base


def list_notebooks(directory: str | Path | None = None, *, lang: str = "en") -> list[Path]:
    """The chapter notebooks (``NN_name.ipynb``) of one edition, in order."""
    folder = edition_dir(lang, directory)
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb") if not p.stem.endswith("_student"))


def find_notebook(name: str | Path, directory: str | Path | None = None, *, lang: str = "en") -> Path:
    """Resolve ``"02"``, ``"02_rfm_segmentation"`` or a path to a notebook file of edition ``lang``."""
    path = Path(name)
    if path.suffix == ".ipynb" and path.exists():
        return path
    candidates = [p for p in list_notebooks(directory, lang=lang)
                  if p.stem == str(name) or p.stem.split("_")[0] == str(name)]
    if len(candidates) != 1:
        known = ", ".join(p.stem for p in list_notebooks(directory, lang=lang))
        raise ParameterError(f"no chapter notebook {str(name)!r}; known: {known}.")
    return candidates[0]


def copy_notebooks(directory: str | Path, *, chapters: list[str] | None = None,
                   student: bool = False, lang: str = "en") -> dict[str, list[str]]:
    """Copy the chapter notebooks into ``directory``, a student's own writable folder.

    The kit's one rule for copies applies (see :func:`crmlab._files.write_user_copies`): nothing is
    written inside the installed package, and a file the student changed, or one the kit did not
    write, is kept; an untouched earlier copy is refreshed.

    Parameters
    ----------
    directory : path
        The student's folder (created when absent).
    chapters : list of str, optional
        ``["01", "02"]`` or notebook names; all chapters by default.
    lang : {"en", "zh"}
        The edition to copy.
    student : bool
        Write student versions (solution cells emptied, see
        :func:`crmlab.exercises.strip.student_version`) named ``<chapter>_student.ipynb``.

    Returns
    -------
    dict
        ``{"written": [...], "unchanged": [...], "kept": [...]}`` file names.
    """
    notebooks = ([find_notebook(c, lang=lang) for c in chapters] if chapters
                 else list_notebooks(lang=lang))
    target = Path(directory).expanduser().resolve()
    if target == NOTEBOOK_DIR.resolve() or NOTEBOOK_DIR.resolve() in target.parents:
        from ..errors import DataError

        raise DataError(f"{directory} is the kit's own notebook folder; copy the chapters somewhere else.")
    if student:
        from ..exercises.strip import student_version

        files = {f"{nb.stem}_student.ipynb": student_version(nb) for nb in notebooks}
    else:
        files = {nb.name: nb.read_bytes() for nb in notebooks}
    return write_user_copies(directory, files)
