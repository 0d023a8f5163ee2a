"""File writing shared by the commands: atomic writes, and copies into a user's own folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A crash leaves either the old file or the new one, never a half-written file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


#: The record, in a user's folder, of the files the kit copied there (name → SHA-256 of what it wrote).
COPIES_RECORD = ".crmlab-copies.json"
PACKAGE_DIR = Path(__file__).resolve().parent


def write_user_copies(directory: str | Path, files: dict[str, bytes]) -> dict[str, list[str]]:
    """Write ``files`` (name → bytes) into a user's own ``directory`` under the kit's one rule for copies.

    Nothing is ever written inside the installed package, and a file the user changed is never
    overwritten: a file is written when it is absent, or when it is still exactly what an earlier
    copy wrote (its hash is recorded in ``.crmlab-copies.json`` in ``directory``), so a newer kit
    refreshes untouched copies. A file with other content is kept.

    Returns
    -------
    dict
        ``{"written": [...], "unchanged": [...], "kept": [...]}`` file names.

    Raises
    ------
    DataError
        ``directory`` is inside the installed package, or cannot be written.
    """
    import hashlib
    import json

    from .errors import DataError

    directory = Path(directory)
    resolved = directory.expanduser().resolve()
    if resolved == PACKAGE_DIR or resolved.is_relative_to(PACKAGE_DIR):
        raise DataError(f"{str(directory)!r} is inside the installed crmlab package, which the kit never writes "
                        "into; choose a folder of your own, e.g. `crmlab notebooks copy lab`.")
    outcome: dict[str, list[str]] = {"written": [], "unchanged": [], "kept": []}
    try:
        directory.mkdir(parents=True, exist_ok=True)
        record_path = directory / COPIES_RECORD
        try:
            record = json.loads(record_path.read_text(encoding="utf-8")) if record_path.exists() else {}
        except ValueError:
            record = {}
        if not isinstance(record, dict):
            record = {}
        for name, data in files.items():
            target = directory / name
            if target.exists():
                current = target.read_bytes()
                digest = hashlib.sha256(current).hexdigest()
                if current == data:
                    outcome["unchanged"].append(name)
                    record[name] = digest
                    continue
                if record.get(name) != digest:
                    outcome["kept"].append(name)
                    continue
            write_atomic(target, data)
            record[name] = hashlib.sha256(data).hexdigest()
            outcome["written"].append(name)
        write_atomic(record_path, json.dumps(record, indent=1, sort_keys=True).encode("utf-8"))
    except OSError as exc:
        raise DataError(f"cannot write into {str(directory)!r}: {exc.strerror or exc}. "
                        "Choose a folder you can write to.") from None
    return outcome
