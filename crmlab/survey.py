"""Compatibility module: the survey reader moved to :mod:`crmlab.io`, its data to :mod:`crmlab.datasets`.

``from crmlab.survey import read_survey, make_survey, load_survey, ...`` keeps working until the next
release, with a :class:`DeprecationWarning` naming the new home:

- ``read_survey``, ``SURVEY_COLUMNS`` → ``crmlab.read_survey`` / :mod:`crmlab.io`;
- ``load_survey``, ``make_survey``, ``SurveyTruth``, ``INDUSTRIES``, ``ATTRIBUTES``,
  ``BUNDLED_SURVEYS`` → ``crmlab.load_survey`` / :mod:`crmlab.datasets`.
"""

from __future__ import annotations

import sys
import warnings

from . import datasets as _datasets
from . import io as _io

_MOVED = {
    "read_survey": "crmlab.io", "SURVEY_COLUMNS": "crmlab.io",
    "load_survey": "crmlab.datasets", "make_survey": "crmlab.datasets", "SurveyTruth": "crmlab.datasets",
    "INDUSTRIES": "crmlab.datasets", "ATTRIBUTES": "crmlab.datasets", "BUNDLED_SURVEYS": "crmlab.datasets",
}

__all__ = list(_MOVED)


def __getattr__(name: str):
    home = _MOVED.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    # `from crmlab.survey import x` reaches here through importlib's frames: point at the importer.
    level, frame = 2, sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith("<frozen importlib"):
        level, frame = level + 1, frame.f_back
    warnings.warn(f"crmlab.survey.{name} moved to {home}.{name}; import it from there "
                  f"(crmlab.survey goes in the next release).", DeprecationWarning, stacklevel=level)
    return getattr(_io if home == "crmlab.io" else _datasets, name)
