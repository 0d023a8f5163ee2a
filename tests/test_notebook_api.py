"""crmlab.notebook is what a chapter imports: setup loads the data as the reader does and shows its quality report."""

from __future__ import annotations

import importlib
import sys
import warnings

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from crmlab import notebook
from crmlab.datasets import load_data, load_survey
from crmlab.io import quality_report


def test_setup_loads_transactions_like_the_reader_and_prints_its_quality_report(capsys):
    mapping = {"returns": "net"}
    tx = notebook.setup("synthetic:3", mapping, lang="zh")
    printed = capsys.readouterr().out
    expected = load_data("synthetic:3", mapping)
    pd.testing.assert_frame_equal(tx, expected)
    assert printed == f"{quality_report(expected).text('zh')}\n" and printed.startswith("数据质量报告")
    assert pd.get_option("display.width") == 120 and plt.rcParams["figure.figsize"] == [7.0, 4.2]


def test_setup_reads_a_survey_with_reader_options(capsys):
    survey = notebook.setup("ecsi", {}, kind="survey", scales=None, not_applicable=None)
    expected = load_survey("ecsi")
    pd.testing.assert_frame_equal(survey, expected)
    assert capsys.readouterr().out == f"{expected.attrs['quality']}\n"


@pytest.mark.parametrize("kwargs, error", [({"lang": "fr"}, "lang='fr'"), ({"kind": "panel"}, "kind='panel'")])
def test_setup_stops_on_a_wrong_language_or_kind(kwargs, error):
    with pytest.raises(ValueError, match=error):
        notebook.setup("synthetic:1", {}, show_quality=False, **kwargs)


def test_headline_figures_format_as_the_index_shows_them():
    assert notebook.format_value(2500315.634) == "2,500,315.63"
    assert notebook.format_value(23570) == "23,570"
    assert notebook.format_value([1, 2.5, "a"]) == "1, 2.50, a"
    assert notebook.format_value(True) == "True"


def test_moved_names_keep_working_for_one_release_with_a_warning():
    import crmlab.report as report

    with pytest.warns(DeprecationWarning, match="crmlab.notebook.headline"):
        assert report.headline is notebook.headline
    with pytest.warns(DeprecationWarning, match="crmlab.notebook.HEADLINE_MIME"):
        assert report.HEADLINE_MIME == notebook.HEADLINE_MIME
    sys.modules.pop("crmlab._parameters", None)
    with pytest.warns(DeprecationWarning, match="crmlab.report.parameters"):
        old = importlib.import_module("crmlab._parameters")
    from crmlab.report.parameters import SPECS

    assert old.SPECS is SPECS
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        from crmlab.report import run_report  # noqa: F401 - public names import without a warning
    with pytest.raises(AttributeError):
        report.no_such_name  # noqa: B018


# Every public name of the single-file crmlab/report.py before the split (commit 9a97f5b).
_OLD_REPORT_NAMES = ['HEADLINE_MIME', 'MATHJAX_DIR', 'NOTEBOOK_DIR', 'NotebookRun', 'OutputError', 'ParameterError',
                     'Report', 'chapter_parameters', 'check_data', 'check_files', 'check_parameters', 'copy_mathjax',
                     'copy_notebooks', 'find_notebook', 'headline', 'inline_figures', 'is_file_parameter',
                     'is_named_source', 'job_folders', 'list_notebooks', 'notebook_parameters', 'parse_seeds',
                     'render_index', 'run_batch', 'run_chapter', 'run_notebook', 'run_report', 'status_text',
                     'to_html', 'write_batch_index']
_OLD_EXERCISES_NAMES = ['check', 'exercise', 'Exercise', 'registered', 'answers_match', 'strip_solutions',
                        'SOLUTION_TAG', 'DataError']


def test_every_public_name_of_the_old_modules_still_imports():
    import crmlab.exercises
    import crmlab.report

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # headline, HEADLINE_MIME moved (tested above)
        missing = [n for n in _OLD_REPORT_NAMES if not hasattr(crmlab.report, n)]
    missing += [n for n in _OLD_EXERCISES_NAMES if not hasattr(crmlab.exercises, n)]
    assert not missing
