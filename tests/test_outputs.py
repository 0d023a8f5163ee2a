"""Output folders: no command deletes or overwrites a file crmlab did not write (issue 11).

Table-driven over the writing commands (report, run, batch) × the situations a user meets; each
case checks the exit code and message, that every user file keeps its bytes, and (when the
command may write) that the folder afterwards holds only files its manifests list with their
real SHA-256 — recomputed here, independently of the kit's code.
"""

from __future__ import annotations

import hashlib
import html.parser
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner

from crmlab import _outputs
from crmlab import report as rp
from crmlab.cli import main


def _notebook(path: Path, title: str, body: str, params: str = "data = 'cdnow'\nx = 1") -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {title}"),
                nbformat.v4.new_code_cell(params, metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell(body)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))
    return path


# What crmlab.notebook.headline displays, without importing crmlab (and pandas) in each kernel: 3x faster.
HEADLINE = ("from IPython.display import display\n"
            "display({'application/vnd.crmlab.headline+json': [['x', x]], 'text/plain': 'x'}, raw=True)")


class Env:
    def __init__(self, root: Path):
        self.root = root
        self.nbs = root / "nbs"
        self.nbs.mkdir()
        _notebook(self.nbs / "01_a.ipynb", "A · 甲", HEADLINE)
        _notebook(self.nbs / "02_b.ipynb", "B · 乙", HEADLINE)
        self.work = root / "work"
        (self.work / "data").mkdir(parents=True)
        (self.work / "data" / "orders.csv").write_bytes(b"customer,date,amount\n1,2024-01-01,5\n")
        (self.work / "mine.txt").write_bytes("my notes · 我的笔记\n".encode())


def _args(command: str, env: Env, out: str, x: int) -> list[str]:
    common = ["--notebook-dir", str(env.nbs), "--out", out, "-p", "x", str(x)]
    if command == "report":
        return ["report", "--chapters", "01", "-p", "data", "data/orders.csv", "--no-progress", *common]
    if command == "run":
        return ["run", "01", "-p", "data", "data/orders.csv", "--no-progress", *common]
    return ["batch", "--data-files", "data/orders.csv", "--chapters", "01", *common]


COMMANDS = ["report", "run", "batch"]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """One folder written by each command (x=1), copied into the cases that start from kit output."""
    env = Env(tmp_path_factory.mktemp("made"))
    before = os.getcwd()
    os.chdir(env.work)
    try:
        for command in COMMANDS:
            result = CliRunner().invoke(main, _args(command, env, f"made-{command}", 1))
            assert result.exit_code == 0, result.output
    finally:
        os.chdir(before)
    return {command: env.work / f"made-{command}" for command in COMMANDS}


@pytest.fixture()
def env(tmp_path, monkeypatch):
    env = Env(tmp_path)
    monkeypatch.chdir(env.work)
    return env


def _tree(root: Path) -> dict[str, bytes | None]:
    """Every entry under ``root`` (hidden ones too): file bytes, None for a folder."""
    found = {}
    for path in sorted(root.rglob("*")):
        found[path.relative_to(root).as_posix()] = None if path.is_dir() else path.read_bytes()
    return found


def _listed(folder: Path) -> dict[str, str]:
    """What the manifests in ``folder`` (and the reports a batch manifest names) list."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    listed = dict(manifest["files"])
    for entry in manifest.get("reports", []):
        for rel, digest in _listed(folder / entry["folder"]).items():
            listed.setdefault(f"{entry['folder']}/{rel}", digest)
    return listed


def _assert_only_listed_files(folder: Path) -> None:
    listed = _listed(folder)
    for path in folder.rglob("*"):
        rel = path.relative_to(folder).as_posix()
        if path.is_dir() or path.name == "manifest.json":
            continue
        assert rel in listed, f"{rel} is not in a manifest"
        assert hashlib.sha256(path.read_bytes()).hexdigest() == listed[rel], f"{rel} hash"
    nested = [rel for rel in listed if rel.endswith("/manifest.json")]
    for rel in nested:
        assert hashlib.sha256((folder / rel).read_bytes()).hexdigest() == listed[rel]


def _headline_x(folder: Path, command: str) -> list:
    if command == "batch":
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        return [x for entry in manifest["reports"] for x in _headline_x(folder / entry["folder"], "report")]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return [c["headline"]["x"] for c in manifest["chapters"]]


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", ""])
    child.wait()
    return child.pid


def _unwritable_parent(tmp_path: Path) -> Path:
    if os.geteuid() != 0:
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o555)
        return folder
    if Path("/sys").is_dir() and _cannot_mkdir(Path("/sys")):
        return Path("/sys")  # read-only even for root
    pytest.skip("no folder here is read-only for root")


def _cannot_mkdir(parent: Path) -> bool:
    probe = parent / f"crmlab-probe-{os.getpid()}"
    try:
        probe.mkdir()
    except OSError:
        return True
    probe.rmdir()
    return False


SITUATIONS = {
    # name: (exit code, message the one line must hold)
    "fresh": (0, None),
    "twice": (0, None),
    "stale partial of a dead process": (0, None),
    "a user's files in the folder": (2, "holds 'notes.txt', which was not written by crmlab"),
    "a user's file in a kit folder": (2, "notes.txt', which was not written by crmlab"),
    "an edited kit file": (2, "which was changed after crmlab wrote it"),
    "--out .": (2, "is the folder you are working in"),
    "--out ancestor of the working folder": (2, "a folder that holds the folder you are working in"),
    "--out holds the data file": (2, "holds an input of this run"),
    "--out holds the notebooks": (2, "holds an input of this run"),
    "--out under a file": (2, "is a file, not a folder"),
    "--out is a file": (2, "is a file, not a folder"),
    "--out in a read-only folder": (2, "cannot write output folder"),
    "--out name too long": (2, "cannot write output folder"),
}


@pytest.mark.parametrize("situation", SITUATIONS)
@pytest.mark.parametrize("command", COMMANDS)
def test_output_folder_rules(command, situation, env, made, tmp_path):
    code, message = SITUATIONS[situation]
    out = "out"
    folder = env.work / out
    stale = live = lookalike = None
    if situation == "twice":
        shutil.copytree(made[command], folder)
    elif situation == "stale partial of a dead process":
        stale = env.work / f".out.partial-{_outputs._HOST}-{_dead_pid()}-abcd1234"
        live = env.work / f".out.partial-{_outputs._HOST}-{os.getpid()}-efgh5678"
        lookalike = env.work / ".out.partial-user"
        for path in (stale, live, lookalike):
            path.mkdir()
            (path / "01_a.html").write_bytes(b"half")
    elif situation == "a user's files in the folder":
        folder.mkdir()
        (folder / "notes.txt").write_bytes(b"keep me")
        (folder / "theirs.csv").write_bytes(b"a,b\n1,2\n")
    elif situation == "a user's file in a kit folder":
        shutil.copytree(made[command], folder)
        sub = folder / ("orders" if command == "batch" else "")
        (sub / "notes.txt").write_bytes(b"keep me")
    elif situation == "an edited kit file":
        shutil.copytree(made[command], folder)
        page = folder / ("orders" if command == "batch" else "") / "01_a.html"
        page.write_bytes(page.read_bytes() + b"<!-- my edit -->")
    elif situation == "--out .":
        out = "."
    elif situation == "--out ancestor of the working folder":
        out = ".."
    elif situation == "--out holds the data file":
        out = "data"
    elif situation == "--out holds the notebooks":
        out = str(env.nbs)
    elif situation == "--out under a file":
        out = "mine.txt/out"
    elif situation == "--out is a file":
        out = "mine.txt"
    elif situation == "--out in a read-only folder":
        out = str(_unwritable_parent(tmp_path) / "crmlab-out")
    elif situation == "--out name too long":
        out = "x" * 300
    before = {"work": _tree(env.work), "nbs": _tree(env.nbs)}

    result = CliRunner().invoke(main, _args(command, env, out, 2))

    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    if code == 2:
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and message in lines[0], result.output
        # Refused before anything ran: not one byte or entry changed, no staging folder left.
        assert {"work": _tree(env.work), "nbs": _tree(env.nbs)} == before
        return
    after = _tree(env.work)
    for rel, content in before["work"].items():
        if not rel.startswith(("out/", ".out.")) and rel != "out":
            assert after[rel] == content, f"{rel} changed"
    assert _tree(env.nbs) == before["nbs"]
    _assert_only_listed_files(folder)
    assert _headline_x(folder, command) == [2], "the new run replaced the earlier one"
    leftovers = {p.name for p in env.work.iterdir() if p.name.startswith(".out.")}
    if situation == "stale partial of a dead process":
        assert leftovers == {live.name, lookalike.name}, "only the dead process's staging folder is removed"
    else:
        assert leftovers == set()


def test_run_then_report_then_run_into_the_default_reports_folder(env):
    runner = CliRunner()
    nbs = ["--notebook-dir", str(env.nbs), "--no-progress"]
    assert runner.invoke(main, ["run", "01", *nbs, "-p", "x", "3"]).exit_code == 0
    second = runner.invoke(main, ["run", "02", *nbs, "-p", "x", "4"])
    assert second.exit_code == 0, second.output
    reports = env.work / "reports"
    manifest = json.loads((reports / "manifest.json").read_text(encoding="utf-8"))
    assert [(c["name"], c["headline"]["x"], c["command"]) for c in manifest["chapters"]] == [
        ("01_a", 3, "run"), ("02_b", 4, "run")]
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert 'href="./01_a.html"' in index and 'href="./02_b.html"' in index
    _assert_only_listed_files(reports)

    made = runner.invoke(main, ["report", "--out", "reports", *nbs, "-p", "data", "data/orders.csv"])  # make report
    assert made.exit_code == 0, made.output
    report_manifest = json.loads((reports / "manifest.json").read_text(encoding="utf-8"))
    assert [c["command"] for c in report_manifest["chapters"]] == ["report", "report"]

    rerun = runner.invoke(main, ["run", "02", *nbs, "-p", "x", "9"])
    assert rerun.exit_code == 0, rerun.output
    manifest = json.loads((reports / "manifest.json").read_text(encoding="utf-8"))
    first, second = manifest["chapters"]
    assert first == report_manifest["chapters"][0], "the other chapter keeps its entry"
    assert (second["name"], second["headline"], second["command"], second["parameters"]) == (
        "02_b", {"x": 9}, "run", {"x": 9})
    assert second["data_file"] is None and manifest["data_file"]["name"] == "orders.csv"
    assert manifest["parameters"] == report_manifest["parameters"], "the report's own fields stay"
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert "run on its own (crmlab run) on bundled data" in index
    _assert_only_listed_files(reports)
    assert _outputs.check_target(reports, cwd=env.work)[0] == reports, "a next `make report` may replace it"
    assert (env.work / "mine.txt").read_bytes() == "my notes · 我的笔记\n".encode()


def test_a_batch_inside_the_report_folder_survives_report_and_run(env, made):
    """README: `crmlab batch --out reports/students`; then `make report` and `crmlab run` into reports/."""
    reports = env.work / "reports"
    shutil.copytree(made["report"], reports)
    shutil.copytree(made["batch"], reports / "students")
    students = _tree(reports / "students")
    runner = CliRunner()
    for args in (_args("report", env, "reports", 2), _args("run", env, "reports", 3)):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
        assert _tree(reports / "students") == students
    assert _headline_x(reports, "report") == [3]
    (reports / "students" / "orders" / "notes.txt").write_bytes(b"mine")
    before = _tree(env.work)
    result = runner.invoke(main, _args("report", env, "reports", 4))
    assert result.exit_code == 2 and "holds 'students/orders/notes.txt'" in result.output
    assert _tree(env.work) == before


@pytest.mark.parametrize("legacy", [False, True])
def test_run_does_not_add_chapters_to_a_batch_folder(env, made, legacy):
    batch = env.work / "b"
    if legacy:  # the previous kit version wrote no batch manifest
        batch.mkdir()
        _legacy_report(batch / "seed-1")
        (batch / "index.html").write_text('<title>crmlab batch</title><a href="seed-1/index.html">', encoding="utf-8")
    else:
        shutil.copytree(made["batch"], batch)
    before = _tree(env.work)
    result = CliRunner().invoke(main, ["run", "01", "--notebook-dir", str(env.nbs), "--out", "b", "--no-progress"])
    assert result.exit_code == 2 and "holds a batch, not a report" in result.output
    assert _tree(env.work) == before


def test_real_chapter_run_then_report_into_reports(env):
    """`crmlab run 00` then `make report` (here: chapter 00 only) into the default folder."""
    runner = CliRunner()
    for args in (["run", "00"], ["report", "--out", "reports", "--chapters", "00"]):
        result = runner.invoke(main, [*args, "--no-progress"])
        assert result.exit_code == 0, result.output
    _assert_only_listed_files(env.work / "reports")
    assert (env.work / "reports" / "_static" / "mathjax" / "MathJax.js").is_file()


def _legacy_report(folder: Path) -> None:
    """A report folder as the previous kit version wrote it (manifest without "files")."""
    folder.mkdir()
    (folder / "01_a.ipynb").write_text("{}", encoding="utf-8")
    (folder / "01_a.html").write_text("<html></html>", encoding="utf-8")
    (folder / "index.html").write_text("<html>index</html>", encoding="utf-8")
    mathjax = Path(_outputs._mathjax_source())
    (folder / "_static" / "mathjax").mkdir(parents=True)
    shutil.copy2(mathjax / "MathJax.js", folder / "_static" / "mathjax" / "MathJax.js")
    manifest = {"title": "crmlab report", "ok": True, "parameters": {}, "data_file": None,
                "versions": {"python": "3.11"}, "total_seconds": 1.0,
                "chapters": [{"name": "01_a", "notebook": "01_a.ipynb", "html": "01_a.html"}]}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize("change, refused", [
    (None, None),
    ("notes.txt", "notes.txt"),
    ("_static/mathjax/MathJax.js", "_static/mathjax/MathJax.js"),  # not the package's file any more
    ("_static/mathjax/extra.js", "_static/mathjax/extra.js"),
])
def test_a_report_of_the_previous_kit_version_is_recognised(tmp_path, change, refused):
    folder = tmp_path / "old"
    _legacy_report(folder)
    if change:
        path = folder / change
        path.write_bytes((path.read_bytes() if path.exists() else b"") + b"// mine")
    if refused is None:
        path, manifest = _outputs.check_target(folder, cwd=tmp_path)
        assert path == folder and manifest["chapters"][0]["name"] == "01_a"
    else:
        with pytest.raises(_outputs.OutputError, match=refused.replace(".", r"\.")):
            _outputs.check_target(folder, cwd=tmp_path)


def test_a_batch_of_the_previous_kit_version_is_recognised(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    _legacy_report(folder / "seed-1")
    (folder / "index.html").write_text('<title>crmlab batch</title><a href="seed-1/index.html">', encoding="utf-8")
    assert _outputs.check_target(folder, cwd=tmp_path)[0] == folder
    (folder / "seed-2").mkdir()
    (folder / "seed-2" / "work.xlsx").write_bytes(b"mine")  # not a report the index links
    with pytest.raises(_outputs.OutputError, match="seed-2/work.xlsx"):
        _outputs.check_target(folder, cwd=tmp_path)


def test_stale_old_folders_are_removed_only_when_they_hold_kit_files(tmp_path, made):
    dead = _dead_pid()
    (tmp_path / "out").mkdir()  # the swap finished: old folders are leftovers
    clean = tmp_path / f".out.old-{_outputs._HOST}-{dead}-aaaa1111"
    shutil.copytree(made["report"], clean)
    kept = tmp_path / f".out.old-{_outputs._HOST}-{dead}-bbbb2222"
    shutil.copytree(made["report"], kept)
    (kept / "notes.txt").write_bytes(b"keep me")
    other_host = tmp_path / f".out.partial-{'0' * 8}-{dead}-cccc3333"
    other_host.mkdir()
    other_name = tmp_path / f".other.partial-{_outputs._HOST}-{dead}-dddd4444"
    other_name.mkdir()
    removed = _outputs.remove_stale_staging(tmp_path, "out")
    assert removed == [clean] and not clean.exists()
    assert (kept / "notes.txt").read_bytes() == b"keep me" and other_host.exists() and other_name.exists()


def test_a_swap_killed_between_its_renames_gets_the_previous_folder_back(tmp_path, made):
    old = tmp_path / f".out.old-{_outputs._HOST}-{_dead_pid()}-eeee5555"
    shutil.copytree(made["report"], old)
    before = _tree(old)
    _outputs.remove_stale_staging(tmp_path, "out")
    assert not old.exists() and _tree(tmp_path / "out") == before


def test_a_file_dropped_into_the_folder_during_the_run_is_not_lost(tmp_path, made):
    out = tmp_path / "out"
    shutil.copytree(made["report"], out)
    target = _outputs.prepare(out, cwd=tmp_path / "elsewhere")
    with target:
        (target.staging / "index.html").write_text("new", encoding="utf-8")
        (out / "late.txt").write_bytes(b"written while crmlab ran")
        with pytest.raises(_outputs.OutputError, match="'late.txt' appeared"):
            target.commit()
    assert (out / "late.txt").read_bytes() == b"written while crmlab ran"
    assert not target.staging.exists()


def _script_notebook(folder: Path) -> None:
    _notebook(folder / "01_slow.ipynb", "Slow", "import time\ntime.sleep(60)", params="x = 1")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_a_killed_report_leaves_the_old_folder_and_the_next_run_cleans_up(tmp_path, made, sig):
    work = tmp_path / "work"
    shutil.copytree(made["report"], work / "out")
    before = _tree(work / "out")
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    _script_notebook(nbs)
    command = [sys.executable, "-m", "crmlab.cli", "report", "--notebook-dir", str(nbs), "--out", "out", "--no-progress"]
    child = subprocess.Popen(command, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not any(work.glob(".out.partial-*/.01_slow.running.ipynb")):
        assert time.monotonic() < deadline and child.poll() is None, "the report should be running its kernel"
        time.sleep(0.2)
    child.send_signal(sig)
    assert child.wait(timeout=60) != 0
    assert _tree(work / "out") == before, "the old report is untouched"
    partials = list(work.glob(".out.*"))
    if sig == signal.SIGTERM:
        assert partials == [], "SIGTERM unwinds and removes the staging folder"
    else:
        assert len(partials) == 1
        _notebook(nbs / "01_slow.ipynb", "Fast", "x = 2", params="x = 1")
        result = subprocess.run(command, cwd=work, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        assert list(work.glob(".out.*")) == [], "the dead run's staging folder is removed"


def test_a_chapter_stopped_by_its_data_shows_the_reason(tmp_path):
    folder = tmp_path / "nbs"
    folder.mkdir()
    message = "column 'amount' has 2 text values: row 3: 'abc'; row 5: 'n/a'. Pass amount='<numeric column>'."
    _notebook(folder / "01_data.ipynb", "Data", f"import crmlab\nraise crmlab.DataError({message!r})", params="x = 1")
    _notebook(folder / "02_param.ipynb", "Param",
              "from crmlab.report import ParameterError\nraise ParameterError('bins must be 2 to 10,\\n got 1000000')",
              params="x = 1")
    _notebook(folder / "03_pandas.ipynb", "Pandas", "import pandas as pd\npd.Series(['a', 'b']).rolling(2).mean()",
              params="x = 1")
    _notebook(folder / "04_bug.ipynb", "Bug", "x = 1\nraise ValueError('a bug')", params="x = 1")
    result = CliRunner().invoke(main, ["report", "--notebook-dir", str(folder), "--out", str(tmp_path / "r"),
                                       "--no-progress"])
    assert result.exit_code == 1
    assert f"  ✗ 01_data: stopped: {message}\n" in result.output
    assert "  ✗ 02_param: stopped: bins must be 2 to 10, got 1000000\n" in result.output
    # pandas' own DataError (raised inside pandas) and a plain bug are failures, not data stops.
    assert "  ✗ 03_pandas: failed at code cell 2: DataError: No numeric types to aggregate" in result.output
    assert "  ✗ 04_bug: failed at code cell 2: ValueError: a bug" in result.output
    index = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    assert f"✗ stopped: {html_escape(message)}</span>" in index
    assert index.count("failed at code cell") == 2
    manifest = json.loads((tmp_path / "r" / "manifest.json").read_text(encoding="utf-8"))
    assert [c["stop_reason"] for c in manifest["chapters"]] == [
        message, "bins must be 2 to 10, got 1000000", None, None]


def html_escape(text: str) -> str:
    import html

    return html.escape(text)


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        self.links += [(tag, value) for name, value in attrs if name in ("href", "src")]


def _links(page: Path) -> list[tuple[str, str]]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def _assert_relative_file_links(page: Path) -> None:
    links = _links(page)
    assert links
    for tag, href in links:
        if tag == "link" and href == "data:,":
            continue  # the constant empty favicon: no request for /favicon.ico
        assert href.startswith("./") and urllib.parse.urlsplit(href).scheme == "", href
        target = page.parent / urllib.parse.unquote(href)
        assert target.is_file(), f"{href} does not lead to a file of the report"


def test_links_are_escaped_relative_file_links_and_same_stems_do_not_collide(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "nbs"
    folder.mkdir()
    _notebook(folder / "01_a#b&c d.ipynb", "Odd <name>", HEADLINE)
    files = {"javascript:alert(1).csv": b"1", "a/orders.csv": b"2", "b/orders.csv": b"3", "index.html.csv": b"4"}
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(content)
    args = ["batch", "--notebook-dir", str(folder), "--out", "batch"]
    for name in files:
        args += ["--data-files", name]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    batch = tmp_path / "batch"
    _assert_relative_file_links(batch / "index.html")
    index = (batch / "index.html").read_text(encoding="utf-8")
    assert "javascript:" not in index.replace("javascript:alert(1).csv</a>", "")
    manifest = json.loads((batch / "manifest.json").read_text(encoding="utf-8"))
    folders = [entry["folder"] for entry in manifest["reports"]]
    assert len({f.casefold() for f in folders}) == len(files), folders
    for (name, content), folder_name in zip(files.items(), folders):
        _assert_relative_file_links(batch / folder_name / "index.html")
        report = json.loads((batch / folder_name / "manifest.json").read_text(encoding="utf-8"))
        assert report["data_file"] == {"name": Path(name).name, "sha256": hashlib.sha256(content).hexdigest()}
    _assert_only_listed_files(batch)


@pytest.mark.parametrize("names, expected", [
    (["seed-1", "seed-1", "SEED-1"], ["seed-1", "seed-1-2", "SEED-1-3"]),
    (["javascript:alert(1)", "../up", "", "index.html", "CON", "客户 数据"],
     ["javascript_alert_1", "up", "report", "report_index.html", "report_CON", "客户_数据"]),
])
def test_job_folders(names, expected):
    assert rp.job_folders(names) == expected
