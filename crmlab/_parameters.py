"""Moved to :mod:`crmlab.report.parameters`; this name goes in the next release."""

import warnings

from .report.parameters import SPECS, Spec, check_value, describe  # noqa: F401

warnings.warn("crmlab._parameters moved to crmlab.report.parameters.", DeprecationWarning, stacklevel=2)
