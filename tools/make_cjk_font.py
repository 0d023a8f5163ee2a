"""Make the CJK font the kit ships: a glyph subset of Noto Sans CJK SC Regular (SIL OFL 1.1).

Chinese plot text must render on a default install (``pip install crmlab``, no system fonts), so
the wheel carries ``crmlab/fonts/crmlabCJKSans-Regular.otf``. The full font is 16 MB; the subset
keeps what Chinese text in the kit and in common data needs: every character of GB 2312 (the 6,763
hanzi that cover 99.9 % of modern simplified text, plus its symbols), CJK and full-width
punctuation, Latin-1, and every character the kit's own sources and data use. Data with other
characters falls back to an installed system font or is drawn as a box with one warning
(:mod:`crmlab._fonts`).

The family is renamed ("crmlab CJK Sans"), as the OFL asks of a modified version, so it never
shadows a full Noto installation. Run once by a maintainer on a machine with Debian's
``fonts-noto-cjk``; the output is committed.

Usage: python tools/make_cjk_font.py [/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "crmlab" / "fonts"
FAMILY = "crmlab CJK Sans"
SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def gb2312() -> set[str]:
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def kit_chars() -> set[str]:
    chars = set()
    for pattern in ("crmlab/**/*.py", "notebooks/src/*.py", "crmlab/data/*.csv", "crmlab/data/*.txt",
                    "tests/data/**/*"):
        for path in ROOT.glob(pattern):
            if path.is_file():
                try:
                    chars |= set(path.read_text(encoding="utf-8"))
                except UnicodeDecodeError:
                    chars |= set(path.read_bytes().decode("gbk", errors="ignore"))
    return {c for c in chars if ord(c) >= 0x80}


def main(argv: list[str]) -> int:
    source = argv[0] if argv else SOURCE
    collection = TTCollection(source)
    font = next(f for f in collection.fonts if f["name"].getDebugName(4) == "Noto Sans CJK SC")
    chars = gb2312() | kit_chars()
    chars |= {chr(c) for c in range(0x20, 0x100)}
    chars |= {chr(c) for c in range(0x3000, 0x3040)} | {chr(c) for c in range(0xFF01, 0xFF5F)}
    chars |= set("‐‑–—―‘’“”…‰′″※€™№℃←↑→↓√∞≈≠≤≥①②③④⑤⑥⑦⑧⑨⑩")
    cmap = font.getBestCmap()
    unicodes = sorted(ord(c) for c in chars if ord(c) in cmap)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = False
    sub = subset.Subsetter(options)
    sub.populate(unicodes=unicodes)
    sub.subset(font)
    name = font["name"]
    for record in name.names:
        if record.nameID in (1, 16):
            record.string = FAMILY
        elif record.nameID in (3, 4):
            record.string = f"{FAMILY} Regular"
        elif record.nameID == 6:
            record.string = "crmlabCJKSans-Regular"
    OUT.mkdir(exist_ok=True)
    target = OUT / "crmlabCJKSans-Regular.otf"
    font.recalcTimestamp = False  # byte-identical output for the same input (no 3 MB churn in git)
    font.save(str(target))
    copyright_ = name.getDebugName(0)
    license_text = Path("/usr/share/doc/fonts-noto-cjk/copyright").read_text(encoding="utf-8")
    start = license_text.index(" PREAMBLE")
    ofl = license_text[start:license_text.index("\nLicense:", start)]  # the SIL-1.1 paragraph only
    ofl = "\n".join("" if line.strip() == "." else line[1:] for line in ofl.splitlines())
    (OUT / "OFL.txt").write_text(
        f"{FAMILY} (crmlabCJKSans-Regular.otf) is a glyph subset of Noto Sans CJK SC Regular,\n"
        f"renamed as a Modified Version under the SIL Open Font License 1.1 below.\n\n{copyright_}\n\n"
        f"SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007\n\n{ofl}", encoding="utf-8")
    print(f"{target.relative_to(ROOT)}: {len(unicodes)} characters, {target.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
