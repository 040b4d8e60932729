"""``training-app certificate verify CODE``: the first word is the state; exit 0 only for ``valid``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import SQLModel
from support.certification import World, issue, make_eligible, make_world

from training_app.certification import codes
from training_app.certification.keys import load_signing_key, signing_key_path
from training_app.cli import main
from training_app.config import get_settings
from training_app.db import utcnow
from training_app.services import certificates
from training_app.services.startup import engine_for
from training_app.services.uow import unit_of_work


@pytest.fixture
def cli_world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    monkeypatch.setenv("TRAINING_APP_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    engine: Engine = engine_for(get_settings())
    SQLModel.metadata.create_all(engine)
    world = make_world(engine, tmp_path)
    key = load_signing_key(tmp_path / "data" / "keys")
    assert key is not None
    world.key = key
    yield world
    engine.dispose()
    get_settings.cache_clear()


def _verify(capsys: pytest.CaptureFixture[str], code: str) -> tuple[int, str]:
    rc = main(["certificate", "verify", code])
    out = capsys.readouterr().out
    return rc, out.split()[0]


def test_verify_prints_state_first_and_exits_zero_only_when_valid(
    cli_world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    w = cli_world
    make_eligible(w, w.people.trainee)
    now = utcnow()
    good = issue(w, w.people.trainee, now=now)
    assert _verify(capsys, good.code) == (0, "valid")
    make_eligible(w, w.people.peer)
    old = issue(w, w.people.peer, now=now - timedelta(days=800))
    assert _verify(capsys, old.code) == (1, "expired")
    assert _verify(capsys, codes.make_code(w.key, codes.new_cert_id())) == (1, "unknown")
    assert _verify(capsys, good.code[:-1] + ("0" if good.code[-1] != "0" else "1")) == (1, "invalid")
    assert _verify(capsys, "not-a-code") == (1, "invalid")
    with unit_of_work(w.engine) as s:
        certificates.revoke_certificate(s, w.people.agency, certificate_id=good.certificate.id or 0, reason="测试")
    rc = main(["certificate", "verify", good.code])
    out = capsys.readouterr().out
    assert rc == 1 and out.split()[0] == "revoked" and f"revoked: {now.date().isoformat()}" in out
    assert "phone" not in out


def test_keygen_creates_private_key_0600_and_export_prints_public_pem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TRAINING_APP_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    try:
        assert main(["certificate", "keygen"]) == 0
        path = signing_key_path(tmp_path / "data" / "keys")
        assert path.stat().st_mode & 0o777 == 0o600
        before = path.read_bytes()
        assert main(["certificate", "keygen"]) == 0 and path.read_bytes() == before  # never overwritten
        capsys.readouterr()
        assert main(["certificate", "export-public-key"]) == 0
        pem = capsys.readouterr().out
        assert pem.startswith("-----BEGIN PUBLIC KEY-----") and "PRIVATE" not in pem
        out = tmp_path / "verifier" / "keys" / "main.pub"
        assert main(["certificate", "export-public-key", "--output", str(out)]) == 0
        assert out.read_text() == pem
    finally:
        get_settings.cache_clear()


def test_verifying_host_with_public_key_only_accepts_codes(tmp_path: Path) -> None:
    from training_app.certification.keys import public_pem, trusted_public_keys

    key = load_signing_key(tmp_path / "signer")
    assert key is not None
    verifier = tmp_path / "verifier"
    verifier.mkdir()
    (verifier / "main.pub").write_text(public_pem(key.public_key()))
    cert_id = codes.new_cert_id()
    assert codes.parse_code(codes.make_code(key, cert_id), trusted_public_keys(verifier)).cert_id == cert_id
    assert not (verifier / "certificate-signing.key").exists()
