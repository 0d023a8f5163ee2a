"""Errors and warnings raised by crmlab."""

from __future__ import annotations

from collections.abc import Iterable


class DataError(ValueError):
    """Bad input data: names the column, shows a few offending values, says how to fix it."""


class CrmlabWarning(UserWarning):
    """Something the caller should know about the data or a result, short of an error."""


def format_examples(pairs: Iterable[tuple[object, object]], *, limit: int = 5, where: str = "row") -> str:
    """Render up to ``limit`` ``(position, value)`` pairs as ``"row 3: 'abc'"`` text."""
    shown = []
    for i, (position, value) in enumerate(pairs):
        if i == limit:
            break
        shown.append(f"{where} {position}: {value!r}")
    return "; ".join(shown)


def missing_column_error(column: str, *, keyword: str, available: Iterable[str], role: str) -> DataError:
    """The error for a column that is not in the data, listing what is there."""
    import difflib

    available = [str(c) for c in available]
    close = difflib.get_close_matches(str(column), available, n=1, cutoff=0.5)
    hint = f" Did you mean {keyword}={close[0]!r}?" if close else ""
    listing = ", ".join(repr(c) for c in available[:30])
    more = f" (and {len(available) - 30} more)" if len(available) > 30 else ""
    return DataError(
        f"column {column!r} (for {role}) is not in the data.{hint} "
        f"Pass {keyword}='<your column>' naming one of the columns that exist: {listing}{more}."
    )
