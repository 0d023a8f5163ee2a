"""crmlab: customer relationship management analysis and teaching kit."""

from .errors import CrmlabWarning, DataError
from .io import QualityReport, quality_report, read_transactions

__version__ = "0.1.0"

__all__ = ["CrmlabWarning", "DataError", "QualityReport", "quality_report", "read_transactions",
           "__version__"]
