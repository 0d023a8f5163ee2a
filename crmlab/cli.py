"""The ``crmlab`` command: parses arguments and calls :mod:`crmlab.report`, :mod:`crmlab.datasets`, :mod:`crmlab.exercises`."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import click

from .errors import DataError


def _fail(message: str, code: int = 2):
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def _guard(func):
    """Turn bad input into one line on stderr and exit code 2 — no traceback wall."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (DataError, KeyError) as exc:
            message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
            _fail(str(message))
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="crmlab")
def main() -> None:
    """crmlab: CRM analysis and teaching kit (notebooks, reports, data)."""
    _console_safe()


# Marks that a legacy console (a Chinese Windows console is GBK) cannot show get a look-alike it has.
_LOOK_ALIKES = {"✓": "√", "✗": "×", "…": "...", "→": "->", "≥": ">=", "≤": "<="}


def _console_fallback(error: UnicodeEncodeError):
    text = error.object[error.start:error.end]
    replacement = "".join(_LOOK_ALIKES.get(ch, "?") for ch in text)
    try:
        replacement.encode(error.encoding)
    except UnicodeEncodeError:
        replacement = "".join("?" if ord(ch) > 127 else ch for ch in replacement)
    return replacement, error.end


def _console_safe() -> None:
    """Never crash on printing: characters the console's encoding lacks are replaced, not raised."""
    import codecs

    codecs.register_error("crmlab-console", _console_fallback)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and getattr(stream, "errors", "") == "strict":
            stream.reconfigure(errors="crmlab-console")


@dataclass
class RunOptions:
    """What ``report``, ``run`` and ``batch`` share: the data, its mapping, parameters and page options."""

    data_file: str | None = None
    columns_file: str | None = None
    chapters: str | None = None
    lang: str | None = None
    no_code: bool = False
    params_file: str | None = None
    params: tuple = ()
    progress: bool = True
    notebook_dir: str | None = None

    def chapter_list(self) -> list[str] | None:
        return self.chapters.split(",") if self.chapters else None

    def collect(self, data_file: str | None = None) -> tuple[dict, dict]:
        """Common parameters and per-chapter ones, from the options (``data_file`` overrides ``--data``)."""
        from .report.parameters import collect_parameters

        return collect_parameters(data=data_file or self.data_file, columns_file=self.columns_file, lang=self.lang,
                                  params_file=self.params_file, params=self.params)


# One option set, written once: (parameter name, click declarations, click keywords).
_RUN_OPTIONS = [
    ("data_file", ("--data",), dict(type=click.Path(dir_okay=False), help="Your transactions file.")),
    ("columns_file", ("--columns",), dict(type=click.Path(dir_okay=False),
                                          help="YAML column mapping, e.g. customer: 客户编号 (reader options allowed).")),
    ("chapters", ("--chapters",), dict(help="Comma-separated chapters, e.g. 01,02 (default: all).")),
    ("lang", ("--lang",), dict(type=click.Choice(["en", "zh"]),
                               help="Edition: zh runs the 中文 chapters (and sets lang); -p lang zh switches only tables and plots.")),
    ("no_code", ("--no-code",), dict(is_flag=True, help="Hide code cells in the HTML pages.")),
    ("params_file", ("-f", "--parameters"), dict(type=click.Path(dir_okay=False),
                                                 help="YAML parameters: common keys, and per chapter under '02:' keys.")),
    ("params", ("-p", "--param"), dict(nargs=2, multiple=True, metavar="NAME VALUE",
                                       help="One parameter (value parsed as YAML); repeatable.")),
    ("progress", ("--progress/--no-progress",), dict(default=True, help="Progress bars per notebook and cell.")),
    ("notebook_dir", ("--notebook-dir",), dict(type=click.Path(file_okay=False, exists=True),
                                               help="Folder of chapter notebooks (default: the kit's notebooks/).")),
]


def run_options(*, skip: tuple[str, ...] = ()):
    """Add the shared option set to a command; the command receives them as one ``opts`` (:class:`RunOptions`)."""
    import functools

    chosen = [(name, decls, kw) for name, decls, kw in _RUN_OPTIONS if name not in skip]

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            values = {name: kwargs.pop(name) for name, _, _ in chosen}
            return func(*args, opts=RunOptions(**values), **kwargs)

        for name, decls, kw in reversed(chosen):
            wrapper = click.option(*decls, name, **kw)(wrapper)
        return wrapper
    return decorate


def _summarise(runs, out: Path | None = None) -> int:
    from .report import status_text

    for run in runs:
        if run.ok:
            click.echo(f"  ✓ {run.name} ({run.seconds:.1f} s)" + (f" — {run.note}" if run.note else ""))
        else:
            click.echo(f"  ✗ {run.name}: {status_text(run)}", err=True)
    if out is not None:
        click.echo(f"report written to {out}/index.html")
    return 1 if any(not r.ok for r in runs) else 0


def _interruptible(func):
    """SIGTERM (a closed terminal, a job scheduler) unwinds like Ctrl-C, so the staging folder is removed."""
    import functools
    import signal

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        def stop(signum, frame):
            raise KeyboardInterrupt(f"signal {signum}")

        try:
            previous = signal.signal(signal.SIGTERM, stop)
        except ValueError:  # not the main thread: leave signals alone
            return func(*args, **kwargs)
        try:
            return func(*args, **kwargs)
        finally:
            signal.signal(signal.SIGTERM, previous)
    return wrapper


@main.command()
@click.option("--out", default="reports", show_default=True, type=click.Path(),
              help="Report folder; replaced only when it holds nothing but earlier crmlab output.")
@run_options()
@_guard
@_interruptible
def report(out, opts):
    """Run chapter notebooks on one data set and write an HTML report with index and manifest."""
    from .report import run_report

    common, per_chapter = opts.collect()
    result = run_report(out, chapters=opts.chapter_list(), parameters=common, chapter_params=per_chapter,
                        data_file=opts.data_file, no_code=opts.no_code, progress=opts.progress,
                        notebook_dir=opts.notebook_dir, lang=opts.lang)
    sys.exit(_summarise(result.runs, result.out_dir))


def _summarise_run(run, out: Path) -> int:
    _summarise([run])
    written = [out / name for name in (run.notebook, run.html, "index.html") if name]
    click.echo("written: " + ", ".join(str(p) for p in written))
    return 0 if run.ok else 1


@main.command()
@click.argument("notebook")
@click.option("--out", default="reports", show_default=True, type=click.Path(),
              help="Report folder: this chapter replaces its earlier run there, other chapters stay.")
@run_options()
@_guard
@_interruptible
def run(notebook, out, opts):
    """Run one NOTEBOOK (path or chapter number) with parameters; writes .ipynb and .html."""
    from .report import chapter_parameters, find_notebook, run_chapter

    path = find_notebook(notebook, opts.notebook_dir, lang=opts.lang or "en")
    common, per_chapter = opts.collect()
    # For a single notebook every given parameter must exist there (checked in run_chapter).
    chosen = {**common, **chapter_parameters(path, {}, per_chapter)}
    if opts.chapters:
        raise DataError("--chapters is for `crmlab report`; `crmlab run` takes one NOTEBOOK.")
    result = run_chapter(path, out, chosen, no_code=opts.no_code, progress=opts.progress)
    sys.exit(_summarise_run(result, Path(out)))


@main.command()
@click.option("--out", default="reports/batch", show_default=True, type=click.Path(),
              help="Batch folder; replaced only when it holds nothing but earlier crmlab output.")
@click.option("--seeds", help="One report per student seed: '1-30' or '3,5,8' (data = synthetic:<seed>).")
@click.option("--data-files", "data_files", multiple=True, type=click.Path(dir_okay=False),
              help="One report per data file (repeatable).")
@run_options(skip=("data_file", "progress"))
@_guard
@_interruptible
def batch(out, seeds, data_files, opts):
    """Many reports in one command: one folder per seed or per data file, and an index of them."""
    from .report import parse_seeds, run_batch
    from .report.parameters import collect_parameters

    if not seeds and not data_files:
        raise DataError("give --seeds (e.g. 1-30) or one or more --data-files.")
    jobs = [(f"seed-{s}", {"data": f"synthetic:{s}", "seed": s}, None) for s in parse_seeds(seeds)] if seeds else []
    for path in data_files:
        common, _ = collect_parameters(data=path)
        jobs.append((Path(path).name, {"data": common["data"]}, path))
    base, per_chapter = opts.collect()

    def progress(name, result):
        click.echo(f"{name}:")
        _summarise(result.runs)

    results = run_batch(out, jobs, chapters=opts.chapter_list(), parameters=base, chapter_params=per_chapter,
                        no_code=opts.no_code, notebook_dir=opts.notebook_dir, on_report=progress,
                        lang=opts.lang)
    click.echo(f"batch index written to {Path(out)}/index.html")
    sys.exit(0 if all(r.ok for _, r in results) else 1)


@main.command()
@click.argument("notebook")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
              help="Edition: en (English) or zh (中文).")
@_guard
def params(notebook, lang):
    """List a NOTEBOOK's parameters with their defaults."""
    from .report import find_notebook, notebook_parameters
    from .report.parameters import SPECS, describe

    for name, info in notebook_parameters(find_notebook(notebook, lang=lang)).items():
        accepts = describe(SPECS[name]) if name in SPECS else info["type"]
        click.echo(f"{name} = {info['default']}  ({accepts})")


@main.command()
def datasets():
    """List the bundled data sets and generators."""
    from .datasets import list_datasets

    table = list_datasets()
    for name, row in table.iterrows():
        click.echo(f"{name:<18} {row['kind']:<10} {row['description']}")


@main.command()
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
              help="Language of the column headers.")
@click.option("--chapter", help="Only the terms a chapter teaches, e.g. 02.")
def glossary(lang, chapter):
    """Print the glossary: one English and one 中文 term per concept (crmlab.glossary)."""
    from .glossary import glossary_table

    table = glossary_table()
    if chapter:
        table = table[table["chapters"].str.split(", ").map(lambda cs: chapter in cs)]
    for _, row in table.iterrows():
        click.echo(f"{row['chapters']:<14} {row['english']:<44} {row['chinese']}")


@main.group()
def exercises():
    """Exercise tools: list ids, make student versions without solutions."""


@exercises.command("list")
def exercises_list():
    """List the registered exercise ids."""
    from .exercises import registered

    for exercise_id in registered():
        click.echo(exercise_id)


@exercises.command("strip")
@click.argument("notebook")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Default: students/<name>_student.ipynb in the current folder.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
              help="Edition: en (English) or zh (中文).")
@_guard
def exercises_strip(notebook, output, lang):
    """Write a student version of NOTEBOOK (path or chapter number): solution cells emptied.

    The same rule as `crmlab notebooks copy --student`: never inside the installed package, and a
    student version someone changed is never overwritten.
    """
    from .exercises import strip_solutions
    from .report import find_notebook

    target = strip_solutions(find_notebook(notebook, lang=lang), output)
    click.echo(f"student version written to {target}")


@main.group()
def notebooks():
    """The chapter notebooks: copy them into a folder of your own to work in."""


@notebooks.command("copy")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--chapters", help="Comma-separated chapters, e.g. 01,02 (default: all).")
@click.option("--student", is_flag=True,
              help="Student versions (solutions emptied, as `crmlab exercises strip`), named NN_name_student.ipynb.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
              help="Edition: en (English) or zh (中文).")
@_guard
def notebooks_copy(directory, chapters, student, lang):
    """Copy the chapter notebooks into DIRECTORY; copies you changed are never overwritten."""
    from .report import copy_notebooks

    outcome = copy_notebooks(directory, chapters=chapters.split(",") if chapters else None, student=student,
                             lang=lang)
    for name in outcome["written"]:
        click.echo(f"  copied {name}")
    for name in outcome["kept"]:
        click.echo(f"  kept {name} (changed since it was copied, or not a copy of the kit's)")
    click.echo(f"{len(outcome['written'])} copied, {len(outcome['unchanged'])} already up to date, "
               f"{len(outcome['kept'])} kept, in {directory}")


@main.command()
@click.option("--seeds", help="One student per seed: '1-40' or '3,5,8' (students named seed-<n>).")
@click.option("--roster", "roster_file", type=click.Path(dir_okay=False, exists=True),
              help="CSV with columns student,seed (UTF-8 or GBK): names or ids mapped to seeds.")
@click.option("--chapters", help="Comma-separated chapters, e.g. 02,03 (default: all).")
@click.option("--out", default="class", show_default=True, type=click.Path(file_okay=False),
              help="Class folder: <student>/, roster.csv, _solutions/<student>/.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
              help="Edition handed out: en (English) or zh (中文).")
@click.option("--solutions", is_flag=True, help="Also write the solved copies into _solutions/<student>/.")
@click.option("--notebook-dir", "notebook_dir", type=click.Path(file_okay=False, exists=True),
              help="Folder of chapter notebooks (default: the kit's notebooks/).")
@_guard
def assign(seeds, roster_file, chapters, out, lang, solutions, notebook_dir):
    """Hand out chapter notebooks: one folder per student, on data generated from the student's seed.

    Student versions (solutions emptied); re-running never overwrites a file a student changed.
    """
    from .exercises.assign import assign as assign_notebooks
    from .exercises.assign import read_roster, roster_from_seeds
    from .report import parse_seeds

    if bool(seeds) == bool(roster_file):
        raise DataError("give either --seeds (e.g. 1-40) or --roster students.csv.")
    roster = read_roster(roster_file) if roster_file else roster_from_seeds(parse_seeds(seeds))
    result = assign_notebooks(out, roster, chapters=chapters.split(",") if chapters else None, lang=lang,
                              solutions=solutions, notebook_dir=notebook_dir)
    for name in result.files("kept"):
        click.echo(f"  kept {name} (changed since it was handed out, or not written by crmlab)")
    click.echo(f"{len(roster)} students: {len(result.files('written'))} files written, "
               f"{len(result.files('unchanged'))} already up to date, {len(result.files('kept'))} kept, in {out}")


@main.command()
@click.argument("submissions", type=click.Path(file_okay=False, exists=True))
@click.option("--roster", "roster_file", required=True, type=click.Path(dir_okay=False, exists=True),
              help="The class roster (class/roster.csv from crmlab assign): student,seed.")
@click.option("--out", default="grades", show_default=True, type=click.Path(file_okay=False),
              help="Grades folder; replaced only when it holds nothing but earlier crmlab output.")
@click.option("--timeout", default=120.0, show_default=True, type=float, help="Seconds per notebook.")
@click.option("--chapters", help="Chapters to grade, e.g. 02,03 (default: every chapter submitted).")
@click.option("--jobs", default=1, show_default=True, type=int, help="Notebooks run at the same time.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
              help="Language of the class page.")
@click.option("--notebook-dir", "notebook_dir", type=click.Path(file_okay=False, exists=True),
              help="Folder of the released chapter notebooks (default: the kit's notebooks/).")
@_guard
@_interruptible
def grade(submissions, roster_file, out, timeout, chapters, jobs, lang, notebook_dir):
    """Grade SUBMISSIONS (one folder per student, <student>/*.ipynb) against the roster's seeds.

    Writes gradebook.csv, gradebook_wide.csv, manual.csv, notebooks.csv, a page per student and
    index.html into --out.
    """
    from .exercises.grade import grade as grade_class

    result = grade_class(submissions, roster_file, out, timeout=timeout, jobs=jobs, lang=lang,
                         chapters=chapters.split(",") if chapters else None, notebook_dir=notebook_dir)
    for note in result.notes:
        click.echo(f"  {note}", err=True)
    for record in result.notebooks:
        if record.status != "ok":
            click.echo(f"  ✗ {record.student} {record.chapter}: {record.status}"
                       + (f" — {record.notes}" if record.notes else ""), err=True)
    click.echo(f"kernel sandbox: {result.sandbox}")
    click.echo(f"grades written to {result.out}/index.html ({len(result.manual)} answers to mark by hand in manual.csv)")


if __name__ == "__main__":  # pragma: no cover
    main()
