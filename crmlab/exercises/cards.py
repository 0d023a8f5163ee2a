"""An exercise's card in a chapter: its statement (and options) from its one definition, in the chapter's language."""

from __future__ import annotations

from .registry import get

__all__ = ["show", "card_text"]

_KIND = {"en": {"compute": "compute", "interpret": "interpret", "decide": "decide", "concept": "concept check"},
         "zh": {"compute": "计算题", "interpret": "解读题", "decide": "决策题", "concept": "概念题"}}
_POINTS = {"en": "{p:g} point{s}", "zh": "{p:g} 分"}
_ANSWER = {"en": "Answer with the key of one option ({keys}) as a string: `answer = \"…\"`.",
           "zh": "用一个选项的字母（{keys}）作答，写成字符串：`answer = \"…\"`。"}


def card_text(exercise_id: str, *, lang: str = "en") -> str:
    """The card as Markdown: id, kind and points, the statement, the options (choice questions)."""
    from ..labels import check_lang

    check_lang(lang)
    ex = get(exercise_id)
    points = _POINTS[lang].format(p=ex.points, s="" if ex.points == 1 else "s")
    lines = [f"**{exercise_id}** · {_KIND[lang][ex.kind]} · {points}", "",
             ex.statement.get(lang) or ex.hint_in(lang)]
    if ex.options:
        lines.append("")
        lines += [f"- **{key}** — {option.text[lang]}" for key, option in ex.options.items()]
        lines += ["", _ANSWER[lang].format(keys=", ".join(ex.options))]
    return "\n".join(lines)


def show(exercise_id: str, *, lang: str = "en") -> None:
    """Display the exercise's card (Markdown, with the same text as plain text for nbval)."""
    from IPython.display import display

    text = card_text(exercise_id, lang=lang)
    display({"text/markdown": text, "text/plain": text}, raw=True)
