"""HTML pages of a grading run: one feedback page per student, and the class page (plain HTML, no scripts)."""

from __future__ import annotations

from collections import Counter, defaultdict
from html import escape
from urllib.parse import quote

__all__ = ["student_page", "class_page"]

_STYLE = """<style>
body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:1rem 0;width:100%}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}.ok{color:#1a7f37}.no{color:#b42318}.bar{display:inline-block;background:#4c78a8;height:.8rem}
.note{color:#555;font-size:.9em}
</style>"""

_WORDS = {
    "en": {"title": "Grades", "student": "Student", "seed": "seed", "chapter": "Chapter", "exercise": "Exercise",
           "points": "Points", "max": "Max", "feedback": "Feedback", "notebooks": "Notebooks", "file": "File",
           "status": "Status", "notes": "Notes", "total": "Total", "dist": "Score distribution per exercise",
           "mis": "Most common misconceptions", "count": "Students", "mean": "Mean", "manual": "manual",
           "sandbox": "Kernel sandbox", "none": "none recorded", "students": "Students", "problems": "Notebooks not graded normally"},
    "zh": {"title": "成绩", "student": "学生", "seed": "种子", "chapter": "章节", "exercise": "练习",
           "points": "得分", "max": "满分", "feedback": "反馈", "notebooks": "笔记本", "file": "文件",
           "status": "状态", "notes": "说明", "total": "总分", "dist": "各练习的得分分布",
           "mis": "最常见的错误理解", "count": "人数", "mean": "平均分", "manual": "人工批改",
           "sandbox": "内核隔离", "none": "无", "students": "学生", "problems": "未正常评分的笔记本"},
}


def _page(title: str, body: str, lang: str) -> str:
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (f'<!DOCTYPE html>\n<html lang="{html_lang}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"{_STYLE}</head><body>\n{body}\n</body></html>\n")


def _num(value) -> str:
    return "" if value is None else f"{value:g}"


def student_page(student: str, seed: int, rows, notebooks, lang: str | None = None) -> str:
    """A student's feedback page: each exercise's points and feedback, and how each notebook went."""
    lang = lang or _guess_lang(rows)
    w = _WORDS[lang]
    parts = [f"<h1>{escape(student)} <small>({w['seed']} {seed})</small></h1>"]
    total = sum(r.points or 0 for r in rows)
    parts.append(f"<p><b>{w['total']}: {_num(total)} / {_num(sum(r.max for r in rows))}</b></p>")
    parts.append(f"<table><tr><th>{w['chapter']}</th><th>{w['exercise']}</th><th>{w['points']}</th>"
                 f"<th>{w['max']}</th><th>{w['feedback']}</th></tr>")
    for r in rows:
        mark = "ok" if r.points and r.points >= r.max else "no"
        shown = w["manual"] if r.points is None else _num(r.points)
        parts.append(f'<tr><td>{escape(r.chapter)}</td><td>{escape(r.exercise)}</td><td class="{mark}">{shown}</td>'
                     f"<td>{_num(r.max)}</td><td>{escape(r.feedback)}</td></tr>")
    parts.append("</table>")
    parts.append(_notebook_table(notebooks, w))
    return _page(f"{student} — {w['title']}", "\n".join(parts), lang)


def _notebook_table(notebooks, w) -> str:
    rows = [f"<h2>{w['notebooks']}</h2><table><tr><th>{w['student']}</th><th>{w['chapter']}</th><th>{w['file']}</th>"
            f"<th>{w['status']}</th><th>{w['notes']}</th></tr>"]
    for n in notebooks:
        rows.append(f"<tr><td>{escape(n.student)}</td><td>{escape(n.chapter)}</td><td>{escape(n.file)}</td>"
                    f"<td>{escape(n.status)}</td><td class=\"note\">{escape(n.notes)}</td></tr>")
    rows.append("</table>")
    return "".join(rows)


def _guess_lang(rows) -> str:
    text = "".join(r.feedback for r in rows)
    return "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in text) else "en"


def student_file(student: str) -> str:
    """The feedback page's file name (``index.html`` is the class page)."""
    return f"student-{student}.html" if student.casefold() in ("index", "manifest") else f"{student}.html"


def class_page(rows, notebooks, students, sandbox: str, notes=(), lang: str = "en") -> str:
    """The class page: links to the students' pages, each exercise's score distribution, the common misconceptions."""
    from .registry import get

    w = _WORDS[lang]
    parts = [f"<h1>{w['title']}</h1>", f"<p class=\"note\">{w['sandbox']}: {escape(sandbox)}</p>"]
    totals = defaultdict(float)
    for r in rows:
        totals[r.student] += r.points or 0
    parts.append(f"<h2>{w['students']}</h2><table><tr><th>{w['student']}</th><th>{w['seed']}</th><th>{w['total']}</th></tr>")
    for student, seed in students:
        parts.append(f'<tr><td><a href="{escape(quote(student_file(student)))}">{escape(student)}</a></td><td>{seed}</td>'
                     f"<td>{_num(totals[student])}</td></tr>")
    parts.append("</table>")
    parts.append(f"<h2>{w['dist']}</h2><table><tr><th>{w['exercise']}</th><th>{w['mean']}</th><th>{w['points']}: {w['count']}</th></tr>")
    by_exercise = defaultdict(list)
    for r in rows:
        by_exercise[r.exercise].append(r)
    for ex_id, items in by_exercise.items():
        scored = [r.points for r in items if r.points is not None]
        counts = Counter(scored)
        mean = sum(scored) / len(scored) if scored else None
        width = max(counts.values()) if counts else 1
        bars = "<br>".join(f'{_num(p)}: <span class="bar" style="width:{4 * n / width:.2f}rem"></span> {n}'
                           for p, n in sorted(counts.items()))
        shown = w["manual"] if not scored else f"{mean:.2f} / {_num(items[0].max)}"
        parts.append(f"<tr><td>{escape(ex_id)}</td><td>{shown}</td><td>{bars}</td></tr>")
    parts.append("</table>")
    mistakes = Counter((r.exercise, r.misconception) for r in rows if r.misconception)
    parts.append(f"<h2>{w['mis']}</h2>")
    if mistakes:
        parts.append(f"<table><tr><th>{w['exercise']}</th><th>{w['feedback']}</th><th>{w['count']}</th></tr>")
        for (ex_id, key), n in mistakes.most_common(20):
            message = next((r.feedback for r in rows if r.exercise == ex_id and r.misconception == key), key)
            try:
                ex = get(ex_id)
                found = next((m.message[lang] for m in ex.misconceptions if m.key == key), None)
                if key.startswith("option:") and key[7:] in ex.options:
                    found = ex.options[key[7:]].why.get(lang) or found
                message = found or message
            except KeyError:
                pass
            parts.append(f"<tr><td>{escape(ex_id)}</td><td>{escape(key)}: {escape(message)}</td><td>{n}</td></tr>")
        parts.append("</table>")
    else:
        parts.append(f"<p>{w['none']}</p>")
    odd = [n for n in notebooks if n.status != "ok"]
    if odd:
        parts.append(_notebook_table(odd, w).replace(f"<h2>{w['notebooks']}</h2>", f"<h2>{w['problems']}</h2>"))
    for note in notes:
        parts.append(f'<p class="note">{escape(note)}</p>')
    return _page(w["title"], "\n".join(parts), lang)
