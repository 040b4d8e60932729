"""``training-app privacy purge``, ``backup`` and ``restore`` on a migrated data directory."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from training_app.cli import main
from training_app.config import get_settings


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("TRAINING_APP_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield tmp_path / "data"
    get_settings.cache_clear()


def test_backup_purge_restore_commands_exit_zero(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["migrate"]) == 0
    assert main(["privacy", "purge", "--dry-run"]) == 0
    assert "0" in capsys.readouterr().out
    assert main(["backup", str(tmp_path / "backup")]) == 0
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text("utf-8"))
    assert manifest["database"] == "sqlite" and "user" in manifest["row_counts"] and manifest["schema_revision"]
    assert main(["restore", str(tmp_path / "backup")]) == 0
    assert "0" in capsys.readouterr().out


def test_restore_without_manifest_one_line_error(data_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["restore", str(tmp_path / "empty")]) == 2


def test_privacy_export_writes_zip_for_user_and_refuses_overwrite(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["migrate"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("a-password-of-12+\n"))
    assert main(["create-user", "--username", "exp", "--role", "trainee", "--password-stdin"]) == 0
    dest = tmp_path / "out" / "exp.zip"
    dest.parent.mkdir()
    assert main(["privacy", "export", "--user", "exp", str(dest)]) == 0
    with zipfile.ZipFile(dest) as zf:
        assert "profile.json" in zf.namelist()
    assert main(["privacy", "export", "--user", "exp", str(dest)]) == 2
    assert [p.name for p in dest.parent.iterdir()] == ["exp.zip"]  # no temporary file left behind
