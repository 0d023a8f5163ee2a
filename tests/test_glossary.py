"""One term per concept (术语表, issue 14 item 5): the glossary is consistent, and the kit follows it.

Three layers:

1. the glossary itself: unique keys, one 中文 and one English term per concept, no concept's term
   rejected by another, no rejected variant hidden inside a correct term;
2. every term table of the kit (module-level ``{key: (english, chinese)}`` dicts, found by
   introspection) gives a glossary concept, matched by its English term (case kept; an exact match,
   else the label without its brackets: "Tenure (months)" is tenure), the glossary's 中文 (a
   trailing bracket or acronym allowed: "关系时长（月）", "净推荐值 NPS");
3. no rejected variant appears in any 中文 text of the kit: the term tables, the exercise hints
   (``hint_zh``), the ``lang=zh`` markdown cells of the chapter sources and the text outputs of the
   stored 中文 notebooks.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import pkgutil
import re
from pathlib import Path

import pytest

import crmlab
import crmlab.loyalty
from crmlab import glossary, labels
from crmlab.glossary import GLOSSARY, find_avoided, glossary_table, lookup

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(crmlab.__file__).resolve().parent

_spec = importlib.util.spec_from_file_location("build_notebooks", ROOT / "tools" / "build_notebooks.py")
build_notebooks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_notebooks)

#: Modules whose term tables are checked (every loyalty submodule is added below).
TABLE_MODULES = ["crmlab.labels", "crmlab.notebook", "crmlab.value", "crmlab.clv", "crmlab.rfm", "crmlab.basket",
                 "crmlab.satisfaction", "crmlab.lifecycle", "crmlab.overview", "crmlab.survey", "crmlab.profitability"]
TABLE_MODULES += sorted(f"crmlab.loyalty.{m.name}" for m in pkgutil.iter_modules(crmlab.loyalty.__path__))


def _is_term_table(value) -> bool:
    return (isinstance(value, dict) and bool(value)
            and all(isinstance(v, tuple) and len(v) == 2 and all(isinstance(s, str) for s in v)
                    for v in value.values()))


def _term_tables() -> dict[str, dict[str, tuple[str, str]]]:
    """``"module.NAME" → table`` for every module-level term table (a table re-exported is listed once)."""
    tables, seen = {}, set()
    for name in TABLE_MODULES:
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if _is_term_table(value) and id(value) not in seen:
                seen.add(id(value))
                tables[f"{name}.{attr}"] = value
    return tables


TABLES = _term_tables()

_PARENS = re.compile(r"\s*(\([^()]*\)|（[^（）]*）)")
_TRAILING_LATIN = re.compile(r"\s+[A-Za-z][A-Za-z0-9/-]*$")


def _norm_en(text: str) -> str:
    """Whitespace normalised, case kept: 'New Customers' (an RFM segment) is not 'New customers' (a count)."""
    return " ".join(text.split())


def _strip_en(text: str) -> str:
    """English without parenthesised parts: 'Tenure (months)' → 'Tenure'."""
    return _norm_en(_PARENS.sub("", text))


def _strip_zh(text: str) -> str:
    """中文 without parenthesised parts and a trailing Latin acronym: '净推荐值 NPS' → '净推荐值'."""
    return _TRAILING_LATIN.sub("", _PARENS.sub("", text)).strip()


_BY_ENGLISH = {_norm_en(e.english): e for e in GLOSSARY}


def _concept(english: str):
    """The glossary entry a table's English label names: an exact match, else one without brackets."""
    return _BY_ENGLISH.get(_norm_en(english)) or _BY_ENGLISH.get(_strip_en(english))


# ------------------------------------------------------------------ 1. the glossary itself
def test_the_glossary_covers_the_chapters():
    assert 80 <= len(GLOSSARY)
    chapters = {c for e in GLOSSARY for c in e.chapters}
    assert chapters == {"00", "01", "02", "03", "04", "05", "06", "07"}
    for entry in GLOSSARY:
        assert entry.key.isidentifier() and entry.key == entry.key.lower(), entry
        assert entry.english.strip() and entry.chinese.strip() and entry.note.strip(), entry
        assert all(re.fullmatch(r"0[0-7]", c) for c in entry.chapters), entry


def test_keys_are_unique():
    keys = [e.key for e in GLOSSARY]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})


def test_one_chinese_and_one_english_term_per_concept():
    for field, norm in (("chinese", str.strip), ("english", lambda t: _norm_en(t).casefold())):
        seen = {}
        for entry in GLOSSARY:
            term = norm(getattr(entry, field))
            assert term not in seen, f"{field} term {term!r} names both {seen[term]!r} and {entry.key!r}"
            seen[term] = entry.key


def test_no_concept_uses_a_term_another_concept_rejects():
    avoided = {v: e.key for e in GLOSSARY for v in e.avoid}
    for entry in GLOSSARY:
        assert entry.chinese not in avoided, (
            f"{entry.key}: its 中文 {entry.chinese!r} is rejected by {avoided[entry.chinese]!r}")


def test_a_rejected_variant_is_rejected_once_and_never_hides_in_a_correct_term():
    variants = [v for e in GLOSSARY for v in e.avoid]
    assert len(variants) == len(set(variants)), "a variant is listed under two concepts"
    for entry in GLOSSARY:
        assert entry.chinese not in entry.avoid, entry.key
        # find_avoided would flag every correct use of this term:
        assert find_avoided(entry.chinese) == [], (entry.key, find_avoided(entry.chinese))


def test_the_fixed_choices_of_issue_14():
    fixed = {"energy_cost": "体力成本", "loyal_customers": "常客", "potential_loyalist": "准常客",
             "loyal_customer": "忠诚客户", "latent_loyalty": "潜在忠诚", "prospect": "潜在客户",
             "retention_rate": "顾客保持率", "churn_rate": "顾客流失率", "passives": "中立者",
             "promoters": "推荐者", "detractors": "贬损者", "tenure": "关系时长", "clv": "客户终身价值",
             "customer_value": "顾客价值", "delivered_value": "顾客让渡价值", "support": "支持度",
             "confidence": "置信度", "lift": "提升度", "exploration": "考察期", "formation": "形成期",
             "stability": "稳定期", "decline": "退化期"}
    assert {key: lookup(key, "zh") for key in fixed} == fixed
    for variant in ("精力成本", "在网时长", "留存率", "被动者", "潜在忠诚客户"):
        assert variant in {v for e in GLOSSARY for v in e.avoid}, variant


def test_every_term_renders_with_the_kit_font():
    # A chapter may draw any glossary term in a plot: the kit's CJK subset (or matplotlib's default
    # Latin font) must have a glyph for every character of it.
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    from crmlab import _fonts

    charmap = set(FT2Font(str(_fonts.FONT_FILE)).get_charmap())
    charmap |= set(FT2Font(font_manager.findfont("DejaVu Sans")).get_charmap())
    missing = {e.key: "".join(c for c in e.english + e.chinese if not c.isspace() and ord(c) not in charmap)
               for e in GLOSSARY}
    assert not {k: v for k, v in missing.items() if v}


# ------------------------------------------------------------------ the functions
def test_glossary_table_is_sorted_by_chapter_then_key():
    table = glossary_table()
    assert list(table.columns) == ["key", "english", "chinese", "chapters", "note"]
    assert len(table) == len(GLOSSARY)
    order = list(zip(table["chapters"].str[:2], table["key"]))
    assert order == sorted(order)
    assert table.set_index("key").loc["passives", "chinese"] == "中立者"
    assert list(glossary_table("zh").columns) == ["键", "英文", "中文", "章节", "说明"]
    with pytest.raises(ValueError, match="lang='fr'"):
        glossary_table("fr")


def test_lookup_and_pair():
    assert lookup("energy_cost", "en") == "Energy cost"
    assert lookup("energy_cost", "zh") == "体力成本"
    assert glossary.pair("tenure") == ("Tenure", "关系时长")
    with pytest.raises(KeyError, match="did you mean 'tenure'"):
        lookup("tenur", "zh")
    with pytest.raises(ValueError, match="lang='de'"):
        lookup("tenure", "de")


def test_find_avoided_flags_a_planted_variant_and_passes_correct_text():
    planted = "顾客总成本 = 货币成本 + 时间成本 + 精力成本 + 精神成本；NPS 的被动者……"
    assert find_avoided(planted) == [("精力成本", "体力成本"), ("被动者", "中立者")]
    assert find_avoided("在网时长越长，留存率越高。") == [("在网时长", "关系时长"), ("留存率", "顾客保持率")]
    assert find_avoided("RFM 的潜在忠诚客户") == [("潜在忠诚客户", "准常客")]
    correct = "准常客、常客与忠诚客户不同；潜在忠诚与潜在客户不同；顾客保持率、关系时长、体力成本、中立者。"
    assert find_avoided(correct) == []
    assert find_avoided("") == []


# ------------------------------------------------------------------ 2. term tables follow the glossary
def test_the_term_tables_are_found():
    # The introspection would pass vacuously if it found nothing.
    assert {"crmlab.labels.TERMS", "crmlab.rfm.TERMS", "crmlab.value.TERMS", "crmlab.satisfaction.TERMS",
            "crmlab.lifecycle.TERMS", "crmlab.basket.TERMS"} <= set(TABLES)
    assert any(name.startswith("crmlab.loyalty.") for name in TABLES)
    matched = [k for t in TABLES.values() for k, (en, _) in t.items() if _concept(en)]
    assert len(matched) >= 80


def test_labels_terms_draw_their_concepts_from_the_glossary():
    assert labels.TERMS["revenue"] == glossary.pair("revenue")
    assert labels.TERMS["segment"] == glossary.pair("segment")
    assert labels.TERMS["recency"][1].startswith(lookup("recency", "zh"))


@pytest.mark.parametrize("table_name", sorted(TABLES))
def test_term_tables_use_the_glossary_chinese(table_name):
    wrong = []
    for key, (english, chinese) in TABLES[table_name].items():
        entry = _concept(english)
        if entry is not None and chinese != entry.chinese and _strip_zh(chinese) != entry.chinese:
            wrong.append(f"{key}: {english!r} → {chinese!r}, glossary {entry.key!r} says {entry.chinese!r}")
    assert not wrong, f"{table_name}:\n  " + "\n  ".join(wrong)


# ------------------------------------------------------------------ 3. no rejected variant in any 中文 text
def _table_texts():
    for name, table in sorted(TABLES.items()):
        for key, (_, chinese) in table.items():
            yield f"{name}[{key!r}]", chinese


def _hint_texts():
    from crmlab.exercises import registry

    for exercise_id in registry.registered():
        yield f"hint_zh of {exercise_id}", registry.get(exercise_id).hint_zh


def _source_texts():
    for source in sorted((ROOT / "notebooks" / "src").glob("*.py")):
        cells = build_notebooks.parse_cells(source.read_text(encoding="utf-8"))
        for number, cell in enumerate(cells):
            if cell["lang"] == "zh":
                yield f"notebooks/src/{source.name} cell {number}", cell["source"]


def _notebook_texts():
    for path in sorted((PACKAGE / "notebooks" / "zh").glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for number, cell in enumerate(notebook["cells"]):
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                texts = [output.get("text", "")] + [data.get(m, "") for m in ("text/plain", "text/markdown", "text/html")]
                for text in texts:
                    text = "".join(text) if isinstance(text, list) else text
                    if text:
                        yield f"crmlab/notebooks/zh/{path.name} cell {number} output", text


#: The 中文 texts of the kit, by kind: each yields ``(where, text)``.
CHINESE_TEXTS = {"term tables": _table_texts, "exercise hints": _hint_texts,
                 "zh markdown cells of notebooks/src": _source_texts,
                 "outputs of crmlab/notebooks/zh": _notebook_texts}


def test_the_chinese_texts_are_found():
    assert sum(1 for _ in _table_texts()) >= 200
    from crmlab.exercises import registry

    assert sum(1 for _ in _hint_texts()) == len(registry.registered()) > 0


@pytest.mark.parametrize("kind", list(CHINESE_TEXTS))
def test_no_avoided_term_in_any_chinese_text(kind):
    hits = []
    for where, text in CHINESE_TEXTS[kind]():
        for variant, preferred in find_avoided(text):
            hits.append(f"{where}: {variant!r} → use {preferred!r}")
    assert not hits, f"{len(hits)} rejected term(s) in the {kind}:\n  " + "\n  ".join(hits)


def test_the_docstring_examples_hold():
    import doctest

    result = doctest.testmod(glossary)
    assert result.attempted >= 8 and result.failed == 0


def test_the_glossary_command_lists_a_chapter_s_terms():
    from click.testing import CliRunner

    from crmlab.cli import main

    out = CliRunner().invoke(main, ["glossary", "--chapter", "02"]).output
    assert "常客" in out and "准常客" in out and "体力成本" not in out
    assert len(CliRunner().invoke(main, ["glossary"]).output.splitlines()) == len(glossary_table())
