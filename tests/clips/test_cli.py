"""``training-app clips import``, ``clips rescore`` and ``jobs status --json`` against a file database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, update
from sqlmodel import Session, SQLModel, col, select
from support.clips import SPEECH, People, make_people

from training_app.cli import main
from training_app.config import Settings, get_settings
from training_app.db import utcnow
from training_app.db.engine import make_engine
from training_app.db.tables import Clip, ClipSource, Job, JobStatus
from training_app.worker.queue import make_queue


@pytest.fixture
def cli_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    monkeypatch.setenv("TRAINING_APP_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


@pytest.fixture
def file_engine(cli_settings: Settings) -> Iterator[Engine]:
    engine = make_engine(cli_settings.resolved_database_url())
    SQLModel.metadata.create_all(engine)  # the lead's initial migration will include these tables
    yield engine
    engine.dispose()


@pytest.fixture
def cli_people(file_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> People:
    return make_people(file_engine, monkeypatch)


def test_clips_import_saves_each_file_and_refuses_playlist(
    file_engine: Engine, cli_people: People, cli_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    playlist = tmp_path / "直播回放.mp3"
    playlist.write_bytes(b"#EXTM3U\n#EXTINF:10,\n/etc/passwd\n")
    flac = SPEECH / "zh_firered_IT0011W0001.flac"
    code = main(["clips", "import", str(flac), str(playlist), "--trainee", cli_people.trainee.username,
                 "--product", "luochuan-apple"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 2  # one file refused
    assert "已保存（编号 1）" in out and "Saved (number 1)" in out
    assert str(playlist) in err and "speech.playlist_refused" not in err
    with Session(file_engine) as s:
        clip = s.exec(select(Clip)).one()
        job = s.exec(select(Job)).one()
    assert clip.source == ClipSource.IMPORT and clip.owner_id == cli_people.trainee.id
    assert clip.product_id == "luochuan-apple" and job.status == JobStatus.QUEUED
    assert make_queue(cli_settings).huey.pending_count() == 1  # handed to the queue after the commit
    stored = [p for p in cli_settings.resolved_media_dir().rglob("*") if p.is_file()]
    assert [p.name for p in stored] == [clip.media_key]


def test_clips_import_unknown_trainee_exits_2(
    file_engine: Engine, cli_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["clips", "import", str(SPEECH / "en_whisper_jfk.flac"), "--trainee", "nobody"]) == 2
    assert "nobody" in capsys.readouterr().err


def test_jobs_status_json_lists_depth_running_and_failures(
    file_engine: Engine, cli_people: People, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(3):
        main(["clips", "import", str(SPEECH / "en_whisper_jfk.flac"), "--trainee", cli_people.trainee.username])
    capsys.readouterr()
    with Session(file_engine) as s:
        ids = list(s.exec(select(Job.id).order_by(col(Job.id))))
        s.exec(update(Job).where(col(Job.id) == ids[0]).values(status=JobStatus.RUNNING, progress=0.25,
                                                                lease_expires_at=utcnow()))  # fmt: skip
        s.exec(update(Job).where(col(Job.id) == ids[1]).values(status=JobStatus.FAILED, error_key="speech.corrupt",
                                                                attempts=1))  # fmt: skip
        s.commit()
    assert main(["jobs", "status", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["queued"], data["running"], data["failed"], data["done"]) == (1, 1, 1, 0)
    assert data["running_jobs"] == [{"job_id": ids[0], "clip_id": 1, "kind": "transcribe", "progress": 0.25}]
    [failure] = data["failures"]
    assert failure["error_key"] == "speech.corrupt" and failure["reason"]["zh"] and failure["reason"]["en"]
    assert main(["jobs", "status"]) == 0
    assert "speech.corrupt" not in capsys.readouterr().out  # the human view shows the translated reason


def test_clips_rescore_without_target_exits_2(file_engine: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clips", "rescore"]) == 2
    assert "--all" in capsys.readouterr().err


def test_clips_rescore_all_queues_only_clips_scored_with_old_rules(
    file_engine: Engine, cli_people: People, cli_settings: Settings, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    import shutil

    from support.clips import Scripted, spoken, worker_context

    from training_app.config import REPO_ROOT
    from training_app.services.media import LocalMediaStore
    from training_app.worker.runner import run_job

    rules = tmp_path / "assessments"
    shutil.copytree(REPO_ROOT / "assessments", rules)
    monkeypatch.setenv("TRAINING_APP_ASSESSMENTS_DIR", str(rules))
    get_settings.cache_clear()
    settings = get_settings()
    main(["clips", "import", str(SPEECH / "en_whisper_jfk.flac"), "--trainee", cli_people.trainee.username,
          "--product", "luochuan-apple"])  # fmt: skip
    ctx = worker_context(file_engine, settings, LocalMediaStore(settings.resolved_media_dir()))
    ctx.transcriber = Scripted(spoken([(0.5, 20.0, "这是全国最好的洛川苹果，家人们赶紧下单。")]))
    run_job(ctx, 1)
    capsys.readouterr()
    assert main(["clips", "rescore", "--all"]) == 0
    assert "：0 段" in capsys.readouterr().out  # same rules: nothing to re-score
    lexicon = rules / "lexicons" / "superlatives.yaml"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    assert main(["clips", "rescore", "--all"]) == 0
    assert "：1 段" in capsys.readouterr().out
    with Session(file_engine) as s:
        assert s.exec(select(Job.kind).order_by(col(Job.id))).all() == ["transcribe", "score"]
    assert make_queue(settings).huey.pending_count() == 2  # the import's job and the re-score job
