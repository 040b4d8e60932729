"""A clip is acknowledged only when its bytes are fsync'd under a random name, its sha256 recorded, and the clip row
and its job committed in one transaction; refused uploads store nothing; a fault before commit leaves no orphan."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, event
from sqlmodel import Session, func, select
from support.clips import PRODUCT, SPEECH, SYSTEM, People, submit, wav_bytes

from training_app.db.tables import Clip, ClipSource, ClipStatus, Job, JobStatus
from training_app.errors import InputRejected, InvalidInput
from training_app.services import clips
from training_app.services.media import LocalMediaStore, sweep_orphans
from training_app.services.uow import unit_of_work


def _stored_files(store: LocalMediaStore) -> list[Path]:
    return [p for p in store.root.rglob("*") if p.is_file()]


def _count(engine: Engine, table: type) -> int:
    with Session(engine) as s:
        return int(s.exec(select(func.count()).select_from(table)).one())


def test_submit_clip_records_sha256_and_queues_job_in_one_commit(
    any_engine: Engine, people: People, intake: clips.Intake, store: LocalMediaStore
) -> None:
    data = wav_bytes(1.0, tone=True)
    sent: list[int] = []
    intake = clips.Intake(**{**intake.__dict__, "dispatch": sent.append})
    clip_id = submit(any_engine, people.trainee, people.trainee, data, intake)
    with Session(any_engine) as s:
        clip = s.get(Clip, clip_id)
        job = s.exec(select(Job).where(Job.clip_id == clip_id)).one()
    assert clip is not None and clip.status == ClipStatus.QUEUED and clip.container == "wav"
    assert clip.sha256 == hashlib.sha256(data).hexdigest() and clip.size_bytes == len(data)
    assert job.status == JobStatus.QUEUED and job.idempotency_key == f"{clip_id}:transcribe:whisper-base"
    assert sent == [job.id]  # handed to the queue only after the commit
    [path] = _stored_files(store)
    assert path.name == clip.media_key and "." not in path.name
    assert hashlib.sha256(path.read_bytes()).hexdigest() == clip.sha256


def test_submit_clip_fault_before_commit_leaves_no_orphan_after_sweep(
    any_engine: Engine, people: People, intake: clips.Intake, store: LocalMediaStore
) -> None:
    """A fault injected between the file write and the commit (the commit itself fails)."""
    sent: list[int] = []
    intake = clips.Intake(**{**intake.__dict__, "dispatch": sent.append})

    def fail_commit(_session: Session) -> None:
        raise OSError("disk full (injected)")

    with pytest.raises(OSError), unit_of_work(any_engine) as s:
        event.listen(s, "before_commit", fail_commit)
        clips.submit_clip(
            s, people.trainee, owner_id=people.trainee.id or 0, product_id=PRODUCT,
            stream=io.BytesIO(wav_bytes()), source=ClipSource.RECORDING, intake=intake,
        )  # fmt: skip
    assert _count(any_engine, Clip) == 0 and _count(any_engine, Job) == 0 and sent == []
    assert _stored_files(store) == []  # deleted on rollback already
    # a process killed before it could clean up: leave a stored object behind, the sweep removes it
    store.put_stream(io.BytesIO(b"RIFF orphan"), max_bytes=100)
    with unit_of_work(any_engine) as s:
        assert sweep_orphans(s, SYSTEM, store, older_than=timedelta(0)) == 1
    assert _stored_files(store) == []


def test_sweep_orphans_keeps_acknowledged_clips(
    any_engine: Engine, people: People, intake: clips.Intake, store: LocalMediaStore
) -> None:
    submit(any_engine, people.trainee, people.trainee, wav_bytes(), intake)
    with unit_of_work(any_engine) as s:
        assert sweep_orphans(s, SYSTEM, store, older_than=timedelta(0)) == 0
    assert len(_stored_files(store)) == 1


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"#EXTM3U\n#EXT-X-VERSION:3\n#EXTINF:10,\nfile:///etc/passwd\n", "speech."),  # a playlist named .mp3
        (b"\x7fELF\x02\x01\x01" + bytes(200), "speech."),  # not audio at all
        (wav_bytes(4.0), "clips.too_large"),  # over the size limit
    ],
    ids=["playlist", "unknown", "too_large"],
)
def test_submit_clip_refused_upload_stores_nothing(
    any_engine: Engine, people: People, intake: clips.Intake, store: LocalMediaStore, data: bytes, key: str
) -> None:
    intake = clips.Intake(**{**intake.__dict__, "max_bytes": 100_000})
    with pytest.raises(InputRejected) as err:
        submit(any_engine, people.trainee, people.trainee, data, intake)
    assert err.value.message_key.startswith(key)
    assert err.value.message_key != "speech.empty"
    for lang in ("zh", "en"):
        assert not err.value.message(lang).startswith(("speech.", "clips.")), "message must be translated"
    assert _count(any_engine, Clip) == 0 and _stored_files(store) == []


def test_submit_clip_empty_file_accepted_to_end_as_no_speech(
    any_engine: Engine, people: People, intake: clips.Intake
) -> None:
    clip_id = submit(any_engine, people.trainee, people.trainee, b"", intake)
    with Session(any_engine) as s:
        clip = s.get(Clip, clip_id)
    assert clip is not None and clip.container == clips.EMPTY and clip.size_bytes == 0


def test_submit_clip_unknown_product_refused(any_engine: Engine, people: People, intake: clips.Intake) -> None:
    with pytest.raises(InvalidInput):
        submit(any_engine, people.trainee, people.trainee, wav_bytes(), intake, product_id="no-such-product")


def test_submit_clip_real_speech_flac_accepted(any_engine: Engine, people: People, intake: clips.Intake) -> None:
    data = (SPEECH / "zh_firered_IT0011W0001.flac").read_bytes()
    clip_id = submit(any_engine, people.trainee, people.trainee, data, intake)
    with Session(any_engine) as s:
        clip = s.get(Clip, clip_id)
    assert clip is not None and clip.container == "flac"


def test_list_clips_newest_first(any_engine: Engine, people: People, intake: clips.Intake) -> None:
    ids = [submit(any_engine, people.trainee, people.trainee, wav_bytes(), intake) for _ in range(3)]
    with unit_of_work(any_engine, write=False) as s:
        listed = clips.list_clips(s, people.trainee, owner_id=people.trainee.id or 0)
    assert [c.id for c in listed] == ids[::-1]
    assert all(c.status == "queued" for c in listed)


def test_submit_clip_file_kept_when_later_transaction_in_same_session_rolls_back(
    any_engine: Engine, people: People, intake: clips.Intake, store: LocalMediaStore
) -> None:
    from sqlalchemy import update

    with Session(any_engine) as s:
        clips.submit_clip(
            s, people.trainee, owner_id=people.trainee.id or 0, product_id=PRODUCT,
            stream=io.BytesIO(wav_bytes()), source=ClipSource.RECORDING, intake=intake,
        )  # fmt: skip
        s.commit()
        s.exec(update(Job).values(progress=0.5))
        s.rollback()
    assert len(_stored_files(store)) == 1  # acknowledged: never deleted by a later rollback
