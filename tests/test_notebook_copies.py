"""`crmlab notebooks copy DIR`: a student's own copies, refreshed when untouched, kept when changed."""

from __future__ import annotations

from click.testing import CliRunner

from crmlab import report as rp
from crmlab.cli import main


def test_copies_are_written_refreshed_when_untouched_and_kept_when_changed(tmp_path, monkeypatch):
    folder = tmp_path / "我的 章节"
    chapters = rp.list_notebooks()
    first = rp.copy_notebooks(folder)
    assert first["written"] == [p.name for p in chapters]
    assert all((folder / p.name).read_bytes() == p.read_bytes() for p in chapters)
    assert rp.copy_notebooks(folder) == {"written": [], "unchanged": first["written"], "kept": []}

    # A student's edit is kept; an untouched copy of an older kit version is refreshed.
    mine, old = folder / chapters[0].name, folder / chapters[1].name
    mine.write_bytes(mine.read_bytes() + b"\n")
    edited = mine.read_bytes()
    newer = tmp_path / "newer"
    newer.mkdir()
    for path in chapters[:2]:
        (newer / path.name).write_bytes(path.read_bytes().replace(b'"nbformat"', b'"nbformat" ', 1))
    monkeypatch.setattr(rp.chapters, "NOTEBOOK_DIR", newer)
    outcome = rp.copy_notebooks(folder)
    assert outcome == {"written": [old.name], "unchanged": [], "kept": [mine.name]}
    assert mine.read_bytes() == edited and old.read_bytes() == (newer / old.name).read_bytes()


def test_a_file_the_kit_did_not_write_is_kept(tmp_path):
    chapter = rp.find_notebook("02")
    (tmp_path / chapter.name).write_text("my own notes", encoding="utf-8")
    result = CliRunner().invoke(main, ["notebooks", "copy", str(tmp_path), "--chapters", "02,03"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / chapter.name).read_text(encoding="utf-8") == "my own notes"
    assert f"kept {chapter.name}" in result.output and "1 copied" in result.output


def test_copying_into_the_kits_own_folder_or_an_unwritable_one_stops_in_one_line(tmp_path):
    result = CliRunner().invoke(main, ["notebooks", "copy", str(rp.NOTEBOOK_DIR)])
    assert result.exit_code == 2 and "kit's own notebook folder" in result.output
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["notebooks", "copy", str(blocker / "sub")])
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
