"""The report's pages: each executed notebook as HTML (MathJax offline), the index, the batch index.

Every value that comes from the data is HTML-escaped, and links are relative to the page, so a report
folder can be moved, zipped or served as it is.
"""

from __future__ import annotations

import html
import shutil
import urllib.parse
from pathlib import Path

from .. import _outputs
from .._files import write_atomic
from ..notebook import format_value

__all__ = ["to_html", "copy_mathjax", "render_index", "write_batch_index", "status_text", "MATHJAX_DIR", "TEMPLATES"]


TEMPLATES = Path(__file__).resolve().parent / "templates"
MATHJAX_DIR = "_static/mathjax"


def copy_mathjax(out_dir: str | Path) -> Path:
    """Copy the MathJax files the HTML pages need into ``out_dir/_static/mathjax``.

    Pages must render their formulas offline (a classroom or an air-gapped analyst machine), so
    they load MathJax from beside them rather than from a CDN. The files come from the
    ``jupyter-server-mathjax`` package; its TeX input, HTML-CSS output and STIX-Web fonts are copied.
    """
    import jupyter_server_mathjax

    source = Path(jupyter_server_mathjax.__file__).parent / "static"
    target = Path(out_dir) / MATHJAX_DIR
    if (target / "MathJax.js").exists():
        return target

    def ignore(folder, names):
        rel = Path(folder).relative_to(source).as_posix()
        skip = set()
        for name in names:
            path = f"{rel}/{name}" if rel != "." else name
            if path.startswith(("localization/", "unpacked", "jax/output/SVG", "jax/output/NativeMML",
                                "jax/output/PreviewHTML", "jax/output/CommonHTML",
                                "fonts/HTML-CSS/TeX/otf", "fonts/HTML-CSS/TeX/eot", "fonts/HTML-CSS/TeX/svg",
                                "fonts/HTML-CSS/TeX/png", "extensions/a11y")) and path not in ("localization/en",):
                skip.add(name)
        return skip

    shutil.copytree(source, target, ignore=ignore, dirs_exist_ok=True)
    return target


def to_html(nb, *, no_code: bool = False) -> str:
    """Export an executed notebook to an HTML page (code hidden with ``no_code``).

    The page loads nothing from the network: MathJax comes from ``_static/mathjax`` beside it
    (see :func:`copy_mathjax`) and the require.js CDN script of the stock template is left out.
    """
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="crmlab_html", extra_template_basedirs=[str(TEMPLATES)])
    exporter.mathjax_url = f"{MATHJAX_DIR}/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
    exporter.exclude_input = no_code
    exporter.exclude_input_prompt = no_code
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(nb)
    return body



_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC",sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;color:#222}h1{margin-bottom:.2rem}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.5rem;text-align:left;vertical-align:top}
.ok{color:#1a7f37}.failed{color:#b42318;font-weight:600}.muted{color:#666;font-size:.9rem}
dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:.1rem .8rem}dt{color:#555}dd{margin:0}
"""


def _href(relative: str) -> str:
    """A link to a file beside the page: ``./`` + the percent-quoted relative path, HTML-escaped.

    The ``./`` keeps a name like ``javascript:alert(1)`` from being read as a URL scheme.
    """
    relative = str(relative)
    if relative.startswith("/") or ".." in relative.split("/"):
        raise ValueError(f"not a path inside the report folder: {relative!r}")
    return html.escape("./" + urllib.parse.quote(relative, safe="/"), quote=True)


def status_text(run) -> str:
    """``"ran"``, ``"stopped: <reason>"`` (the data stopped it) or ``"failed at code cell N: …"``."""
    if run.ok:
        return "ran"
    if run.stop_reason:
        return f"stopped: {run.stop_reason}"
    return f"failed at {f'code cell {run.failed_cell}' if run.failed_cell else 'start-up'}: {run.error}"


#: The index pages' own words, per edition (headings, statuses).
WORDS = {
    "en": {"html": "en", "chapter": "Chapter", "status": "Status", "figures": "Headline figures",
           "ran": "✓ ran", "stopped": "✗ stopped: {reason}", "failed": "✗ failed at {where}",
           "cell": "code cell {n}", "start": "start-up", "notebook": "notebook",
           "data_file": "data file {name}", "bundled": "bundled data", "run_alone": "run on its own (crmlab run) on {source}",
           "hash": "data file {name} (sha256 {digest}…)", "all_ran": "all chapters ran",
           "not_all": "{failed} of {total} chapters did not finish", "manifest": "manifest",
           "report": "Report", "batch": "crmlab batch", "batch_ok": "✓ all chapters ran"},
    "zh": {"html": "zh-CN", "chapter": "章节", "status": "运行状态", "figures": "本章要点",
           "ran": "✓ 已运行", "stopped": "✗ 已停止：{reason}", "failed": "✗ 运行失败，位置：{where}",
           "cell": "第 {n} 个代码单元", "start": "启动阶段", "notebook": "笔记本",
           "data_file": "数据文件 {name}", "bundled": "内置数据", "run_alone": "单独运行 (crmlab run)，数据：{source}",
           "hash": "数据文件 {name} (sha256 {digest}…)", "all_ran": "全部章节已运行",
           "not_all": "{total} 个章节中有 {failed} 个未完成", "manifest": "清单 (manifest)",
           "report": "报告", "batch": "crmlab 批量报告", "batch_ok": "✓ 全部章节已运行"},
}


def render_index(runs: list, *, title: str, manifest: dict, lang: str = "en") -> str:
    """The report's front page, in the edition's language; every value from the data is HTML-escaped, links are relative."""
    esc = html.escape
    w = WORDS[lang if lang in WORDS else "en"]
    rows = []
    for run in runs:
        if run.ok:
            status = f'<span class="ok">{w["ran"]}</span>'
        elif run.stop_reason:
            status = f'<span class="failed">{esc(w["stopped"].format(reason=run.stop_reason))}</span>'
        else:
            where = w["cell"].format(n=run.failed_cell) if run.failed_cell else w["start"]
            status = (f'<span class="failed">{esc(w["failed"].format(where=where))}</span>'
                      f'<div class="muted">{esc(run.error or "")}</div>')
        figures = "".join(f"<dt>{esc(k.replace('_', ' '))}</dt><dd>{esc(format_value(v))}</dd>"
                          for k, v in run.headline.items())
        if run.note:
            status += f'<div class="muted">{esc(run.note)}</div>'
        if run.command == "run":
            source = w["data_file"].format(name=run.data_file["name"]) if run.data_file else w["bundled"]
            status += f'<div class="muted">{esc(w["run_alone"].format(source=source))}</div>'
        link = (f'<a href="{_href(run.html)}">{esc(run.title or run.name)}</a>' if run.html
                else esc(run.title or run.name))
        notebook = f' · <a href="{_href(run.notebook)}">{w["notebook"]}</a>' if run.notebook else ""
        rows.append(f"<tr><td>{link}<div class=\"muted\">{esc(run.name)}{notebook} · {run.seconds:.1f} s</div></td>"
                    f"<td>{status}</td><td><dl>{figures}</dl></td></tr>")
    data = manifest.get("data_file")
    source = (esc(w["hash"].format(name=data["name"], digest=data["sha256"][:12])) if data else w["bundled"])
    status_line = (w["all_ran"] if all(r.ok for r in runs) else
                   w["not_all"].format(failed=sum(not r.ok for r in runs), total=len(runs)))
    return f"""<!DOCTYPE html>
<html lang="{w['html']}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{esc(title)}</title><link rel="icon" href="data:,"><style>{_STYLE}</style></head>
<body><h1>{esc(title)}</h1>
<p class="muted">{source} · {esc(status_line)} · crmlab {esc(manifest['versions'].get('crmlab', ''))} ·
<a href="{_href(_outputs.MANIFEST)}">{w['manifest']}</a></p>
<table><thead><tr><th>{w['chapter']}</th><th>{w['status']}</th><th>{w['figures']}</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table></body></html>
"""


def write_batch_index(out_dir: str | Path, results: list, *, lang: str = "en") -> Path:
    """A front page linking each report of a batch (``./<its folder>/index.html``), with its status."""
    esc = html.escape
    w = WORDS[lang if lang in WORDS else "en"]
    rows = []
    for name, report in results:
        if report.ok:
            status = f"<span class=ok>{w['batch_ok']}</span>"
        else:
            status = "".join(f'<div class="failed">✗ {esc(run.name)}: {esc(status_text(run))}</div>'
                             for run in report.runs if not run.ok)
        rows.append(f'<tr><td><a href="{_href(report.out_dir.name + "/index.html")}">{esc(name)}</a></td>'
                    f"<td>{status}</td></tr>")
    page = (f'<!DOCTYPE html><html lang="{w["html"]}"><head><meta charset="utf-8"><title>{w["batch"]}</title>'
            f'<link rel="icon" href="data:,"><style>{_STYLE}</style></head><body><h1>{w["batch"]}</h1>'
            f'<p class="muted"><a href="{_href(_outputs.MANIFEST)}">{w["manifest"]}</a></p>'
            f"<table><thead><tr><th>{w['report']}</th><th>{w['status']}</th></tr></thead><tbody>{''.join(rows)}</tbody>"
            f"</table></body></html>\n")
    path = Path(out_dir) / "index.html"
    write_atomic(path, page.encode("utf-8"))
    return path
