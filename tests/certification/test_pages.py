"""AppTest of the certification pages: the public verify page signed out (``?code=`` from the QR), the trainee's
certificate page, the agency's certificates, talent pool and dashboard pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support.app_env import APP, prepared_site, session_token
from support.factories import make_tree, make_user

from training_app.certification import codes
from training_app.certification.keys import load_signing_key
from training_app.db import utcnow
from training_app.db.tables import Role
from training_app.db.tables.certification import Certificate
from training_app.services.uow import unit_of_work
from training_app.ui import navigation

VERIFY = str(navigation.PAGES_DIR / "verify_page.py")


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, object]]:
    with prepared_site(tmp_path, monkeypatch) as (settings, engine):
        key = load_signing_key(settings.data_dir / "keys")
        assert key is not None
        cert_id = codes.new_cert_id()
        with unit_of_work(engine) as s:
            tree = make_tree(s)
            trainee = make_user(s, org=tree["cohort"], display_name="王小明", phone="13800138000")
            agency = make_user(s, role=Role.AGENCY, org=tree["agency"])
            cert = Certificate(public_id=cert_id.hex(), trainee_id=trainee.id or 0, level="basic", rules_version="t",
                               issuing_org_id=tree["agency"].id or 0, holder_masked_name="王**",
                               issued_by_id=agency.id, issued_at=utcnow(),
                               expires_at=utcnow().replace(year=utcnow().year + 2))  # fmt: skip
            s.add(cert)
        tokens = {
            name: session_token(engine, user.username) for name, user in (("trainee", trainee), ("agency", agency))
        }
        yield {"code": codes.make_code(key, cert_id), "cert_id": cert.id, "engine": engine, **tokens}


def _verify(code: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["code"] = code
    at.run()
    at.switch_page(VERIFY).run()
    assert not at.exception, at.exception
    return at


def test_verify_page_signed_out_shows_valid_with_masked_name_only(env: dict[str, object]) -> None:
    at = _verify(str(env["code"]))
    assert [s.value for s in at.success] and "王**" in [t.value for t in at.text]
    shown = " ".join(str(e.value) for e in [*at.text, *at.caption, *at.success])
    assert "王小明" not in shown and "13800138000" not in shown


def test_verify_page_shows_revoked_with_date(env: dict[str, object]) -> None:
    from training_app.services.accounts import system_actor
    from training_app.services.certificates import revoke_certificate

    with unit_of_work(env["engine"]) as s:  # type: ignore[arg-type]
        revoke_certificate(s, system_actor(), certificate_id=int(env["cert_id"]), reason="测试")  # type: ignore[call-overload]
    at = _verify(str(env["code"]))
    assert at.error and utcnow().date().isoformat() in at.error[0].value


def test_verify_page_rejects_forged_code(env: dict[str, object]) -> None:
    code = str(env["code"])
    at = _verify(code[:-1] + ("0" if code[-1] != "0" else "1"))
    assert at.error and not at.success


@pytest.mark.parametrize(
    ("role", "page"),
    [("trainee", "my_certificate_page.py"), ("agency", "certificates_page.py"), ("agency", "talent_pool_page.py"),
     ("agency", "dashboard_page.py"), ("agency", "verify_page.py")],
)  # fmt: skip
def test_certification_page_renders_for_role(env: dict[str, object], role: str, page: str) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["auth_token"] = env[role]
    at.run()
    at.switch_page(str(navigation.PAGES_DIR / page)).run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
