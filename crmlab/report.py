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
import tempfile
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from ._files import write_atomic
from .errors import DataError

__all__ = ["ParameterError", "NotebookRun", "Report", "list_notebooks", "notebook_parameters",
           "run_notebook", "run_report", "headline", "HEADLINE_MIME", "find_notebook", "copy_notebooks"]

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
    from .datasets import _BUNDLED
    from .survey import BUNDLED_SURVEYS

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
    from .survey import BUNDLED_SURVEYS

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

    from .datasets import load_data
    from .survey import load_survey

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

    from .survey import BUNDLED_SURVEYS

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


def _failure(nb) -> tuple[int | None, str | None]:
    # Numbered as in the original notebook: papermill's injected parameters cell does not count.
    original = [c for c in nb.cells if c.cell_type == "code"
                and "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    for index, cell in enumerate(original):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return index + 1, f"{output.get('ename')}: {output.get('evalue')}"
    return None, None


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
    :class:`NotebookRun` has ``ok=False``, the failing code cell number and the error.

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
    failed_cell, error = _failure(nb) if tmp.exists() else (None, None)
    if error is None and crash is not None:
        error = crash
    if tmp.exists():
        os.replace(tmp, target)
    else:
        write_atomic(target, nbformat.writes(nb).encode("utf-8"))
    run = NotebookRun(name=notebook.stem, title=_title(nb), ok=error is None, seconds=round(seconds, 2),
                      parameters=parameters, notebook=target.name, failed_cell=failed_cell, error=error,
                      headline=_headline(nb))
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


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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


def run_report(out_dir: str | Path = "reports", *, chapters: list[str] | None = None,
               parameters: dict | None = None, chapter_params: dict | None = None,
               data_file: str | Path | None = None, no_code: bool = False, progress: bool = False,
               notebook_dir: str | Path | None = None, title: str = "crmlab report") -> Report:
    """Run chapters into ``out_dir``: executed notebooks, HTML pages, ``index.html``, ``manifest.json``.

    Parameters
    ----------
    out_dir : path
        The report folder; replaced as a whole when the run finishes.
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
    """
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

    out_dir = Path(out_dir).resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}.partial-"))
    runs: list[NotebookRun] = []
    try:
        iterator = plans
        if progress:
            from tqdm.auto import tqdm
            iterator = tqdm(plans, desc="chapters", unit="notebook")
        for nb, params in iterator:
            runs.append(run_notebook(nb, staging, params, no_code=no_code, progress=progress))
            runs[-1].note = notes.get(nb)
        manifest = {
            "title": title,
            "ok": all(r.ok for r in runs),
            "parameters": common,
            "data_file": ({"name": Path(data_file).name, "sha256": _sha256(Path(data_file))}
                          if data_file else None),
            "versions": _versions(),
            "chapters": [asdict(r) for r in runs],
            "total_seconds": round(sum(r.seconds for r in runs), 2),
        }
        write_atomic(staging / "manifest.json",
                      json.dumps(manifest, ensure_ascii=False, indent=2, default=str).encode("utf-8"))
        write_atomic(staging / "index.html", render_index(runs, title=title, manifest=manifest).encode("utf-8"))
        os.chmod(staging, 0o755)
        if out_dir.exists():
            old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
            os.replace(out_dir, old)
            os.replace(staging, out_dir)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Report(out_dir=out_dir, runs=runs)


_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC",sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;color:#222}h1{margin-bottom:.2rem}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.5rem;text-align:left;vertical-align:top}
.ok{color:#1a7f37}.failed{color:#b42318;font-weight:600}.muted{color:#666;font-size:.9rem}
dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:.1rem .8rem}dt{color:#555}dd{margin:0}
"""


def render_index(runs: list[NotebookRun], *, title: str, manifest: dict) -> str:
    """The report's front page; every value from the data is HTML-escaped."""
    esc = html.escape
    rows = []
    for run in runs:
        status = ('<span class="ok">✓ ran</span>' if run.ok else
                  f'<span class="failed">✗ failed at '
                  f'{f"code cell {run.failed_cell}" if run.failed_cell else "start-up"}</span>'
                  f'<div class="muted">{esc(run.error or "")}</div>')
        figures = "".join(f"<dt>{esc(k.replace('_', ' '))}</dt><dd>{esc(_fmt(v))}</dd>"
                          for k, v in run.headline.items())
        if run.note:
            status += f'<div class="muted">{esc(run.note)}</div>'
        link = f'<a href="{esc(run.html)}">{esc(run.title or run.name)}</a>' if run.html else esc(run.title)
        rows.append(f"<tr><td>{link}<div class=\"muted\">{esc(run.name)} · "
                    f'<a href="{esc(run.notebook or "")}">notebook</a> · {run.seconds:.1f} s</div></td>'
                    f"<td>{status}</td><td><dl>{figures}</dl></td></tr>")
    data = manifest.get("data_file")
    source = f"data file {esc(data['name'])} (sha256 {esc(data['sha256'][:12])}…)" if data else "bundled data"
    status_line = ("all chapters ran" if manifest["ok"] else
                   f"{sum(not r.ok for r in runs)} of {len(runs)} chapters failed")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{esc(title)}</title><link rel="icon" href="data:,"><style>{_STYLE}</style></head>
<body><h1>{esc(title)}</h1>
<p class="muted">{source} · {esc(status_line)} · crmlab {esc(manifest['versions'].get('crmlab', ''))} ·
<a href="manifest.json">manifest</a></p>
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
    """A front page linking each report of a batch, with its status."""
    esc = html.escape
    rows = "".join(
        f'<tr><td><a href="{esc(name)}/index.html">{esc(name)}</a></td>'
        f'<td>{"<span class=ok>✓ all chapters ran</span>" if report.ok else "<span class=failed>✗ "}'
        f'{"" if report.ok else esc(", ".join(r.name for r in report.runs if not r.ok)) + " failed</span>"}</td></tr>'
        for name, report in results)
    page = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>crmlab batch</title><link rel="icon" href="data:,">'
            f"<style>{_STYLE}</style></head><body><h1>crmlab batch</h1><table><thead><tr><th>Report</th>"
            f"<th>Status</th></tr></thead><tbody>{rows}</tbody></table></body></html>\n")
    path = Path(out_dir) / "index.html"
    write_atomic(path, page.encode("utf-8"))
    return path
