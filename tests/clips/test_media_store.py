"""The local media store: random names, fsync'd files, sha256, size limits, partial and orphan sweeps."""

from __future__ import annotations

import hashlib
import io
import os
import time
from datetime import timedelta
from pathlib import Path

import pytest

from training_app.errors import InputRejected
from training_app.services.media import LocalMediaStore


def test_put_stream_stores_under_random_key_with_sha256(store: LocalMediaStore) -> None:
    data = b"RIFF" + os.urandom(5000)
    stored = store.put_stream(io.BytesIO(data), max_bytes=1 << 20)
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.size == len(data)
    files = [p for p in (store.root / "objects").rglob("*") if p.is_file()]
    assert [f.name for f in files] == [stored.key]  # no extension, no user name
    assert files[0].stat().st_mode & 0o777 == 0o600
    with store.open(stored.key) as handle:
        assert handle.read() == data
    assert not list((store.root / "partial").iterdir())


def test_put_stream_refuses_over_limit_and_keeps_nothing(store: LocalMediaStore) -> None:
    with pytest.raises(InputRejected) as err:
        store.put_stream(io.BytesIO(b"x" * 3000), max_bytes=2000)
    assert err.value.message_key == "clips.too_large"
    assert not [p for p in store.root.rglob("*") if p.is_file()]


def test_put_stream_inspection_failure_keeps_nothing(store: LocalMediaStore) -> None:
    def refuse(path: Path) -> None:
        assert path.is_file() and path.name.endswith(".part")
        raise InputRejected("speech.unknown_format")

    with pytest.raises(InputRejected):
        store.put_stream(io.BytesIO(b"#EXTM3U\n/etc/passwd\n"), max_bytes=1 << 20, inspect=refuse)
    assert not [p for p in store.root.rglob("*") if p.is_file()]


def test_sweep_partials_removes_only_stale_partial_files(store: LocalMediaStore) -> None:
    kept = store.put_stream(io.BytesIO(b"keep me"), max_bytes=100)
    store.partial.mkdir(parents=True, exist_ok=True)
    stale, fresh = store.partial / f"{'a' * 32}.part", store.partial / f"{'b' * 32}.part"
    stale.write_bytes(b"half an upload")
    fresh.write_bytes(b"an upload in progress")
    old = time.time() - 7200
    os.utime(stale, (old, old))
    assert store.sweep_partials(timedelta(hours=1)) == 1
    assert not stale.exists() and fresh.exists()
    assert store.open(kept.key).read() == b"keep me"


def test_open_refuses_keys_that_are_not_store_keys(store: LocalMediaStore) -> None:
    from training_app.errors import NotFound

    with pytest.raises(NotFound):
        store.open("../../etc/passwd")
