"""Run chapter notebooks headless (papermill) and publish them as a browsable HTML report.

Course concept: the instructor's and analyst's report — every chapter run on one data set with
one column mapping, with the executed notebooks, HTML pages, an index and a manifest.

The package has one module per job:

- :mod:`~crmlab.report.runner` — run one notebook, a chapter into a report folder, a report, a batch;
- :mod:`~crmlab.report.parameters` — the parameters' declarations and the checks made before a kernel starts;
- :mod:`~crmlab.report.html` — the HTML pages, the index, the batch index, the offline MathJax copy;
- :mod:`~crmlab.report.chapters` — the chapter notebooks, and a student's copy of them;
- ``templates/`` — the nbconvert template of the pages.
"""

from __future__ import annotations

import warnings

from .._outputs import OutputError
from .chapters import NOTEBOOK_DIR, copy_notebooks, find_notebook, list_notebooks
from .html import MATHJAX_DIR, copy_mathjax, render_index, status_text, to_html, write_batch_index
from .parameters import (
    ParameterError,
    chapter_parameters,
    check_data,
    check_files,
    check_parameters,
    data_kind,
    is_file_parameter,
    is_named_source,
    notebook_parameters,
    parse_seeds,
)
from .runner import (
    NotebookRun,
    Report,
    inline_figures,
    job_folders,
    read_headline,
    run_batch,
    run_chapter,
    run_notebook,
    run_report,
)

__all__ = ["ParameterError", "OutputError", "NotebookRun", "Report", "list_notebooks", "notebook_parameters",
           "run_notebook", "run_chapter", "run_report", "run_batch", "find_notebook", "copy_notebooks",
           "check_parameters", "check_files", "check_data", "chapter_parameters", "data_kind", "is_file_parameter",
           "is_named_source", "parse_seeds", "job_folders", "inline_figures", "read_headline", "to_html",
           "copy_mathjax", "render_index", "write_batch_index", "status_text", "MATHJAX_DIR", "NOTEBOOK_DIR"]

# Public names that moved to crmlab.notebook (what a chapter imports); kept here for one release.
_MOVED = {"headline": "crmlab.notebook", "HEADLINE_MIME": "crmlab.notebook"}


def __getattr__(name):
    if name in _MOVED:
        warnings.warn(f"crmlab.report.{name} moved to {_MOVED[name]}.{name}; import it from there "
                      "(the old name goes in the next release).", DeprecationWarning, stacklevel=2)
        from .. import notebook

        return getattr(notebook, name)
    raise AttributeError(f"module 'crmlab.report' has no attribute {name!r}")
