"""``python -m crmlab.datasets regenerate [DIR]``: rebuild the shipped synthetic files."""

from __future__ import annotations

import sys

from .shipped import regenerate


def main(argv: list[str]) -> int:
    if argv[:1] == ["regenerate"] and len(argv) <= 2:
        for path in regenerate(argv[1] if len(argv) > 1 else None):
            print(path)
        return 0
    print("usage: python -m crmlab.datasets regenerate [DIR]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
