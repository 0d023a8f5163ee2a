"""The one ``columns`` dialect of the readers: ``{role: your column}``.

``read_transactions(columns={"customer": "客户编号", "date": "下单时间"})`` and
``read_survey(columns={"satisfaction": "满意度", "respondent": "编号"})`` take the same kind of
mapping: keys are roles (:data:`crmlab.schema.TRANSACTION_ROLES`, :data:`crmlab.schema.SURVEY_ROLES`)
or the canonical column names they fill (``"customer_id"`` for ``"customer"``), values the user's
column names.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from ..errors import DataError

__all__ = ["resolve_columns"]


def resolve_columns(columns, roles: Mapping[str, str], *, reader: str, open_ended: bool = False) -> dict:
    """``columns`` as ``{role: user column}`` with every key a role of ``roles``.

    Parameters
    ----------
    columns : mapping or None
        The caller's mapping; keys are role names or canonical column names.
    roles : mapping
        Role name → canonical column name.
    reader : str
        The reader's name, for messages.
    open_ended : bool
        Keys that are neither a role nor a canonical name are kept as they are (survey items
        named by the key) instead of refused.

    Raises
    ------
    DataError
        A key that is not a role (unless ``open_ended``), a value that is not a column name, or
        one role given twice (by its name and by its canonical column).
    """
    if columns is None:
        return {}
    if not isinstance(columns, Mapping):
        raise DataError(f"{reader}(columns={columns!r}): pass a dict {{role: your column}}, e.g. "
                        f"{{{next(iter(roles))!r}: '<your column>'}}; roles are {', '.join(roles)}.")
    by_canonical = {canonical: role for role, canonical in roles.items()}
    resolved, origin = {}, {}
    for key, user in columns.items():
        key = str(key)
        role = key if key in roles else by_canonical.get(key)
        if role is None:
            if not open_ended:
                close = difflib.get_close_matches(key, list(roles) + list(by_canonical), n=1, cutoff=0.5)
                hint = f" Did you mean {close[0]!r}?" if close else ""
                raise DataError(f"{reader}(columns=...): {key!r} is not a role.{hint} Keys are the roles "
                                f"{', '.join(roles)} (or their canonical columns), values your column names.")
            role = key
        if user is not None and not isinstance(user, str):
            raise DataError(f"{reader}(columns=...): the column for {key!r} is {user!r}; pass the column "
                            "name as text, e.g. '客户编号'.")
        if role in resolved and resolved[role] != user:
            raise DataError(f"{reader}(columns=...): {origin[role]!r} and {key!r} both map the {role} role "
                            f"({resolved[role]!r}, {user!r}); keep one.")
        resolved[role], origin[role] = user, key
    return resolved
