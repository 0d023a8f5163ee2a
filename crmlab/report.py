"""Run chapter notebooks headless (papermill) and publish them as a browsable HTML report.

Course concept: the instructor's and analyst's report — every chapter run on one data set with
one column mapping, with the executed notebooks, HTML pages, an index and a manifest.

A report folder is built in a staging folder beside the target and swapped in at the end, so a
crash never leaves a half-written report that looks complete.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import os
import platform
import re
import shutil
import time
import urllib.parse
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from importlib import metadata
from pathlib import Path

from . import _outputs
from ._files import write_atomic
from ._outputs import OutputError
from .errors import DataError

__all__ = ["ParameterError", "OutputError", "NotebookRun", "Report", "list_notebooks", "notebook_parameters",
           "run_notebook", "run_chapter", "run_report", "run_batch", "headline", "HEADLINE_MIME", "find_notebook",
           "copy_notebooks"]

HEADLINE_MIME = "application/vnd.crmlab.headline+json"
_PACKAGES = ("crmlab", "pandas", "numpy", "scipy", "mlxtend", "scikit-learn", "matplotlib", "seaborn",
             "papermill", "nbconvert")


class ParameterError(DataError):
    """A notebook parameter that does not exist, has the wrong type, or names a missing file."""


def _notebook_dir() -> Path:
    env = os.environ.get("CRMLAB_NOTEBOOKS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent / "notebooks"  # package data: a wheel carries the chapters


NOTEBOOK_DIR = _notebook_dir()


def list_notebooks(directory: str | Path | None = None) -> list[Path]:
    """The chapter notebooks (``NN_name.ipynb``) in order."""
    directory = Path(directory) if directory is not None else NOTEBOOK_DIR
    return sorted(p for p in directory.glob("[0-9][0-9]_*.ipynb") if not p.stem.endswith("_student"))


def find_notebook(name: str | Path, directory: str | Path | None = None) -> Path:
    """Resolve ``"02"``, ``"02_rfm_segmentation"`` or a path to a notebook file."""
    path = Path(name)
    if path.suffix == ".ipynb" and path.exists():
        return path
    candidates = [p for p in list_notebooks(directory) if p.stem == str(name) or p.stem.split("_")[0] == str(name)]
    if len(candidates) != 1:
        known = ", ".join(p.stem for p in list_notebooks(directory))
        raise ParameterError(f"no chapter notebook {str(name)!r}; known: {known}.")
    return candidates[0]


_COPIES = ".crmlab-copies.json"


def copy_notebooks(directory: str | Path, *, chapters: list[str] | None = None) -> dict[str, list[str]]:
    """Copy the chapter notebooks into ``directory``, a student's own writable folder.

    A copy is written when the file is absent, or when it is still exactly what an earlier
    ``copy_notebooks`` wrote there (its hash is recorded in ``.crmlab-copies.json``), so a newer kit
    refreshes untouched copies. A file the student changed, or one the kit did not write, is kept.

    Returns
    -------
    dict
        ``{"written": [...], "unchanged": [...], "kept": [...]}`` file names.
    """
    directory = Path(directory)
    notebooks = [find_notebook(c) for c in chapters] if chapters else list_notebooks()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        if directory.resolve() == NOTEBOOK_DIR.resolve():
            raise DataError(f"{directory} is the kit's own notebook folder; copy the chapters somewhere else.")
        record_path = directory / _COPIES
        record = json.loads(record_path.read_text(encoding="utf-8")) if record_path.exists() else {}
        outcome: dict[str, list[str]] = {"written": [], "unchanged": [], "kept": []}
        for notebook in notebooks:
            target = directory / notebook.name
            data = notebook.read_bytes()
            if target.exists():
                current = hashlib.sha256(target.read_bytes()).hexdigest()
                if target.read_bytes() == data:
                    outcome["unchanged"].append(target.name)
                    record[target.name] = current
                    continue
                if record.get(target.name) != current:
                    outcome["kept"].append(target.name)
                    continue
            write_atomic(target, data)
            record[target.name] = hashlib.sha256(data).hexdigest()
            outcome["written"].append(target.name)
        write_atomic(record_path, json.dumps(record, indent=1, sort_keys=True).encode("utf-8"))
    except OSError as exc:
        raise DataError(f"cannot write into {str(directory)!r}: {exc.strerror or exc}. "
                        "Choose a folder you can write to.") from None
    return outcome


def headline(**values) -> None:
    """Show headline figures in a notebook; the report's index collects them per chapter.

    Call it once near the end of a chapter notebook, e.g.
    ``headline(customers=23570, revenue=2500315.63)``.
    """
    from IPython.display import display

    text = " · ".join(f"{k.replace('_', ' ')}: {_fmt(v)}" for k, v in values.items())
    # A list of pairs, not an object: notebooks are saved with sorted keys, and the index should
    # show the figures in the order the chapter gives them.
    display({HEADLINE_MIME: [[k, _jsonable(v)] for k, v in values.items()], "text/plain": f"Headline — {text}"},
            raw=True)


def _jsonable(value):
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value if isinstance(value, (int, float, str, bool)) or value is None else str(value)


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_fmt(v) for v in value)
    return str(value)


def notebook_parameters(path: str | Path) -> dict[str, dict]:
    """The parameters a notebook declares: name → {"default": text, "type": inferred type name}."""
    import papermill as pm

    info = pm.inspect_notebook(str(path))
    return {name: {"default": p["default"], "type": _infer_type(p), "help": p.get("help", "")}
            for name, p in info.items()}


def _infer_type(param: dict) -> str:
    """Type name from an annotation, else from the literal default (papermill reads only annotations)."""
    import ast

    if param["inferred_type_name"] not in ("None", None):
        return param["inferred_type_name"]
    try:
        value = ast.literal_eval(param["default"])
    except (ValueError, SyntaxError):
        return "None"
    return "None" if value is None else type(value).__name__


_TYPES = {"int": (int,), "float": (int, float), "str": (str,), "bool": (bool,), "dict": (dict,),
          "list": (list, tuple)}


def check_parameters(path: Path, parameters: dict) -> dict:
    """Check parameters against the notebook and :data:`crmlab._parameters.SPECS`; return them as passed on.

    papermill only warns about unknown names; a typo would silently run the defaults. Each value is
    checked against its declared type and range (``bins`` 2 … 10, ``seed`` ≥ 0, dates …) before any
    kernel starts; dates are passed on as ISO text, since papermill sends parameters as JSON.

    Raises
    ------
    ParameterError
        Unknown name, wrong type or value out of range: one line naming the parameter.
    """
    from ._parameters import SPECS, check_value

    declared = notebook_parameters(path)
    unknown = sorted(set(parameters) - set(declared))
    if unknown:
        listing = ", ".join(f"{k} (default {v['default']})" for k, v in declared.items())
        raise ParameterError(f"{path.stem}: unknown parameter(s) {', '.join(map(repr, unknown))}; "
                             f"this notebook's parameters are: {listing}.")
    checked = {}
    for name, value in parameters.items():
        if name in SPECS:
            try:
                checked[name] = check_value(name, value, SPECS[name], where=f"{path.stem}: ")
            except DataError as exc:
                raise ParameterError(str(exc)) from None
            continue
        expected = declared[name]["type"]
        if expected in _TYPES and value is not None and not (
                isinstance(value, _TYPES[expected]) and not (expected in ("int", "float") and isinstance(value, bool))):
            raise ParameterError(f"{path.stem}: parameter {name!r} expects {expected} "
                                 f"(default {declared[name]['default']}), got {type(value).__name__} {value!r}.")
        checked[name] = value
    return checked


def is_named_source(value) -> bool:
    """Whether a ``data`` value names bundled or generated data rather than a file."""
    from .datasets import _BUNDLED, BUNDLED_SURVEYS

    text = str(value)
    return text in _BUNDLED or text in BUNDLED_SURVEYS or text == "synthetic" or text.startswith("synthetic:")


def is_file_parameter(name: str) -> bool:
    """``data`` and ``*_data`` parameters hold a data set name or a file path."""
    return name == "data" or name.endswith("_data")


def check_files(notebook: Path, parameters: dict, cwd: str | Path | None = None) -> None:
    """Raise :class:`ParameterError` when a file parameter names a file that does not exist.

    Relative paths are read from ``cwd`` (default: the notebook's folder, where the kernel runs).
    """
    base = Path(cwd) if cwd is not None else Path(notebook).parent
    for name, value in parameters.items():
        if not (is_file_parameter(name) and isinstance(value, str)) or is_named_source(value):
            continue
        path = Path(value).expanduser()
        if not (path if path.is_absolute() else base / path).is_file():
            where = "" if path.is_absolute() else f" (relative paths are read from {base})"
            raise ParameterError(f"{Path(notebook).stem}: parameter {name!r}: file not found: {value!r}{where}.")
    check_data(notebook, parameters, cwd)


def _reader_options() -> list[str]:
    import inspect

    from .io import read_transactions

    return [name for name in inspect.signature(read_transactions).parameters if name != "source"]


def check_data(notebook: Path, parameters: dict, cwd: str | Path | None = None) -> None:
    """Raise :class:`ParameterError` when a chapter's data and column mapping do not fit together.

    A transactions chapter's mapping (``columns``) may only hold the reader's options (a typo'd key is
    named with its closest match); a data file, or bundled data with a mapping, is read once here as
    the chapter will read it, so a column that is not in the file, or a value the reader refuses,
    stops the run before any kernel starts. Only chapters that declare a ``columns`` parameter are
    checked (the kit's chapters do).
    """
    import difflib

    declared = notebook_parameters(notebook)
    if "columns" not in declared:
        return
    columns = parameters.get("columns") or {}
    data = parameters.get("data", _literal(declared.get("data", {}).get("default")))
    is_file = isinstance(data, str) and not is_named_source(data)
    if not (columns or is_file) or not isinstance(data, str):
        return
    stem = Path(notebook).stem
    kind = _data_kind(notebook)
    if kind == "transactions" and not (isinstance(data, str) and data in _survey_names()):
        options = _reader_options()
        for key in columns:
            if key not in options:
                close = difflib.get_close_matches(str(key), options, n=1, cutoff=0.5)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise ParameterError(f"{stem}: column mapping key {key!r} is not a reader option{hint} "
                                     f"Keys are: {', '.join(options)}.")
    path = None
    if is_file:
        path = Path(data).expanduser()
        if not path.is_absolute():
            path = (Path(cwd) if cwd is not None else Path(notebook).parent) / path
        path = path.resolve()
    try:
        _read_once(kind, str(path) if path else data, _stamp(path), _freeze(columns))
    except DataError as exc:
        source = path.name if path else data
        raise ParameterError(f"{stem}: data {source!r} with its column mapping: {exc}") from None


def _literal(text):
    import ast

    try:
        return ast.literal_eval(text) if text is not None else None
    except (ValueError, SyntaxError):
        return None


def _survey_names() -> set:
    from .datasets import BUNDLED_SURVEYS

    return set(BUNDLED_SURVEYS)


def _stamp(path: Path | None):
    if path is None:
        return None
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


def _freeze(value):
    if isinstance(value, dict):
        return tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value):
    if isinstance(value, tuple) and all(isinstance(v, tuple) and len(v) == 2 for v in value):
        return {k: _thaw(v) for k, v in value}
    return value


@functools.lru_cache(maxsize=16)
def _read_once(kind: str, source: str, stamp, columns) -> None:
    """Read a chapter's data as the notebook will (cached per file state and mapping, so once per report)."""
    import warnings

    from .datasets import load_data, load_survey

    mapping = _thaw(columns) if columns else {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the chapter shows the reader's warnings itself
        if kind == "survey" or source in _survey_names():
            load_survey(source, mapping=mapping or None)
        else:
            load_data(source, mapping)


def _data_kind(notebook: Path) -> str:
    """``"survey"`` for chapters whose default data is a bundled survey, else ``"transactions"``."""
    import ast

    from .datasets import BUNDLED_SURVEYS

    default = notebook_parameters(notebook).get("data", {}).get("default")
    try:
        value = ast.literal_eval(default) if default is not None else None
    except (ValueError, SyntaxError):
        value = None
    return "survey" if isinstance(value, str) and value in BUNDLED_SURVEYS else "transactions"


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


def _headline(nb) -> dict:
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
_PACKAGE_DIR = Path(__file__).resolve().parent


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
        return Path(path).resolve().is_relative_to(_PACKAGE_DIR)
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


_TEMPLATES = Path(__file__).resolve().parent / "templates"
MATHJAX_DIR = "_static/mathjax"


def copy_mathjax(out_dir: str | Path) -> Path:
    """Copy the MathJax files the HTML pages need into ``out_dir/_static/mathjax``.

    Pages must render their formulas offline (a classroom or an air-gapped analyst machine), so
    they load MathJax from beside them rather than from a CDN. The files come from the
    ``jupyter-server-mathjax`` package; its TeX input, HTML-CSS output and STIX-Web fonts are copied.
    """
    import jupyter_server_mathjax

    source = Path(jupyter_server_mathjax.__file__).parent / "static"
    target = Path(out_dir) / MATHJAX_DIR
    if (target / "MathJax.js").exists():
        return target

    def ignore(folder, names):
        rel = Path(folder).relative_to(source).as_posix()
        skip = set()
        for name in names:
            path = f"{rel}/{name}" if rel != "." else name
            if path.startswith(("localization/", "unpacked", "jax/output/SVG", "jax/output/NativeMML",
                                "jax/output/PreviewHTML", "jax/output/CommonHTML",
                                "fonts/HTML-CSS/TeX/otf", "fonts/HTML-CSS/TeX/eot", "fonts/HTML-CSS/TeX/svg",
                                "fonts/HTML-CSS/TeX/png", "extensions/a11y")) and path not in ("localization/en",):
                skip.add(name)
        return skip

    shutil.copytree(source, target, ignore=ignore, dirs_exist_ok=True)
    return target


def to_html(nb, *, no_code: bool = False) -> str:
    """Export an executed notebook to an HTML page (code hidden with ``no_code``).

    The page loads nothing from the network: MathJax comes from ``_static/mathjax`` beside it
    (see :func:`copy_mathjax`) and the require.js CDN script of the stock template is left out.
    """
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="crmlab_html", extra_template_basedirs=[str(_TEMPLATES)])
    exporter.mathjax_url = f"{MATHJAX_DIR}/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
    exporter.exclude_input = no_code
    exporter.exclude_input_prompt = no_code
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(nb)
    return body


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
                      headline=_headline(nb), stop_reason=reason)
    if html_page:
        copy_mathjax(out_dir)
        page = out_dir / f"{notebook.stem}.html"
        write_atomic(page, to_html(nb, no_code=no_code).encode("utf-8"))
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


def chapter_parameters(notebook: Path, common: dict, per_chapter: dict) -> dict:
    """Common parameters the notebook declares, then the chapter's own (which must all exist)."""
    declared = notebook_parameters(notebook)
    chosen = {k: v for k, v in common.items() if k in declared}
    key = _chapter_key(notebook, per_chapter)
    if key is not None:
        chosen.update(per_chapter[key])
    return chosen


def _chapter_key(notebook: Path, per_chapter: dict) -> str | None:
    return next((k for k in per_chapter if k in (notebook.stem, notebook.stem.split("_")[0])), None)


@dataclass
class _Plan:
    """A checked report: which notebooks run with which parameters. Nothing has run yet."""

    runs: list[tuple[Path, dict]]
    notes: dict
    common: dict
    data_file: Path | None
    title: str

    def inputs(self) -> list[Path]:
        """The files and folders the report reads (its output folder must not hold them)."""
        found: list[Path] = []
        for nb, params in self.runs:
            found += [nb, nb.parent, *_input_files(params, nb.parent)]
        if self.data_file is not None:
            found.append(Path(self.data_file))
        return found


def _input_files(params: dict, base: Path) -> list[Path]:
    files = []
    for name, value in params.items():
        if is_file_parameter(name) and isinstance(value, str) and not is_named_source(value):
            path = Path(value).expanduser()
            files.append(path if path.is_absolute() else Path(base) / path)
    return files


def _plan_report(*, chapters, parameters, chapter_params, data_file, notebook_dir, title) -> _Plan:
    """Resolve and check every chapter's parameters; raise :class:`ParameterError` before anything runs."""
    notebooks = ([find_notebook(c, notebook_dir) for c in chapters] if chapters
                 else list_notebooks(notebook_dir))
    if not notebooks:
        raise ParameterError("no chapter notebooks found (expected NN_name.ipynb files).")
    common = dict(parameters or {})
    per_chapter = dict(chapter_params or {})
    kinds = {nb: _data_kind(nb) for nb in notebooks}
    mixed = len(set(kinds.values())) > 1
    plans, notes = [], {}
    for nb in notebooks:
        params = chapter_parameters(nb, common, per_chapter)
        if mixed and kinds[nb] == "survey":
            # The report's data set holds transactions; a survey chapter cannot read it.
            own = per_chapter.get(_chapter_key(nb, per_chapter), {})
            withheld = False
            if "data" in params and "data" not in own and not str(params["data"]).startswith("synthetic"):
                withheld = params.pop("data") is not None
            if "columns" in params and "columns" not in own:
                withheld = bool(params.pop("columns")) or withheld
            if withheld:
                notes[nb] = (f"ran on its bundled survey data: the report's data set holds transactions; give "
                             f"this chapter survey data under '{nb.stem[:2]}': {{data: …, columns: …}} in -f params.yaml")
        plans.append((nb, params))
    unused = set(common) - {k for _, p in plans for k in p} - ({"data", "columns"} if mixed else set())
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
                 title=title)


def _file_record(path: Path, hashes: dict) -> dict:
    key = Path(path).resolve()
    if key not in hashes:
        hashes[key] = _outputs.sha256(key)
    return {"name": Path(path).name, "sha256": hashes[key]}


def _chapter_data_file(params: dict, base: Path, hashes: dict) -> dict | None:
    """Name and hash of the file a chapter's ``data`` parameter names (None for bundled data)."""
    files = _input_files({"data": params["data"]} if "data" in params else {}, base)
    return _file_record(files[0], hashes) if files and files[0].is_file() else None


def _write_report_pages(folder: Path, manifest: dict, runs: list[NotebookRun]) -> None:
    write_atomic(folder / "index.html", render_index(runs, title=manifest["title"], manifest=manifest).encode("utf-8"))
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
               notebook_dir: str | Path | None = None, title: str = "crmlab report") -> Report:
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
                        data_file=data_file, notebook_dir=notebook_dir, title=title)
    with _outputs.prepare(out_dir, inputs=plan.inputs()) as target:
        runs = _build_report(plan, target.staging, no_code=no_code, progress=progress)
        target.commit()
    return Report(out_dir=target.path, runs=runs)


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
    with _outputs.prepare(out_dir, inputs=[notebook, notebook.parent, *_input_files(parameters, base)]) as target:
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
            manifest = {"title": "crmlab report", "parameters": parameters, "data_file": run.data_file,
                        "versions": _versions()}
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
              notebook_dir: str | Path | None = None, on_report=None) -> list[tuple[str, Report]]:
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

    Returns
    -------
    list of (name, Report)
    """
    folders = job_folders([Path(str(name)).stem if data_file is not None else name for name, _, data_file in jobs])
    planned = []
    for (name, job_params, data_file), folder in zip(jobs, folders):
        plan = _plan_report(chapters=chapters, parameters={**(parameters or {}), **job_params},
                            chapter_params=chapter_params, data_file=data_file, notebook_dir=notebook_dir,
                            title=f"crmlab report — {name}")
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
        write_batch_index(target.staging, results)
        _outputs.write_manifest(target.staging, manifest, kind="batch", nested=folders)
        target.commit()
    return results


_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC",sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;color:#222}h1{margin-bottom:.2rem}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.5rem;text-align:left;vertical-align:top}
.ok{color:#1a7f37}.failed{color:#b42318;font-weight:600}.muted{color:#666;font-size:.9rem}
dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:.1rem .8rem}dt{color:#555}dd{margin:0}
"""


def _href(relative: str) -> str:
    """A link to a file beside the page: ``./`` + the percent-quoted relative path, HTML-escaped.

    The ``./`` keeps a name like ``javascript:alert(1)`` from being read as a URL scheme.
    """
    relative = str(relative)
    if relative.startswith("/") or ".." in relative.split("/"):
        raise ValueError(f"not a path inside the report folder: {relative!r}")
    return html.escape("./" + urllib.parse.quote(relative, safe="/"), quote=True)


def status_text(run: NotebookRun) -> str:
    """``"ran"``, ``"stopped: <reason>"`` (the data stopped it) or ``"failed at code cell N: …"``."""
    if run.ok:
        return "ran"
    if run.stop_reason:
        return f"stopped: {run.stop_reason}"
    return f"failed at {f'code cell {run.failed_cell}' if run.failed_cell else 'start-up'}: {run.error}"


def render_index(runs: list[NotebookRun], *, title: str, manifest: dict) -> str:
    """The report's front page; every value from the data is HTML-escaped, links are relative."""
    esc = html.escape
    rows = []
    for run in runs:
        if run.ok:
            status = '<span class="ok">✓ ran</span>'
        elif run.stop_reason:
            status = f'<span class="failed">✗ stopped: {esc(run.stop_reason)}</span>'
        else:
            status = (f'<span class="failed">✗ failed at '
                      f'{f"code cell {run.failed_cell}" if run.failed_cell else "start-up"}</span>'
                      f'<div class="muted">{esc(run.error or "")}</div>')
        figures = "".join(f"<dt>{esc(k.replace('_', ' '))}</dt><dd>{esc(_fmt(v))}</dd>"
                          for k, v in run.headline.items())
        if run.note:
            status += f'<div class="muted">{esc(run.note)}</div>'
        if run.command == "run":
            source = f"data file {run.data_file['name']}" if run.data_file else "bundled data"
            status += f'<div class="muted">{esc(f"run on its own (crmlab run) on {source}")}</div>'
        link = (f'<a href="{_href(run.html)}">{esc(run.title or run.name)}</a>' if run.html
                else esc(run.title or run.name))
        notebook = f' · <a href="{_href(run.notebook)}">notebook</a>' if run.notebook else ""
        rows.append(f"<tr><td>{link}<div class=\"muted\">{esc(run.name)}{notebook} · {run.seconds:.1f} s</div></td>"
                    f"<td>{status}</td><td><dl>{figures}</dl></td></tr>")
    data = manifest.get("data_file")
    source = f"data file {esc(data['name'])} (sha256 {esc(data['sha256'][:12])}…)" if data else "bundled data"
    status_line = ("all chapters ran" if all(r.ok for r in runs) else
                   f"{sum(not r.ok for r in runs)} of {len(runs)} chapters did not finish")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{esc(title)}</title><link rel="icon" href="data:,"><style>{_STYLE}</style></head>
<body><h1>{esc(title)}</h1>
<p class="muted">{source} · {esc(status_line)} · crmlab {esc(manifest['versions'].get('crmlab', ''))} ·
<a href="{_href(_outputs.MANIFEST)}">manifest</a></p>
<table><thead><tr><th>Chapter</th><th>Status</th><th>Headline figures</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table></body></html>
"""


def parse_seeds(text: str) -> list[int]:
    """``"1-3,7"`` → ``[1, 2, 3, 7]`` (student seeds for batch reports)."""
    seeds: list[int] = []
    for part in str(text).split(","):
        part = part.strip()
        match = re.fullmatch(r"(\d+)\s*-\s*(\d+)|(\d+)", part)
        if not match:
            raise ParameterError(f"seeds {text!r}: use whole numbers and ranges like '1-30' or '3,5,8'.")
        if match.group(3):
            seeds.append(int(match.group(3)))
        else:
            low, high = int(match.group(1)), int(match.group(2))
            if high < low:
                raise ParameterError(f"seeds {text!r}: range {part!r} runs backwards.")
            seeds.extend(range(low, high + 1))
    return seeds


def write_batch_index(out_dir: str | Path, results: list[tuple[str, Report]]) -> Path:
    """A front page linking each report of a batch (``./<its folder>/index.html``), with its status."""
    esc = html.escape
    rows = []
    for name, report in results:
        if report.ok:
            status = "<span class=ok>✓ all chapters ran</span>"
        else:
            status = "".join(f'<div class="failed">✗ {esc(run.name)}: {esc(status_text(run))}</div>'
                             for run in report.runs if not run.ok)
        rows.append(f'<tr><td><a href="{_href(report.out_dir.name + "/index.html")}">{esc(name)}</a></td>'
                    f"<td>{status}</td></tr>")
    page = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>crmlab batch</title>'
            f'<link rel="icon" href="data:,"><style>{_STYLE}</style></head><body><h1>crmlab batch</h1>'
            f'<p class="muted"><a href="{_href(_outputs.MANIFEST)}">manifest</a></p>'
            f"<table><thead><tr><th>Report</th><th>Status</th></tr></thead><tbody>{''.join(rows)}</tbody>"
            f"</table></body></html>\n")
    path = Path(out_dir) / "index.html"
    write_atomic(path, page.encode("utf-8"))
    return path
