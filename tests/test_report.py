"""Reports: chapters run independently, failures are reported, outputs are atomic and escaped."""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner

from crmlab import load_data
from crmlab import report as rp
from crmlab.cli import main


def _notebook(path: Path, title: str, body: str, params: str = "x = 1\nname = 'a'", kind: str | None = None) -> Path:
    nb = nbformat.v4.new_notebook()
    if kind is not None:
        nb.metadata["crmlab"] = {"data_kind": kind}
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {title}"),
                nbformat.v4.new_code_cell(params, metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell(body)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))
    return path


@pytest.fixture()
def chapters(tmp_path):
    folder = tmp_path / "nbs"
    folder.mkdir()
    _notebook(folder / "01_good.ipynb", "Good <b>chapter</b> · 好",
              "from crmlab.notebook import headline\nprint(x * 2)\nheadline(customers=x * 10, top='<script>')")
    _notebook(folder / "02_bad.ipynb", "Bad · 坏", "print('before')\nraise ValueError(f'boom {name}')")
    return folder


def test_failing_chapter_does_not_stop_the_others(chapters, tmp_path):
    out = tmp_path / "report"
    result = rp.run_report(out, notebook_dir=chapters, parameters={"x": 3})
    assert not result.ok
    good, bad = result.runs
    assert good.ok and good.headline == {"customers": 30, "top": "<script>"}
    assert not bad.ok and bad.failed_cell == 2 and bad.error == "ValueError: boom a"
    assert (out / "02_bad.ipynb").exists() and (out / "02_bad.html").exists()  # partial notebook kept
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "failed at code cell 2" in index and "ValueError: boom a" in index
    assert "<script>" not in index and "&lt;script&gt;" in index
    assert "Good &lt;b&gt;chapter&lt;/b&gt;" in index
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["ok"] is False and manifest["parameters"] == {"x": 3}
    assert {"pandas", "papermill", "python"} <= set(manifest["versions"])
    assert [c["name"] for c in manifest["chapters"]] == ["01_good", "02_bad"]
    assert not list(tmp_path.glob(".report.*")), "no staging folders left behind"


def test_report_replaces_old_one_only_when_complete(chapters, tmp_path, monkeypatch):
    out = tmp_path / "report"
    rp.run_report(out, notebook_dir=chapters, chapters=["01"])
    before = (out / "index.html").read_bytes()

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(rp.html, "render_index", crash)
    with pytest.raises(KeyboardInterrupt):
        rp.run_report(out, notebook_dir=chapters, chapters=["01"], parameters={"x": 5})
    assert (out / "index.html").read_bytes() == before
    assert not list(tmp_path.glob(".report.*"))


@pytest.mark.parametrize("args, message", [
    (["-p", "nope", "1"], "unknown parameter(s) 'nope': no selected chapter declares them; their parameters are: x (default 1)"),
    (["-p", "x", "abc"], "parameter 'x' expects int"),
    (["--data", "missing.csv"], "data file not found"),
    (["--chapters", "07"], "no chapter notebook '07'"),
    (["-f", "params-missing.yaml"], "parameters file not found"),
    (["-p", "data", "missing.csv"], "parameter 'data': file not found: 'missing.csv'"),
    (["-p", "x", "[1,"], "-p x '[1,': the value is not valid YAML"),
])
def test_broken_parameters_exit_with_one_line(chapters, tmp_path, args, message):
    result = CliRunner().invoke(main, ["report", "--notebook-dir", str(chapters), "--chapters", "01",
                                       "--out", str(tmp_path / "r"), "--no-progress", *args])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_cli_failing_chapter_exits_nonzero_naming_cell(chapters, tmp_path):
    result = CliRunner().invoke(main, ["report", "--notebook-dir", str(chapters), "--out",
                                       str(tmp_path / "r"), "--no-progress"])
    assert result.exit_code == 1
    assert "02_bad: failed at code cell 2: ValueError: boom a" in result.output


def test_per_chapter_parameters_from_yaml(chapters, tmp_path):
    params = tmp_path / "p.yaml"
    params.write_text("x: 2\n'01':\n  name: zz\n", encoding="utf-8")
    result = rp.run_report(tmp_path / "r", notebook_dir=chapters, chapters=["01"],
                           parameters={"x": 2}, chapter_params={"01": {"name": "zz"}})
    assert result.runs[0].parameters == {"x": 2, "name": "zz"}
    cli = CliRunner().invoke(main, ["report", "--notebook-dir", str(chapters), "--chapters", "01", "-f",
                                    str(params), "--out", str(tmp_path / "r2"), "--no-progress"])
    assert cli.exit_code == 0, cli.output
    manifest = json.loads((tmp_path / "r2" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["chapters"][0]["parameters"] == {"x": 2, "name": "zz"}


def test_no_code_hides_inputs(chapters, tmp_path):
    rp.run_report(tmp_path / "r", notebook_dir=chapters, chapters=["01"], no_code=True)
    page = (tmp_path / "r" / "01_good.html").read_text(encoding="utf-8")
    assert "print(x * 2)" not in page and "Headline" in page


def test_parse_seeds():
    assert rp.parse_seeds("1-3, 7") == [1, 2, 3, 7]
    with pytest.raises(rp.ParameterError):
        rp.parse_seeds("3-1")


def test_user_gbk_file_with_mapping_yaml_end_to_end(tmp_path):
    """A Chinese GBK export and a YAML column mapping through the real getting-started chapter."""
    from crmlab.datasets import data_path

    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("customer: 客户编号\ndate: 下单日期\namount: null\norder: 订单号\nproduct: 商品\n"
                       "quantity: 数量\nunit_price: 单价\ncategory: 品类\n", encoding="utf-8")
    out = tmp_path / "report"
    result = CliRunner().invoke(main, ["report", "--data", str(data_path("shop_orders")), "--columns",
                                       str(mapping), "--chapters", "00", "--lang", "zh", "--out", str(out),
                                       "--no-progress"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["data_file"]["name"] == "shop_orders_gbk.csv"
    assert manifest["chapters"][0]["headline"]["客户数"] == 25  # the 中文 edition names its figures in 中文
    assert (out / "00_getting_started.html").stat().st_size > 10_000


def test_batch_one_report_per_student_seed(tmp_path):
    folder = tmp_path / "nbs"
    folder.mkdir()
    _notebook(folder / "01_seeded.ipynb", "Seeded · 种子",
              "from crmlab.notebook import headline\nimport crmlab\n"
              "tx = crmlab.load_data(data)\nheadline(customers=tx['customer_id'].nunique(), seed=seed)",
              params="data = 'cdnow'\nseed = 0")
    out = tmp_path / "batch"
    result = CliRunner().invoke(main, ["batch", "--seeds", "1-2", "--notebook-dir", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    heads = []
    for seed in (1, 2):
        manifest = json.loads((out / f"seed-{seed}" / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["parameters"]["data"] == f"synthetic:{seed}"
        heads.append(manifest["chapters"][0]["headline"])
        assert heads[-1]["seed"] == seed
        assert heads[-1]["customers"] == load_data(f"synthetic:{seed}")["customer_id"].nunique()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="./seed-1/index.html"' in index and 'href="./seed-2/index.html"' in index


def test_figures_are_kept_when_the_shell_exports_mplbackend_agg(tmp_path, monkeypatch):
    # Headless shells and CI often export MPLBACKEND=Agg; ipykernel then draws nothing inline.
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = _notebook(tmp_path / "01_plot.ipynb", "Plot · 图",
                   "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\n_ = ax.plot([1, 2], [3, 4])")
    run = rp.run_notebook(nb, tmp_path / "out", html_page=False)
    assert run.ok, run.error
    executed = nbformat.read(str(tmp_path / "out" / "01_plot.ipynb"), as_version=4)
    mimes = {m for o in executed.cells[-1].outputs for m in o.get("data", {})}
    assert "image/png" in mimes
    assert os.environ["MPLBACKEND"] == "Agg", "the caller's environment is restored"


def test_relative_data_path_is_read_from_the_callers_folder(tmp_path, monkeypatch):
    """`crmlab run NB -p data mine.csv` means mine.csv here, not beside the notebook (the kernel's cwd)."""
    folder = tmp_path / "nbs"
    folder.mkdir()
    _notebook(folder / "01_file.ipynb", "File · 文件",
              "from crmlab.notebook import headline\nimport pathlib\nheadline(text=pathlib.Path(data).read_text())",
              params="data = 'cdnow'")
    work = tmp_path / "work"
    work.mkdir()
    (work / "mine.csv").write_text("hello", encoding="utf-8")
    monkeypatch.chdir(work)
    result = CliRunner().invoke(main, ["run", "01", "--notebook-dir", str(folder), "--out", "out", "--no-progress",
                                       "-p", "data", "mine.csv"])
    assert result.exit_code == 0, result.output
    report = CliRunner().invoke(main, ["report", "--notebook-dir", str(folder), "--out", "rep", "--no-progress",
                                       "-p", "data", "mine.csv"])
    assert report.exit_code == 0, report.output
    manifest = json.loads((work / "rep" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["chapters"][0]["headline"] == {"text": "hello"}
    assert manifest["data_file"]["name"] == "mine.csv"  # hashed although it came with -p


def test_survey_chapter_keeps_its_own_data_in_a_transactions_report(tmp_path):
    folder = tmp_path / "nbs"
    folder.mkdir()
    body = "from crmlab.notebook import headline\nheadline(data=str(data), columns=str(columns))"
    _notebook(folder / "01_tx.ipynb", "Tx · 交易", body, params="data = 'cdnow'\ncolumns = {}")
    _notebook(folder / "04_survey.ipynb", "Survey · 调查", body, params="data = 'ecsi'\ncolumns = {}", kind="survey")
    mine = tmp_path / "orders.csv"
    mine.write_text("c,d,a\nA,2024-01-01,5\n", encoding="utf-8")
    mapping = {"customer": "c", "date": "d", "amount": "a"}
    out = tmp_path / "r"
    result = rp.run_report(out, notebook_dir=folder, parameters={"data": str(mine), "columns": mapping},
                           chapter_params={"04": {"columns": {"satisfaction": "sat2"}}})
    tx, survey = result.runs
    assert tx.headline == {"data": str(mine), "columns": str(mapping)} and tx.note is None
    assert survey.ok and survey.headline == {"data": "ecsi", "columns": "{'satisfaction': 'sat2'}"}
    assert "bundled survey data" in survey.note and "bundled survey data" in (out / "index.html").read_text("utf-8")
    # Only survey chapters selected: the data set is theirs.
    alone = rp.run_report(tmp_path / "r2", notebook_dir=folder, chapters=["04"], parameters={"data": str(mine)})
    assert alone.runs[0].headline["data"] == str(mine) and alone.runs[0].note is None


def test_the_runner_reads_a_chapters_declared_data_kind_and_guesses_nothing(tmp_path):
    folder = tmp_path / "nbs"
    folder.mkdir()
    body = "from crmlab.notebook import headline\nheadline(data=str(data))"
    _notebook(folder / "01_tx.ipynb", "Tx", body, params="data = 'cdnow'\ncolumns = {}")
    # A survey chapter whose default is generated data: only its declaration says it reads surveys.
    _notebook(folder / "02_sv.ipynb", "Survey", body, params="data = 'synthetic:1'\ncolumns = {}", kind="survey")
    # A chapter defaulting to a bundled survey but declaring nothing reads transactions (no guessing).
    _notebook(folder / "03_undeclared.ipynb", "Plain", body, params="data = 'ecsi'\ncolumns = {}")
    assert [rp.data_kind(p) for p in rp.list_notebooks(folder)] == ["transactions", "survey", "transactions"]
    result = rp.run_report(tmp_path / "r", notebook_dir=folder, parameters={"data": "retail"})
    heads = {run.name: (run.headline["data"], run.note) for run in result.runs}
    assert heads["01_tx"] == ("retail", None) and heads["03_undeclared"] == ("retail", None)
    assert heads["02_sv"][0] == "synthetic:1" and "bundled survey data" in heads["02_sv"][1]
    _notebook(folder / "04_bad.ipynb", "Bad", body, params="data = 'cdnow'", kind="panel")
    with pytest.raises(rp.ParameterError, match="data_kind is 'panel'"):
        rp.data_kind(folder / "04_bad.ipynb")


def test_a_crashing_executor_is_one_failed_chapter(chapters, tmp_path, monkeypatch):
    import papermill as pm

    def die(*args, **kwargs):
        raise RuntimeError("Kernel died before replying\nmore detail")

    monkeypatch.setattr(pm, "execute_notebook", die)
    run = rp.run_notebook(chapters / "01_good.ipynb", tmp_path / "out", html_page=False)
    assert not run.ok and run.error == "RuntimeError: Kernel died before replying" and run.failed_cell is None
    assert (tmp_path / "out" / "01_good.ipynb").exists()
    assert not list((tmp_path / "out").glob(".*running*"))


def test_headline_figures_keep_the_chapters_order(tmp_path):
    # Notebooks are saved with sorted JSON keys; the index must still list zeta before alpha.
    nb = _notebook(tmp_path / "01_order.ipynb", "Order · 顺序",
                   "from crmlab.notebook import headline\nheadline(zeta=1, alpha='two')")
    result = rp.run_report(tmp_path / "out", notebook_dir=tmp_path, chapters=["01"])
    assert list(result.runs[0].headline) == ["zeta", "alpha"]
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert index.index("<dt>zeta</dt>") < index.index("<dt>alpha</dt>")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert list(manifest["chapters"][0]["headline"]) == ["zeta", "alpha"]
    assert nb.exists()


def test_report_run_and_batch_share_one_option_set():
    import click

    from crmlab.cli import main

    def options(command):
        return {tuple(p.opts): (p.help, p.type.name, p.multiple, p.nargs)
                for p in main.commands[command].params if isinstance(p, click.Option)}

    report, run, batch = options("report"), options("run"), options("batch")
    shared = {k: v for k, v in report.items() if k != ("--out",)}
    assert len(shared) == 9 and all(v[0] for v in shared.values()), "every shared option has its help"
    assert {k: run[k] for k in shared} == shared
    # batch takes its data from --seeds / --data-files and shows no per-cell progress; the rest is the same.
    assert {k: batch[k] for k in shared if k not in (("--data",), ("--progress",))} == {
        k: v for k, v in shared.items() if k not in (("--data",), ("--progress",))}


# ------------------------------------------------------------------------------------------ editions
def test_find_notebook_picks_the_edition_and_stays_unambiguous(tmp_path):
    en, zh = rp.find_notebook("02"), rp.find_notebook("02", lang="zh")
    assert en.name == zh.name == "02_rfm_segmentation.ipynb"
    assert (en.parent.name, zh.parent.name) == ("en", "zh")
    assert rp.find_notebook("02_rfm_segmentation", lang="zh") == zh
    with pytest.raises(rp.ParameterError, match="lang='fr'"):
        rp.find_notebook("02", lang="fr")
    # A folder of chapters without edition sub-folders serves both languages.
    (tmp_path / en.name).write_bytes(en.read_bytes())
    assert rp.find_notebook("02", tmp_path) == rp.find_notebook("02", tmp_path, lang="zh") == tmp_path / en.name


def test_lang_picks_the_edition_while_the_lang_parameter_switches_only_tables(tmp_path):
    import re

    cjk = re.compile(r"[\u4e00-\u9fff]")
    zh = rp.run_report(tmp_path / "zh", chapters=["00"], lang="zh")
    assert zh.ok
    manifest = json.loads((tmp_path / "zh" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["edition"] == "zh" and manifest["parameters"]["lang"] == "zh"
    assert cjk.search(manifest["title"]) and cjk.search(zh.runs[0].title)
    assert all(cjk.search(k) for k in zh.runs[0].headline), "headline figures named in 中文"
    page = (tmp_path / "zh" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in page and "章节" in page and "✓ 已运行" in page
    chapter_page = (tmp_path / "zh" / zh.runs[0].html).read_text(encoding="utf-8")
    for text in ("Glyph", "missing from font", "/tmp/", "/work/", "ipykernel_", "site-packages"):
        assert text not in chapter_page, f"the 中文 chapter page shows {text!r}"
    en = rp.run_report(tmp_path / "en", chapters=["00"], parameters={"lang": "zh"})
    manifest = json.loads((tmp_path / "en" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["edition"] == "en" and manifest["parameters"]["lang"] == "zh"
    assert not cjk.search(en.runs[0].title), "-p lang zh keeps the English edition"
    assert "✓ ran" in (tmp_path / "en" / "index.html").read_text(encoding="utf-8")
