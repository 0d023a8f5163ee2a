"""Misconceptions many exercises share, ready to list in ``@exercise(..., misconceptions=[...])``.

Each is a :class:`~crmlab.exercises.registry.Misconception`: the wrong answer it produces, computed
from the expected one (or from the student's data), and a message that names the mistake without
giving the answer. Chapter-specific ones (rows counted instead of purchase occasions, the other CLV
timing convention, recency from the wrong date) live in the chapter's bank, next to the solver.
"""

from __future__ import annotations

from .registry import Misconception

__all__ = ["PERCENT_FOR_SHARE", "SHARE_FOR_PERCENT", "COMPLEMENT", "scaled"]

#: A share asked for (0–1), a percentage entered (50.5 for 0.505).
PERCENT_FOR_SHARE = Misconception(
    "percent_for_share",
    {"en": "This looks like a percentage: the question asks for a share between 0 and 1 (divide by 100).",
     "zh": "你填的像是百分数：题目要的是 0 到 1 之间的比例（除以 100）。"},
    wrong=lambda expected, **_: expected * 100)

#: A percentage asked for, a share entered (0.505 for 50.5).
SHARE_FOR_PERCENT = Misconception(
    "share_for_percent",
    {"en": "This looks like a share between 0 and 1: the question asks for a percentage (multiply by 100).",
     "zh": "你填的像是 0 到 1 之间的比例：题目要的是百分数（乘以 100）。"},
    wrong=lambda expected, **_: expected / 100)

#: The other side of a share (those who did not, 1 − p).
COMPLEMENT = Misconception(
    "complement",
    {"en": "You computed the share of the other group (1 minus the share asked for): check which customers count.",
     "zh": "你算的是另一组的占比（1 减去所求的占比）：再看看题目问的是哪一类客户。"},
    wrong=lambda expected, **_: 1 - expected)


def scaled(key: str, factor: float, message: dict) -> Misconception:
    """A misconception whose wrong answer is the expected one times ``factor`` (units: days vs weeks …)."""
    return Misconception(key, message, wrong=lambda expected, **_: expected * factor)
