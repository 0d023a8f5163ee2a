"""The command line on a Chinese Windows console (GBK) and with Chinese, spaced paths."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import nbformat


def _cli(args, cwd, encoding):
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run([sys.executable, "-m", "crmlab.cli", *args], cwd=cwd, env=env, capture_output=True)


def _chapter(folder):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# 客户 · Customers"),
                nbformat.v4.new_code_cell("data = 'cdnow'\ncolumns = {}", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("import crmlab\nfrom crmlab.notebook import headline\n"
                                          "tx = crmlab.load_data(data, columns)\n"
                                          "headline(客户数=tx['customer_id'].nunique())")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    folder.mkdir()
    nbformat.write(nb, str(folder / "01_客户.ipynb"))
    return folder


def test_a_gbk_console_with_chinese_spaced_paths(tmp_path):
    work = tmp_path / "我的 文件"
    work.mkdir()
    chapters = _chapter(tmp_path / "章节 notebooks")
    (work / "订单 2024.csv").write_bytes("客户编号,下单时间,金额\nA,2024-01-05,12.5\nB,2024-02-01,8\n".encode("gbk"))
    (work / "映射.yaml").write_bytes("customer: 客户编号\ndate: 下单时间\namount: 金额\n".encode("gbk"))
    result = _cli(["report", "--notebook-dir", str(chapters), "--data", "订单 2024.csv", "--columns", "映射.yaml",
                   "--out", "报告 输出", "--no-progress"], cwd=work, encoding="gbk")
    output = result.stdout.decode("gbk")
    assert result.returncode == 0, output + result.stderr.decode("gbk", errors="replace")
    assert "√ 01_客户" in output  # ✓ has no GBK code: shown as its look-alike, never a crash
    manifest = json.loads((work / "报告 输出" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["chapters"][0]["headline"] == {"客户数": 2}
    assert manifest["data_file"]["name"] == "订单 2024.csv"


def test_errors_reach_a_gbk_console_in_one_line(tmp_path):
    result = _cli(["run", "02", "-p", "bins", "1000000", "--out", str(tmp_path / "输出")], cwd=tmp_path, encoding="gbk")
    message = result.stderr.decode("gbk")
    assert result.returncode == 2 and "Traceback" not in message
    assert len(message.strip().splitlines()) == 1 and "bins" in message
