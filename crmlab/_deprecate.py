"""Renamed keywords: the old name keeps working for one release, with a DeprecationWarning."""

from __future__ import annotations

import functools
import warnings


def renamed_keywords(**old_to_new: str):
    """Decorate a function whose keywords ``old`` were renamed to ``new`` (``item="product"``).

    A call with an old name warns (:class:`DeprecationWarning`, pointing at the caller) and passes
    the value on under the new name; passing both names is a ``TypeError``.
    """
    def wrap(func):
        @functools.wraps(func)
        def inner(*args, **kwargs):
            for old, new in old_to_new.items():
                if old in kwargs:
                    if new in kwargs:
                        raise TypeError(f"{func.__name__}() got both {new}= and its old name {old}=; pass {new}= only.")
                    warnings.warn(f"{func.__name__}({old}=...) is deprecated; use {new}=... instead "
                                  "(the old name goes in the next release).", DeprecationWarning, stacklevel=2)
                    kwargs[new] = kwargs.pop(old)
            return func(*args, **kwargs)

        inner.__renamed_keywords__ = dict(old_to_new)
        return inner
    return wrap
