"""Decoding small text files a user writes by hand (column mappings, parameter files).

Notepad on Chinese Windows saves "ANSI" as GBK, on Western Windows as cp1252, and both byte streams
often decode without error under the other codec: cp1252 ``Umsätze`` (``ä`` = 0xE4, then ``t``)
is the valid GBK character 鋞 followed by ``ze``. Common Chinese text (GB2312 characters) uses two
bytes ≥ 0xA1 per character; a GBK character whose second byte is ASCII (0x40–0x7E) is rare in
Chinese but is exactly what a Western accented letter before an ASCII letter looks like. So a GBK
reading made only of such characters, with a cp1252 reading of plain letters, is taken as cp1252; a
such a character inside a Latin word in
an otherwise Chinese file is ambiguous and refused. Charset detectors guess on statistics that files this
short do not have, hence this rule.
"""

from __future__ import annotations

import codecs

from .errors import DataError

__all__ = ["decode_user_text"]


def _ascii_trail(char: str) -> bool:
    encoded = char.encode("gbk", errors="ignore")
    return len(encoded) == 2 and encoded[1] < 0x80


def decode_user_text(raw: bytes, name: str, what: str = "file") -> tuple[str, str]:
    """Decode ``raw`` as UTF-8 (with or without BOM), GBK or cp1252; return ``(text, encoding)``.

    Raises
    ------
    DataError
        If the bytes are none of these, or could be either GBK or cp1252 text.
    """
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        gbk = raw.decode("gbk")
    except UnicodeDecodeError:
        gbk = None
    try:
        western = raw.decode("cp1252")
        western_ok = all(ch.isalpha() or ch in "€£°§·–—‘’“”«»" for ch in western if ord(ch) > 127)
    except UnicodeDecodeError:
        western, western_ok = None, False
    advice = f"save the {what} as UTF-8 (in Notepad: Save as → Encoding: UTF-8)"
    if gbk is not None:
        wide = [ch for ch in gbk if ord(ch) > 127]
        suspicious = [ch for ch in wide if _ascii_trail(ch)]
        if suspicious and western_ok and len(suspicious) == len(wide):
            return western, "cp1252"
        # A Western accented letter inside a Latin word: the character before it is an ASCII letter.
        latin = {gbk[i] for i in range(1, len(gbk)) if gbk[i] in suspicious and gbk[i - 1].isascii()
                 and gbk[i - 1].isalpha()}
        if not latin:
            return gbk, "gbk"
        line = next(ln for ln in gbk.splitlines() if any(ch in ln for ch in latin))
        raise DataError(f"{what} {name!r} is not UTF-8, and as GBK it reads {line.strip()!r}, which looks "
                        f"like Western (cp1252) text; {advice}.")
    if western_ok:
        return western, "cp1252"
    raise DataError(f"{what} {name!r} is neither UTF-8, GBK nor Western (cp1252) text; {advice}.")
