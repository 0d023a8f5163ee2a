"""The chapter notebooks' parameters: declared once, checked before a kernel starts.

A parameter means the same in every chapter that declares it (``seed``, ``lang``, ``snapshot`` …), so
the declarations are keyed by name. :func:`check_value` validates one value and returns it in the
form papermill can pass to a kernel (dates become ISO text: papermill serialises parameters as JSON).
A notebook outside the kit may declare names not listed here; those are checked against the type of
their literal default only.

A chapter also declares which kind of data it reads (``"transactions"`` or ``"survey"``) in its
notebook metadata, ``{"crmlab": {"data_kind": "survey"}}`` (see :func:`data_kind`); the runner uses
that declaration and knows no chapter by name.
"""

from __future__ import annotations

import ast
import datetime as _dt
import functools
import math
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import DataError

__all__ = ["Spec", "SPECS", "check_value", "describe", "ParameterError", "notebook_parameters", "check_parameters",
           "check_files", "check_data", "is_named_source", "is_file_parameter", "chapter_parameters", "data_kind",
           "parse_seeds", "DATA_KINDS", "source_kind", "chapter_key", "input_files", "collect_parameters",
           "read_yaml", "split_chapter_params", "inline_params", "resolve_files"]


@dataclass(frozen=True)
class Spec:
    """What one parameter accepts.

    ``kind`` is one of ``"int"``, ``"number"``, ``"str"``, ``"choice"``, ``"date"``, ``"source"``
    (a bundled data set name or a file path), ``"mapping"`` (a dict), ``"pair"`` (two numbers, low <
    high), ``"names"`` (a non-empty list of strings). ``low``/``high`` bound numbers (inclusive unless
    ``open_low``); ``optional`` allows ``None``; ``or_mapping`` also accepts a dict (cut points).
    """

    kind: str
    low: float | None = None
    high: float | None = None
    choices: tuple = ()
    optional: bool = False
    open_low: bool = False
    or_mapping: bool = False
    help: str = ""


_DAYS = dict(low=1, high=3650)
SPECS: dict[str, Spec] = {
    # every chapter
    "data": Spec("source", help="a bundled data set (crmlab datasets), synthetic:<seed> or a file path"),
    "columns": Spec("mapping", help="column mapping and reader options, e.g. {customer: 客户编号}"),
    "lang": Spec("choice", choices=("en", "zh")),
    "seed": Spec("int", 0, 2**32 - 1, help="random seed"),
    # 01 customer value
    "calibration_end": Spec("date", optional=True),
    "horizon": Spec("int", 1, 520, help="weeks"),
    "discount_rate": Spec("number", 0, 1, help="per year, e.g. 0.10"),
    "margin": Spec("number", 0, 1, open_low=True, help="share of revenue, e.g. 0.30"),
    # 02 RFM
    "snapshot": Spec("date", optional=True),
    "bins": Spec("int", 2, 10, help="score levels"),
    "method": Spec("choice", choices=("quantile", "rank", "mean"), or_mapping=True),
    "scheme": Spec("choice", choices=("named", "mean_split")),
    "n_clusters": Spec("int", 2, 20, optional=True),
    # 03 association rules
    "min_support": Spec("number", 0, 1, open_low=True),
    "min_confidence": Spec("number", 0, 1),
    "max_len": Spec("int", 1, 10, optional=True),
    "top": Spec("int", 1, 500),
    # 04 satisfaction
    "scale": Spec("pair", optional=True),
    "not_applicable": Spec("number", optional=True),
    "satisfaction_items": Spec("names"),
    "attributes": Spec("names"),
    "satisfied_at": Spec("number", optional=True),
    "loyal_at": Spec("number", optional=True),
    "defection_below": Spec("number", optional=True),
    "affection_from": Spec("number", optional=True),
    "n_respondents": Spec("int", 10, 100_000),
    # 05 loyalty
    "freq": Spec("choice", choices=("M", "Q", "Y")),
    "attitude_threshold": Spec("number", 1, 7, help="on the 1-7 attachment scale"),
    "repeat_threshold": Spec("number", 0, 1),
    "min_length": Spec("int", 1, 100),
    "core_share": Spec("number", 0, 1, open_low=True),
    "panel_length": Spec("int", 2, 200),
    # 06 lifecycle
    "window_days": Spec("int", **_DAYS),
    "exploration_days": Spec("int", **_DAYS),
    "cohort_freq": Spec("choice", choices=("M", "Q", "W")),
    "churn_after_days": Spec("int", **_DAYS),
    "churn_data": Spec("source", optional=True),
    "tenure_col": Spec("str"),
    "churn_col": Spec("str"),
    "group_col": Spec("str"),
}


def describe(spec: Spec) -> str:
    """Short text of what a parameter accepts, e.g. ``"whole number 2 … 10"``."""
    if spec.kind == "choice":
        text = " or ".join(repr(c) for c in spec.choices) + (" or a mapping" if spec.or_mapping else "")
    elif spec.kind in ("int", "number"):
        text = "whole number" if spec.kind == "int" else "number"
        if spec.low is not None and spec.high is not None:
            text += f" {'above ' if spec.open_low else ''}{_num(spec.low)} … {_num(spec.high)}"
    else:
        text = {"date": "date like 2024-06-01", "source": "data set name or file path",
                "mapping": "mapping (key: value)", "pair": "pair of numbers [low, high]",
                "names": "list of column names", "str": "text"}[spec.kind]
    if spec.optional:
        text += " or null"
    return text + (f", {spec.help}" if spec.help and spec.kind not in ("source", "mapping") else "")


def _num(value) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def check_value(name: str, value, spec: Spec, where: str = ""):
    """Return ``value`` as the kernel should receive it, or raise :class:`DataError` in one line."""
    def bad(reason: str = ""):
        got = f"{type(value).__name__} {value!r}" if not isinstance(value, str) else repr(value)
        return DataError(f"{where}parameter {name!r} expects {describe(spec)}, got {got}"
                         + (f": {reason}" if reason else "") + ".")

    if value is None:
        if spec.optional:
            return None
        raise bad()
    if spec.or_mapping and isinstance(value, dict):
        return value
    kind = spec.kind
    if kind in ("int", "number"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise bad()
        if kind == "int" and not (isinstance(value, int) or float(value).is_integer()):
            raise bad()
        if isinstance(value, float) and not math.isfinite(value):
            raise bad()
        low_ok = spec.low is None or (value > spec.low if spec.open_low else value >= spec.low)
        if not low_ok or (spec.high is not None and value > spec.high):
            raise bad("out of range")
        return int(value) if kind == "int" else value
    if kind == "choice":
        if value not in spec.choices:
            raise bad()
        return value
    if kind == "date":
        return _as_date_text(value, bad)
    if kind in ("str", "source"):
        if not isinstance(value, str) or not value.strip():
            raise bad()
        return value
    if kind == "mapping":
        if not isinstance(value, dict):
            raise bad()
        return value
    if kind == "pair":
        if (not isinstance(value, (list, tuple)) or len(value) != 2
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)):
            raise bad()
        if not value[0] < value[1]:
            raise bad("low must be below high")
        return list(value)
    if kind == "names":
        if (not isinstance(value, (list, tuple)) or not value
                or not all(isinstance(v, str) and v for v in value)):
            raise bad()
        return list(value)
    raise AssertionError(f"unknown parameter kind {kind!r}")  # pragma: no cover - a typo in SPECS


def _as_date_text(value, bad) -> str:
    """A date as ISO text (YAML turns ``2024-06-01`` into a ``datetime.date``; JSON cannot carry it)."""
    import pandas as pd

    if isinstance(value, (_dt.date, pd.Timestamp)):
        stamp = pd.Timestamp(value)
    elif isinstance(value, pd.Period):
        stamp = value.to_timestamp()
    elif isinstance(value, str) and value.strip():
        try:
            stamp = pd.Timestamp(value.strip())
        except (ValueError, TypeError, OverflowError):
            raise bad("not a date") from None
    else:
        raise bad()
    if pd.isna(stamp) or not 1900 <= stamp.year <= 2200:
        raise bad("not a plausible date")
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert(None)
    return stamp.isoformat() if (stamp.hour, stamp.minute, stamp.second) != (0, 0, 0) else f"{stamp:%Y-%m-%d}"


class ParameterError(DataError):
    """A notebook parameter that does not exist, has the wrong type, or names a missing file."""


def notebook_parameters(path: str | Path) -> dict[str, dict]:
    """The parameters a notebook declares: name → {"default": text, "type": inferred type name}."""
    import papermill as pm

    info = pm.inspect_notebook(str(path))
    return {name: {"default": p["default"], "type": _infer_type(p), "help": p.get("help", "")}
            for name, p in info.items()}


def _infer_type(param: dict) -> str:
    """Type name from an annotation, else from the literal default (papermill reads only annotations)."""
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
    """Check parameters against the notebook and :data:`SPECS`; return them as passed on.

    papermill only warns about unknown names; a typo would silently run the defaults. Each value is
    checked against its declared type and range (``bins`` 2 … 10, ``seed`` ≥ 0, dates …) before any
    kernel starts; dates are passed on as ISO text, since papermill sends parameters as JSON.

    Raises
    ------
    ParameterError
        Unknown name, wrong type or value out of range: one line naming the parameter.
    """
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
    text = str(value)
    return text in _named_sources() or text == "synthetic" or text.startswith("synthetic:")


@functools.lru_cache(maxsize=1)
def _named_sources() -> frozenset:
    from ..datasets import names

    return frozenset(names(kind="file"))


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

    from ..io import read_transactions

    # A mapping holds roles and reader options; the mapping itself and the return shape are not keys.
    not_keys = {"source", "columns", "return_report"}
    return [name for name in inspect.signature(read_transactions).parameters if name not in not_keys]


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
    stem = Path(notebook).stem
    kind = data_kind(notebook)
    held = source_kind(data)
    if held not in (None, kind):
        raise ParameterError(f"{stem}: data {data!r} is bundled {held} data, and this chapter reads {kind} data; "
                             f"give it {kind} data (`crmlab datasets` lists the bundled sets).")
    if not (columns or is_file) or not isinstance(data, str):
        return
    if kind == "transactions":
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
    try:
        return ast.literal_eval(text) if text is not None else None
    except (ValueError, SyntaxError):
        return None


def _survey_names() -> frozenset:
    from ..datasets import names

    return frozenset(names(kind="file", data="survey"))


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


def _read_transactions(source: str, mapping: dict) -> None:
    from ..datasets import load_data

    load_data(source, mapping)


def _read_survey(source: str, mapping: dict) -> None:
    from ..datasets import load_survey

    load_survey(source, columns=mapping or None)


#: How a chapter of each data kind reads its data (as :func:`crmlab.notebook.setup` does).
_READERS = {"transactions": _read_transactions, "survey": _read_survey}


@functools.lru_cache(maxsize=16)
def _read_once(kind: str, source: str, stamp, columns) -> None:
    """Read a chapter's data as the notebook will: with the reader of its declared kind.

    Cached per file state and mapping, so once per report.
    """
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the chapter shows the reader's warnings itself
        _READERS[kind](source, _thaw(columns) if columns else {})


DATA_KINDS = ("transactions", "survey")


def source_kind(value, default: str | None = None) -> str | None:
    """The kind of data a ``data`` value holds when it names bundled data (``"survey"`` for a bundled survey).

    Generated data (``"synthetic:<seed>"``) fits every kind (each reader generates its own), so it
    gives None, as does a file path: ``default`` is returned for a file path.
    """
    if not isinstance(value, str):
        return None
    if value == "synthetic" or value.startswith("synthetic:"):
        return None
    if value in _survey_names():
        return "survey"
    if is_named_source(value):
        return "transactions"
    return default


def data_kind(notebook: str | Path) -> str:
    """The kind of data a chapter reads, as its notebook declares it (``"transactions"`` by default).

    The declaration is notebook metadata, ``{"crmlab": {"data_kind": "survey"}}``, written by the
    notebook builder from the source's header. A notebook without it reads transactions.

    Raises
    ------
    ParameterError
        The notebook declares a kind that is not one of :data:`DATA_KINDS`.
    """
    import nbformat

    path = Path(notebook)
    meta = nbformat.read(str(path), as_version=4).metadata.get("crmlab") or {}
    kind = meta.get("data_kind", "transactions") if isinstance(meta, dict) else "transactions"
    if kind not in DATA_KINDS:
        raise ParameterError(f"{path.stem}: notebook metadata crmlab.data_kind is {kind!r}; "
                             f"use one of {', '.join(map(repr, DATA_KINDS))}.")
    return kind


def chapter_parameters(notebook: Path, common: dict, per_chapter: dict) -> dict:
    """Common parameters the notebook declares, then the chapter's own (which must all exist)."""
    declared = notebook_parameters(notebook)
    chosen = {k: v for k, v in common.items() if k in declared}
    key = chapter_key(notebook, per_chapter)
    if key is not None:
        chosen.update(per_chapter[key])
    return chosen


def chapter_key(notebook: Path, per_chapter: dict) -> str | None:
    return next((k for k in per_chapter if k in (notebook.stem, notebook.stem.split("_")[0])), None)


def input_files(params: dict, base: Path) -> list[Path]:
    files = []
    for name, value in params.items():
        if is_file_parameter(name) and isinstance(value, str) and not is_named_source(value):
            path = Path(value).expanduser()
            files.append(path if path.is_absolute() else Path(base) / path)
    return files


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


# --- what a command was given → parameters -------------------------------------------------

_CHAPTER_KEY = re.compile(r"^\d\d(_\w+)?$")


def read_yaml(path: str | Path, what: str) -> dict:
    path = Path(path)
    if not path.exists():
        raise DataError(f"{what} file not found: {str(path)!r}.")
    from .._text import decode_user_text

    text, _ = decode_user_text(path.read_bytes(), path.name, what=f"{what} file")
    try:
        content = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise DataError(f"{what} file {path.name!r} is not valid YAML: {' '.join(str(exc).split())}") from None
    if not isinstance(content, dict):
        raise DataError(f"{what} file {path.name!r} must hold a mapping (key: value lines), "
                        f"not a {type(content).__name__}.")
    return content


def split_chapter_params(content: dict) -> tuple[dict, dict]:
    """Common parameters and per-chapter ones (keys like ``"02"`` or ``"02_rfm_segmentation"``)."""
    common, chapters = {}, {}
    for key, value in content.items():
        if _CHAPTER_KEY.match(str(key)) and isinstance(value, dict):
            chapters[str(key)] = value
        else:
            common[str(key)] = value
    return common, chapters


def inline_params(pairs) -> dict:
    # Values are YAML, as with papermill -y: "5" is an int, "[1, 2]" a list, "zh" a string.
    params = {}
    for key, value in pairs:
        try:
            params[key] = yaml.safe_load(value)
        except yaml.YAMLError as exc:
            raise DataError(f"-p {key} {value!r}: the value is not valid YAML "
                            f"({' '.join(str(exc).split()[:6])} …); quote it, e.g. -p {key} '\"…\"'.") from None
        except ValueError:  # YAML's date rule matched but the date is impossible ("2024-13-45"): keep the text
            params[key] = value
    return params


def resolve_files(params: dict) -> dict:
    """File parameters (``data``, ``*_data``) given on the command line are read from the current folder."""
    resolved = dict(params)
    for name, value in params.items():
        if is_file_parameter(name) and isinstance(value, str) and not is_named_source(value):
            path = Path(value).expanduser()
            if not path.is_file():
                raise DataError(f"parameter {name!r}: file not found: {value!r}"
                                + ("" if path.is_absolute() else f" (in {Path.cwd()})") + ".")
            resolved[name] = str(path.resolve())
    return resolved


def collect_parameters(*, data=None, columns_file=None, lang=None, params_file=None,
                       params=()) -> tuple[dict, dict]:
    """Common and per-chapter parameters from what a command was given.

    Parameters
    ----------
    data : path, optional
        The user's data file (``--data``): becomes the ``data`` parameter, as an absolute path.
    columns_file : path, optional
        A YAML column mapping (``--columns``; a top-level ``columns:`` key is accepted too).
    lang : {"en", "zh"}, optional
    params_file : path, optional
        A YAML parameters file (``-f``): common keys, and per chapter under ``"02":`` keys.
    params : iterable of (name, text)
        ``-p NAME VALUE`` pairs; values are YAML.

    Returns
    -------
    (dict, dict)
        Common parameters, and per-chapter parameters keyed ``"02"`` or ``"02_rfm_segmentation"``.
        File parameters given relative are resolved against the current folder.
    """
    common, chapters = split_chapter_params(read_yaml(params_file, "parameters")) if params_file else ({}, {})
    common.update(inline_params(params))
    common = resolve_files(common)
    chapters = {key: resolve_files(values) for key, values in chapters.items()}
    if data:
        path = Path(data)
        if not path.exists():
            raise DataError(f"data file not found: {str(path)!r}.")
        common["data"] = str(path.resolve())
    if columns_file:
        mapping = read_yaml(columns_file, "column mapping")
        common["columns"] = mapping.get("columns", mapping)
    if lang:
        common["lang"] = lang
    return common, chapters
