"""Telling GBK, cp1252 and UTF-8 apart: for data files (:mod:`crmlab.io`) and hand-written files.

Notepad on Chinese Windows saves "ANSI" as GBK, on Western Windows as cp1252, and both byte streams
often decode without error under the other codec: cp1252 ``Umsätze`` (``ä`` = 0xE4, then ``t``)
is the valid GBK character 鋞 followed by ``ze``. Common Chinese text (GB2312 characters) uses two
bytes ≥ 0xA1 per character; a GBK character whose second byte is ASCII (0x40–0x7E) is rare in
Chinese but is exactly what a Western accented letter before an ASCII letter looks like. General
charset detectors guess on statistics that short files do not have, hence these explicit rules.
"""

from __future__ import annotations

import codecs
import re

from .errors import DataError

__all__ = ["decode_user_text", "looks_chinese", "gbk_read_as_utf8", "western_read_as_gbk"]


def looks_chinese(text: str) -> bool:
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not non_ascii:
        return True
    cjk = sum(1 for ch in non_ascii if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
              or "\uff00" <= ch <= "\uffef")
    return cjk / len(non_ascii) >= 0.8


# Code points that GBK byte pairs land on when read as UTF-8 but real text rarely uses:
# C1 controls, IPA and spacing modifiers, Cyrillic Supplement and Armenian, Syriac to NKo.
_RARE_IN_TEXT = ((0x80, 0x9F), (0x250, 0x2FF), (0x500, 0x58F), (0x700, 0x7FF))


def gbk_read_as_utf8(text: str, raw: bytes) -> bool:
    """True when valid UTF-8 is more likely GBK: short Chinese files ("0元" is D4 AA, valid UTF-8)."""
    non_ascii = [ord(ch) for ch in text if ord(ch) > 127]
    if not non_ascii or max(non_ascii) > 0x7FF:
        return False
    if not any(lo <= cp <= hi for cp in non_ascii for lo, hi in _RARE_IN_TEXT):
        return False
    try:
        return looks_chinese(raw.decode("gb18030"))
    except UnicodeDecodeError:
        return False


_GBK_SEQUENCE = re.compile(rb"[\x81-\xfe][\x30-\x39][\x81-\xfe][\x30-\x39]|[\x81-\xfe][\x40-\xfe]")
_CP1252_LETTERS = re.compile(r"[À-ÖØ-öø-ÿŠšŒœŽžŸ]")


def western_read_as_gbk(raw: bytes) -> bool:
    """True when bytes that decode as GB18030 are more likely cp1252 ("Renée": é + e is a GBK pair).

    Chinese text is mostly GB2312 characters, whose second byte is 0xA1 or above; an accented
    cp1252 letter followed by an ASCII letter makes a pair whose second byte is ASCII.
    """
    pairs = [m for m in _GBK_SEQUENCE.findall(raw) if len(m) == 2]
    if not pairs or sum(1 for m in pairs if m[1] < 0x80) * 2 <= len(pairs):
        return False
    try:
        western = raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    non_ascii = [ch for ch in western if ord(ch) > 127]
    return sum(1 for ch in non_ascii if _CP1252_LETTERS.match(ch)) >= 0.8 * len(non_ascii)


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
        text = raw.decode("utf-8")
        if not gbk_read_as_utf8(text, raw):
            return text, "utf-8"
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
    if gbk is not None and looks_chinese(gbk) and not western_read_as_gbk(raw):
        # A Western accented letter inside a Latin word (the character before it an ASCII letter)
        # in an otherwise Chinese file: no single encoding wrote this; refuse rather than guess.
        latin = {gbk[i] for i in range(1, len(gbk)) if _ascii_trail(gbk[i]) and gbk[i - 1].isascii()
                 and gbk[i - 1].isalpha()}
        if latin:
            line = next(ln for ln in gbk.splitlines() if any(ch in ln for ch in latin))
            raise DataError(f"{what} {name!r} is not UTF-8, and as GBK it reads {line.strip()!r}, which looks "
                            f"like Western (cp1252) text; {advice}.")
        return gbk, "gbk"
    if western_ok:
        return western, "cp1252"
    if gbk is not None:
        return gbk, "gbk"
    raise DataError(f"{what} {name!r} is neither UTF-8, GBK nor Western (cp1252) text; {advice}.")
