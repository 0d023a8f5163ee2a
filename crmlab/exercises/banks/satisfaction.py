"""Exercises of notebook 04 (satisfaction versus loyalty)."""

from __future__ import annotations

from ...satisfaction import cronbach_alpha, customer_types, nps
from ..registry import exercise


@exercise("satisfaction.1", hint="nps(survey) returns one row 'all'; the score is 100 × (share answering 9–10 "
                                 "− share answering 0–6) of the recommend column, a number from −100 to 100.",
          rel_tol=1e-3, abs_tol=0.05)
def _nps(data):
    return float(nps(data).loc["all", "nps"])


@exercise("satisfaction.2", hint="Run customer_types(survey) on the automobile respondents only "
                                 "(survey[survey['industry'] == 'automobiles']) and take the share whose "
                                 "quadrant_key is 'mercenary' — satisfied but not loyal (a share 0–1).",
          rel_tol=1e-2)
def _mercenary_share_automobiles(data, satisfied_at=None, loyal_at=None):
    cars = data[data["industry"] == "automobiles"]
    types = customer_types(cars, satisfied_at=satisfied_at, loyal_at=loyal_at)
    return float((types["quadrant_key"] == "mercenary").mean())


@exercise("satisfaction.3", hint="Pass the survey and the list of the satisfaction items "
                                 "(['satisfaction', 'sat2', 'sat3', 'sat4'] on the ECSI data) to "
                                 "cronbach_alpha; the answer is one number below 1.", rel_tol=1e-3)
def _alpha(data, items):
    return cronbach_alpha(data, list(items))
