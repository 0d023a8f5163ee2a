"""Survey data: read any survey export into the canonical survey frame, or generate one.

The canonical survey frame (DESIGN §3) has ``respondent_id`` first, then the known columns
``customer_id``, ``industry``, ``segment``, ``satisfaction``, ``repurchase_intent`` and
``recommend`` where present, then every other column (attribute ratings, items) under its own
name. Rated items are ``float64`` on their declared scale, with missing answers and
"not applicable" codes as ``NaN``; text columns are pandas ``string``.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from crmlab import schema
from crmlab.errors import CrmlabWarning, DataError, format_examples, missing_column_error
from crmlab.io import QualityReport, read_table

__all__ = ["read_survey", "make_survey", "load_survey", "BUNDLED_SURVEYS", "SurveyTruth", "SURVEY_COLUMNS", "INDUSTRIES", "ATTRIBUTES"]

#: Canonical survey columns, in the order the reader puts them first.
SURVEY_COLUMNS: tuple[str, ...] = (schema.RESPONDENT, schema.CUSTOMER, schema.INDUSTRY, schema.SEGMENT,
                                   schema.SATISFACTION, schema.REPURCHASE_INTENT, schema.RECOMMEND)
_TEXT_COLUMNS = (schema.RESPONDENT, schema.CUSTOMER, schema.INDUSTRY, schema.SEGMENT)


def _as_codes(value, column: str) -> tuple:
    if value is None:
        return ()
    if isinstance(value, (int, float, str)):
        return (value,)
    return tuple(value)


def _per_column(option, columns: Iterable[str], name: str) -> dict:
    """Spread an option given once (for every column) or per column into a {column: value} dict."""
    if option is None:
        return {}
    if isinstance(option, Mapping):
        return dict(option)
    return {c: option for c in columns}


def _check_scale(column: str, scale) -> tuple[float, float]:
    try:
        low, high = (float(v) for v in scale)
    except (TypeError, ValueError):
        raise DataError(f"scale for column {column!r} must be a (low, high) pair such as (1, 5) "
                        f"or (0, 10); got {scale!r}.") from None
    if not low < high:
        raise DataError(f"scale for column {column!r} is {scale!r}: low must be below high, e.g. (1, 5).")
    return low, high


def read_survey(source, *, respondent: str | None = None, mapping: Mapping[str, str] | None = None,
                scales=None, not_applicable=None, reverse: Iterable[str] = (),
                recode: Mapping[str, Mapping] | None = None, columns: Iterable[str] | None = None,
                encoding: str | None = None, sep: str | None = None) -> pd.DataFrame:
    """Read a survey export (CSV/Excel/Parquet or a DataFrame) into the canonical survey frame.

    Course concept: measuring customer satisfaction with a questionnaire (顾客满意度调查).

    Parameters
    ----------
    source : path or DataFrame
        The survey file or frame. Encoding and separator are detected (see
        :func:`crmlab.io.read_table`).
    respondent : str, optional
        User column holding the respondent id. If omitted (and ``mapping`` does not give
        ``respondent_id``), respondents are numbered ``"1", "2", …`` in file order.
    mapping : dict, optional
        ``{canonical name: user column}``, e.g. ``{"satisfaction": "sat1", "recommend":
        "推荐意愿", "industry": "行业"}``. Columns not mapped keep their own names.
    scales : (low, high) or dict, optional
        The declared answer scale. A pair such as ``(1, 5)`` applies to every column that is
        numeric; a dict ``{column: (low, high)}`` (canonical or own names after mapping)
        declares each column. Declared columns must hold numbers on the scale, otherwise a
        :class:`DataError` names the column and shows the bad values.
    not_applicable : value, tuple or dict, optional
        Codes meaning "not applicable / don't know" (e.g. ``0`` on an airline survey rated
        1–5). A value or tuple applies to every declared column; a dict gives codes per column.
        They become ``NaN`` and are counted in the quality report.
    reverse : list of str
        Reverse-coded items, turned round as ``low + high - x`` (they need a declared scale).
    recode : dict, optional
        ``{column: {answer: code}}`` applied first, for text answers (``{"loyal": {"Yes": 1,
        "No": 0}}``). Answers not in the dict are kept as they are.
    columns : list of str, optional
        Keep only these columns (after mapping) besides ``respondent_id``.
    encoding, sep : str, optional
        Passed to :func:`crmlab.io.read_table` (detected when omitted).

    Returns
    -------
    DataFrame
        One row per respondent, canonical columns first. ``.attrs["quality"]`` holds a
        :class:`crmlab.io.QualityReport` (missing answers and not-applicable codes, counted over
        the declared items; reverse-coded items); ``.attrs["scales"]`` the ``{column: (low, high)}``
        declared, which the satisfaction functions use for their default cut points.

    Raises
    ------
    DataError
        If a mapped column is missing, a declared column holds text or values off its scale,
        a reverse-coded item has no scale, or respondent ids repeat.

    Examples
    --------
    >>> import pandas as pd
    >>> raw = pd.DataFrame({"id": ["a", "b", "c"], "sat": ["5", "4", ""], "nps": [10, 6, 0]})
    >>> s = read_survey(raw, respondent="id", mapping={"satisfaction": "sat", "recommend": "nps"},
    ...                 scales={"satisfaction": (1, 5), "recommend": (0, 10)})
    >>> s.columns.tolist()
    ['respondent_id', 'satisfaction', 'recommend']
    >>> s["satisfaction"].tolist()
    [5.0, 4.0, nan]
    >>> s.attrs["quality"].count("missing answers")
    1
    """
    frame, report = read_table(source, encoding=encoding, sep=sep)
    from_file = not isinstance(source, pd.DataFrame)
    if isinstance(source, pd.DataFrame):
        frame = source.copy()
        frame.columns = [str(c) for c in frame.columns]
    report.rows_read = len(frame)
    mapping = dict(mapping or {})
    if respondent is not None:
        mapping.setdefault(schema.RESPONDENT, respondent)
    for canonical, user in mapping.items():
        if user not in frame.columns:
            raise missing_column_error(user, keyword=f"mapping[{canonical!r}]" if canonical != schema.RESPONDENT
                                       or respondent is None else "respondent",
                                       available=frame.columns, role=canonical)
    rename = {user: canonical for canonical, user in mapping.items()}
    frame = frame.rename(columns=rename)

    def canon(column):  # options may name a mapped column by its own (user) name too
        return rename.get(column, column) if column not in frame.columns else column

    if isinstance(scales, Mapping):
        scales = {canon(c): v for c, v in scales.items()}
    if isinstance(not_applicable, Mapping):
        not_applicable = {canon(c): v for c, v in not_applicable.items()}
    recode = {canon(c): v for c, v in (recode or {}).items()}
    reverse = [canon(c) for c in reverse]
    if schema.RESPONDENT not in frame.columns:
        frame.insert(0, schema.RESPONDENT, [str(i + 1) for i in range(len(frame))])
    if columns is not None:
        keep = [schema.RESPONDENT] + [c for c in columns if c != schema.RESPONDENT]
        for c in keep:
            if c not in frame.columns:
                raise missing_column_error(c, keyword="columns", available=frame.columns, role="a kept column")
        frame = frame[keep]
    frame = frame.reset_index(drop=True)

    def rows(mask) -> list:
        positions = np.flatnonzero(np.asarray(mask))
        return [p + 2 if from_file else p for p in positions]

    # Recode text answers first.
    for column, table in recode.items():
        if column not in frame.columns:
            raise missing_column_error(column, keyword="recode", available=frame.columns, role="recoding")
        lookup = {str(k).strip().lower(): v for k, v in table.items()}
        frame[column] = [lookup.get(str(v).strip().lower(), v) if not _isna(v) else v for v in frame[column]]

    # Which columns carry a declared scale?
    text_like = set(_TEXT_COLUMNS)
    if scales is None:
        declared = {}
    elif isinstance(scales, Mapping):
        declared = {c: _check_scale(c, s) for c, s in scales.items()}
        for c in declared:
            if c not in frame.columns:
                raise missing_column_error(c, keyword="scales", available=frame.columns, role="a rated item")
    else:
        pair = _check_scale("(all)", scales)
        declared = {c: pair for c in frame.columns
                    if c not in text_like and _all_numeric(frame[c])}
    na_codes = {c: _as_codes(v, c) for c, v in _per_column(not_applicable, declared, "not_applicable").items()}
    for c in na_codes:
        if c not in frame.columns:
            raise missing_column_error(c, keyword="not_applicable", available=frame.columns, role="a rated item")
    reverse = list(reverse)
    for c in reverse:
        if c not in frame.columns:
            raise missing_column_error(c, keyword="reverse", available=frame.columns, role="a reverse-coded item")
        if c not in declared:
            raise DataError(f"column {c!r} is reverse-coded but has no declared scale. "
                            f"Pass scales={{{c!r}: (low, high)}} so it can be turned round as low + high - x.")

    n_missing = n_na = 0
    out = {}
    for c in frame.columns:
        values = frame[c]
        if c in declared or c in na_codes:
            numbers = pd.to_numeric(values.astype("string").str.strip(), errors="coerce") \
                if values.dtype == object or str(values.dtype).startswith("string") \
                else pd.to_numeric(values, errors="coerce")
            numbers = numbers.astype("float64")
            blank = values.isna().to_numpy() | values.astype("string").str.strip().fillna("").eq("").to_numpy()
            text = numbers.isna().to_numpy() & ~blank
            if text.any():
                raise DataError(
                    f"column {c!r} should hold numbers on its scale but has text: "
                    f"{format_examples(zip(rows(text), values[text]))}. Fix the cells, or map text answers "
                    f"to numbers with recode={{{c!r}: {{'<answer>': <number>, ...}}}}.")
            codes = [float(x) for x in na_codes.get(c, ())]
            is_na_code = numbers.isin(codes).to_numpy() if codes else np.zeros(len(numbers), bool)
            n_na += int(is_na_code.sum())
            n_missing += int(blank.sum())
            numbers = numbers.mask(is_na_code)
            if c in declared:
                low, high = declared[c]
                off = (numbers.notna() & ((numbers < low) | (numbers > high))).to_numpy()
                if off.any():
                    raise DataError(
                        f"column {c!r} has answers outside its declared scale {low:g}–{high:g}: "
                        f"{format_examples(zip(rows(off), numbers[off]))}. Declare the right scale with "
                        f"scales={{{c!r}: (low, high)}}" + (
                            f", or if {numbers[off].iloc[0]:g} is a code such as 'not applicable' pass "
                            f"not_applicable={{{c!r}: ({numbers[off].iloc[0]:g},)}}."
                            if numbers[off].nunique() == 1 else "."))
                if c in reverse:
                    numbers = low + high - numbers
            out[c] = numbers
        elif c in text_like:
            s = values.astype("string").str.strip()
            out[c] = s.mask(s.eq(""))
        else:
            out[c] = _infer(values)
    result = pd.DataFrame(out)
    ids = result[schema.RESPONDENT]
    if ids.isna().any():
        bad = ids.isna().to_numpy()
        raise DataError(f"column {schema.RESPONDENT!r} has missing respondent ids: "
                        f"{format_examples(zip(rows(bad), ids[bad]))}. Fill them, or leave respondent=None "
                        "to number respondents in file order.")
    dup = ids.duplicated(keep=False).to_numpy()
    if dup.any():
        raise DataError(f"column {schema.RESPONDENT!r} repeats respondent ids: "
                        f"{format_examples(zip(rows(dup), ids[dup]))}. Each row must be one respondent; "
                        "remove duplicate rows or leave respondent=None to number rows.")
    order = [c for c in SURVEY_COLUMNS if c in result.columns]
    result = result[order + [c for c in result.columns if c not in order]]
    report.add("missing answers", n_missing, "kept as NaN")
    report.add("not-applicable codes", n_na, "set to NaN")
    report.add("reverse-coded items", len(reverse), "turned round as low + high − x")
    report.add("items on a declared scale", len(declared), "checked against the scale")
    report.rows_kept = len(result)
    result.attrs["quality"] = report
    result.attrs["scales"] = {c: declared[c] for c in result.columns if c in declared}
    return result


def _isna(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _all_numeric(values: pd.Series) -> bool:
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return True
    s = values.astype("string").str.strip()
    s = s[s.notna() & s.ne("")]
    return len(s) > 0 and pd.to_numeric(s, errors="coerce").notna().all()


def _infer(values: pd.Series) -> pd.Series:
    """Undeclared columns: numbers when every answer is a number, else text."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return values.astype("float64")
    if _all_numeric(values):
        s = values.astype("string").str.strip()
        return pd.to_numeric(s.mask(s.eq("")), errors="coerce").astype("float64")
    s = values.astype("string").str.strip()
    return s.mask(s.eq(""))


# --------------------------------------------------------------------------------------------
# Generator
# --------------------------------------------------------------------------------------------

#: Jones & Sasser (1995) five industries: mean repurchase intention (1–5) at satisfaction 1..5,
#: and whether the market is competitive. In competitive markets (cars, business PCs) only the
#: completely satisfied are loyal, so the curve is flat and low, then jumps at 5; with little
#: competition (local telephone: monopoly; airlines: frequent-flyer programmes; hospitals:
#: few alternatives) loyalty stays high whatever the satisfaction. The numbers are stylised
#: from the shape of their Exhibit "How the competitive environment affects the
#: satisfaction-loyalty relationship", not read off it.
INDUSTRIES: dict[str, tuple[tuple[float, ...], bool]] = {
    "automobiles": ((1.3, 1.6, 2.0, 2.6, 4.6), True),
    "business PCs": ((1.2, 1.5, 1.8, 2.3, 4.5), True),
    "hospitals": ((2.4, 2.8, 3.3, 3.8, 4.5), False),
    "airlines": ((3.2, 3.5, 3.8, 4.1, 4.6), False),
    "local telephone": ((4.0, 4.1, 4.3, 4.4, 4.7), False),
}
#: Attributes rated 1–5 and their true weights in the latent satisfaction (importance),
#: with the mean rating (performance) they are drawn around.
ATTRIBUTES: dict[str, tuple[float, float]] = {
    "product_quality": (0.45, 3.9),
    "service": (0.30, 3.1),
    "reliability": (0.15, 4.2),
    "price": (0.10, 2.8),
    "convenience": (0.0, 3.6),
}
_SAT_SHARES = (0.06, 0.10, 0.22, 0.34, 0.28)


@dataclass
class SurveyTruth:
    """What :func:`make_survey` planted.

    Attributes
    ----------
    curves : DataFrame
        Mean repurchase intention (1–5), index industry, columns satisfaction 1..5.
    competitive : Series
        Per industry: True for a competitive market.
    driver_weights : Series
        Weight of each attribute rating in the latent satisfaction.
    satisfaction_shares : tuple
        Share of respondents at satisfaction 1..5 in every industry.
    """

    curves: pd.DataFrame
    competitive: pd.Series
    driver_weights: pd.Series
    satisfaction_shares: tuple


def make_survey(n: int = 2000, *, seed: int | None = 0, industries: Iterable[str] | None = None,
                return_truth: bool = False):
    """Generate a satisfaction–loyalty survey of the five Jones & Sasser industries.

    Course concept: satisfied customers are not necessarily loyal (满意 ≠ 忠诚); the
    satisfaction–loyalty curve depends on competition (竞争程度).

    Each respondent rates five attributes (1–5), overall satisfaction (1–5; a weighted sum of
    the attributes plus noise, cut into the shares ``0.06, 0.10, 0.22, 0.34, 0.28``), two more
    satisfaction items (``sat_expectation``, ``sat_ideal``, for Cronbach's alpha), repurchase
    intention (1–5, ``1 + Binomial(4, (m − 1)/4)`` so its mean at each satisfaction level is
    exactly the industry's curve value ``m``), likelihood to recommend (0–10), and
    ``switching_cost`` / ``alternatives`` items (1–5; high cost and few alternatives in
    non-competitive markets).

    Parameters
    ----------
    n : int
        Respondents in total, split evenly across industries.
    seed : int, optional
        Random seed.
    industries : list of str, optional
        A subset of :data:`INDUSTRIES` (default all five).
    return_truth : bool
        Also return a :class:`SurveyTruth`.

    Returns
    -------
    DataFrame or (DataFrame, SurveyTruth)
        A canonical survey frame (``respondent_id``, ``industry``, ``satisfaction``,
        ``repurchase_intent``, ``recommend``, …) with ``.attrs["scales"]`` declared.

    Examples
    --------
    >>> s, truth = make_survey(500, seed=1, return_truth=True)
    >>> s["industry"].value_counts().sort_index().tolist()
    [100, 100, 100, 100, 100]
    >>> bool(truth.competitive["automobiles"])
    True
    """
    names = list(INDUSTRIES) if industries is None else list(industries)
    for name in names:
        if name not in INDUSTRIES:
            raise DataError(f"industry {name!r} is not one of {list(INDUSTRIES)}; pick from these.")
    if n < len(names):
        raise DataError(f"n={n} is fewer than one respondent per industry ({len(names)}); raise n.")
    rng = np.random.default_rng(seed)
    sizes = [n // len(names) + (1 if i < n % len(names) else 0) for i in range(len(names))]
    weights = np.array([w for w, _ in ATTRIBUTES.values()])
    means = np.array([m for _, m in ATTRIBUTES.values()])
    parts = []
    for name, size in zip(names, sizes):
        curve, competitive = INDUSTRIES[name]
        ratings = np.clip(np.rint(rng.normal(means, 0.9, size=(size, len(means)))), 1, 5)
        latent = ratings @ weights + rng.normal(0, 0.35, size)
        # Cut the latent score at its own quantiles so every industry has the same satisfaction mix.
        ranks = latent.argsort().argsort() / size
        sat = 1 + np.searchsorted(np.cumsum(_SAT_SHARES)[:-1], ranks, side="right")
        m = np.asarray(curve)[sat - 1]
        intent = 1 + rng.binomial(4, (m - 1) / 4)
        q = np.clip(0.45 * (sat - 1) / 4 + 0.5 * (intent - 1) / 4 + rng.normal(0.05, 0.06, size), 0, 1)
        recommend = rng.binomial(10, q)
        lift = 0.0 if competitive else 2.0
        frame = pd.DataFrame({
            schema.INDUSTRY: name,
            schema.SATISFACTION: sat.astype(float),
            "sat_expectation": np.clip(np.rint(sat + rng.normal(0, 0.7, size)), 1, 5),
            "sat_ideal": np.clip(np.rint(sat + rng.normal(-0.2, 0.8, size)), 1, 5),
            schema.REPURCHASE_INTENT: intent.astype(float),
            schema.RECOMMEND: recommend.astype(float),
            **{a: ratings[:, j] for j, a in enumerate(ATTRIBUTES)},
            "switching_cost": np.clip(np.rint(rng.normal(2.0 + lift, 0.8, size)), 1, 5),
            "alternatives": np.clip(np.rint(rng.normal(4.0 - lift, 0.8, size)), 1, 5),
        })
        parts.append(frame)
    survey = pd.concat(parts, ignore_index=True)
    survey.insert(0, schema.RESPONDENT, pd.array([f"R{i + 1:05d}" for i in range(len(survey))], dtype="string"))
    survey[schema.INDUSTRY] = survey[schema.INDUSTRY].astype("string")
    survey.attrs["scales"] = {c: ((0.0, 10.0) if c == schema.RECOMMEND else (1.0, 5.0))
                              for c in survey.columns if c not in (schema.RESPONDENT, schema.INDUSTRY)}
    survey.attrs["quality"] = QualityReport(source=f"make_survey(n={n}, seed={seed})", rows_read=len(survey),
                                            rows_kept=len(survey))
    if not return_truth:
        return survey
    truth = SurveyTruth(
        curves=pd.DataFrame([INDUSTRIES[k][0] for k in names], index=pd.Index(names, name=schema.INDUSTRY),
                            columns=pd.Index([1, 2, 3, 4, 5], name=schema.SATISFACTION)),
        competitive=pd.Series({k: INDUSTRIES[k][1] for k in names}, name="competitive"),
        driver_weights=pd.Series({a: w for a, (w, _) in ATTRIBUTES.items()}, name="weight"),
        satisfaction_shares=_SAT_SHARES,
    )
    return survey, truth


# --------------------------------------------------------------------------------------------
# Loading for notebooks
# --------------------------------------------------------------------------------------------

#: Bundled surveys: name → (file in datasets/, read_survey options). ECSI: a customer
#: satisfaction study of 250 customers of a Spanish credit institution on the European Customer
#: Satisfaction Index model (items 0–10: image, expectations, quality, value, satisfaction
#: sat1–sat4, loyalty loy1 choose again, loy2 propensity to switch, loy3 recommend, loy4 sense of
#: loyalty); the ``satisfaction`` data of the R package plspm (GPL-3, LIAM, UPC Barcelona),
#: shipped unedited with attribution.
BUNDLED_SURVEYS: dict[str, tuple[str, dict]] = {
    "ecsi": ("ecsi_bank_survey.csv", {
        "mapping": {schema.SATISFACTION: "sat1", schema.REPURCHASE_INTENT: "loy1", schema.RECOMMEND: "loy3"},
        "scales": (0, 10)}),
}


def load_survey(source: str = "ecsi", **options) -> pd.DataFrame:
    """Load a survey for a notebook: a bundled name, ``"synthetic:<seed>"`` or a file path.

    Course concept: the survey data behind satisfaction and loyalty analysis (顾客满意度调查数据).

    Parameters
    ----------
    source : str
        ``"ecsi"`` (bundled ECSI bank-customer survey, 0–10 items, with its mapping),
        ``"synthetic:<seed>"`` (:func:`make_survey` with 2,000 respondents) or a path.
    **options
        Passed to :func:`read_survey` (``mapping``, ``scales``, ``not_applicable``, …); for a
        bundled name they replace its defaults.

    Examples
    --------
    >>> load_survey("ecsi").shape
    (250, 29)
    >>> load_survey("synthetic:3")["industry"].nunique()
    5
    """
    from crmlab.datasets import DATA_DIR

    source = str(source)
    if source.startswith("synthetic:"):
        try:
            seed = int(source.split(":", 1)[1])
        except ValueError:
            raise DataError(f"{source!r}: write synthetic:<seed> with a whole-number seed, e.g. 'synthetic:7'.") from None
        given = sorted(k for k, v in options.items() if v is not None and not (k == "mapping" and not v))
        if given:
            warnings.warn(f"{source!r} is generated with canonical columns and 1–5 / 0–10 scales; "
                          f"{', '.join(given)} not used.", CrmlabWarning, stacklevel=2)
        return make_survey(2000, seed=seed)
    if source in BUNDLED_SURVEYS:
        file, defaults = BUNDLED_SURVEYS[source]
        path = DATA_DIR / file
        if not path.exists():
            raise DataError(f"bundled survey {file!r} is missing from {DATA_DIR.name}/. Reinstall crmlab, "
                            "or set CRMLAB_DATA to the folder holding the datasets.")
        # None means "the bundled default"; 0 (e.g. not_applicable=0) is a real value. A mapping
        # adds to the bundled one.
        chosen = {k: v for k, v in options.items() if v is not None and k != "mapping"}
        mapping = {**defaults.get("mapping", {}), **(options.get("mapping") or {})}
        return read_survey(path, **{**defaults, **chosen, "mapping": mapping})
    return read_survey(source, **options)
