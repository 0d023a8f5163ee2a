"""Run chapter notebooks headless (papermill) into report folders: one notebook, a report, a batch.

Course concept: the instructor's and analyst's report — every chapter run on one data set with
one column mapping, with the executed notebooks, HTML pages, an index and a manifest.

A report folder is built in a staging folder beside the target and swapped in at the end, so a
crash never leaves a half-written report that looks complete. Which chapter gets the report's data
follows each notebook's declared data kind (:func:`crmlab.report.parameters.data_kind`); the runner
knows no chapter by name.
"""

from __future__ import annotations

import os
import platform
import re
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from importlib import metadata
from pathlib import Path

from .. import _outputs
from .._files import PACKAGE_DIR, write_atomic
from .._outputs import OutputError
from ..errors import DataError
from ..notebook import HEADLINE_MIME
from . import html as pages
from .chapters import find_notebook, list_notebooks
from .parameters import (
    DATA_KINDS,
    ParameterError,
    chapter_key,
    chapter_parameters,
    check_files,
    check_parameters,
    data_kind,
    input_files,
    is_named_source,
    notebook_parameters,
    source_kind,
)

__all__ = ["NotebookRun", "Report", "run_notebook", "run_chapter", "run_report", "run_batch", "job_folders",
           "inline_figures", "read_headline", "OutputError"]

_PACKAGES = ("crmlab", "pandas", "numpy", "scipy", "mlxtend", "scikit-learn", "matplotlib", "seaborn",
             "papermill", "nbconvert")


@dataclass
class NotebookRun:
    """The outcome of running one notebook."""

    name: str
    title: str
    ok: bool
    seconds: float
    parameters: dict
    notebook: str | None = None
    html: str | None = None
    failed_cell: int | None = None
    error: str | None = None
    headline: dict = field(default_factory=dict)
    note: str | None = None
    stop_reason: str | None = None
    data_file: dict | None = None
    command: str = "report"

    @classmethod
    def from_manifest(cls, entry: dict) -> NotebookRun:
        """The run a manifest's chapter entry describes (entries of older kit versions included)."""
        known = {f.name for f in fields(cls)}
        values = {"name": "", "title": "", "ok": False, "seconds": 0.0, "parameters": {}}
        values.update({k: v for k, v in entry.items() if k in known})
        return cls(**values)


def _title(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return ""


def read_headline(nb) -> dict:
    """The headline figures a chapter showed (:func:`crmlab.notebook.headline`), in its order."""
    found: dict = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if HEADLINE_MIME in data:
                found.update(data[HEADLINE_MIME])  # a list of [name, value] pairs (or a mapping)
    return found


def _data_error_names() -> set[str]:
    names, todo = set(), [DataError]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return names


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _is_data_stop(output: dict) -> bool:
    """Whether an error output is a :class:`DataError` raised by crmlab (or the notebook's own code).

    Kernels report only the class name, and other libraries have a ``DataError`` too (pandas), so
    the innermost frame must be crmlab's code or a notebook cell.
    """
    if output.get("ename") not in _data_error_names():
        return False
    frames = [_ANSI.sub("", line).lstrip() for line in output.get("traceback") or []]
    frames = [f for f in frames if f.startswith(("File ", "Cell In["))]
    if not frames:
        return True
    last = frames[-1]
    if last.startswith("Cell In["):
        return True
    path = last[len("File "):].split(":", 1)[0].strip()
    try:
        return Path(path).resolve().is_relative_to(PACKAGE_DIR)
    except (OSError, ValueError):
        return False


def _failure(nb) -> tuple[int | None, str | None, str | None]:
    """Failing code cell, ``"Type: message"``, and the one-line reason when the data stopped it."""
    # Numbered as in the original notebook: papermill's injected parameters cell does not count.
    original = [c for c in nb.cells if c.cell_type == "code"
                and "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    for index, cell in enumerate(original):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                reason = " ".join(str(output.get("evalue", "")).split()) if _is_data_stop(output) else None
                return index + 1, f"{output.get('ename')}: {output.get('evalue')}", reason
    return None, None, None




_INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


@contextmanager
def inline_figures():
    """Let kernels started inside show figures inline, whatever ``MPLBACKEND`` the caller set.

    ipykernel selects the inline backend only when ``MPLBACKEND`` is unset; a shell or CI that
    exports ``MPLBACKEND=Agg`` (common on headless machines) would otherwise run every plot
    cell without output, so reports lose their figures and stored notebooks stop matching.
    """
    previous = os.environ.get("MPLBACKEND")
    os.environ["MPLBACKEND"] = _INLINE_BACKEND
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("MPLBACKEND", None)
        else:
            os.environ["MPLBACKEND"] = previous


def run_notebook(notebook: str | Path, out_dir: str | Path, parameters: dict | None = None, *,
                 html_page: bool = True, no_code: bool = False, progress: bool = False,
                 cwd: str | Path | None = None, kernel_name: str = "python3") -> NotebookRun:
    """Execute one notebook with papermill and write ``<name>.ipynb`` (and ``<name>.html``).

    A failing notebook still writes its partial executed notebook (and page); the returned
    :class:`NotebookRun` has ``ok=False``, the failing code cell number and the error, and
    ``stop_reason`` (the one-line message) when a :class:`DataError` of crmlab stopped it.

    This writes into ``out_dir`` as it is, replacing ``<name>.ipynb`` and ``<name>.html``: it is for
    folders the caller owns (a staging folder, a test's temporary folder). The commands use
    :func:`run_chapter` and :func:`run_report`, which check the folder first.

    Raises
    ------
    ParameterError
        Unknown parameter names or wrong types (checked before anything runs).
    """
    import nbformat
    import papermill as pm

    notebook = Path(notebook)
    parameters = dict(parameters or {})
    parameters = check_parameters(notebook, parameters)
    check_files(notebook, parameters, cwd)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / notebook.name
    tmp = out_dir / f".{notebook.stem}.running.ipynb"
    start = time.perf_counter()
    crash = None
    try:
        with inline_figures():
            pm.execute_notebook(str(notebook), str(tmp), parameters=parameters, kernel_name=kernel_name,
                                cwd=str(cwd or notebook.parent), progress_bar=progress, log_output=False,
                                report_mode=no_code)
    except pm.PapermillExecutionError:
        pass  # the partial notebook is written; the error is read back from it below
    except Exception as exc:  # noqa: BLE001 - a dead kernel or a timeout is this chapter's failure, not the report's
        lines = str(exc).strip().splitlines()
        crash = f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
    seconds = time.perf_counter() - start
    nb = nbformat.read(str(tmp if tmp.exists() else notebook), as_version=4)
    failed_cell, error, reason = _failure(nb) if tmp.exists() else (None, None, None)
    if error is None and crash is not None:
        error = crash
    if tmp.exists():
        os.replace(tmp, target)
    else:
        write_atomic(target, nbformat.writes(nb).encode("utf-8"))
    run = NotebookRun(name=notebook.stem, title=_title(nb), ok=error is None, seconds=round(seconds, 2),
                      parameters=parameters, notebook=target.name, failed_cell=failed_cell, error=error,
                      headline=read_headline(nb), stop_reason=reason)
    if html_page:
        pages.copy_mathjax(out_dir)
        page = out_dir / f"{notebook.stem}.html"
        write_atomic(page, pages.to_html(nb, no_code=no_code).encode("utf-8"))
        run.html = page.name
    return run


@dataclass
class Report:
    """A finished report: where it is and how each chapter went."""

    out_dir: Path
    runs: list[NotebookRun]

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.runs)


def _versions() -> dict:
    found = {"python": platform.python_version()}
    for name in _PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return found



@dataclass
class _Plan:
    """A checked report: which notebooks run with which parameters. Nothing has run yet."""

    runs: list[tuple[Path, dict]]
    notes: dict
    common: dict
    data_file: Path | None
    title: str
    edition: str = "en"

    def inputs(self) -> list[Path]:
        """The files and folders the report reads (its output folder must not hold them)."""
        found: list[Path] = []
        for nb, params in self.runs:
            found += [nb, nb.parent, *input_files(params, nb.parent)]
        if self.data_file is not None:
            found.append(Path(self.data_file))
        return found





#: The report's own words, per edition.
TITLES = {"en": "crmlab report", "zh": "crmlab 分析报告"}


def _plan_report(*, chapters, parameters, chapter_params, data_file, notebook_dir, title, lang=None) -> _Plan:
    """Resolve and check every chapter's parameters; raise :class:`ParameterError` before anything runs.

    ``lang`` picks the edition (``en``/``zh``) and sets the ``lang`` parameter unless it is given.
    """
    edition = lang or "en"
    notebooks = ([find_notebook(c, notebook_dir, lang=edition) for c in chapters] if chapters
                 else list_notebooks(notebook_dir, lang=edition))
    if not notebooks:
        raise ParameterError("no chapter notebooks found (expected NN_name.ipynb files).")
    common = dict(parameters or {})
    if lang:
        common.setdefault("lang", lang)
    per_chapter = dict(chapter_params or {})
    kinds = {nb: data_kind(nb) for nb in notebooks}
    # The report's data set is of one kind: the kind of the named data set, else the kind most
    # selected chapters declare (ties: the first of DATA_KINDS). Chapters that read another kind
    # keep their own data unless they are given some of their own.
    report_kind = source_kind(common.get("data")) or max(DATA_KINDS, key=list(kinds.values()).count)
    plans, notes = [], {}
    for nb in notebooks:
        params = chapter_parameters(nb, common, per_chapter)
        if kinds[nb] != report_kind:
            own = per_chapter.get(chapter_key(nb, per_chapter), {})
            withheld = False
            held = source_kind(params.get("data"), default=report_kind)
            if "data" in params and "data" not in own and held not in (None, kinds[nb]):
                withheld = params.pop("data") is not None
            if "columns" in params and "columns" not in own:
                withheld = bool(params.pop("columns")) or withheld
            if withheld:
                notes[nb] = (f"ran on its bundled {kinds[nb]} data: the report's data set holds {report_kind}; give "
                             f"this chapter {kinds[nb]} data under '{nb.stem[:2]}': {{data: …, columns: …}} "
                             f"in -f params.yaml")
        plans.append((nb, params))
    withheld_names = {"data", "columns"} if any(k != report_kind for k in kinds.values()) else set()
    unused = set(common) - {k for _, p in plans for k in p} - withheld_names
    if unused:
        declared = {}
        for nb, _ in plans:
            for name, info in notebook_parameters(nb).items():
                declared.setdefault(name, info["default"])
        listing = ", ".join(f"{k} (default {v})" for k, v in declared.items())
        raise ParameterError(f"unknown parameter(s) {', '.join(sorted(map(repr, unused)))}: no selected chapter "
                             f"declares them; their parameters are: {listing}.")
    plans = [(nb, check_parameters(nb, params)) for nb, params in plans]
    for nb, params in plans:
        check_files(nb, params)
    if data_file is None and isinstance(common.get("data"), str) and not is_named_source(common["data"]):
        candidate = notebooks[0].parent / Path(common["data"]).expanduser()  # as the kernels read it
        data_file = candidate if candidate.is_file() else None
    return _Plan(runs=plans, notes=notes, common=common, data_file=Path(data_file) if data_file else None,
                 title=title or TITLES[edition], edition=edition)


def _file_record(path: Path, hashes: dict) -> dict:
    key = Path(path).resolve()
    if key not in hashes:
        hashes[key] = _outputs.sha256(key)
    return {"name": Path(path).name, "sha256": hashes[key]}


def _chapter_data_file(params: dict, base: Path, hashes: dict) -> dict | None:
    """Name and hash of the file a chapter's ``data`` parameter names (None for bundled data)."""
    files = input_files({"data": params["data"]} if "data" in params else {}, base)
    return _file_record(files[0], hashes) if files and files[0].is_file() else None


def _write_report_pages(folder: Path, manifest: dict, runs: list[NotebookRun]) -> None:
    page = pages.render_index(runs, title=manifest["title"], manifest=manifest, lang=manifest.get("edition", "en"))
    write_atomic(folder / "index.html", page.encode("utf-8"))
    _outputs.write_manifest(folder, manifest, kind="report")


def _build_report(plan: _Plan, folder: Path, *, no_code: bool, progress: bool) -> list[NotebookRun]:
    """Run the plan's chapters into ``folder``, then write its ``index.html`` and ``manifest.json``."""
    folder.mkdir(parents=True, exist_ok=True)
    hashes: dict = {}
    runs: list[NotebookRun] = []
    iterator = plan.runs
    if progress:
        from tqdm.auto import tqdm
        iterator = tqdm(plan.runs, desc="chapters", unit="notebook")
    for nb, params in iterator:
        run = run_notebook(nb, folder, params, no_code=no_code, progress=progress)
        run.note = plan.notes.get(nb)
        run.data_file = _chapter_data_file(params, nb.parent, hashes)
        runs.append(run)
    manifest = {
        "title": plan.title,
        "edition": plan.edition,
        "ok": all(r.ok for r in runs),
        "parameters": plan.common,
        "data_file": _file_record(plan.data_file, hashes) if plan.data_file else None,
        "versions": _versions(),
        "chapters": [asdict(r) for r in runs],
        "total_seconds": round(sum(r.seconds for r in runs), 2),
    }
    _write_report_pages(folder, manifest, runs)
    return runs


def run_report(out_dir: str | Path = "reports", *, chapters: list[str] | None = None,
               parameters: dict | None = None, chapter_params: dict | None = None,
               data_file: str | Path | None = None, no_code: bool = False, progress: bool = False,
               notebook_dir: str | Path | None = None, title: str | None = None, lang: str | None = None) -> Report:
    """Run chapters into ``out_dir``: executed notebooks, HTML pages, ``index.html``, ``manifest.json``.

    Parameters
    ----------
    out_dir : path
        The report folder. It is replaced as a whole when the run finishes, and only when it is
        absent, empty, or holds nothing but unchanged files of earlier kit runs (per its manifest).
    chapters : list of str, optional
        ``["01", "02"]`` or notebook names; all chapter notebooks by default.
    parameters : dict
        Common parameters (``data``, ``columns``, ``lang`` …), given to each chapter that declares them.
    chapter_params : dict
        Per chapter (key ``"02"`` or ``"02_rfm_segmentation"``): parameters for that chapter only.
    data_file : path, optional
        The user's data file, hashed into the manifest.
    no_code : bool
        Hide code cells in the HTML pages.
    title : str, optional
        The index page's title (default: "crmlab report", or its 中文 for ``lang="zh"``).
    lang : {"en", "zh"}, optional
        The edition to run (``crmlab report --lang zh``): its chapters, headings and index page are in
        that language, and the chapters' ``lang`` parameter is set to it unless ``parameters`` gives
        one. ``parameters={"lang": "zh"}`` alone switches only tables and plots of the English edition.

    Returns
    -------
    Report
        ``ok`` is False when any chapter failed; the others still ran.

    Raises
    ------
    ParameterError
        Before anything runs: unknown chapter, unknown or mistyped parameter.
    OutputError
        Before anything runs: ``out_dir`` holds a file crmlab did not write (or one edited since),
        is or holds the working folder, holds the data or the notebooks, or cannot be written.
    """
    plan = _plan_report(chapters=chapters, parameters=parameters, chapter_params=chapter_params,
                        data_file=data_file, notebook_dir=notebook_dir, title=title, lang=lang)
    with _outputs.prepare(out_dir, inputs=plan.inputs()) as target:
        runs = _build_report(plan, target.staging, no_code=no_code, progress=progress)
        target.commit()
    return Report(out_dir=target.path, runs=runs)


def _edition(notebook: Path) -> str:
    """The edition a notebook belongs to (its ``crmlab.edition`` metadata; English when absent)."""
    import nbformat

    try:
        edition = nbformat.read(str(notebook), as_version=4).metadata.get("crmlab", {}).get("edition")
    except Exception:  # noqa: BLE001 - an unreadable notebook fails later, with its own message
        edition = None
    return edition if edition in TITLES else "en"


def run_chapter(notebook: str | Path, out_dir: str | Path = "reports", parameters: dict | None = None, *,
                no_code: bool = False, progress: bool = False, cwd: str | Path | None = None) -> NotebookRun:
    """Run one notebook into a report folder, beside the chapters already there (``crmlab run``).

    The folder is a report folder like the one :func:`run_report` writes: this chapter's notebook,
    page and manifest entry (marked ``"command": "run"``, with its own parameters and data file)
    replace the earlier ones, other chapters keep theirs, and ``index.html`` is rewritten. The
    folder's own fields (``parameters``, ``data_file``) keep describing the report that made it.
    The same rule as for reports applies: a folder holding files crmlab did not write is refused.

    Parameters
    ----------
    notebook : path
        The notebook to run.
    out_dir : path
        The report folder (created when absent).
    parameters : dict
        The notebook's parameters; every name must exist in it.
    cwd : path, optional
        Where the kernel runs and relative file parameters are read (default: the notebook's folder).

    Returns
    -------
    NotebookRun

    Raises
    ------
    ParameterError, OutputError
        Before anything runs, as for :func:`run_report`; also when ``out_dir`` holds a batch.
    """
    notebook = Path(notebook)
    parameters = check_parameters(notebook, dict(parameters or {}))
    check_files(notebook, parameters, cwd)
    base = Path(cwd) if cwd is not None else notebook.parent
    with _outputs.prepare(out_dir, inputs=[notebook, notebook.parent, *input_files(parameters, base)]) as target:
        previous = target.previous
        kind = previous.get("kind", "report") if previous is not None else None
        if kind is None and target.path.is_dir() and _outputs.owned_files(target.path):
            kind = "batch"  # a batch folder of the previous kit version (it had no manifest)
        if kind not in (None, "report"):
            raise OutputError(f"output folder {target.shown} holds a {kind}, not a report; "
                              f"`crmlab run` adds one chapter to a report folder: give another --out.")
        target.carry_over(skip={_outputs.MANIFEST, "index.html", f"{notebook.stem}.ipynb", f"{notebook.stem}.html"})
        run = run_notebook(notebook, target.staging, parameters, no_code=no_code, progress=progress, cwd=cwd)
        run.command = "run"
        run.data_file = _chapter_data_file(parameters, base, {})
        entry = asdict(run)
        if previous is None:
            edition = _edition(notebook)
            manifest = {"title": TITLES[edition], "edition": edition, "parameters": parameters,
                        "data_file": run.data_file, "versions": _versions()}
            entries = [entry]
        else:
            manifest = {k: v for k, v in previous.items() if k not in ("kind", "files")}
            versions = _versions()
            if versions != previous.get("versions"):
                entry["versions"] = versions
            entries = [c for c in previous.get("chapters") or [] if isinstance(c, dict)]
            names = [c.get("name") for c in entries]
            if run.name in names:
                entries[names.index(run.name)] = entry
            else:
                entries.append(entry)
        manifest.update(ok=all(c.get("ok") for c in entries), chapters=entries,
                        total_seconds=round(sum(float(c.get("seconds") or 0) for c in entries), 2))
        _write_report_pages(target.staging, manifest, [NotebookRun.from_manifest(c) for c in entries])
        target.commit()
    return run


_RESERVED_FOLDERS = {"index.html", _outputs.MANIFEST, "_static"}
_WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def job_folders(names: list[str]) -> list[str]:
    """One safe, distinct sub-folder name per batch job (letters, digits, ``-_.``; no clash on any OS).

    Names that clash (two data files with the same stem, also when they differ only in case)
    get ``-2``, ``-3`` … in the order given.
    """
    used: set[str] = set()
    folders = []
    for name in names:
        base = re.sub(r"[^\w.-]+", "_", str(name)).strip("._")[:80] or "report"
        if base.casefold() in _RESERVED_FOLDERS or base.split(".")[0].casefold() in _WINDOWS_DEVICES:
            base = f"report_{base}"
        candidate, number = base, 1
        while candidate.casefold() in used:
            number += 1
            candidate = f"{base}-{number}"
        used.add(candidate.casefold())
        folders.append(candidate)
    return folders


def run_batch(out_dir: str | Path, jobs: list[tuple[str, dict, str | Path | None]], *,
              chapters: list[str] | None = None, parameters: dict | None = None,
              chapter_params: dict | None = None, no_code: bool = False,
              notebook_dir: str | Path | None = None, on_report=None,
              lang: str | None = None) -> list[tuple[str, Report]]:
    """Many reports in one folder: a sub-folder per job, with an ``index.html`` and ``manifest.json`` of them.

    Every job's parameters and the output folder are checked before the first job runs; the
    folder is swapped in as a whole at the end, under the same rule as :func:`run_report`.

    Parameters
    ----------
    out_dir : path
        The batch folder.
    jobs : list of (name, parameters, data file or None)
        One report each; a job's parameters override the common ``parameters``. Sub-folders are
        named after the data file's stem or the name (see :func:`job_folders`).
    on_report : callable, optional
        Called with ``(name, report)`` after each job (for progress lines).
    lang : {"en", "zh"}, optional
        The edition, as for :func:`run_report`.

    Returns
    -------
    list of (name, Report)
    """
    folders = job_folders([Path(str(name)).stem if data_file is not None else name for name, _, data_file in jobs])
    planned = []
    for (name, job_params, data_file), folder in zip(jobs, folders):
        plan = _plan_report(chapters=chapters, parameters={**(parameters or {}), **job_params},
                            chapter_params=chapter_params, data_file=data_file, notebook_dir=notebook_dir,
                            title=f"{TITLES[lang or 'en']} — {name}", lang=lang)
        planned.append((name, folder, plan))
    results: list[tuple[str, Report]] = []
    with _outputs.prepare(out_dir, inputs=[i for _, _, plan in planned for i in plan.inputs()]) as target:
        for name, folder, plan in planned:
            runs = _build_report(plan, target.staging / folder, no_code=no_code, progress=False)
            results.append((name, Report(out_dir=target.path / folder, runs=runs)))
            if on_report is not None:
                on_report(*results[-1])
        manifest = {
            "title": "crmlab batch",
            "ok": all(r.ok for _, r in results),
            "reports": [{"name": name, "folder": r.out_dir.name, "ok": r.ok,
                         "failed": [run.name for run in r.runs if not run.ok]} for name, r in results],
            "versions": _versions(),
            "total_seconds": round(sum(run.seconds for _, r in results for run in r.runs), 2),
        }
        pages.write_batch_index(target.staging, results, lang=lang or "en")
        _outputs.write_manifest(target.staging, manifest, kind="batch", nested=folders)
        target.commit()
    return results

