"""Output folders: which files the kit wrote, when a folder may be replaced, and the atomic swap.

Every command that writes a folder (``report``, ``run``, ``batch``) records in the folder's
``manifest.json`` the files it wrote, with their SHA-256 (key ``"files"``) and what made them
(``"kind"``: ``"report"`` or ``"batch"``). A folder is written only when it is absent, empty, or
holds nothing but files of earlier kit runs with unchanged content; a user's own file, or a kit
file edited since, is never deleted or overwritten: the command stops before any kernel starts and
names the file.

The new folder is built in a hidden staging folder beside the target and swapped in with two
renames, so a crash leaves the old folder or the new one, never a mix. Staging folders carry the
host and process id in their name (``.reports.partial-<host>-<pid>-<random>``); the next run removes
those whose process is gone.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ._files import write_atomic
from .errors import DataError

MANIFEST = "manifest.json"
_HOST = hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]
_STAGING = re.compile(r"^\.(?P<name>.+)\.(?P<what>partial|old)-(?P<host>[0-9a-f]{8})-(?P<pid>\d+)-[a-z0-9_]+$")
_LEGACY_OLD = re.compile(r"^\.(?P<name>.+)\.old-(?P<pid>\d+)$")  # kit versions before manifests had "files"


class OutputError(DataError):
    """An output folder the kit may not write into (it holds other files, or inputs, or is not writable)."""


def sha256(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(folder: str | Path) -> dict | None:
    """The kit manifest of ``folder``, or None when there is none (or the file is not one of ours)."""
    path = Path(folder) / MANIFEST
    if path.is_symlink() or not path.is_file():
        return None
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(content, dict):
        return None
    if "kind" in content or ("chapters" in content and "versions" in content):
        return content
    return None


def _mathjax_source() -> Path | None:
    try:
        import jupyter_server_mathjax
    except ImportError:  # pragma: no cover - a dependency of the kit
        return None
    return Path(jupyter_server_mathjax.__file__).parent / "static"


def _legacy_report_files(folder: Path, manifest: dict) -> dict[str, str | None]:
    """Files of a report written before manifests listed them: its chapters, index, and MathJax copy.

    Pages and notebooks have no recorded hash (any content is accepted); the MathJax files must
    equal the package's own copies.
    """
    files: dict[str, str | None] = {"index.html": None}
    for chapter in manifest.get("chapters") or []:
        if isinstance(chapter, dict):
            for key in ("notebook", "html"):
                name = chapter.get(key)
                if isinstance(name, str) and "/" not in name and name not in ("", ".", ".."):
                    files[name] = None
    source = _mathjax_source()
    static = folder / "_static" / "mathjax"
    if source is not None and static.is_dir():
        for path in static.rglob("*"):
            original = source / path.relative_to(static)
            if path.is_file() and original.is_file():
                files[path.relative_to(folder).as_posix()] = sha256(original)
    return files


def _legacy_batch_files(folder: Path) -> dict[str, str | None]:
    """A batch folder of the previous kit version: its index (recognised by its title) and its reports."""
    import html

    index = folder / "index.html"
    if index.is_symlink() or not index.is_file():
        return {}
    try:
        text = index.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    if "<title>crmlab batch</title>" not in text:
        return {}
    files: dict[str, str | None] = {"index.html": None}
    for name in re.findall(r'href="([^"/]+)/index\.html"', text):
        name = html.unescape(name)
        if name not in (".", "..") and read_manifest(folder / name) is not None:
            for rel, digest in owned_files(folder / name).items():
                files.setdefault(f"{name}/{rel}", digest)
    return files


def owned_files(folder: str | Path) -> dict[str, str | None]:
    """Relative path → SHA-256 of every file the kit wrote in ``folder``, per its manifest(s).

    ``None`` as hash means "any content" (the manifest itself, and files of old kit versions that
    did not record hashes). A batch folder's reports are listed through their own manifests.
    """
    folder = Path(folder)
    manifest = read_manifest(folder)
    if manifest is None:
        return _legacy_batch_files(folder)
    recorded = manifest.get("files")
    if isinstance(recorded, dict):
        files = {str(k): (v if isinstance(v, str) else None) for k, v in recorded.items()}
    else:
        files = _legacy_report_files(folder, manifest)
    files[MANIFEST] = files.get(MANIFEST)
    for entry in manifest.get("reports") or []:
        sub = entry.get("folder") if isinstance(entry, dict) else None
        if isinstance(sub, str) and sub and "/" not in sub and sub not in (".", ".."):
            for rel, digest in owned_files(folder / sub).items():
                files.setdefault(f"{sub}/{rel}", digest)
    return files


def _alive(pid: int) -> bool:
    """Whether process ``pid`` may still be running (unknown counts as alive: nothing is removed)."""
    if pid == os.getpid():
        return True
    try:
        import psutil
    except ImportError:
        psutil = None
    if psutil is not None:
        return psutil.pid_exists(pid)
    if os.name != "posix":  # os.kill(pid, 0) would terminate the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _staging_state(name: str) -> str | None:
    """``"stale"``, ``"live"`` for a staging folder name of ours, else None."""
    match = _STAGING.match(name)
    if not match:
        return None
    if match["host"] != _HOST:
        return "live"  # another machine's (a shared drive): its pid means nothing here
    return "live" if _alive(int(match["pid"])) else "stale"


def nested_outputs(folder: str | Path, owned: dict | None = None) -> list[str]:
    """Sub-folders of ``folder`` that are kit output folders of their own (e.g. ``reports/batch``).

    They are not part of ``folder``'s output: replacing ``folder`` keeps them (see :meth:`Target.commit`).
    """
    folder = Path(folder)
    owned = owned_files(folder) if owned is None else owned
    covered = {rel.split("/", 1)[0] for rel in owned if "/" in rel}
    found = []
    try:
        children = sorted(folder.iterdir())
    except OSError:
        return found
    for child in children:
        if (child.is_dir() and not child.is_symlink() and child.name not in covered
                and _staging_state(child.name) is None
                and (read_manifest(child) is not None or _legacy_batch_files(child))):
            found.append(child.name)
    return found


def foreign_files(folder: str | Path) -> list[tuple[str, str]]:
    """Files in ``folder`` (recursively) that the kit did not write, or that changed since: ``(path, why)``.

    Directories themselves are not files; symbolic links and other special entries always count.
    Stale staging folders of ours are skipped (they are removed anyway); a live one counts. A
    sub-folder that is a kit output folder of its own is checked against its own manifest.
    """
    folder = Path(folder)
    owned = owned_files(folder)
    nested = set(nested_outputs(folder, owned))
    found: list[tuple[str, str]] = []

    def unreadable(error: OSError):
        raise error  # a folder we cannot list may hold anything: never treat it as ours

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        base = Path(root)
        keep = []
        for name in sorted(dirs):
            path = base / name
            rel = path.relative_to(folder).as_posix()
            state = _staging_state(name)
            if path.is_symlink():
                found.append((rel, "is a link crmlab did not make"))
            elif state == "live":
                found.append((rel, "is being written by another crmlab process"))
            elif base == folder and name in nested:
                found += [(f"{name}/{sub}", why) for sub, why in foreign_files(path)]
            elif state is None:
                keep.append(name)
        dirs[:] = keep
        for name in sorted(files):
            path = base / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink() or not path.is_file():
                found.append((rel, "is a link or special file crmlab did not make"))
            elif rel not in owned:
                found.append((rel, "was not written by crmlab (no manifest here lists it)"))
            elif owned[rel] is not None:
                try:
                    same = sha256(path) == owned[rel]
                except OSError:
                    same = False
                if not same:
                    found.append((rel, "was changed after crmlab wrote it"))
    return found


def remove_stale_staging(parent: str | Path, name: str) -> list[Path]:
    """Remove the staging folders for ``parent/name`` left by crmlab processes that are gone.

    Only folders named by this module (``.<name>.partial-<host>-<pid>-…``, ``.<name>.old-…``) with a
    dead process on this host are removed; an old folder (a replaced output folder on its way
    out) only when it still holds nothing but kit files — and when ``name`` itself is missing (the
    process died between the two renames of a swap), the newest old folder is renamed back instead.
    """
    parent = Path(parent)
    removed = []
    try:
        entries = sorted(parent.iterdir(), key=lambda p: p.lstat().st_mtime, reverse=True)
    except OSError:
        return removed
    for entry in entries:
        match = _STAGING.match(entry.name)
        legacy = _LEGACY_OLD.match(entry.name)
        if match and match["name"] == name and _staging_state(entry.name) == "stale":
            what = match["what"]
        elif legacy and legacy["name"] == name and not _alive(int(legacy["pid"])):
            what = "old"
        else:
            continue
        if entry.is_symlink() or not entry.is_dir():
            continue
        try:
            if what == "old" and foreign_files(entry):
                continue
            if what == "old" and not (parent / name).exists() and not (parent / name).is_symlink():
                # Killed between the two renames of a swap: the previous folder goes back.
                os.replace(entry, parent / name)
                continue
        except OSError:
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def _shown(out) -> str:
    return repr(str(out))


def check_target(out: str | Path, *, inputs=(), cwd: str | Path | None = None) -> tuple[Path, dict | None]:
    """Check, touching nothing, that ``out`` may be (re)written; return its absolute path and manifest.

    Raises
    ------
    OutputError
        ``out`` is the working folder or holds it, holds an input (data file, notebooks), is a
        file, lies under a file, holds a file crmlab did not write (or one edited since), or
        cannot be looked at (a name too long, no permission).
    """
    try:
        return _check_target(out, inputs=inputs, cwd=cwd)
    except OSError as exc:
        raise OutputError(f"cannot write output folder {_shown(out)}: {exc.strerror or type(exc).__name__}; "
                          f"give another --out.") from None


def _check_target(out, *, inputs, cwd) -> tuple[Path, dict | None]:
    path = Path(os.path.abspath(Path(out).expanduser()))
    real = path.resolve()
    here = Path(cwd if cwd is not None else os.getcwd()).resolve()
    shown = _shown(out)
    if real == here or real in here.parents:
        what = "the folder you are working in" if real == here else f"a folder that holds the folder you are working in ({here})"
        raise OutputError(f"output folder {shown} is {what}; crmlab replaces its output folder as a whole, "
                          f"so give it a folder of its own, e.g. --out reports.")
    for item in inputs:
        if item is None:
            continue
        target = Path(item).expanduser().resolve()
        if target == real or real in target.parents:
            raise OutputError(f"output folder {shown} holds an input of this run ({target}); give the output "
                              f"a folder of its own, e.g. --out reports.")
    if path.is_symlink() and not path.exists():
        raise OutputError(f"output folder {shown} is a broken link; remove it or give another --out.")
    if path.exists() and not path.is_dir():
        raise OutputError(f"output folder {shown} is a file, not a folder; give another --out.")
    ancestor = real.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise OutputError(f"cannot write output folder {shown}: {ancestor} is a file, not a folder.")
    manifest = None
    if path.is_dir():
        foreign = foreign_files(real)
        if foreign:
            rel, why = foreign[0]
            more = f" (and {len(foreign) - 1} more)" if len(foreign) > 1 else ""
            raise OutputError(f"output folder {shown} holds {rel!r}, which {why}{more}; crmlab never deletes or "
                              f"overwrites such files, so nothing was run: give a new --out, or move the file out.")
        manifest = read_manifest(real)
    return real, manifest


def _link_or_copy(source, target) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


@dataclass
class Target:
    """An output folder about to be written: its final path and the staging folder being filled."""

    path: Path
    staging: Path
    previous: dict | None
    shown: str

    def __enter__(self) -> Target:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.staging.exists():
            shutil.rmtree(self.staging, ignore_errors=True)

    def carry_over(self, skip=()) -> None:
        """Hard-link (or copy) the kit files of the current folder into staging, except ``skip``."""
        if self.previous is None:
            return
        skip = set(skip)
        for rel in owned_files(self.path):
            source = self.path / rel
            if rel in skip or not source.is_file():
                continue
            target = self.staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(source, target)

    def commit(self) -> Path:
        """Swap the staging folder in for the output folder (both renames in one parent folder).

        Kit output folders nested in the old folder (``reports/batch`` under ``reports``) that the
        new output does not replace are carried into it as hard links, so a crash at any point
        leaves them in the old folder or in the new one.
        """
        os.chmod(self.staging, 0o755)
        if self.path.is_dir():
            for name in nested_outputs(self.path):
                if not (self.staging / name).exists():
                    shutil.copytree(self.path / name, self.staging / name, copy_function=_link_or_copy)
        if self.path.exists():
            # The run may have taken minutes: a file dropped into the folder meanwhile is not lost.
            foreign = foreign_files(self.path)
            if foreign:
                raise OutputError(f"{foreign[0][0]!r} appeared in output folder {self.shown} while crmlab ran; "
                                  f"the folder was left as it is: move the file out and run again.")
            old = Path(tempfile.mkdtemp(dir=self.path.parent, prefix=f".{self.path.name}.old-{_HOST}-{os.getpid()}-"))
            os.rmdir(old)
            os.replace(self.path, old)
            try:
                os.replace(self.staging, self.path)
            except BaseException:
                os.replace(old, self.path)
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(self.staging, self.path)
        return self.path


def prepare(out: str | Path, *, inputs=(), cwd: str | Path | None = None) -> Target:
    """Check ``out`` (see :func:`check_target`), clear stale staging, create the staging folder.

    Everything that can refuse happens here, before any kernel starts. Use the result as a
    context manager: the staging folder is removed unless :meth:`Target.commit` swapped it in.
    """
    try:
        where = Path(os.path.abspath(Path(out).expanduser())).resolve()
        remove_stale_staging(where.parent, where.name)
    except OSError:
        pass  # check_target below names the problem
    path, previous = check_target(out, inputs=inputs, cwd=cwd)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.partial-{_HOST}-{os.getpid()}-"))
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise OutputError(f"cannot write output folder {_shown(out)}: {reason} (in {path.parent}); "
                          f"give another --out.") from None
    return Target(path=path, staging=staging, previous=previous, shown=_shown(out))


def write_manifest(folder: str | Path, manifest: dict, *, kind: str, nested=()) -> dict:
    """Write ``folder/manifest.json`` listing every file in ``folder`` with its SHA-256.

    ``nested`` names sub-folders that are reports with their own manifest (a batch): only that
    manifest is listed for them, with its hash.
    """
    folder = Path(folder)
    nested = set(nested)
    files = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if not path.is_file() or rel.as_posix() == MANIFEST:
            continue
        if rel.parts[0] in nested and rel.parts[1:] != (MANIFEST,):
            continue
        files[rel.as_posix()] = sha256(path)
    content = {**manifest, "kind": kind, "files": files}
    write_atomic(folder / MANIFEST, json.dumps(content, ensure_ascii=False, indent=2, default=str).encode("utf-8"))
    return content
